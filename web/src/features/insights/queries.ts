import { useQuery } from '@tanstack/react-query';
import { client, unwrap, type ApiBody, type ApiResult } from '../../lib/api.ts';
import { useApiMutation } from '../../lib/query.tsx';
import { customerKey } from '../customers/queries.ts';

export type Definition = ApiResult<'/api/v1/insights/measures', 'get'>[number];
export type Alert = ApiResult<'/api/v1/insights/alerts', 'get'>[number];
export type ModelOverview = ApiResult<'/api/v1/insights/model', 'get'>;
export type Provider = ApiResult<'/api/v1/insights/providers', 'get'>[number];
export type ProviderBody = ApiBody<'/api/v1/insights/providers', 'post'>;
export type ProviderMeasure = ProviderBody['measures'][number];
export type ProviderValidation = ApiResult<'/api/v1/insights/providers/validate', 'post'>;
export type SqlValidation = ApiResult<'/api/v1/insights/measures/validate', 'post'>;
export type MeasureFormat = ApiBody<'/api/v1/insights/measures', 'post'>['format'];

/**
 * Every head-office insights query starts here. A change refetches all of them (measures, model, alerts, providers)
 * and the card measures of every customer, before its confirmation shows: never beside the state from before it.
 */
const insightsKey = ['insights'] as const;
const changed = () => [insightsKey, ['customer']];

export function useMeasureDefinitions() {
  return useQuery({ queryKey: [...insightsKey, 'measures'], queryFn: () => unwrap(client.GET('/api/v1/insights/measures')) });
}
export function useModel() {
  return useQuery({ queryKey: [...insightsKey, 'model'], queryFn: () => unwrap(client.GET('/api/v1/insights/model')) });
}
export function useAlerts() {
  return useQuery({ queryKey: [...insightsKey, 'alerts'], queryFn: () => unwrap(client.GET('/api/v1/insights/alerts')) });
}
export function useProviders() {
  return useQuery({ queryKey: [...insightsKey, 'providers'], queryFn: () => unwrap(client.GET('/api/v1/insights/providers')) });
}

export function useRecompute() {
  return useApiMutation(() => unwrap(client.POST('/api/v1/insights/recompute', { body: {} })), changed);
}
export function useSaveModelSettings() {
  return useApiMutation((body: ApiBody<'/api/v1/insights/settings', 'put'>) => unwrap(client.PUT('/api/v1/insights/settings', { body })), changed);
}
export function useSetMeasureEnabled() {
  return useApiMutation(({ key, enabled }: { key: string; enabled: boolean }) => unwrap(client.PATCH('/api/v1/insights/measures/{key}', { params: { path: { key } }, body: { enabled } })), changed);
}
export function useDeleteMeasure() {
  return useApiMutation((key: string) => unwrap(client.DELETE('/api/v1/insights/measures/{key}', { params: { path: { key } } })), changed);
}
export function useValidateSql() {
  return useApiMutation((body: ApiBody<'/api/v1/insights/measures/validate', 'post'>) => unwrap(client.POST('/api/v1/insights/measures/validate', { body })), () => []);
}
export function useSaveSqlMeasure() {
  return useApiMutation((body: ApiBody<'/api/v1/insights/measures', 'post'>) => unwrap(client.POST('/api/v1/insights/measures', { body })), changed);
}

export function useValidateProvider() {
  return useApiMutation((target: { id: string } | { draft: ProviderBody }) => 'id' in target
    ? unwrap(client.POST('/api/v1/insights/providers/{id}/validate', { params: { path: { id: target.id } }, body: {} }))
    : unwrap(client.POST('/api/v1/insights/providers/validate', { body: target.draft })), () => []);
}
export function useSyncProvider() {
  return useApiMutation((id: string) => unwrap(client.POST('/api/v1/insights/providers/{id}/sync', { params: { path: { id } }, body: {} })), changed);
}
export function useSaveProvider() {
  return useApiMutation((body: ProviderBody) => unwrap(client.POST('/api/v1/insights/providers', { body })), changed);
}
export function useReplaceSecret() {
  return useApiMutation(({ id, ...body }: { id: string } & ApiBody<'/api/v1/insights/providers/{id}', 'patch'>) =>
    unwrap(client.PATCH('/api/v1/insights/providers/{id}', { params: { path: { id } }, body })), changed);
}
export function useRemoveProvider() {
  return useApiMutation((id: string) => unwrap(client.DELETE('/api/v1/insights/providers/{id}', { params: { path: { id } } })), changed);
}

// One customer's measures and next best actions (the customer page).
export function useCustomerMeasures(customerId: string) {
  return useQuery({ queryKey: [...customerKey(customerId), 'measures'], queryFn: () => unwrap(client.GET('/api/v1/customers/{id}/measures', { params: { path: { id: customerId } } })) });
}
export function useNextBestActions(customerId: string) {
  return useQuery({ queryKey: [...customerKey(customerId), 'next-best-actions'], queryFn: () => unwrap(client.GET('/api/v1/customers/{id}/next-best-actions', { params: { path: { id: customerId } } })) });
}

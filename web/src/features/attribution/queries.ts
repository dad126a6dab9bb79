import { useQuery } from '@tanstack/react-query';
import { client, unwrap, type ApiBody, type ApiResult } from '../../lib/api.ts';
import { useApiMutation } from '../../lib/query.tsx';
import { associatesKey } from '../client-book/queries.ts';

export type Statement = ApiResult<'/api/v1/attribution/statements/{associateId}', 'get'>;
export type StorePerformance = ApiResult<'/api/v1/performance/store/{storeId}', 'get'>;
export type Plan = ApiResult<'/api/v1/attribution/plans', 'get'>[number];
export type PlanBody = ApiBody<'/api/v1/attribution/plans', 'post'>;
export type SalesGroup = ApiResult<'/api/v1/attribution/sales-groups', 'get'>[number];
export type SalesGroupBody = ApiBody<'/api/v1/attribution/sales-groups', 'post'>;
export type StoreRef = ApiResult<'/api/v1/stores', 'get'>[number];

/** Every attribution query starts here: a run or a set-up change refetches statements, performance and set-up. */
const attributionKey = ['attribution'] as const;

export function useStatement(associateId: string, period: string) {
  return useQuery({
    queryKey: [...attributionKey, 'statement', associateId, period],
    queryFn: () => unwrap(client.GET('/api/v1/attribution/statements/{associateId}', { params: { path: { associateId }, query: { period } } })),
  });
}
export function useStorePerformance(storeId: string, range: { from: string; to: string }) {
  return useQuery({
    queryKey: [...attributionKey, 'performance', storeId, range],
    enabled: !!storeId && !!range.from && !!range.to,
    queryFn: () => unwrap(client.GET('/api/v1/performance/store/{storeId}', { params: { path: { storeId }, query: range } })),
  });
}
export function useStores(enabled = true) {
  return useQuery({ queryKey: ['stores'], enabled, queryFn: () => unwrap(client.GET('/api/v1/stores')) });
}
export function useActiveAssociates() {
  return useQuery({ queryKey: associatesKey, queryFn: () => unwrap(client.GET('/api/v1/associates')), select: (all) => all.filter((a) => a.active) });
}

export function usePlans() {
  return useQuery({ queryKey: [...attributionKey, 'plans'], queryFn: () => unwrap(client.GET('/api/v1/attribution/plans')) });
}
export function useSalesGroups() {
  return useQuery({ queryKey: [...attributionKey, 'sales-groups'], queryFn: () => unwrap(client.GET('/api/v1/attribution/sales-groups')) });
}
export function useAttributionSettings() {
  return useQuery({ queryKey: [...attributionKey, 'settings'], queryFn: () => unwrap(client.GET('/api/v1/attribution/settings')) });
}

const changed = () => [attributionKey];
export function useSavePlan() {
  return useApiMutation(({ id, body }: { id?: string; body: PlanBody }) => id
    ? unwrap(client.PUT('/api/v1/attribution/plans/{id}', { params: { path: { id } }, body }))
    : unwrap(client.POST('/api/v1/attribution/plans', { body })), changed);
}
export function useDeletePlan() {
  return useApiMutation((id: string) => unwrap(client.DELETE('/api/v1/attribution/plans/{id}', { params: { path: { id } } })), changed);
}
export function useSaveSalesGroup() {
  return useApiMutation(({ id, body }: { id?: string; body: SalesGroupBody }) => id
    ? unwrap(client.PUT('/api/v1/attribution/sales-groups/{id}', { params: { path: { id } }, body }))
    : unwrap(client.POST('/api/v1/attribution/sales-groups', { body })), changed);
}
export function useDeleteSalesGroup() {
  return useApiMutation((id: string) => unwrap(client.DELETE('/api/v1/attribution/sales-groups/{id}', { params: { path: { id } } })), changed);
}
export function useSaveAttributionSettings() {
  return useApiMutation((body: ApiBody<'/api/v1/attribution/settings', 'put'>) => unwrap(client.PUT('/api/v1/attribution/settings', { body })), changed);
}
export function useRunAttribution() {
  return useApiMutation(() => unwrap(client.POST('/api/v1/attribution/run')), changed);
}

import { useQuery } from '@tanstack/react-query';
import { client, unwrap, type ApiBody, type ApiResult, type components } from '../../lib/api.ts';
import { useApiMutation } from '../../lib/query.tsx';
import { customerKey } from '../customers/queries.ts';

export type Recommendation = components['schemas']['Recommendation'];
export type RecommendationKind = Recommendation['kind'];
export type Overview = ApiResult<'/api/v1/recommendations/setup', 'get'>;

export function useRecommendations(customerId: string, limit: number, includeOutOfStock: boolean) {
  return useQuery({
    queryKey: [...customerKey(customerId), 'recommendations', { limit, includeOutOfStock }],
    queryFn: () => unwrap(client.GET('/api/v1/customers/{id}/recommendations', { params: { path: { id: customerId }, query: { limit, includeOutOfStock } } })),
  });
}

/** Set-up changes and a mining run change every customer's suggestions, so those are refetched too. */
const setupKey = ['recommendations', 'setup'] as const;
const changed = () => [setupKey, ['customer']];

export function useRecommendationSetup() {
  return useQuery({ queryKey: setupKey, queryFn: () => unwrap(client.GET('/api/v1/recommendations/setup')) });
}
export function useMineNow() {
  return useApiMutation(() => unwrap(client.POST('/api/v1/recommendations/mine')), changed);
}
export function useSaveRecommendationSettings() {
  return useApiMutation((body: ApiBody<'/api/v1/recommendations/settings', 'put'>) => unwrap(client.PUT('/api/v1/recommendations/settings', { body })), changed);
}
export function useAddComplement() {
  return useApiMutation((body: ApiBody<'/api/v1/recommendations/complements', 'post'>) => unwrap(client.POST('/api/v1/recommendations/complements', { body })), changed);
}
export function useRemoveComplement() {
  return useApiMutation((id: string) => unwrap(client.DELETE('/api/v1/recommendations/complements/{id}', { params: { path: { id } } })), changed);
}

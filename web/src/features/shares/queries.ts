import { keepPreviousData, useMutation, useQuery } from '@tanstack/react-query';
import { client, unwrap, type ApiBody, type ApiResult } from '../../lib/api.ts';
import { useApiMutation } from '../../lib/query.tsx';
import { customerKey } from '../customers/queries.ts';

export type PublicLook = ApiResult<'/api/v1/public/looks/{token}', 'get'>;
export type Availability = PublicLook['products'][number]['availability'];
export type LookSummary = ApiResult<'/api/v1/customers/{id}/looks', 'get'>[number];
export type ShareLook = ApiBody<'/api/v1/customers/{id}/looks', 'post'>;

/** Looks sent to a customer, under the customer's key: whatever changes the customer refetches them. */
export function useCustomerLooks(customerId: string) {
  return useQuery({
    queryKey: [...customerKey(customerId), 'looks'],
    queryFn: () => unwrap(client.GET('/api/v1/customers/{id}/looks', { params: { path: { id: customerId } } })),
  });
}

/** Sending a look writes an outreach message (timeline, contact budget) as well as the look: the whole customer is refetched. */
export function useShareLook(customerId: string) {
  return useApiMutation(
    (body: ShareLook) => unwrap(client.POST('/api/v1/customers/{id}/looks', { params: { path: { id: customerId } }, body })),
    () => [customerKey(customerId)],
  );
}

/** Products matching a search, each answer kept under the term it answers (an older, slower answer never replaces a newer one). */
export function useLookProducts(customerId: string, term: string, enabled: boolean) {
  return useQuery({
    queryKey: [...customerKey(customerId), 'look-products', term],
    enabled: enabled && term.length >= 2,
    placeholderData: keepPreviousData,
    queryFn: ({ signal }) => unwrap(client.GET('/api/v1/customers/{id}/look-products', { params: { path: { id: customerId }, query: { q: term, limit: 20 } }, signal })),
  });
}

/** The customer's page. Each read records a view on the associate's timeline, so it is read once per visit, not refreshed. */
export function usePublicLook(token: string) {
  return useQuery({
    queryKey: ['public', 'looks', token],
    staleTime: Infinity,
    queryFn: () => unwrap(client.GET('/api/v1/public/looks/{token}', { params: { path: { token } } })),
  });
}

export function useRecordLookClick(token: string) {
  return useMutation({ mutationFn: (productId: string) => unwrap(client.POST('/api/v1/public/looks/{token}/clicks', { params: { path: { token } }, body: { productId } })) });
}

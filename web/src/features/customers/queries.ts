import { keepPreviousData, queryOptions, useQuery } from '@tanstack/react-query';
import { client, unwrap, type ApiBody, type ApiPathParams, type ApiResult } from '../../lib/api.ts';
import { useApiMutation } from '../../lib/query.tsx';

export type Profile = ApiResult<'/api/v1/customers/{id}/profile', 'get'>;
export type Order = Profile['recentPurchases'][number];
export type Interaction = Profile['recentInteractions'][number];
export type CustomerHit = ApiResult<'/api/v1/customers', 'get'>[number];
export type BulkAddResult = ApiResult<'/api/v1/client-book/customers/bulk', 'post'>;
export type PreferenceKind = ApiBody<'/api/v1/customers/{id}/preferences', 'post'>['kind'];
export type ConsentChannel = ApiPathParams<'/api/v1/customers/{id}/consents/{channel}', 'put'>['channel'];
type Duplicate = ApiResult<'/api/v1/customers/{id}/duplicates', 'get'>[number];

/** Every query about one customer starts with this key, so a change to the customer refetches all of them. */
export const customerKey = (id: string) => ['customer', id] as const;

export function useProfile(id: string) {
  return useQuery(profileOptions(id));
}

/** Also what the offline copy loads ahead for each customer of the book (lib/offline.tsx). */
export function profileOptions(id: string) {
  return queryOptions({ queryKey: [...customerKey(id), 'profile'], queryFn: () => unwrap(client.GET('/api/v1/customers/{id}/profile', { params: { path: { id } } })) });
}

/** The customer record alone (name, contact), for panels that need only that. */
export function useCustomer(id: string) {
  return useQuery({ queryKey: [...customerKey(id), 'record'], queryFn: () => unwrap(client.GET('/api/v1/customers/{id}', { params: { path: { id } } })) });
}

export type CustomerRecord = ApiResult<'/api/v1/customers/{id}', 'get'>;
export type CustomerPatch = ApiBody<'/api/v1/customers/{id}', 'patch'>;

/** Changes a customer's contact details; every query about the customer (profile, card, record) is refetched. */
export function useUpdateCustomer(id: string) {
  return useApiMutation(
    (body: CustomerPatch) => unwrap(client.PATCH('/api/v1/customers/{id}', { params: { path: { id } }, body })),
    () => [customerKey(id), ['client-book']],
  );
}

export function useDuplicates(id: string, enabled: boolean) {
  return useQuery<Duplicate[]>({ queryKey: [...customerKey(id), 'duplicates'], enabled, queryFn: () => unwrap(client.GET('/api/v1/customers/{id}/duplicates', { params: { path: { id } } })) });
}

/**
 * Customers matching a search. The term is part of the key, so each answer is kept under the term it answers: a slow
 * answer to an older term never replaces a newer one; while the new one loads, the last shown stays (marked stale).
 */
export function useCustomerSearch(term: string, allStores: boolean) {
  return useQuery({
    queryKey: ['customers', 'search', { term, allStores }],
    enabled: term.length >= 2,
    placeholderData: keepPreviousData,
    queryFn: ({ signal }) => unwrap(client.GET('/api/v1/customers', { params: { query: { q: term, allStores, limit: 30 } }, signal })),
  });
}

export function useAddToMyBook() {
  return useApiMutation(
    (customerIds: string[]) => unwrap(client.POST('/api/v1/client-book/customers/bulk', { body: { customerIds } })),
    (ids) => [['client-book'], ...ids.map(customerKey)],
  );
}

export function useErase(id: string) {
  return useApiMutation((reason: string) => unwrap(client.POST('/api/v1/customers/{id}/erase', { params: { path: { id } }, body: { reason } })), () => [customerKey(id)]);
}

export function useMerge(id: string) {
  return useApiMutation(
    (duplicateId: string) => unwrap(client.POST('/api/v1/customers/{id}/merge', { params: { path: { id } }, body: { duplicateId } })),
    (duplicateId) => [customerKey(id), customerKey(duplicateId), ['client-book']],
  );
}

export function useExport(id: string) {
  return useApiMutation(() => unwrap(client.GET('/api/v1/customers/{id}/export', { params: { path: { id } } })), () => []);
}

export function useAddPreference(id: string) {
  return useApiMutation(
    (body: ApiBody<'/api/v1/customers/{id}/preferences', 'post'>) => unwrap(client.POST('/api/v1/customers/{id}/preferences', { params: { path: { id } }, body })),
    () => [customerKey(id)],
  );
}

export function useRemovePreference(id: string) {
  return useApiMutation(
    (preferenceId: string) => unwrap(client.DELETE('/api/v1/customers/{id}/preferences/{preferenceId}', { params: { path: { id, preferenceId } } })),
    () => [customerKey(id)],
  );
}

export function useSetConsent(id: string) {
  return useApiMutation(
    ({ channel, granted }: { channel: ConsentChannel; granted: boolean }) =>
      unwrap(client.PUT('/api/v1/customers/{id}/consents/{channel}', { params: { path: { id, channel } }, body: { granted, source: 'in store, told the associate' } })),
    () => [customerKey(id)],
  );
}

import { useInfiniteQuery, useQuery } from '@tanstack/react-query';
import { client, unwrap, type ApiBody, type ApiResult } from '../../lib/api.ts';
import { useApiMutation } from '../../lib/query.tsx';
import { associatesKey, clientBookKey } from '../client-book/queries.ts';

export type Associate = ApiResult<'/api/v1/associates', 'get'>[number];
export type Token = ApiResult<'/api/v1/api-tokens', 'get'>[number];

export function useAllAssociates() {
  return useQuery({ queryKey: associatesKey, queryFn: () => unwrap(client.GET('/api/v1/associates')) });
}
export function useRoles() {
  return useQuery({ queryKey: ['roles'], queryFn: () => unwrap(client.GET('/api/v1/roles')) });
}
export function useApiTokens() {
  return useQuery({ queryKey: ['api-tokens'], queryFn: () => unwrap(client.GET('/api/v1/api-tokens')) });
}

export function useInvite() {
  return useApiMutation((body: ApiBody<'/api/v1/associates', 'post'>) => unwrap(client.POST('/api/v1/associates', { body })), () => [associatesKey]);
}
/** Deactivating hands the client book over (the books and hand-overs change too); a successor may be chosen. */
export function useSetActive() {
  return useApiMutation(
    ({ id, ...body }: { id: string } & ApiBody<'/api/v1/associates/{id}/active', 'put'>) => unwrap(client.PUT('/api/v1/associates/{id}/active', { params: { path: { id } }, body })),
    () => [associatesKey, clientBookKey, handOverPreviewKey],
  );
}

const handOverPreviewKey = ['hand-over-preview'] as const;
/** What deactivating this associate would do with their client book, by the legal entity's hand-over rule. */
export function useHandOverPreview(id: string | null) {
  return useQuery({
    queryKey: [...handOverPreviewKey, id],
    queryFn: () => unwrap(client.GET('/api/v1/associates/{id}/hand-over', { params: { path: { id: id! } } })),
    enabled: !!id,
    staleTime: 0,
  });
}
export function useResendInvitation() {
  return useApiMutation((id: string) => unwrap(client.POST('/api/v1/associates/{id}/invitation', { params: { path: { id } } })), () => [associatesKey]);
}
export function useCancelInvitation() {
  return useApiMutation((id: string) => unwrap(client.DELETE('/api/v1/associates/{id}/invitation', { params: { path: { id } } })), () => [associatesKey]);
}
export function useCreateToken() {
  return useApiMutation((name: string) => unwrap(client.POST('/api/v1/api-tokens', { body: { name } })), () => [['api-tokens']]);
}
export function useRevokeToken() {
  return useApiMutation((id: string) => unwrap(client.DELETE('/api/v1/api-tokens/{id}', { params: { path: { id } } })), () => [['api-tokens']]);
}

const AUDIT_PAGE = 100;
/** The audit log, newest first, 100 entries a page; a full page means there may be more. */
export function useAuditLog(entityType: string) {
  return useInfiniteQuery({
    queryKey: ['audit', entityType],
    initialPageParam: undefined as number | undefined,
    queryFn: ({ pageParam }) => unwrap(client.GET('/api/v1/audit', { params: { query: { entityType: entityType || undefined, limit: AUDIT_PAGE, beforeId: pageParam } } })),
    getNextPageParam: (last) => (last.length === AUDIT_PAGE ? last[last.length - 1].id : undefined),
  });
}

// The invitation page (public: opened from the email).
const invitationKey = (token: string) => ['invitation', token] as const;
export function useInvitation(token: string) {
  return useQuery({ queryKey: invitationKey(token), queryFn: () => unwrap(client.GET('/api/v1/invitations/{token}', { params: { path: { token } } })) });
}
export function useAcceptInvitation(token: string) {
  return useApiMutation((body: ApiBody<'/api/v1/invitations/{token}/accept', 'post'>) => unwrap(client.POST('/api/v1/invitations/{token}/accept', { params: { path: { token } }, body })), () => []);
}
export function useDeclineInvitation(token: string) {
  return useApiMutation(() => unwrap(client.POST('/api/v1/invitations/{token}/decline', { params: { path: { token } } })), () => [invitationKey(token)]);
}

import { useQuery } from '@tanstack/react-query';
import { client, unwrap, type ApiResult } from '../../lib/api.ts';
import { useApiMutation } from '../../lib/query.tsx';

export type MySession = ApiResult<'/api/v1/me/sessions', 'get'>[number];
export type AnySession = ApiResult<'/api/v1/sessions', 'get'>[number];

const statusKey = ['me', 'second-factor'] as const;
const mySessionsKey = ['me', 'sessions'] as const;
const allSessionsKey = ['sessions'] as const;

export function useSecondFactorStatus() {
  return useQuery({ queryKey: statusKey, queryFn: () => unwrap(client.GET('/api/v1/me/second-factor')) });
}
/** A new authenticator secret; nothing changes at sign-in until a first code confirms it. */
export function useBeginEnrolment() {
  return useApiMutation(() => unwrap(client.POST('/api/v1/me/second-factor')), () => []);
}
export function useConfirmEnrolment() {
  return useApiMutation((code: string) => unwrap(client.POST('/api/v1/me/second-factor/confirm', { body: { code } })), () => [statusKey]);
}
export function useRemoveSecondFactor() {
  return useApiMutation((code: string) => unwrap(client.POST('/api/v1/me/second-factor/remove', { body: { code } })), () => [statusKey]);
}

export function useMySessions() {
  return useQuery({ queryKey: mySessionsKey, queryFn: () => unwrap(client.GET('/api/v1/me/sessions')) });
}
export function useRevokeMySession() {
  return useApiMutation((id: string) => unwrap(client.DELETE('/api/v1/me/sessions/{id}', { params: { path: { id } } })), () => [mySessionsKey, allSessionsKey]);
}
export function useRevokeMyOtherSessions() {
  return useApiMutation(() => unwrap(client.POST('/api/v1/me/sessions/revoke-others')), () => [mySessionsKey, allSessionsKey]);
}

/** Head office: every open session of the legal entity's associates. */
export function useAllSessions(enabled: boolean) {
  return useQuery({ queryKey: allSessionsKey, queryFn: () => unwrap(client.GET('/api/v1/sessions')), enabled });
}
export function useRevokeAnySession() {
  return useApiMutation((id: string) => unwrap(client.DELETE('/api/v1/sessions/{id}', { params: { path: { id } } })), () => [allSessionsKey, mySessionsKey]);
}

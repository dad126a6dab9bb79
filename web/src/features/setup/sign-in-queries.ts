import { useQuery } from '@tanstack/react-query';
import { client, unwrap, type ApiBody, type ApiResult } from '../../lib/api.ts';
import { useApiMutation } from '../../lib/query.tsx';

// Head office's sign-in set-up: the legal entity's OpenID Connect provider (with the password sign-in switch) and the
// hand-over rule for a leaver's client book.
export type OidcSettings = NonNullable<ApiResult<'/api/v1/sso/oidc', 'get'>>;
export type OidcSettingsInput = ApiBody<'/api/v1/sso/oidc', 'put'>;
export type HandOverRule = ApiResult<'/api/v1/hand-over-rule', 'get'>;
export type HandOverRuleInput = ApiBody<'/api/v1/hand-over-rule', 'put'>;

const oidcKey = ['sign-in-settings', 'oidc'] as const;
const ruleKey = ['sign-in-settings', 'hand-over-rule'] as const;

export function useOidcSettings() {
  return useQuery({ queryKey: oidcKey, queryFn: () => unwrap(client.GET('/api/v1/sso/oidc')) });
}
export function useSaveOidcSettings() {
  return useApiMutation((body: OidcSettingsInput) => unwrap(client.PUT('/api/v1/sso/oidc', { body })), () => [oidcKey]);
}

export function useHandOverRule() {
  return useQuery({ queryKey: ruleKey, queryFn: () => unwrap(client.GET('/api/v1/hand-over-rule')) });
}
export function useSaveHandOverRule() {
  // The associates screen's preview of a deactivation follows the rule.
  return useApiMutation((body: HandOverRuleInput) => unwrap(client.PUT('/api/v1/hand-over-rule', { body })), () => [ruleKey, ['hand-over-preview']]);
}

import { defineErrors } from '../../http/errors.ts';

/** What can go wrong signing in, with sessions, tokens and invitations; clients see `auth.<code>` in problem+json. */
export const authErrors = defineErrors('auth', {
  wrong_credentials: 'unauthenticated',
  sign_in_throttled: 'rate_limited',
  no_active_associate: 'forbidden',
  not_associate_of_legal_entity: 'forbidden',
  /** A user of several legal entities signed in without naming one; `legalEntities` lists them. */
  choose_legal_entity: 'conflict',
  not_at_store: 'forbidden',
  associate_inactive: 'forbidden',
  store_needs_session: 'validation',
  associate_not_found: 'not_found',
  api_token_not_found: 'not_found',
  email_not_configured: 'feature_disabled',
  invitation_email_failed: 'unprocessable',
  associate_email_taken: 'conflict',
  personnel_number_taken: 'conflict',
  /** Resend or cancel: the associate has no invitation still open. */
  open_invitation_not_found: 'not_found',
  /** The invitee's link: used, declined, cancelled or expired. */
  invitation_link_invalid: 'not_found',
  invitation_needs_account_owner: 'unauthenticated',
  wrong_password: 'unauthenticated',
  already_associate: 'conflict',
  password_too_short: 'validation',
  /** The pending token of a two-step sign-in: expired, used, or for the other step. */
  sign_in_pending_invalid: 'unauthenticated',
  /** A wrong second-factor or recovery code (counted by the back-off). */
  wrong_code: 'unauthenticated',
  /** The code was right but was already used: wait for the next one. */
  code_already_used: 'unauthenticated',
  second_factor_exists: 'conflict',
  /** The associate's role requires a second factor, so it can't be turned off. */
  second_factor_required: 'forbidden',
  role_not_found: 'not_found',
  /** Neither a code nor a recovery code was sent. */
  code_missing: 'validation',
  second_factor_needs_session: 'forbidden',
  /** An API token's scope names a permission its associate lacks. */
  scope_not_granted: 'validation',
  session_not_found: 'not_found',
  /** Single sign-on (OpenID Connect). */
  sso_not_configured: 'not_found',
  sso_provider_unreachable: 'unprocessable',
  sso_settings_invalid: 'validation',
  sso_state_invalid: 'unauthenticated',
  sso_token_invalid: 'unauthenticated',
  sso_email_missing: 'unauthenticated',
  sso_domain_not_allowed: 'forbidden',
  sso_no_role: 'forbidden',
  /** SAML: the legal entity's SAML sign-in is switched off. */
  saml_disabled: 'feature_disabled',
  /** SAML: the Response was refused (signature, audience, destination, recipient, validity window, issuer, status). */
  saml_response_invalid: 'unauthenticated',
  /** The legal entity signs in through its single sign-on only. */
  password_sign_in_disabled: 'forbidden',
});

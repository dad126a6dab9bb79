import { Type } from '@sinclair/typebox';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { App } from '../../http/types.ts';
import { Obj, Uuid, Ok } from '../../http/schemas.ts';
import { SESSION_COOKIE } from '../../http/session-cookie.ts';
import { secretKey } from '../../db/secret-key.ts';
import { audit } from '../audit/service.ts';
import { authErrors } from './errors.ts';
import { MeSchema as Me } from './auth-schemas.ts';
import { createCodeThrottle } from './sign-in-throttle.ts';
import { startSession, describeMe, type SignInResult } from './service.ts';
import {
  openChallenge, closeChallenge, beginEnrolment, confirmEnrolment, takeCode, takeRecoveryCode, describeSecondFactor,
  secondFactorRequired, removeSecondFactor, setRoleRequirement, requiringRoles, nextStep, createChallenge, type SignInTarget,
} from './second-factor.ts';


const Code = Type.String({ minLength: 6, maxLength: 12 });
const PendingToken = Type.String({ minLength: 10, maxLength: 100 });
const Enrolment = Type.Object({ secret: Type.String(), otpauthUri: Type.String() });
const RecoveryCodes = Type.Array(Type.String(), { minItems: 10, maxItems: 10 });

/** What a session list shows of where it was signed in from. */
export const clientOf = (req: FastifyRequest) => ({ userAgent: req.headers['user-agent'], ipAddress: req.ip });

/** How a session was started, as the audit log records it. */
export type SignInMethod = `${'password' | 'openid' | 'saml'}${'' | '+code' | '+recovery_code' | '+enrolment'}` | 'openid+provider_mfa' | 'invitation';

/** Sets the session cookie, records the sign-in in the audit log, and answers who signed in. */
export async function sessionReply(app: App, reply: FastifyReply, result: SignInResult, method: SignInMethod) {
  await audit(app.db, result.auth, 'sign_in', 'session', result.auth.sessionId ?? null, { method, ipAddress: reply.request.ip });
  reply.setCookie(SESSION_COOKIE, result.token, {
    httpOnly: true, sameSite: 'lax', secure: app.config.secureCookies, path: '/', expires: new Date(result.expiresAt),
  });
  return describeMe(app.db, result.auth);
}

/**
 * The end of a single sign-on (OpenID Connect or SAML), once the provider's answer was accepted: the browser goes to
 * the sign-in page's code step when this app's second factor is due (in the fragment: never sent to a server, nor in
 * a Referer; the page takes it and clears it), else into the app with a session. `providerMfa`: the provider said it
 * used several factors, and its word stands for the second.
 */
export async function ssoSignInReply(app: App, req: FastifyRequest, reply: FastifyReply, target: SignInTarget, protocol: 'openid' | 'saml', providerMfa = false) {
  const step = providerMfa ? null : await nextStep(app.db, target);
  if (step) {
    const pending = await createChallenge(app.db, target, step, protocol);
    const lang = pending.language ? `&lang=${pending.language}` : '';
    return reply.redirect(`/#sso_step=${step}&pending=${encodeURIComponent(pending.pendingToken)}${lang}`, 302);
  }
  const result = await startSession(app.db, target, app.config.sessionHours, clientOf(req));
  await sessionReply(app, reply, result, providerMfa ? 'openid+provider_mfa' : protocol);
  return reply.redirect('/', 302);
}

/** The second step of a password sign-in, enrolment, and the second-factor settings of a user and of roles. */
export function secondFactorRoutes(app: App) {
  const codes = createCodeThrottle(app.db);
  const key = () => secretKey(app.db, app.config.secretKey);

  /** Runs a code check under the back-off: a refusal stays counted, a success ends the user's streak. */
  async function checked<T>(ip: string, userId: string, check: () => Promise<T>): Promise<T> {
    await codes.admit(ip, userId);
    const result = await check();
    await codes.succeeded(ip, userId);
    return result;
  }

  app.post('/auth/sign-in/second-factor', {
    config: { public: true },
    schema: {
      tags: ['auth'], security: [],
      summary: 'Finish a sign-in (password, or single sign-on without the provider\'s multi-factor) with the authenticator code, or one of the recovery codes (each works once)',
      body: Obj({ pendingToken: PendingToken, code: Type.Optional(Code), recoveryCode: Type.Optional(Type.String({ minLength: 6, maxLength: 20 })) }),
      response: { 200: Me },
    },
  }, async (req, reply) => {
    const { pendingToken, code, recoveryCode } = req.body;
    if (!code && !recoveryCode) throw authErrors.code_missing('Enter the code from your authenticator app, or a recovery code.', { field: 'code' });
    const target = await openChallenge(app.db, pendingToken, 'verify');
    const k = await key();
    await checked(req.ip, target.userId, async () => {
      if (code) {
        const taken = await takeCode(app.db, k, target.userId, code, true);
        if (taken === 'reused') throw authErrors.code_already_used('That code was already used: wait for the next one.', { field: 'code' });
        if (taken === 'wrong') throw authErrors.wrong_code('That code is not right.', { field: 'code' });
      } else if (!(await takeRecoveryCode(app.db, target.userId, recoveryCode!))) {
        throw authErrors.wrong_code('That recovery code is not right, or was already used.', { field: 'recoveryCode' });
      }
    });
    if (!(await closeChallenge(app.db, pendingToken))) throw authErrors.sign_in_pending_invalid('This sign-in was already completed.');
    const result = await startSession(app.db, target, app.config.sessionHours, clientOf(req));
    return sessionReply(app, reply, result, `${target.firstFactor}${code ? '+code' : '+recovery_code'}`);
  });

  app.post('/auth/sign-in/enrolment', {
    config: { public: true },
    schema: {
      tags: ['auth'], security: [],
      summary: 'For a role that requires a second factor: a new authenticator secret (as an otpauth URI) for the pending sign-in',
      body: Obj({ pendingToken: PendingToken }), response: { 200: Enrolment },
    },
  }, async (req) => {
    const target = await openChallenge(app.db, req.body.pendingToken, 'enrol');
    return beginEnrolment(app.db, await key(), target.userId);
  });

  app.post('/auth/sign-in/enrolment/confirm', {
    config: { public: true },
    schema: {
      tags: ['auth'], security: [],
      summary: 'Confirm enrolment with a first code: signs in, and answers the ten recovery codes (shown this once)',
      body: Obj({ pendingToken: PendingToken, code: Code }),
      response: { 200: Type.Object({ ...Me.properties, recoveryCodes: RecoveryCodes }) },
    },
  }, async (req, reply) => {
    const target = await openChallenge(app.db, req.body.pendingToken, 'enrol');
    const k = await key();
    const recoveryCodes = await checked(req.ip, target.userId, () => confirmEnrolment(app.db, k, target.userId, req.body.code));
    if (!(await closeChallenge(app.db, req.body.pendingToken))) throw authErrors.sign_in_pending_invalid('This sign-in was already completed.');
    const result = await startSession(app.db, target, app.config.sessionHours, clientOf(req));
    await audit(app.db, result.auth, 'update', 'user', target.userId, { secondFactor: 'enrolled' });
    return { ...(await sessionReply(app, reply, result, `${target.firstFactor}+enrolment`)), recoveryCodes };
  });

  const Status = Type.Object({ enabled: Type.Boolean(), required: Type.Boolean(), recoveryCodesLeft: Type.Integer() });

  app.get('/me/second-factor', {
    schema: { tags: ['auth'], summary: 'Whether my second factor is on, whether my roles require it, recovery codes left', response: { 200: Status } },
  }, async (req) => describeSecondFactor(app.db, req.auth!.userId, req.auth!.associateId));

  const sessionOnly = (via: string) => {
    if (via !== 'session') throw authErrors.second_factor_needs_session('A second factor is set up by a signed-in person, not an API token.');
  };

  app.post('/me/second-factor', {
    schema: { tags: ['auth'], summary: 'Start setting up an authenticator: a new secret as an otpauth URI, confirmed by a first code', response: { 200: Enrolment } },
  }, async (req) => {
    sessionOnly(req.auth!.via);
    return beginEnrolment(app.db, await key(), req.auth!.userId);
  });

  app.post('/me/second-factor/confirm', {
    schema: {
      tags: ['auth'], summary: 'Confirm the authenticator with its first code; answers the ten recovery codes, shown this once',
      body: Obj({ code: Code }), response: { 200: Type.Object({ recoveryCodes: RecoveryCodes }) },
    },
  }, async (req) => {
    const auth = req.auth!;
    sessionOnly(auth.via);
    const k = await key();
    const recoveryCodes = await checked(req.ip, auth.userId, () => confirmEnrolment(app.db, k, auth.userId, req.body.code));
    await audit(app.db, auth, 'update', 'user', auth.userId, { secondFactor: 'enrolled' });
    return { recoveryCodes };
  });

  app.post('/me/second-factor/remove', {
    schema: { tags: ['auth'], summary: 'Turn my second factor off, with a current code; refused when a role of mine requires it', body: Obj({ code: Code }), response: { 200: Ok } },
  }, async (req) => {
    const auth = req.auth!;
    sessionOnly(auth.via);
    if (await secondFactorRequired(app.db, auth.associateId)) throw authErrors.second_factor_required('Your role requires a second factor.');
    const k = await key();
    await checked(req.ip, auth.userId, async () => {
      if ((await takeCode(app.db, k, auth.userId, req.body.code, true)) !== 'ok') throw authErrors.wrong_code('That code is not right.', { field: 'code' });
    });
    await removeSecondFactor(app.db, auth.userId);
    await audit(app.db, auth, 'update', 'user', auth.userId, { secondFactor: 'removed' });
    return { ok: true };
  });

  app.get('/second-factor/roles', {
    config: { permission: 'users.manage' },
    schema: {
      tags: ['auth'], summary: 'Roles of this legal entity whose associates must use a second factor (roles granting users.manage always do)',
      response: { 200: Type.Object({ roleIds: Type.Array(Uuid) }) },
    },
  }, async (req) => ({ roleIds: await requiringRoles(app.db, req.auth!.legalEntityId) }));

  app.put('/second-factor/roles/:roleId', {
    config: { permission: 'users.manage' },
    schema: {
      tags: ['auth'], summary: 'Require (or stop requiring) a second factor for a role', params: Obj({ roleId: Uuid }),
      body: Obj({ required: Type.Boolean() }), response: { 200: Ok },
    },
  }, async (req) => {
    if (!(await setRoleRequirement(app.db, req.auth!.legalEntityId, req.params.roleId, req.body.required))) throw authErrors.role_not_found('Role was not found.');
    await audit(app.db, req.auth!, 'update', 'role', req.params.roleId, { secondFactorRequired: req.body.required });
    return { ok: true };
  });
}

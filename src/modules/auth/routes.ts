import { Type } from '@sinclair/typebox';
import type { App } from '../../http/types.ts';
import { Obj, Uuid, Nullable, Ok } from '../../http/schemas.ts';
import { createRateLimiter } from '../../http/rate-limit.ts';
import { createSignInThrottle } from './sign-in-throttle.ts';
import { SESSION_COOKIE } from '../../http/session-cookie.ts';
import { AppError } from '../../http/errors.ts';
import { authErrors } from './errors.ts';
import { checkSignIn, signOut, describeMe, switchStore, setLanguage, createApiToken, startSession, storesOfAssociate } from './service.ts';
import { describeInvitation, acceptInvitation, declineInvitation } from './invitations.ts';
import { dummyHash, sha256 } from './passwords.ts';
import { audit } from '../audit/service.ts';
import { nextStep, createChallenge } from './second-factor.ts';
import { secondFactorRoutes, sessionReply, clientOf } from './second-factor-routes.ts';
import { ApiTokenCreatedSchema, ApiTokenSchema, InvitationSchema, MeSchema as Me, PendingSignInSchema as PendingSignIn, ScopesSchema } from './auth-schemas.ts';
import { sessionRoutes } from './sessions-routes.ts';
import { oidcRoutes } from './oidc-routes.ts';
import { samlRoutes } from './saml-routes.ts';
import { listApiTokens, revokeApiToken, associateInLegalEntity } from './queries.ts';


export default async function authRoutes(app: App) {
  // Every attempt per address and minute (a ceiling on bursts), then back-off on failures per address and per account.
  const byIp = createRateLimiter(app.db, { name: 'sign-in', max: app.config.signInRateLimit, windowMs: 60_000 });
  const throttle = createSignInThrottle(app.db);
  void dummyHash(); // made now, so the first unknown address costs no more than the next

  app.post('/auth/sign-in', {
    config: { public: true },
    schema: {
      tags: ['auth'], security: [],
      summary: 'Sign in with email and password; sets an HTTP-only session cookie, or answers 202 when a second factor is next',
      description: 'Without legalEntityId, a user who is an associate of several legal entities is answered 409 with code '
        + '"auth.choose_legal_entity" and `legalEntities` [{id, code, name}]; sign in again naming one. Failed attempts are '
        + 'slowed per client address and per account: 429 with Retry-After, the same for any address. With a second factor '
        + '(or a role that requires one), the answer is 202 {secondFactor: "verify" | "enrol", pendingToken, expiresAt}: '
        + 'continue with /auth/sign-in/second-factor, or enrol with /auth/sign-in/enrolment first.',
      body: Obj({
        email: Type.String({ minLength: 3, maxLength: 320 }),
        password: Type.String({ minLength: 1, maxLength: 1024 }),
        legalEntityId: Type.Optional(Uuid),
        storeId: Type.Optional(Uuid),
      }),
      response: { 200: Me, 202: PendingSignIn },
    },
  }, async (req, reply) => {
    await byIp(req);
    await throttle.admit(req.ip, req.body.email);
    let target;
    try {
      target = await checkSignIn(app.db, req.body);
    } catch (err) {
      // Only a wrong email or password stays counted; any other refusal came after the right password.
      if (!(err instanceof AppError && err.kind === 'unauthenticated')) await throttle.succeeded(req.ip, req.body.email);
      throw err;
    }
    await throttle.succeeded(req.ip, req.body.email);
    const step = await nextStep(app.db, target);
    if (step) return reply.status(202).send(await createChallenge(app.db, target, step));
    return sessionReply(app, reply, await startSession(app.db, target, app.config.sessionHours, clientOf(req)), 'password');
  });

  secondFactorRoutes(app);
  sessionRoutes(app);
  oidcRoutes(app);
  await samlRoutes(app);

  const invitationLimit = createRateLimiter(app.db, { name: 'invitation', max: 30, windowMs: 60_000 });
  const InvitationToken = Obj({ token: Type.String({ minLength: 10, maxLength: 100 }) });

  app.get('/invitations/:token', {
    config: { public: true }, preHandler: invitationLimit,
    schema: {
      tags: ['auth'], security: [], summary: 'An invitation to become an associate, as its link shows it to the invitee', params: InvitationToken,
      response: { 200: InvitationSchema },
    },
  }, async (req) => describeInvitation(app.db, req.params.token));

  app.post('/invitations/:token/accept', {
    config: { public: true }, preHandler: invitationLimit,
    schema: {
      tags: ['auth'], security: [], params: InvitationToken,
      summary: 'Accept an invitation: signed in as the invited account, or with its password, or choosing a password for a new account; signs in to the inviting legal entity',
      body: Obj({ password: Type.Optional(Type.String({ minLength: 1, maxLength: 1024 })) }),
      response: { 200: Me, 202: PendingSignIn },
    },
  }, async (req, reply) => {
    // The account's password may be tried here too: the same back-off as sign-in, the link standing for the account.
    const key = `invitation:${sha256(req.params.token)}`;
    const password = req.body.password;
    if (password) await throttle.admit(req.ip, key);
    let accepted;
    try {
      accepted = await acceptInvitation(app.db, req.params.token, { userId: req.auth?.via === 'session' ? req.auth.userId : null, password });
    } catch (err) {
      if (password && !(err instanceof AppError && err.kind === 'unauthenticated')) await throttle.succeeded(req.ip, key);
      throw err;
    }
    if (password) await throttle.succeeded(req.ip, key);
    if (req.sessionToken) await signOut(app.db, req.sessionToken);
    // The new associate's sign-in passes their second factor like any other (or enrols, when their role requires one).
    const target = { ...accepted, storeId: (await storesOfAssociate(app.db, accepted.associateId))[0] ?? null };
    const step = await nextStep(app.db, target);
    if (step) return reply.status(202).send(await createChallenge(app.db, target, step));
    const result = await startSession(app.db, target, app.config.sessionHours, clientOf(req));
    await audit(app.db, result.auth, 'update', 'associate', accepted.associateId, { invitation: 'accepted' });
    return sessionReply(app, reply, result, 'invitation');
  });

  app.post('/invitations/:token/decline', {
    config: { public: true }, preHandler: invitationLimit,
    schema: { tags: ['auth'], security: [], summary: 'Decline an invitation', params: InvitationToken, response: { 200: Ok } },
  }, async (req) => {
    await declineInvitation(app.db, req.params.token);
    return { ok: true };
  });

  app.post('/auth/sign-out', { schema: { tags: ['auth'], summary: 'Sign out', response: { 200: Ok } } }, async (req, reply) => {
    if (req.sessionToken) await signOut(app.db, req.sessionToken);
    reply.clearCookie(SESSION_COOKIE, { path: '/' });
    return { ok: true };
  });

  app.get('/me', { schema: { tags: ['auth'], summary: 'Who am I: associate, legal entity, stores and permissions', response: { 200: Me } } },
    async (req) => describeMe(app.db, req.auth!));

  app.put('/me/store', {
    schema: { tags: ['auth'], summary: 'Switch the current store of this session', body: Obj({ storeId: Uuid }), response: { 200: Me } },
  }, async (req) => {
    if (!req.sessionToken) throw authErrors.store_needs_session('Only a signed-in session has a current store.');
    await switchStore(app.db, req.sessionToken, req.auth!, req.body.storeId);
    return describeMe(app.db, { ...req.auth!, storeId: req.body.storeId });
  });

  app.put('/me/language', {
    schema: {
      tags: ['auth'], summary: 'Choose the language of my screens (English or French); null follows the browser',
      body: Obj({ language: Nullable(Type.Union([Type.Literal('en'), Type.Literal('fr')])) }), response: { 200: Me },
    },
  }, async (req) => {
    await setLanguage(app.db, req.auth!.userId, req.body.language);
    return describeMe(app.db, req.auth!);
  });


  app.get('/api-tokens', {
    config: { permission: 'users.manage' },
    schema: { tags: ['auth'], summary: 'API tokens of this legal entity', response: { 200: Type.Array(ApiTokenSchema) } },
  }, async (req) => listApiTokens(app.db, req.auth!.legalEntityId));

  app.post('/api-tokens', {
    config: { permission: 'users.manage' },
    schema: {
      tags: ['auth'], summary: 'Create an API token for an integration; the token is shown once',
      description: 'scopes: the operations (permissions) the token may use, some of its associate\'s; without it, all of theirs. '
        + 'A call outside the scope is answered 403. scopes ["scim"] (alone, for an associate with users.manage) makes a directory\'s '
        + 'provisioning token: it calls /scim/v2 only, and no other token calls /scim/v2.',
      body: Obj({ name: Type.String({ minLength: 1, maxLength: 100 }), associateId: Type.Optional(Uuid), scopes: Type.Optional(ScopesSchema) }),
      response: { 201: ApiTokenCreatedSchema },
    },
  }, async (req, reply) => {
    const auth = req.auth!;
    const associateId = req.body.associateId ?? auth.associateId;
    if (!(await associateInLegalEntity(app.db, associateId, auth.legalEntityId))) throw authErrors.associate_not_found('Associate was not found.', { field: 'associateId' });
    const created = await createApiToken(app.db, associateId, req.body.name, req.body.scopes ?? null);
    await audit(app.db, auth, 'create', 'api_token', created.id, { name: req.body.name, associateId, scopes: created.scopes });
    return reply.status(201).send(created);
  });

  app.delete('/api-tokens/:id', {
    config: { permission: 'users.manage' },
    schema: { tags: ['auth'], summary: 'Revoke an API token', params: Obj({ id: Uuid }), response: { 200: Ok } },
  }, async (req) => {
    const ok = await revokeApiToken(app.db, req.auth!.legalEntityId, req.params.id);
    if (!ok) throw authErrors.api_token_not_found('API token was not found.');
    await audit(app.db, req.auth!, 'delete', 'api_token', req.params.id);
    return { ok: true };
  });
}

import http from 'node:http';
import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import * as samlify from 'samlify';
import * as xmllint from '@authenio/samlify-node-xmllint';
import { generate } from 'selfsigned';
import { testApp, apiAs } from '../../../test/app.ts';
import { buildRetailer, TEST_PASSWORD } from '../../../test/factories.ts';
import { authErrors } from './errors.ts';

/*
 * A real SAML 2.0 IdP (samlify's IdentityProvider) on 127.0.0.1. Its SSO URL takes our AuthnRequest by HTTP-Redirect
 * (checked against the SAML schema by xmllint), and answers, as an IdP does once its user is signed in, with the
 * HTML form that posts a signed Response and the RelayState to the ACS named in our SP metadata. Its key and
 * self-signed certificate are made here. The person signed in at the IdP is chosen by the test (`signedInAs`);
 * `tamper` changes what the IdP writes into its Response (an expired one, another audience), `signWith` has an
 * impostor with another key (and the same entity id) answer instead.
 */
samlify.setSchemaValidator(xmllint);
const { Constants, SamlLib } = samlify;
const IDP_ENTITY_ID = 'https://idp.aurelle.test/saml';
let app: Awaited<ReturnType<typeof testApp>>;
let server: http.Server;
let ssoUrl: string;
let idp: samlify.IdentityProviderInstance;
let impostor: samlify.IdentityProviderInstance;
let idpCertificate: string;
const sps = new Map<string, samlify.ServiceProviderInstance>();
let signedInAs: { email: string; groups: string[] } = { email: '', groups: [] };
let tamper: Record<string, string> = {};
let signWith: 'idp' | 'impostor' = 'idp';

const attributeStatement = (groups: string[], email: string) =>
  '<saml:AttributeStatement>'
  + `<saml:Attribute Name="email" NameFormat="urn:oasis:names:tc:SAML:2.0:attrname-format:basic"><saml:AttributeValue xsi:type="xs:string">${email}</saml:AttributeValue></saml:Attribute>`
  + `<saml:Attribute Name="groups" NameFormat="urn:oasis:names:tc:SAML:2.0:attrname-format:basic">${groups.map((g) => `<saml:AttributeValue xsi:type="xs:string">${g}</saml:AttributeValue>`).join('')}</saml:Attribute>`
  + '</saml:AttributeStatement>';

async function makeIdp() {
  const pems = await generate([{ name: 'commonName', value: 'idp.aurelle.test' }], { keySize: 2048, algorithm: 'sha256' });
  return {
    cert: pems.cert,
    idp: samlify.IdentityProvider({
      entityID: IDP_ENTITY_ID, privateKey: pems.private, signingCert: pems.cert, wantAuthnRequestsSigned: false,
      nameIDFormat: ['urn:oasis:names:tc:SAML:1.1:nameid-format:emailAddress'],
      singleSignOnService: [{ Binding: Constants.namespace.binding.redirect, Location: `${ssoUrl}` }],
    }),
  };
}

/** The IdP's answer to an AuthnRequest: its own Response template, filled in as samlify does, then `tamper`. */
async function respond(req: http.IncomingMessage, res: http.ServerResponse) {
  const url = new URL(req.url!, ssoUrl);
  try {
    // Our AuthnRequests are not signed, so any SP parses them; the Issuer then says which legal entity's SP asked.
    const request = await idp.parseLoginRequest(sps.values().next().value!, 'redirect', { query: Object.fromEntries(url.searchParams), octetString: '' });
    const sp = sps.get(String(request.extract.issuer))!;
    const requestId = String(request.extract.request?.id);
    const answering = signWith === 'idp' ? idp : impostor;
    const now = new Date();
    const later = new Date(now.getTime() + 5 * 60_000).toISOString();
    const acs = sp.entityMeta.getAssertionConsumerService('post') as string;
    const response = await answering.createLoginResponse(sp, request as unknown as Parameters<typeof idp.createLoginResponse>[1], 'post', { email: signedInAs.email }, {
      relayState: url.searchParams.get('RelayState') ?? undefined,
      customTagReplacement: (template) => {
        const id = `_${crypto.randomUUID()}`;
        const values = {
          ID: id, AssertionID: `_${crypto.randomUUID()}`, Destination: acs, Audience: sp.entityMeta.getEntityID(), SubjectRecipient: acs,
          Issuer: IDP_ENTITY_ID, IssueInstant: now.toISOString(), StatusCode: Constants.StatusCode.Success,
          ConditionsNotBefore: now.toISOString(), ConditionsNotOnOrAfter: later, SubjectConfirmationDataNotOnOrAfter: later,
          NameIDFormat: 'urn:oasis:names:tc:SAML:1.1:nameid-format:emailAddress', NameID: signedInAs.email,
          InResponseTo: requestId,
          ...tamper,
        };
        // The statements are XML of their own; replaceTagsByValue escapes what it puts in, so they go in first.
        const statements = {
          AuthnStatement: `<saml:AuthnStatement AuthnInstant="${now.toISOString()}" SessionIndex="${id}"><saml:AuthnContext><saml:AuthnContextClassRef>urn:oasis:names:tc:SAML:2.0:ac:classes:PasswordProtectedTransport</saml:AuthnContextClassRef></saml:AuthnContext></saml:AuthnStatement>`,
          AttributeStatement: attributeStatement(signedInAs.groups, signedInAs.email),
        };
        const withStatements = template.replace('{AuthnStatement}', statements.AuthnStatement).replace('{AttributeStatement}', statements.AttributeStatement);
        return { id, context: SamlLib.replaceTagsByValue(withStatements, values) };
      },
    }) as { context: string; entityEndpoint: string; relayState?: string };
    const field = (name: string, value?: string) => (value ? `<input type="hidden" name="${name}" value="${value}"/>` : '');
    res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
    res.end(`<!DOCTYPE html><html><body onload="document.forms[0].submit()"><form method="post" action="${response.entityEndpoint}">`
      + `${field('SAMLResponse', response.context)}${field('RelayState', response.relayState)}<noscript><button type="submit">Continue</button></noscript></form></body></html>`);
  } catch (err) {
    res.writeHead(400, { 'content-type': 'text/plain' });
    res.end(`the IdP refused the request: ${(err as Error).message ?? err}`);
  }
}

beforeAll(async () => {
  app = await testApp();
  server = http.createServer((req, res) => { void respond(req, res); });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  ssoUrl = `http://127.0.0.1:${(server.address() as { port: number }).port}/sso`;
  const real = await makeIdp();
  idp = real.idp;
  idpCertificate = real.cert;
  impostor = (await makeIdp()).idp;
});
afterAll(async () => { await app?.close(); await new Promise((r) => server?.close(r)); });

async function configured(overrides: Record<string, unknown> = {}, on = app) {
  const r = await buildRetailer(on, on.db);
  const settings = {
    enabled: true, displayName: 'Aurelle directory', idpEntityId: IDP_ENTITY_ID, idpSsoUrl: ssoUrl, idpCertificates: [idpCertificate],
    spEntityId: `https://clienteling.test/saml/${r.le.code}`, allowedDomains: ['example.test'],
    roleAttribute: 'groups', roleMapping: [{ value: 'store-managers', roleId: r.le.roles['Store manager'] }], passwordSignIn: true, ...overrides,
  };
  const saved = await apiAs(on, 'PUT', '/sso/saml', r.as.headOffice, settings);
  expect(saved.statusCode, saved.body).toBe(200);
  // The IdP is given our SP metadata, as head office would give it the metadata URL.
  const metadata = await on.inject({ method: 'GET', url: `/api/v1/auth/saml/${r.le.code}/metadata` });
  expect(metadata.statusCode).toBe(200);
  sps.set(settings.spEntityId, samlify.ServiceProvider({ metadata: metadata.body }));
  return { r, settings };
}

/** The browser's round trip: start here, the IdP's page, its form posted to the ACS. Answers the form and the ACS's answer. */
async function signInAtIdp(legalEntityCode: string, on = app, keepCookie = true) {
  const start = await on.inject({ method: 'GET', url: `/api/v1/auth/saml/${legalEntityCode}/start` });
  const relayCookie = start.cookies.find((c) => c.name === 'clt_saml_relay');
  expect(start.statusCode, start.body).toBe(302);
  const location = new URL(start.headers.location as string);
  expect(location.href.startsWith(ssoUrl)).toBe(true);
  expect(location.searchParams.get('SAMLRequest')).toBeTruthy();
  expect(location.searchParams.get('RelayState')).toBeTruthy();
  const page = await fetch(location);
  const html = await page.text();
  expect(page.status, html).toBe(200);
  const action = new URL(/action="([^"]+)"/.exec(html)![1]);
  const form = Object.fromEntries([...html.matchAll(/name="(\w+)" value="([^"]*)"/g)].map((m) => [m[1], m[2]]));
  const post = () => on.inject({
    method: 'POST', url: action.pathname, payload: new URLSearchParams(form).toString(),
    headers: { 'content-type': 'application/x-www-form-urlencoded', ...(keepCookie && relayCookie ? { cookie: `clt_saml_relay=${relayCookie.value}` } : {}) },
  });
  return { action, form, back: await post(), post };
}
const sessionOf = (res: Awaited<ReturnType<typeof app.inject>>) => {
  const c = res.cookies.find((x) => x.name === 'clt_session' && x.value);
  return c ? `clt_session=${c.value}` : null;
};
const refusedWith = (res: Awaited<ReturnType<typeof app.inject>>) => [res.statusCode, res.headers.location, sessionOf(res)];
const refusal = (code: string) => [302, `/?sso_error=${encodeURIComponent(code)}`, null];

describe('SAML 2.0 sign-in against a local IdP', () => {
  it('publishes SP metadata with our entity id and ACS, and keeps the settings for head office only', async () => {
    const { r, settings } = await configured();
    const shown = (await apiAs(app, 'GET', '/sso/saml', r.as.headOffice)).json();
    expect(shown).toMatchObject({ idpEntityId: IDP_ENTITY_ID, spEntityId: settings.spEntityId, allowedDomains: ['example.test'], enabled: true });
    expect(shown.acsUrl).toBe(new URL('/api/v1/auth/saml/acs', app.config.publicBaseUrl).href);
    expect(shown.spMetadataUrl).toBe(new URL(`/api/v1/auth/saml/${r.le.code}/metadata`, app.config.publicBaseUrl).href);
    const sp = sps.get(settings.spEntityId)!;
    expect(sp.entityMeta.getEntityID()).toBe(settings.spEntityId);
    expect(sp.entityMeta.getAssertionConsumerService('post')).toBe(shown.acsUrl);
    expect((await apiAs(app, 'GET', '/sso/saml', r.as.associate)).statusCode).toBe(403);
    expect((await apiAs(app, 'PUT', '/sso/saml', r.as.manager, settings)).statusCode).toBe(403);
    const notACertificate = await apiAs(app, 'PUT', '/sso/saml', r.as.headOffice, { ...settings, idpCertificates: ['A'.repeat(200)] });
    expect([notACertificate.statusCode, notACertificate.json().code, notACertificate.json().field]).toEqual([400, authErrors.sso_settings_invalid.code, 'idpCertificates']);
    const other = await buildRetailer(app, app.db);
    const foreign = await apiAs(app, 'PUT', '/sso/saml', r.as.headOffice, { ...settings, roleMapping: [{ value: 'x', roleId: other.le.roles['Head office'] }] });
    expect([foreign.statusCode, foreign.json().code]).toEqual([404, authErrors.role_not_found.code]);
  });

  it('signs in the associate the IdP vouches for, with roles from the groups attribute, audited as saml', async () => {
    const { r } = await configured();
    const options = (await app.inject({ method: 'GET', url: `/api/v1/auth/sso/options?email=${encodeURIComponent(r.associate.email)}` })).json();
    expect(options.providers).toContainEqual({ legalEntityCode: r.le.code, legalEntityName: r.le.name, displayName: 'Aurelle directory', protocol: 'saml' });
    signedInAs = { email: r.associate.email, groups: ['store-managers', 'unrelated'] };
    const { back } = await signInAtIdp(r.le.code);
    expect([back.statusCode, back.headers.location]).toEqual([302, '/']);
    const me = (await apiAs(app, 'GET', '/me', sessionOf(back)!)).json();
    expect(me.associateId).toBe(r.associate.id);
    expect(me.permissions).toEqual((await apiAs(app, 'GET', '/me', r.as.manager)).json().permissions);
    const log = (await apiAs(app, 'GET', '/audit?entityType=session', r.as.headOffice)).json();
    expect(log.some((e: { action: string; detail: { method: string } }) => e.action === 'sign_in' && e.detail.method === 'saml')).toBe(true);
  });

  it('asks head office for this app\'s second factor after the IdP, as after a password: no session before it', async () => {
    const { r, settings } = await configured();
    const put = await apiAs(app, 'PUT', '/sso/saml', r.as.headOffice, { ...settings, roleMapping: [...settings.roleMapping, { value: 'head-office', roleId: r.le.roles['Head office'] }] });
    expect(put.statusCode, put.body).toBe(200);
    signedInAs = { email: r.headOffice.email, groups: ['head-office'] };
    const { back } = await signInAtIdp(r.le.code);
    expect(back.statusCode).toBe(302);
    expect(back.headers.location).toMatch(/^\/#sso_step=(verify|enrol)&pending=pnd/);
    expect(sessionOf(back)).toBeNull();
  });

  it('refuses a Response signed by another key, an expired one, one for another audience, and a replayed one', async () => {
    const { r } = await configured();
    signedInAs = { email: r.associate.email, groups: ['store-managers'] };
    try {
      signWith = 'impostor';
      expect(refusedWith((await signInAtIdp(r.le.code)).back)).toEqual(refusal(authErrors.saml_response_invalid.code));
      signWith = 'idp';
      const hourAgo = new Date(Date.now() - 3_600_000).toISOString();
      const twoHoursAgo = new Date(Date.now() - 7_200_000).toISOString();
      tamper = { IssueInstant: twoHoursAgo, ConditionsNotBefore: twoHoursAgo, ConditionsNotOnOrAfter: hourAgo, SubjectConfirmationDataNotOnOrAfter: hourAgo };
      expect(refusedWith((await signInAtIdp(r.le.code)).back)).toEqual(refusal(authErrors.saml_response_invalid.code));
      // Only the assertion's Conditions expired (its subject confirmation still open).
      tamper = { ConditionsNotBefore: twoHoursAgo, ConditionsNotOnOrAfter: hourAgo };
      expect(refusedWith((await signInAtIdp(r.le.code)).back)).toEqual(refusal(authErrors.saml_response_invalid.code));
      tamper = { Audience: 'https://another-service.example/saml' };
      expect(refusedWith((await signInAtIdp(r.le.code)).back)).toEqual(refusal(authErrors.saml_response_invalid.code));
      tamper = { SubjectRecipient: 'https://another-service.example/acs' };
      expect(refusedWith((await signInAtIdp(r.le.code)).back)).toEqual(refusal(authErrors.saml_response_invalid.code));
      tamper = {};
      const good = await signInAtIdp(r.le.code);
      expect(sessionOf(good.back)).not.toBeNull();
      // The same signed Response posted again (a replay) finds its request already answered.
      expect(refusedWith(await good.post())).toEqual(refusal(authErrors.sso_state_invalid.code));
    } finally { signWith = 'idp'; tamper = {}; }
  });

  it('refuses an address outside the allowed domains, one that is no active associate, and an unmapped group', async () => {
    const { r } = await configured();
    signedInAs = { email: 'someone@elsewhere.example', groups: ['store-managers'] };
    expect(refusedWith((await signInAtIdp(r.le.code)).back)).toEqual(refusal(authErrors.sso_domain_not_allowed.code));
    signedInAs = { email: 'nobody-here@example.test', groups: ['store-managers'] };
    expect(refusedWith((await signInAtIdp(r.le.code)).back)).toEqual(refusal(authErrors.no_active_associate.code));
    signedInAs = { email: r.associate.email, groups: ['nothing-mapped'] };
    expect(refusedWith((await signInAtIdp(r.le.code)).back)).toEqual(refusal(authErrors.sso_no_role.code));
  });

  it('switched off: start and metadata answer a clear problem, the sign-in page stops offering it, passwords work', async () => {
    const { r, settings } = await configured({ passwordSignIn: false });
    const signIn = () => app.inject({ method: 'POST', url: '/api/v1/auth/sign-in', payload: { email: r.associate.email, password: TEST_PASSWORD } });
    expect((await signIn()).json().code).toBe(authErrors.password_sign_in_disabled.code);
    expect((await apiAs(app, 'PUT', '/sso/saml', r.as.headOffice, { ...settings, enabled: false })).statusCode).toBe(200);
    for (const url of [`/api/v1/auth/saml/${r.le.code}/start`, `/api/v1/auth/saml/${r.le.code}/metadata`]) {
      const res = await app.inject({ method: 'GET', url });
      expect(res.statusCode).toBe(409);
      expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
      expect(res.json()).toMatchObject({ code: authErrors.saml_disabled.code, detail: expect.stringMatching(/switched off/) });
    }
    const options = (await app.inject({ method: 'GET', url: `/api/v1/auth/sso/options?email=${encodeURIComponent(r.associate.email)}` })).json();
    expect(options.providers.some((p: { legalEntityCode: string }) => p.legalEntityCode === r.le.code)).toBe(false);
    expect((await signIn()).statusCode).toBe(200);
    const unknown = await app.inject({ method: 'GET', url: '/api/v1/auth/saml/NO-SUCH-LE/start' });
    expect([unknown.statusCode, unknown.json().code]).toEqual([404, authErrors.sso_not_configured.code]);
  });

  it('over https, refuses a Response carried into a browser that did not start the sign-in', async () => {
    const secure = await testApp({ secureCookies: true });
    try {
      const { r } = await configured({}, secure);
      signedInAs = { email: r.associate.email, groups: ['store-managers'] };
      const start = await secure.inject({ method: 'GET', url: `/api/v1/auth/saml/${r.le.code}/start` });
      expect(start.cookies.find((c) => c.name === 'clt_saml_relay')).toMatchObject({ sameSite: 'None', secure: true, httpOnly: true });
      expect(refusedWith((await signInAtIdp(r.le.code, secure, false)).back)).toEqual(refusal(authErrors.sso_state_invalid.code));
      expect(sessionOf((await signInAtIdp(r.le.code, secure, true)).back)).not.toBeNull();
    } finally { await secure.close(); }
  });

  it('answers a post that is not a SAML Response, or answers no request, by sending the browser back with the reason', async () => {
    const post = (form: Record<string, string>) => app.inject({
      method: 'POST', url: '/api/v1/auth/saml/acs', headers: { 'content-type': 'application/x-www-form-urlencoded' }, payload: new URLSearchParams(form).toString(),
    });
    expect(refusedWith(await post({ SAMLResponse: Buffer.from('<html/>').toString('base64') }))).toEqual(refusal(authErrors.saml_response_invalid.code));
    const unsolicited = Buffer.from('<samlp:Response xmlns:samlp="urn:oasis:names:tc:SAML:2.0:protocol" ID="_x" Version="2.0" IssueInstant="2026-01-01T00:00:00Z"/>').toString('base64');
    expect(refusedWith(await post({ SAMLResponse: unsolicited }))).toEqual(refusal(authErrors.sso_state_invalid.code));
    const missing = await post({ RelayState: 'abc' });
    expect([missing.statusCode, missing.headers['content-type']]).toEqual([400, expect.stringMatching(/^application\/problem\+json/)]);
  });
});

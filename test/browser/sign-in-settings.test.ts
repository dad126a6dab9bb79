import { describe, it, expect, beforeAll, afterAll, beforeEach } from 'vitest';
import { startTestOpenIdProvider } from '../openid-provider.ts';
import { startBrowser, signInThroughPage } from './browser.ts';
import { addToClientBook, buildAssociate, buildCustomer, buildRetailer, TEST_PASSWORD } from '../factories.ts';
import { enableClienteling } from '../../src/modules/client-book/test-helpers.ts';
import { bookSize } from '../../src/modules/client-book/books.ts';
import { totpNow } from '../factories/second-factor.ts';

/*
 * Head office's Sign-in set-up screen and the associates screen's deactivation, in Chromium. A real OpenID provider
 * (oidc-provider) listens on 127.0.0.1, since saving single sign-on asks the issuer for its discovery document.
 */
const SECRET = 'the-secret-the-page-must-never-show';
/** Who signs in at the provider (standing for its login form), and the methods it says it used (the ID token's amr). */
let signedInAs = { email: '', groups: [] as string[] };
let signedInWith: string[] | null = null;
let b: Awaited<ReturnType<typeof startBrowser>>;
let idp: Awaited<ReturnType<typeof startTestOpenIdProvider>>;
let issuer: string;
beforeAll(async () => {
  b = await startBrowser();
  // The provider sends the browser back to the app's public address: here, the port this test server listens on.
  (b.app as unknown as { config: { publicBaseUrl: string } }).config.publicBaseUrl = b.baseUrl;
  idp = await startTestOpenIdProvider({
    clientId: 'clienteling', clientSecret: SECRET, redirectUri: `${b.baseUrl}/api/v1/auth/sso/callback`,
    claims: () => signedInAs,
    signIn: () => ({ accountId: 'person', ...(signedInWith ? { amr: signedInWith } : {}) }),
  });
  issuer = idp.issuer;
});
afterAll(async () => { await b?.close(); await idp?.close(); });
beforeEach(async () => { await b.context.clearCookies(); });

describe('sign-in set-up in Chromium', () => {
  it('head office sets up single sign-on, turns password sign-in off and sets the hand-over rule; all kept after reload', async () => {
    const r = await buildRetailer(b.app, b.app.db);
    const page = b.page;
    await signInThroughPage(page, b.baseUrl, r.headOffice.email, TEST_PASSWORD, b.app);
    await page.getByRole('navigation', { name: 'Main' }).getByText('Sign-in', { exact: true }).click();
    await page.getByRole('heading', { level: 1, name: 'Sign-in' }).waitFor();

    const sso = page.getByRole('region', { name: 'Single sign-on (OpenID Connect)' });
    await sso.getByText(/Not set up/).waitFor();
    // Without single sign-on, password sign-in can't be turned off.
    const password = page.getByRole('region', { name: 'Password sign-in' });
    expect(await password.getByLabel('Associates may sign in with a password').isDisabled()).toBe(true);

    await sso.getByLabel('Name on the sign-in button').fill('Aurelle staff');
    await sso.getByLabel('Issuer').fill(issuer);
    await sso.getByLabel('Client ID').fill('clienteling');
    await sso.getByLabel('Client secret').fill(SECRET);
    // A domain of its own: other browser tests on this database sign in at example.test with passwords.
    await sso.getByLabel('Allowed email domains (comma separated)').fill('aurelle-sso.example');
    await sso.getByLabel('Claim with the groups (e.g. groups)').fill('groups');
    await sso.getByRole('button', { name: 'Add a group' }).click();
    await sso.getByLabel('Group 1', { exact: true }).fill('hq');
    await sso.getByLabel('Role for group 1').selectOption({ label: 'Head office' });
    await sso.getByRole('button', { name: 'Save single sign-on' }).click();
    await sso.getByRole('status').filter({ hasText: 'Single sign-on saved.' }).waitFor();

    // A wrong issuer is refused with the server's reason on the page, and nothing is saved.
    await sso.getByLabel('Issuer').fill('http://127.0.0.1:9/nothing-here');
    await sso.getByRole('button', { name: 'Save single sign-on' }).click();
    await sso.getByRole('alert').filter({ hasText: 'The sign-in provider could not be reached' }).waitFor();

    const allowed = password.getByLabel('Associates may sign in with a password');
    await expect.poll(() => allowed.isDisabled()).toBe(false);
    await allowed.uncheck();
    await password.getByText('Turning this off leaves single sign-on as the only way in.').waitFor();
    await password.getByRole('button', { name: 'Save password sign-in' }).click();
    await password.getByRole('status').filter({ hasText: 'Password sign-in saved.' }).waitFor();

    const handOver = page.getByRole('region', { name: 'When an associate leaves' });
    await handOver.getByLabel('goes to a named successor').check();
    await handOver.getByRole('combobox', { name: /^Successor/ }).selectOption({ label: r.associate.displayName });
    await handOver.getByRole('button', { name: 'Save hand-over rule' }).click();
    await handOver.getByRole('status').filter({ hasText: 'Hand-over rule saved.' }).waitFor();

    await page.reload();
    await page.getByRole('heading', { level: 1, name: 'Sign-in' }).waitFor();
    await expect.poll(() => sso.getByLabel('Issuer').inputValue()).toBe(issuer);
    expect(await sso.getByLabel('Client ID').inputValue()).toBe('clienteling');
    expect(await sso.getByLabel('Allowed email domains (comma separated)').inputValue()).toBe('aurelle-sso.example');
    expect(await sso.getByLabel('Role for group 1').inputValue()).toBe(r.le.roles['Head office']);
    expect(await sso.getByLabel('Single sign-on enabled').isChecked()).toBe(true);
    // The secret is write-only: the page says it is set, and has it nowhere.
    await sso.getByText('Set', { exact: true }).waitFor();
    expect(await sso.getByLabel('Client secret').inputValue()).toBe('');
    expect(await page.content()).not.toContain(SECRET);
    expect(await password.getByLabel('Associates may sign in with a password').isChecked()).toBe(false);
    expect(await handOver.getByLabel('goes to a named successor').isChecked()).toBe(true);
    expect(await handOver.getByRole('combobox', { name: /^Successor/ }).inputValue()).toBe(r.associate.id);

    // What the server kept.
    const api = async (url: string) => (await b.app.inject({ method: 'GET', url: `/api/v1/${url}`, headers: { cookie: r.as.headOffice } })).json();
    expect(await api('sso/oidc')).toMatchObject({ issuer, clientId: 'clienteling', passwordSignIn: false, enabled: true, roleClaim: 'groups', roleMapping: [{ value: 'hq', roleId: r.le.roles['Head office'] }] });
    expect(await api('hand-over-rule')).toMatchObject({ rule: 'successor', successorAssociateId: r.associate.id });
    await page.getByRole('button', { name: 'Sign out' }).click();
  }, 120_000);

  it('the associates screen says where a leaver\'s book goes, and head office picks the successor', async () => {
    const r = await buildRetailer(b.app, b.app.db);
    await enableClienteling(b.app, r.as.headOffice);
    const leaver = await buildAssociate(b.app.db, r.le, { storeIds: [r.store.id], displayName: 'Léon Départ' });
    const picked = await buildAssociate(b.app.db, r.le, { storeIds: [r.store.id], displayName: 'Paula Suite' });
    for (let i = 0; i < 2; i++) await addToClientBook(b.app.db, r.le.id, leaver.id, (await buildCustomer(b.app.db, r.le.id)).id);
    await b.app.inject({ method: 'PUT', url: '/api/v1/hand-over-rule', headers: { cookie: r.as.headOffice }, payload: { rule: 'successor', successorAssociateId: r.associate.id } });

    const page = b.page;
    await signInThroughPage(page, b.baseUrl, r.headOffice.email, TEST_PASSWORD, b.app);
    await page.getByRole('navigation', { name: 'Main' }).getByText('Associates & access').click();
    await page.getByRole('row').filter({ hasText: 'Léon Départ' }).getByRole('button', { name: 'Deactivate' }).click();
    const panel = page.getByRole('form', { name: 'Deactivate Léon Départ' });
    await panel.getByText(`Their client book (2 customers) goes to ${r.associate.displayName}.`).waitFor();
    await panel.getByText('The store manager gets a hand-over task.').waitFor();
    await panel.getByLabel('Who receives the client book').selectOption({ label: 'Paula Suite' });
    await panel.getByText('Their client book (2 customers) goes to Paula Suite.').waitFor();
    await panel.getByRole('button', { name: 'Deactivate and hand over' }).click();
    await page.getByRole('status').filter({ hasText: 'Their 2 customers went to Paula Suite; the store manager has a hand-over task.' }).waitFor();
    await page.getByRole('row').filter({ hasText: 'Léon Départ' }).getByText('Inactive').waitFor();
    expect([await bookSize(b.app.db, r.le.id, leaver.id), await bookSize(b.app.db, r.le.id, picked.id)]).toEqual([0, 2]);
    const tasks = (await b.app.inject({ method: 'GET', url: '/api/v1/hand-over-tasks', headers: { cookie: r.as.manager } })).json();
    expect(tasks.find((t: { leavingAssociateId: string }) => t.leavingAssociateId === leaver.id)).toMatchObject({ successorAssociateId: picked.id, customerCount: 2, status: 'open' });

    // Activating again says the book is not given back.
    await page.getByRole('row').filter({ hasText: 'Léon Départ' }).getByRole('button', { name: 'Activate' }).click();
    await page.getByRole('status').filter({ hasText: 'Léon Départ is active again. Their earlier client book stays where it was handed over.' }).waitFor();
    expect(await bookSize(b.app.db, r.le.id, picked.id)).toBe(2);
    await page.getByRole('button', { name: 'Sign out' }).click();
  }, 120_000);

  it('head office signing in through a provider that used a password alone sets up and then types this app\'s code', async () => {
    const r = await buildRetailer(b.app, b.app.db);
    const settings = {
      displayName: 'Aurelle staff', issuer, clientId: 'clienteling', clientSecret: SECRET, allowedDomains: ['aurelle-hq.example'],
      roleClaim: 'groups', roleMapping: [{ value: 'hq', roleId: r.le.roles['Head office'] }], passwordSignIn: true,
    };
    expect((await b.app.inject({ method: 'PUT', url: '/api/v1/sso/oidc', headers: { cookie: r.as.headOffice }, payload: settings })).statusCode).toBe(200);
    const hq = await buildAssociate(b.app.db, r.le, { role: 'Head office', email: `hq-${Date.now()}@aurelle-hq.example`, displayName: 'Hélène Siège' });
    signedInAs = { email: hq.email, groups: ['hq'] };
    signedInWith = ['pwd'];
    const page = b.page;
    const viaProvider = async () => {
      await page.goto(b.baseUrl + '/');
      await page.getByLabel('Email').fill(hq.email);
      await page.getByRole('link', { name: 'Sign in with Aurelle staff' }).click();
    };
    await viaProvider();
    // No authenticator yet: enrolment, as after a password.
    await page.getByRole('region', { name: 'Set up a second factor' }).waitFor();
    expect(page.url()).not.toContain('pending=');
    await page.getByRole('button', { name: 'Set up an authenticator' }).click();
    const secret = (await page.locator('[data-secret]').getAttribute('data-secret'))!;
    await page.getByLabel('Code from the app').fill(totpNow(secret));
    await page.getByRole('button', { name: 'Confirm and sign in' }).click();
    const codes = await page.getByRole('status', { name: 'Recovery codes' }).locator('li').allTextContents();
    await page.getByRole('button', { name: /continue/ }).click();
    await page.getByRole('navigation', { name: 'Main' }).getByText('Sign-in', { exact: true }).waitFor();
    await page.getByRole('button', { name: 'Sign out' }).click();

    // Next time: the code step, with a recovery code.
    await viaProvider();
    await page.getByRole('form', { name: 'Second factor' }).waitFor();
    await page.getByLabel('Code').fill(codes[0]);
    await page.getByRole('button', { name: 'Continue' }).click();
    await page.getByRole('navigation', { name: 'Main' }).waitFor();
    await page.getByRole('button', { name: 'Sign out' }).click();

    // A provider that reports several factors is taken at its word (its own session forgotten, so the person logs in there again).
    await b.context.clearCookies();
    signedInWith = ['pwd', 'otp'];
    await viaProvider();
    await page.getByRole('navigation', { name: 'Main' }).waitFor();
    await page.getByRole('button', { name: 'Sign out' }).click();
    signedInWith = null;
  }, 120_000);
});

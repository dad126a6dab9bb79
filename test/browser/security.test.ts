import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { startBrowser, signInThroughPage } from './browser.ts';
import { apiAs } from '../app.ts';
import { buildAssociate, buildRetailer, TEST_PASSWORD } from '../factories.ts';
import { base32Decode, hotp, stepAt } from '../../src/modules/auth/totp.ts';
import { oidcProviders } from '../../src/modules/auth/schema.ts';

let b: Awaited<ReturnType<typeof startBrowser>>;
beforeAll(async () => { b = await startBrowser(); });
afterAll(async () => { await b?.close(); });

describe('security screen in Chromium', () => {
  it('leads a new head office to set up an authenticator at sign-in, then lets them end anyone\'s session', async () => {
    const r = await buildRetailer(b.app, b.app.db);
    const fresh = await buildAssociate(b.app.db, r.le, { role: 'Head office', storeIds: [r.store.id] });
    const page = b.page;
    await page.goto(b.baseUrl + '/');
    await page.getByLabel('Email').fill(fresh.email);
    await page.getByLabel('Password').fill(TEST_PASSWORD);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByRole('region', { name: 'Set up a second factor' }).waitFor();
    await page.getByRole('button', { name: 'Set up an authenticator' }).click();
    await page.getByRole('img', { name: 'QR code of the authenticator key' }).waitFor();
    const secret = (await page.locator('[data-secret]').getAttribute('data-secret'))!;
    await page.getByLabel('Code from the app').fill('000000' === hotp(base32Decode(secret), stepAt(Date.now())) ? '111111' : '000000');
    await page.getByRole('button', { name: 'Confirm and sign in' }).click();
    await expect(page.getByRole('alert').textContent()).resolves.toMatch(/not right/);
    await page.getByLabel('Code from the app').fill(hotp(base32Decode(secret), stepAt(Date.now())));
    await page.getByRole('button', { name: 'Confirm and sign in' }).click();
    await page.getByRole('status', { name: 'Recovery codes' }).waitFor();
    await expect(page.getByRole('status', { name: 'Recovery codes' }).locator('li').count()).resolves.toBe(10);
    await page.getByRole('button', { name: /continue/ }).click();

    await page.getByRole('link', { name: 'Security' }).click();
    const factor = page.getByLabel('Second factor');
    await expect(factor.textContent()).resolves.toMatch(/On.*10 recovery codes left.*cannot be turned off/s);
    await expect(page.getByRole('table', { name: 'My sessions' }).textContent()).resolves.toContain('This device');
    // The sales associate's session (buildRetailer signed them in) is ended from here, and their cookie stops working.
    const theirs = page.getByRole('table', { name: "Associates' sessions" }).getByRole('row').filter({ hasText: r.associate.displayName });
    await expect(theirs.count()).resolves.toBe(1);
    page.once('dialog', (d) => void d.accept());
    await theirs.getByRole('button', { name: 'Sign out' }).click();
    await theirs.waitFor({ state: 'detached' });
    expect((await apiAs(b.app, 'GET', '/me', r.as.associate)).statusCode).toBe(401);
    await page.getByRole('button', { name: 'Sign out' }).first().click();
  });

  it('lets an associate turn an authenticator on from the security screen, and off again with a code', async () => {
    const r = await buildRetailer(b.app, b.app.db);
    const page = b.page;
    await signInThroughPage(page, b.baseUrl, r.associate.email, TEST_PASSWORD);
    await page.getByRole('link', { name: 'Security' }).click();
    // Not an "everyone's sessions" list for a sales associate.
    await page.getByRole('table', { name: 'My sessions' }).waitFor();
    await expect(page.getByRole('table', { name: "Associates' sessions" }).count()).resolves.toBe(0);
    await page.getByRole('button', { name: 'Set up an authenticator' }).click();
    const secret = (await page.locator('[data-secret]').getAttribute('data-secret'))!;
    await page.getByLabel('Code from the app').fill(hotp(base32Decode(secret), stepAt(Date.now())));
    await page.getByRole('button', { name: 'Confirm', exact: true }).click();
    await page.getByRole('status', { name: 'Recovery codes' }).waitFor();
    await expect(page.getByRole('status', { name: 'Recovery codes' }).locator('li').count()).resolves.toBe(10);
    await expect(page.getByLabel('Second factor').textContent()).resolves.toMatch(/On/);
    expect((await apiAs(b.app, 'GET', '/me/second-factor', r.as.associate)).json()).toMatchObject({ enabled: true, required: false });

    await page.getByRole('button', { name: 'Turn off…' }).click();
    await page.getByLabel('Current code').fill(hotp(base32Decode(secret), stepAt(Date.now()) + 1));
    await page.getByRole('button', { name: 'Turn off', exact: true }).click();
    await page.getByRole('button', { name: 'Set up an authenticator' }).waitFor();
    expect((await apiAs(b.app, 'GET', '/me/second-factor', r.as.associate)).json()).toMatchObject({ enabled: false });
  });

  it('offers the company\'s single sign-on on the sign-in page once the address is typed, and says why one was refused', async () => {
    const r = await buildRetailer(b.app, b.app.db);
    const domain = `sso-${r.le.code.toLowerCase()}.example`;
    // Set through the API in oidc.test.ts (against a live provider); here only the sign-in page's side is looked at.
    await b.app.db.insert(oidcProviders).values({ legalEntityId: r.le.id, displayName: 'Entra ID', issuer: 'https://login.example', clientId: 'x', clientSecretEncrypted: 'v1.x', allowedDomains: [domain], passwordSignIn: false });
    const page = b.page;
    await b.context.clearCookies(); // a visitor who is not signed in
    await page.goto(b.baseUrl + '/?sso_error=auth.sso_token_invalid');
    await expect(page.getByRole('alert').textContent()).resolves.toMatch(/could not be trusted/);
    await page.getByLabel('Email').fill(`someone@${domain}`);
    const link = page.getByRole('link', { name: 'Sign in with Entra ID' });
    await link.waitFor();
    expect(await link.getAttribute('href')).toBe(`/api/v1/auth/sso/${r.le.code}/start`);
    // Password sign-in is off for this company: no password field.
    await expect(page.getByLabel('Password').count()).resolves.toBe(0);
    await page.getByLabel('Email').fill('someone@elsewhere.example');
    await page.getByLabel('Password').waitFor();
    await expect(link.count()).resolves.toBe(0);
  });
});

import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { startBrowser, signInThroughPage } from './browser.ts';
import { buildRetailer, TEST_PASSWORD } from '../factories.ts';

let b: Awaited<ReturnType<typeof startBrowser>>;
beforeAll(async () => { b = await startBrowser(); });
afterAll(async () => { await b?.close(); });

describe('web shell in Chromium', () => {
  it('rejects a wrong password with a message, then signs in and shows the home of the role', async () => {
    const r = await buildRetailer(b.app, b.app.db);
    await b.page.goto(b.baseUrl + '/');
    await b.page.getByLabel('Email').fill(r.associate.email);
    await b.page.getByLabel('Password').fill('not the password');
    await b.page.getByRole('button', { name: 'Sign in' }).click();
    await expect(b.page.getByRole('alert').textContent()).resolves.toMatch(/not right/);

    await signInThroughPage(b.page, b.baseUrl, r.associate.email, TEST_PASSWORD);
    const nav = b.page.getByRole('navigation', { name: 'Main' });
    await expect(nav.textContent()).resolves.toContain('Home');
    // A sales associate sees their own client book but not head-office set-up.
    await expect(b.page.getByText('My client book').count()).resolves.toBeGreaterThan(0);
    await expect(b.page.getByText('Clienteling set-up').count()).resolves.toBe(0);
    await b.page.getByRole('button', { name: 'Sign out' }).click();
    await b.page.getByRole('button', { name: 'Sign in' }).waitFor();
  });

  it('shows head office the set-up entry', async () => {
    const r = await buildRetailer(b.app, b.app.db);
    await signInThroughPage(b.page, b.baseUrl, r.headOffice.email, TEST_PASSWORD);
    await expect(b.page.getByText('Clienteling set-up').count()).resolves.toBeGreaterThan(0);
    await b.page.getByRole('button', { name: 'Sign out' }).click();
  });
});

describe('head-office access screens in Chromium', () => {
  it('adds an associate who can then sign in, and creates an API token shown once', async () => {
    const r = await buildRetailer(b.app, b.app.db);
    await signInThroughPage(b.page, b.baseUrl, r.headOffice.email, TEST_PASSWORD);
    await b.page.getByRole('link', { name: 'Associates & access' }).click();
    const form = b.page.getByRole('form', { name: 'Add an associate' });
    const email = `new-${Date.now()}@example.test`;
    await form.getByLabel('Name').fill('Nina Newcomer');
    await form.getByLabel('Email').fill(email);
    await form.getByLabel('Personnel number').fill(`N${Date.now()}`);
    await form.getByLabel('First password (10+ characters)').fill('a long first password');
    await form.getByRole('button', { name: 'Add associate' }).click();
    await b.page.getByRole('table', { name: 'Associates' }).getByText('Nina Newcomer').waitFor();

    b.page.once('dialog', (d) => d.accept('ERP order feed'));
    await b.page.getByRole('button', { name: 'Create API token' }).click();
    const status = await b.page.getByRole('status').textContent();
    const token = status!.match(/clt_[A-Za-z0-9_-]+/)![0];
    const me = await b.app.inject({ method: 'GET', url: '/api/v1/me', headers: { authorization: `Bearer ${token}` } });
    expect(me.statusCode).toBe(200);
    await b.page.getByRole('button', { name: 'Sign out' }).click();

    await signInThroughPage(b.page, b.baseUrl, email, 'a long first password');
    await expect(b.page.locator('.who').textContent()).resolves.toBe('Nina Newcomer');
    await b.page.getByRole('button', { name: 'Sign out' }).click();
  });
});

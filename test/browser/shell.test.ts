import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { startBrowser, signInThroughPage } from './browser.ts';
import { buildRetailer, TEST_PASSWORD } from '../factories.ts';
import { startSmtpSink } from '../smtp-sink.ts';

let b: Awaited<ReturnType<typeof startBrowser>>;
let sink: Awaited<ReturnType<typeof startSmtpSink>>;
beforeAll(async () => { sink = await startSmtpSink(); b = await startBrowser({ smtpUrl: sink.url }); });
afterAll(async () => { await b?.close(); await sink?.close(); });

function invitationPath(to: string): string {
  const mail = sink.messages.filter((m) => m.to.includes(to)).at(-1);
  if (!mail) throw new Error(`no invitation email to ${to}`);
  return mail.text.match(/\/invitations\/inv_[A-Za-z0-9_-]+/)![0];
}

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
  it('invites an associate who accepts by choosing a password, and creates an API token shown once', async () => {
    const r = await buildRetailer(b.app, b.app.db);
    await signInThroughPage(b.page, b.baseUrl, r.headOffice.email, TEST_PASSWORD);
    await b.page.getByRole('link', { name: 'Associates & access' }).click();
    const form = b.page.getByRole('form', { name: 'Invite an associate' });
    const email = `new-${Date.now()}@example.test`;
    await form.getByLabel('Name').fill('Nina Newcomer');
    await form.getByLabel('Email').fill(email);
    await form.getByLabel('Personnel number').fill(`N${Date.now()}`);
    await form.getByRole('button', { name: 'Send invitation' }).click();
    await expect(b.page.getByRole('status').textContent()).resolves.toContain(`Invitation sent to ${email}`);
    const row = b.page.getByRole('table', { name: 'Associates' }).getByRole('row').filter({ hasText: 'Nina Newcomer' });
    await row.getByText('Invited').waitFor();
    await expect(row.getByRole('button', { name: 'Cancel invitation' }).count()).resolves.toBe(1);

    b.page.once('dialog', (d) => d.accept('ERP order feed'));
    await b.page.getByRole('button', { name: 'Create API token' }).click();
    const status = await b.page.getByRole('status').textContent();
    const token = status!.match(/clt_[A-Za-z0-9_-]+/)![0];
    const me = await b.app.inject({ method: 'GET', url: '/api/v1/me', headers: { authorization: `Bearer ${token}` } });
    expect(me.statusCode).toBe(200);
    await b.page.getByRole('button', { name: 'Sign out' }).click();

    // The invitee opens the emailed link, chooses a password and is signed in to the legal entity.
    await b.page.goto(b.baseUrl + invitationPath(email));
    const accept = b.page.getByRole('form', { name: 'Accept the invitation' });
    await expect(accept.textContent()).resolves.toContain(r.le.name);
    await accept.getByLabel('Choose a password (10+ characters)').fill('a long first password');
    await accept.getByLabel('Repeat the password').fill('a long first password');
    await accept.getByRole('button', { name: 'Accept the invitation' }).click();
    await b.page.getByRole('navigation', { name: 'Main' }).waitFor();
    await expect(b.page.locator('.who').textContent()).resolves.toBe('Nina Newcomer');
    await b.page.getByRole('button', { name: 'Sign out' }).click();
    await signInThroughPage(b.page, b.baseUrl, email, 'a long first password');
    await expect(b.page.locator('.who').textContent()).resolves.toBe('Nina Newcomer');
    await b.page.getByRole('button', { name: 'Sign out' }).click();
  });

  it('lets someone of another legal entity accept with their own password, then choose where to sign in', async () => {
    const fr = await buildRetailer(b.app, b.app.db);
    const uk = await buildRetailer(b.app, b.app.db);
    const invited = await b.app.inject({
      method: 'POST', url: '/api/v1/associates', headers: { cookie: uk.as.headOffice },
      payload: { email: fr.associate.email, displayName: 'Camille (UK)', personnelNumber: 'UK-9', roleIds: [uk.le.roles['Store manager']], storeIds: [uk.store.id] },
    });
    expect(invited.statusCode).toBe(201);
    await b.page.goto(b.baseUrl + invitationPath(fr.associate.email));
    const accept = b.page.getByRole('form', { name: 'Accept the invitation' });
    await accept.getByLabel(`Your password for ${fr.associate.email}`).fill('not the password');
    await accept.getByRole('button', { name: 'Accept the invitation' }).click();
    await expect(accept.getByRole('alert').textContent()).resolves.toMatch(/not right/);
    await accept.getByLabel(`Your password for ${fr.associate.email}`).fill(TEST_PASSWORD);
    await accept.getByRole('button', { name: 'Accept the invitation' }).click();
    await b.page.getByRole('navigation', { name: 'Main' }).waitFor();
    await expect(b.page.locator('.topbar').textContent()).resolves.toContain(uk.le.name);
    await expect(b.page.locator('.who').textContent()).resolves.toBe('Camille (UK)');
    await b.page.getByRole('button', { name: 'Sign out' }).click();

    // Now in two legal entities: the sign-in page asks which.
    await b.page.getByLabel('Email').fill(fr.associate.email);
    await b.page.getByLabel('Password').fill(TEST_PASSWORD);
    await b.page.getByRole('button', { name: 'Sign in' }).click();
    const choice = b.page.getByRole('region', { name: 'Choose a legal entity' });
    await choice.getByRole('button', { name: fr.le.name }).waitFor();
    await choice.getByRole('button', { name: uk.le.name }).click();
    await b.page.getByRole('navigation', { name: 'Main' }).waitFor();
    await expect(b.page.locator('.topbar').textContent()).resolves.toContain(uk.le.name);
    await b.page.getByRole('button', { name: 'Sign out' }).click();
  });
});

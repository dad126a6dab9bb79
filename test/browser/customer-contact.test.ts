import { describe, it, expect, beforeAll, afterAll, beforeEach } from 'vitest';
import { startBrowser, signInThroughPage } from './browser.ts';
import { buildRetailer, buildCustomer, TEST_PASSWORD } from '../factories.ts';
import { DEFAULT_ROLES } from '../../src/modules/auth/permissions.ts';
import { setRolePermissions } from '../../src/modules/organisation/service.ts';

// A store phone: the contact form must fit 390 px and keep what was typed when something is refused.
let b: Awaited<ReturnType<typeof startBrowser>>;
beforeAll(async () => { b = await startBrowser({}, { viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true }); });
afterAll(async () => { await b?.close(); });
beforeEach(async () => { await b.context.clearCookies(); });

const noSideways = () => b.page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);

describe("a customer's contact details on a phone", () => {
  it('a French associate changes the salutation and phone, which stay after a reload; a wrong email is named in French and nothing typed is lost', async () => {
    const r = await buildRetailer(b.app, b.app.db);
    const c = await buildCustomer(b.app.db, r.le.id, { firstName: 'Hélène', lastName: 'Marchand', email: 'helene.m@example.com', language: 'fr' });
    const set = await b.app.inject({ method: 'PUT', url: '/api/v1/me/language', headers: { cookie: r.as.associate }, payload: { language: 'fr' } });
    expect(set.statusCode).toBe(200);
    const page = b.page;
    await page.goto(b.baseUrl + '/');
    await page.getByLabel('Email').fill(r.associate.email);
    await page.getByLabel('Password').fill(TEST_PASSWORD);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByRole('navigation', { name: 'Navigation principale' }).waitFor();

    await page.goto(`${b.baseUrl}/customers/${c.id}`);
    await page.getByRole('heading', { name: /Hélène Marchand/ }).waitFor();
    await page.getByRole('button', { name: 'Modifier les coordonnées' }).click();
    const form = page.getByRole('form', { name: 'Coordonnées' });
    await form.getByLabel('Civilité').selectOption({ label: 'Madame' });
    await form.getByLabel('Téléphone').fill('06 12 34 56 78');
    expect(await noSideways()).toBeLessThanOrEqual(0);
    await form.getByRole('button', { name: 'Enregistrer les coordonnées' }).click();
    await page.getByRole('status').filter({ hasText: 'Coordonnées enregistrées.' }).waitFor();

    await page.reload();
    await page.getByRole('heading', { name: /Hélène Marchand/ }).waitFor();
    // Kept: the salutation in the associate's language, the number as the server stores it (E.164, read in France),
    // written as the French write a French number, the link calling the E.164 value.
    await page.getByLabel('Civilité').filter({ hasText: 'Mme' }).waitFor();
    const call = page.getByRole('link', { name: '06 12 34 56 78', exact: true });
    await call.waitFor();
    await expect(call.getAttribute('href')).resolves.toBe('tel:+33612345678');
    const stored = (await b.app.inject({ method: 'GET', url: `/api/v1/customers/${c.id}`, headers: { cookie: r.as.associate } })).json();
    expect([stored.salutation, stored.phone]).toEqual(['ms', '+33612345678']);

    // A wrong email: named under the field, in French; the other change and the wrong text are still there.
    await page.getByRole('button', { name: 'Modifier les coordonnées' }).click();
    // Opened again, the form shows the number as the card does, not as stored.
    await expect(form.getByLabel('Téléphone').inputValue()).resolves.toBe('06 12 34 56 78');
    await form.getByLabel('Nom', { exact: true }).fill('Marchand-Roy');
    await form.getByLabel('Adresse e-mail').fill('helene.m@example');
    await form.getByRole('button', { name: 'Enregistrer les coordonnées' }).click();
    await form.getByText('Saisissez une adresse e-mail comme nom@exemple.fr, ou laissez le champ vide.').waitFor();
    await expect(form.getByLabel('Adresse e-mail').getAttribute('aria-invalid')).resolves.toBe('true');
    await expect(form.getByLabel('Adresse e-mail').inputValue()).resolves.toBe('helene.m@example');
    await expect(form.getByLabel('Nom', { exact: true }).inputValue()).resolves.toBe('Marchand-Roy');
    await expect(form.getByLabel('Civilité').inputValue()).resolves.toBe('ms');
    expect(await noSideways()).toBeLessThanOrEqual(0);
    const unchanged = (await b.app.inject({ method: 'GET', url: `/api/v1/customers/${c.id}`, headers: { cookie: r.as.associate } })).json();
    expect([unchanged.lastName, unchanged.email]).toEqual(['Marchand', 'helene.m@example.com']);

    // A number the server refuses (it has the shape, but no such number exists) is named under the phone field too.
    await form.getByLabel('Adresse e-mail').fill('helene.roy@example.com');
    await form.getByLabel('Téléphone').fill('00 00 00');
    await form.getByRole('button', { name: 'Enregistrer les coordonnées' }).click();
    await form.getByText(/Saisissez un numéro avec son indicatif/).waitFor();
    await expect(form.getByLabel('Nom', { exact: true }).inputValue()).resolves.toBe('Marchand-Roy');

    await form.getByLabel('Téléphone').fill('+33 6 12 34 56 79');
    await form.getByRole('button', { name: 'Enregistrer les coordonnées' }).click();
    await page.getByRole('status').filter({ hasText: 'Coordonnées enregistrées.' }).waitFor();
    await page.getByRole('heading', { name: /Hélène Marchand-Roy/ }).waitFor();
    const after = (await b.app.inject({ method: 'GET', url: `/api/v1/customers/${c.id}`, headers: { cookie: r.as.associate } })).json();
    expect([after.lastName, after.email, after.phone, after.salutation]).toEqual(['Marchand-Roy', 'helene.roy@example.com', '+33612345679', 'ms']);
  });

  it('shows no edit to an associate whose role may not change customers', async () => {
    const r = await buildRetailer(b.app, b.app.db);
    const sales = DEFAULT_ROLES.find((x) => x.name === 'Sales associate')!;
    await setRolePermissions(b.app.db, r.le.id, r.le.roles['Sales associate'], sales.permissions.filter((p) => p !== 'customers.edit'));
    const c = await buildCustomer(b.app.db, r.le.id, { firstName: 'Noé', lastName: 'Lecture' });
    await signInThroughPage(b.page, b.baseUrl, r.associate.email, TEST_PASSWORD);
    await b.page.goto(`${b.baseUrl}/customers/${c.id}`);
    await b.page.getByRole('heading', { name: /Noé Lecture/ }).waitFor();
    await b.page.getByRole('heading', { name: 'Spending patterns' }).waitFor();
    expect(await b.page.getByRole('button', { name: 'Edit contact details' }).count()).toBe(0);
    // The route itself refuses them too (the button is hidden because of this, not instead of it).
    const res = await b.app.inject({ method: 'PATCH', url: `/api/v1/customers/${c.id}`, headers: { cookie: (await import('../factories.ts').then((f) => f.signInAs(b.app, r.associate.email))).cookie }, payload: { salutation: 'mx' } });
    expect(res.statusCode).toBe(403);
  });
});

import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { sql } from 'drizzle-orm';
import { startBrowser, signInThroughPage } from './browser.ts';
import { buildRetailer, buildCustomer, TEST_PASSWORD } from '../factories.ts';
import { query } from '../../src/db/client.ts';
import { enableClienteling, addToBook } from '../../src/modules/client-book/test-helpers.ts';
import { makeBookable } from '../../src/modules/appointments/test-helpers.ts';
import { enqueueMessage } from '../../src/modules/outreach/outbox.ts';
import { nextRecoveryCode } from '../factories/second-factor.ts';
import { interactions } from '../../src/modules/customer-profile/schema.ts';

let b: Awaited<ReturnType<typeof startBrowser>>;
beforeAll(async () => { b = await startBrowser(); });
afterAll(async () => { await b?.close(); });

describe('French and English in Chromium', () => {
  it("an associate whose language is French sees French navigation and fr-FR dates, and can switch back to English", async () => {
    const r = await buildRetailer(b.app, b.app.db);
    await enableClienteling(b.app, r.as.headOffice);
    const claire = await buildCustomer(b.app.db, r.le.id, { firstName: 'Claire', lastName: 'Dumas', birthDate: '1990-08-14' });
    await addToBook(b.app, r.as.associate, claire.id);
    const note = await b.app.inject({ method: 'POST', url: `/api/v1/customers/${claire.id}/notes`, headers: { cookie: r.as.associate }, payload: { body: 'Aime le vert', visibility: 'private' } });
    expect(note.statusCode).toBe(201);
    // An activity with its outcome, and a message no one sent (its purpose and actor are named by key).
    const visit = (await b.app.inject({ method: 'POST', url: '/api/v1/activity-types', headers: { cookie: r.as.headOffice }, payload: { name: 'Visite' } })).json();
    const act = await b.app.inject({ method: 'POST', url: `/api/v1/customers/${claire.id}/activities`, headers: { cookie: r.as.associate }, payload: { activityTypeId: visit.id, notes: 'Essayé le foulard', outcome: 'A acheté' } });
    expect(act.statusCode).toBe(201);
    // A complaint from customer service: its kind, status and channel are codes the timeline words.
    await b.app.db.insert(interactions).values({ legalEntityId: r.le.id, customerId: claire.id, externalId: `I-${claire.id}`, kind: 'complaint', subject: 'Colis abîmé', status: 'open', channel: 'email', occurredAt: new Date(Date.now() - 3_600_000).toISOString() });
    await enqueueMessage(b.app.db, { legalEntityId: r.le.id, customerId: claire.id, channel: 'sms', to: '+33612345678', subject: null, body: 'Merci !', purpose: 'thank-you', idempotencyKey: `thanks:${claire.id}` });
    const set = await b.app.inject({ method: 'PUT', url: '/api/v1/me/language', headers: { cookie: r.as.associate }, payload: { language: 'fr' } });
    expect(set.statusCode).toBe(200);
    expect(set.json().language).toBe('fr');

    const page = b.page;
    // The browser speaks English: the sign-in page does too, until the user is known.
    await page.goto(b.baseUrl + '/');
    await page.getByLabel('Email').fill(r.associate.email);
    await page.getByLabel('Password').fill(TEST_PASSWORD);
    await page.getByRole('button', { name: 'Sign in' }).click();
    const nav = page.getByRole('navigation', { name: 'Navigation principale' });
    await nav.waitFor();
    await nav.getByRole('link', { name: 'Accueil' }).waitFor();
    await nav.getByRole('link', { name: 'Mon client book' }).waitFor();
    await expect(nav.getByRole('heading').allTextContents()).resolves.toContain('Mon travail');
    await page.getByRole('heading', { name: /^Bonjour, / }).waitFor();
    await expect(page.locator('html').getAttribute('lang')).resolves.toBe('fr');

    await nav.getByRole('link', { name: 'Mon client book' }).click();
    await page.getByRole('heading', { name: 'Mon client book' }).waitFor();
    await page.getByRole('link', { name: 'Claire Dumas' }).click();
    // The birth date in fr-FR: "14 août 1990", not "Aug 14, 1990".
    await page.getByText('Né(e) le 14 août 1990').waitFor();
    await page.getByRole('heading', { name: 'Habitudes d’achat' }).waitFor();
    // Buttons named for screen readers in French too (the channel's word, not its code), and the chart's months by name.
    await page.getByRole('table', { name: 'Consentement par canal' }).getByRole('button', { name: /^(Accorder|Retirer) le consentement e-mail$/ }).waitFor();
    await expect(page.locator('.spend-chart text.axis').allTextContents()).resolves.toEqual(expect.arrayContaining([expect.stringMatching(/^(janv|avr|juil|oct)\. \d\d$/)]));
    // The server names the note's title by key; the timeline shows it in French.
    await page.getByRole('list', { name: 'Historique' }).getByText('Note privée').waitFor();
    // An activity's outcome, an automatic message's purpose and actor: French too.
    const history = page.getByRole('list', { name: 'Historique' });
    await history.getByText(/Résultat\s:\sA acheté/).waitFor();
    await history.getByText(/SMS en attente\s:\sremerciement/).waitFor();
    await history.getByText(/Automatique/).waitFor();
    await history.getByText('réclamation · ouverte · par e-mail').waitFor();
    await expect(history.textContent()).resolves.not.toMatch(/Outcome|Automatic|open · email/);
    // A field the server refuses is named by the form's label, in French, not by its API path.
    const record = page.getByRole('form', { name: 'Enregistrer une activité' });
    await record.getByLabel('Type d’activité').selectOption({ label: 'Visite' });
    await record.getByLabel('Résultat').fill('x'.repeat(501));
    await record.getByRole('button', { name: 'Enregistrer une activité' }).click();
    await page.getByText('Vérifiez «\u00a0Résultat\u00a0»\u00a0: ce champ manque ou n’est pas valide.').waitFor();
    await record.getByLabel('Résultat').fill('');

    // Back to English from the switch in the top bar; the choice is the user's, kept on the server.
    await page.getByLabel('Langue').selectOption('en');
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'My client book' }).waitFor();
    await page.getByText('Born 14 Aug 1990').waitFor();
    await page.getByRole('list', { name: 'Timeline' }).getByText('Private note').waitFor();
    await page.getByRole('list', { name: 'Timeline' }).getByText(/Outcome: A acheté/).waitFor();
    const [u] = await query<{ language: string | null }>(b.app.db, sql`select language from users where email = ${r.associate.email}`);
    expect(u.language).toBe('en');
  });

  it("the second-factor step, before the session exists, speaks the account's French, and so do its errors", async () => {
    const r = await buildRetailer(b.app, b.app.db);
    await b.app.inject({ method: 'PUT', url: '/api/v1/me/language', headers: { cookie: r.as.headOffice }, payload: { language: 'fr' } });
    await b.context.clearCookies();
    const page = b.page;
    // The browser speaks English, so the password page does; the code step is the account's.
    await page.goto(b.baseUrl + '/');
    await page.getByLabel('Email').fill(r.headOffice.email);
    await page.getByLabel('Password').fill(TEST_PASSWORD);
    await page.getByRole('button', { name: 'Sign in' }).click();
    const step = page.getByRole('form', { name: 'Second facteur' });
    await step.waitFor();
    await step.getByText('Saisissez le code de votre application d’authentification, ou l’un de vos codes de secours.').waitFor();
    await expect(page.locator('html').getAttribute('lang')).resolves.toBe('fr');
    // A wrong code: the server's code worded in French.
    await step.getByLabel('Code').fill('00000-00000');
    await step.getByRole('button', { name: 'Continuer' }).click();
    await page.getByText('Le code est incorrect.').waitFor();
    await step.getByLabel('Code').fill(await nextRecoveryCode(b.app, r.headOffice.email));
    await step.getByRole('button', { name: 'Continuer' }).click();
    await page.getByRole('navigation', { name: 'Navigation principale' }).waitFor();
  });

  it("the public booking page speaks French for a French customer's link, and for a browser asking for French", async () => {
    const r = await buildRetailer(b.app, b.app.db);
    await makeBookable(b.app, r.as.headOffice, r.store.id, [r.associate.id]);
    const amelie = await buildCustomer(b.app.db, r.le.id, { firstName: 'Amélie', lastName: 'Roux', language: 'fr' });
    const link = await b.app.inject({ method: 'GET', url: `/api/v1/appointments/booking-link?customerId=${amelie.id}`, headers: { cookie: r.as.associate } });
    const url = new URL(link.json().url);
    expect(url.searchParams.get('lang')).toBe('fr');

    const page = await b.context.newPage();
    try {
      await page.goto(`${b.baseUrl}/book${url.search}`);
      await page.getByRole('heading', { name: 'Prendre rendez-vous' }).waitFor();
      await expect(page.getByLabel('Boutique').inputValue()).resolves.toBe(r.store.id);
      const days = page.getByRole('group', { name: 'Jour' }).getByRole('button');
      await days.first().waitFor();
      // Days in fr-FR ("lun. 7 déc."), not en-GB ("Mon 7 Dec").
      expect((await days.allTextContents()).every((d) => /^(lun|mar|mer|jeu|ven|sam|dim)\. \d{1,2} \S+/.test(d))).toBe(true);

      // No link, but a browser asking for French (its Accept-Language and navigator.language).
      const cdp = await b.context.newCDPSession(page);
      await cdp.send('Emulation.setLocaleOverride', { locale: 'fr-FR' });
      await cdp.send('Network.setUserAgentOverride', { userAgent: await page.evaluate(() => navigator.userAgent), acceptLanguage: 'fr-FR,fr;q=0.9' });
      await page.goto(`${b.baseUrl}/book?entity=${encodeURIComponent(r.le.code)}`);
      await page.getByRole('heading', { name: 'Prendre rendez-vous' }).waitFor();
      await page.getByRole('group', { name: 'Jour' }).getByRole('button').nth(2).click();
      await page.getByRole('group', { name: 'Heure' }).getByRole('button', { name: '11:00' }).click();
      await page.getByLabel('Nom').fill('Bernard Navigateur');
      await page.getByLabel('E-mail').fill('bernard@example.test');
      await page.getByRole('button', { name: 'Réserver' }).click();
      await page.getByRole('heading', { name: 'Votre rendez-vous est réservé' }).waitFor();
      // The new customer's emails will be in French too: the booking took the browser's language.
      const [c] = await query<{ language: string }>(b.app.db, sql`select language from customers where email = 'bernard@example.test' and legal_entity_id = ${r.le.id}`);
      expect(c.language).toBe('fr');
    } finally {
      await page.close();
    }
  });

  it('head office reading French sees the security, background jobs and measures screens in French, with fr-FR dates', async () => {
    const r = await buildRetailer(b.app, b.app.db);
    // Too little history to fit the models, and a SQL measure failing at run time: their notes and alert are in French.
    await buildCustomer(b.app.db, r.le.id);
    const saved = await b.app.inject({ method: 'POST', url: '/api/v1/insights/measures', headers: { cookie: r.as.headOffice },
      payload: { key: 'ratio', name: 'Ratio', format: 'number', sqlText: 'select c.id as customer_id, 1 as value from customers c where c.legal_entity_id = :legal_entity_id' } });
    expect(saved.statusCode).toBe(201);
    await b.app.db.execute(sql`update measure_definitions set sql_text = 'select c.id as customer_id, 1 / (count(*) - count(*)) as value from customers c where c.legal_entity_id = :legal_entity_id group by c.id'
      where legal_entity_id = ${r.le.id} and key = 'ratio'`);
    expect((await b.app.inject({ method: 'POST', url: '/api/v1/insights/recompute', headers: { cookie: r.as.headOffice }, payload: {} })).statusCode).toBe(200);
    const page = b.page;
    await b.context.clearCookies(); // the first test left its associate signed in
    // Signed in in English (the helper answers the second-factor steps by their English names), then French chosen.
    await signInThroughPage(page, b.baseUrl, r.headOffice.email, TEST_PASSWORD);
    await page.getByLabel('Language').selectOption('fr');
    const nav = page.getByRole('navigation', { name: 'Navigation principale' });
    await nav.getByRole('link', { name: 'Sécurité' }).click();
    await page.getByRole('heading', { name: 'Connexion et sécurité' }).waitFor();
    const mine = page.getByRole('table', { name: 'Mes sessions' });
    await mine.getByText('Cet appareil').waitFor();
    // "7 déc. 2026, 10:00", not "07/12/2026, 10:00:00" nor "7 Dec 2026".
    await expect(mine.textContent()).resolves.toMatch(/\d{1,2} (janv|févr|mars|avr|mai|juin|juil|août|sept|oct|nov|déc)\.? \d{4}/);
    await page.getByRole('table', { name: 'Sessions des conseillers' }).waitFor();

    await nav.getByRole('link', { name: 'Tâches de fond' }).click();
    await page.getByRole('heading', { name: 'Tâches de fond' }).waitFor();
    await page.getByRole('region', { name: 'Planifications' }).getByRole('columnheader', { name: 'Fuseau horaire' }).waitFor();
    await page.getByRole('region', { name: 'Planifications' }).getByRole('cell', { name: 'Recalcul des indicateurs (insights.recompute-measures)' }).waitFor();

    await nav.getByRole('link', { name: 'Indicateurs' }).click();
    await page.getByRole('heading', { name: 'Indicateurs', exact: true }).waitFor();
    await page.getByRole('button', { name: 'Recalculer maintenant' }).waitFor();
    // Built-in measures' names and descriptions in French.
    const list = page.getByRole('region', { name: 'Liste des indicateurs' });
    await list.getByText('Probabilité d’être actif', { exact: true }).waitFor();
    await list.getByText(/^Probabilité que le client achète encore/).waitFor();
    await expect(list.textContent()).resolves.not.toMatch(/Probability active|Churn probability/);
    await list.getByText(/^Modèle d’achat non ajusté\u00a0: il faut au moins 10 clients ayant commandé/).first().waitFor();
    await list.getByText(/^La requête a échoué\u00a0: division by zero/).waitFor();
    await page.getByRole('alert').getByText(/^Dernier calcul de «\u00a0Ratio\u00a0»\u00a0: La requête a échoué\u00a0: division by zero/).waitFor();
    await expect(list.textContent()).resolves.not.toMatch(/not fitted|The query failed/);
    await page.getByRole('region', { name: 'Fournisseurs externes' }).getByLabel('Nom du fournisseur').waitFor();
    await expect(page.getByRole('region', { name: 'Indicateurs SQL' }).getByLabel('Format de valeur').locator('option').allTextContents()).resolves.toContain('Pourcentage (0-1)');

    // The audit log words its actions and kinds of record: the sign-in just made, not "sign_in session".
    await nav.getByRole('link', { name: 'Journal d’audit' }).click();
    const audit = page.getByRole('table', { name: 'Entrées du journal' });
    await audit.getByRole('cell', { name: 'Connexion', exact: true }).first().waitFor();
    await audit.getByText('Session de connexion').first().waitFor();
    await expect(audit.textContent()).resolves.not.toMatch(/sign_in|\bsession\b/);
    await expect(page.getByLabel('Type de fiche').locator('option').allTextContents()).resolves.toContain('Client book de la boutique');
  });
});

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { testApp } from '../../../test/app.ts';
import { buildRetailer, buildCustomer, addToClientBook, buildProduct, buildOrder, buildBrowsingEvent } from '../../../test/factories.ts';
import { query } from '../../db/client.ts';
import type { App } from '../../http/types.ts';
import { runPromptsNow } from './tasks.ts';
import { DEFAULT_SETTINGS, localDate, saveOutreachSettings } from './settings.ts';
import { createTemplate } from './templates.ts';
import { setConsent } from './test-helpers.ts';
import { render, type Keyed } from '../../../test/server-text.ts';

let app: App;
beforeAll(async () => { app = await testApp(); });
afterAll(async () => { await app.close(); });

const DAY = 86_400_000;
/** A birth date in 1990 falling `days` from today in Paris. */
const birthDateIn = (days: number) => `1990-${localDate(new Date(Date.now() + days * DAY), 'Europe/Paris').slice(5)}`;

describe('prompts and the task inbox', () => {
  it("creates today's tasks for the client book owner, once per occasion, and the associate works them from the inbox", async () => {
    const r = await buildRetailer(app, app.db);
    const h = { cookie: r.as.associate };
    const soon = await buildCustomer(app.db, r.le.id, { firstName: 'Soon', birthDate: birthDateIn(5), homeStoreId: r.store.id });
    const later = await buildCustomer(app.db, r.le.id, { firstName: 'Later', birthDate: birthDateIn(20), homeStoreId: r.store.id });
    const browser = await buildCustomer(app.db, r.le.id, { firstName: 'Browser', homeStoreId: r.store.id });
    const buyer = await buildCustomer(app.db, r.le.id, { firstName: 'Buyer', homeStoreId: r.store.id });
    const unowned = await buildCustomer(app.db, r.le.id, { firstName: 'Unowned', anniversaryDate: birthDateIn(3), homeStoreId: r.store.id });
    for (const c of [soon, later, browser, buyer]) await addToClientBook(app.db, r.le.id, r.associate.id, c.id);

    const coat = await buildProduct(app.db, r.le.id, { name: 'Cashmere coat', category: 'Coats', careInstructions: 'Dry clean only.' });
    await buildBrowsingEvent(app.db, r.le.id, { customerId: browser.id, productId: coat.id, at: new Date(Date.now() - 10 * 3_600_000), event: 'add-to-cart' });
    await buildBrowsingEvent(app.db, r.le.id, { customerId: buyer.id, productId: coat.id, at: new Date(Date.now() - 20 * 3_600_000) });
    await buildOrder(app.db, r.le.id, { customerId: buyer.id, storeId: r.store.id, orderedAt: new Date(Date.now() - 5 * 3_600_000), lines: [{ productId: coat.id, unitPriceMinor: 12_000 }] });
    const oldBuy = (await buildOrder(app.db, r.le.id, { customerId: later.id, storeId: r.store.id, orderedAt: new Date(Date.now() - 2 * DAY), lines: [{ productId: coat.id, unitPriceMinor: 12_000 }] })).id;
    const arrival = await buildProduct(app.db, r.le.id, { name: 'Linen shirt', category: 'Shirts', arrivalDate: localDate(new Date(Date.now() - 2 * DAY), 'Europe/Paris') });
    await app.db.execute(sql`insert into customer_preferences (legal_entity_id, customer_id, kind, value) values (${r.le.id}, ${soon.id}, 'category', 'shirts')`);

    const first = await runPromptsNow(app.db, r.le.id);
    const second = await runPromptsNow(app.db, r.le.id);
    expect(second.tasksCreated).toBe(0);
    expect(first.tasksCreated).toBeGreaterThanOrEqual(5);

    const inbox = (await app.inject({ method: 'GET', url: '/api/v1/outreach/tasks?whose=all&limit=100', headers: h })).json().items as { id: string; promptType: string; customerName: string; associateId: string | null; title: string; productId: string | null; data: Record<string, unknown> }[];
    const of = (name: string) => inbox.filter((t) => t.customerName.startsWith(name)).map((t) => t.promptType).sort();
    expect(of('Soon')).toEqual(['birthday', 'new-arrivals']);
    expect(of('Later')).toEqual(['thank-you']); // birthday in 20 days is not yet a prompt
    expect(of('Browser')).toEqual(['save-the-sale']);
    expect(of('Buyer')).toEqual([]); // bought what they looked at
    expect(of('Unowned')).toEqual(['anniversary']); // no client book: shared with the home store's associates
    expect(inbox.find((t) => t.customerName.startsWith('Unowned'))!.associateId).toBeNull();
    const save = inbox.find((t) => t.promptType === 'save-the-sale')!;
    expect(save.title).toBe('Left Cashmere coat in the online cart');
    expect(save.productId).toBe(coat.id);
    expect(inbox.find((t) => t.promptType === 'thank-you')!.data.orderId).toBe(oldBuy);
    expect(inbox.find((t) => t.promptType === 'new-arrivals')!.productId).toBe(arrival.id);
    // Save the sale comes first: it is the most time-sensitive.
    expect(inbox[0].promptType).toBe('save-the-sale');

    // Titles (and the browsing detail) by key for the screens: the English catalogue gives the API's English, the French reads French.
    const keyed = inbox as unknown as { promptType: string; title: string; titleText: Keyed; detail: string | null; detailText?: Keyed }[];
    for (const task of keyed.filter((x) => x.promptType !== 'new-arrivals')) expect(render('en', 'task.title', task.titleText)).toBe(task.title);
    const fr = (type: string) => render('fr', 'task.title', keyed.find((x) => x.promptType === type)!.titleText);
    expect(fr('save-the-sale')).toBe('A laissé Cashmere coat dans son panier en ligne');
    expect(fr('birthday')).toMatch(/^Anniversaire le \d{1,2} (janvier|février|mars|avril|mai|juin|juillet|août|septembre|octobre|novembre|décembre)$/);
    expect(fr('thank-you')).toBe('Remercier pour son achat');
    expect(fr('new-arrivals')).toMatch(/^1 nouveauté correspondant à ses préférences$/);
    const saveText = keyed.find((x) => x.promptType === 'save-the-sale')!;
    expect(render('en', 'task.detail', saveText.detailText!)).toBe(saveText.detail!.replace('product(s)', 'product'));
    expect(render('fr', 'task.detail', saveText.detailText!)).toBe('1 produit consulté sans achat');

    const done = await app.inject({ method: 'POST', url: `/api/v1/outreach/tasks/${save.id}/status`, headers: h, payload: { status: 'done' } });
    expect(done.json().status).toBe('done');
    const after = (await app.inject({ method: 'GET', url: '/api/v1/outreach/tasks?whose=all&limit=100', headers: h })).json().items as { id: string }[];
    expect(after.map((t) => t.id)).not.toContain(save.id);
    await runPromptsNow(app.db, r.le.id);
    expect(((await app.inject({ method: 'GET', url: '/api/v1/outreach/tasks?whose=all&limit=100', headers: h })).json().items as unknown[]).length).toBe(after.length);

    // Another associate's inbox does not show this associate's customers.
    const other = await buildRetailer(app, app.db);
    expect((await app.inject({ method: 'GET', url: '/api/v1/outreach/tasks?whose=all', headers: { cookie: other.as.associate } })).json().items).toEqual([]);
  });

  it('sends automatically with the template when the legal entity chose so, falling back to a task without consent', async () => {
    const r = await buildRetailer(app, app.db);
    await saveOutreachSettings(app.db, r.le.id, { ...DEFAULT_SETTINGS, prompts: { ...DEFAULT_SETTINGS.prompts, birthday: { mode: 'automatic', days: 7, templateName: 'Birthday' } } });
    await createTemplate(app.db, r.le.id, { name: 'Birthday', purpose: 'birthday', channel: 'email', language: 'fr', subject: 'Joyeux anniversaire {{customer.firstName}}', body: 'Bonjour {{customer.firstName}} !' });
    await createTemplate(app.db, r.le.id, { name: 'Birthday', purpose: 'birthday', channel: 'email', language: 'en', subject: 'Happy birthday {{customer.firstName}}', body: 'Hello {{customer.firstName}}!' });
    const consented = await buildCustomer(app.db, r.le.id, { firstName: 'Amélie', language: 'fr', birthDate: birthDateIn(2), homeStoreId: r.store.id });
    const silent = await buildCustomer(app.db, r.le.id, { firstName: 'Silent', birthDate: birthDateIn(2), homeStoreId: r.store.id });
    await setConsent(app.db, r.le.id, consented.id, 'email', true);
    const res = await runPromptsNow(app.db, r.le.id);
    await runPromptsNow(app.db, r.le.id);
    expect(res).toMatchObject({ messagesQueued: 1, tasksCreated: 1 });
    const msgs = await query<{ customerId: string; subject: string; purpose: string }>(app.db, sql`
      select customer_id as "customerId", subject, purpose from outreach_messages where legal_entity_id = ${r.le.id}`);
    expect(msgs).toEqual([{ customerId: consented.id, subject: 'Joyeux anniversaire Amélie', purpose: 'birthday' }]);
    const tasks = await query<{ customerId: string }>(app.db, sql`select customer_id as "customerId" from outreach_tasks where legal_entity_id = ${r.le.id}`);
    expect(tasks).toEqual([{ customerId: silent.id }]);
  });
});

import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { testApp } from '../../../test/app.ts';
import { buildRetailer, buildCustomer } from '../../../test/factories.ts';
import { customerConsents, interactions } from '../customer-profile/schema.ts';
import { buildOrders } from './test-helpers.ts';
import { customerErrors } from '../customers/errors.ts';
import { render } from '../../../test/server-text.ts';
import { rankNextBestActions } from './next-best-action.ts';
import { NO_MODEL_SIGNALS } from './nba-signals.ts';

let app: Awaited<ReturnType<typeof testApp>>;
beforeAll(async () => { app = await testApp(); });
afterAll(async () => { await app?.close(); });

const inDays = (d: number) => { const t = new Date(Date.now() + d * 86_400_000); return `1980-${String(t.getUTCMonth() + 1).padStart(2, '0')}-${String(t.getUTCDate()).padStart(2, '0')}`; };

describe('next best actions on the customer card', () => {
  it('ranks the open case first, then the birthday on a consented channel, and stores the top one as a measure', async () => {
    const r = await buildRetailer(app, app.db);
    const c = await buildCustomer(app.db, r.le.id, { birthDate: inDays(6), preferredChannel: 'sms' });
    await buildOrders(app.db, r.le.id, c.id, [40, 12]);
    const now = new Date().toISOString();
    await app.db.insert(customerConsents).values([
      { customerId: c.id, channel: 'email', legalEntityId: r.le.id, granted: true, source: 'store', recordedAt: now },
      { customerId: c.id, channel: 'sms', legalEntityId: r.le.id, granted: false, source: 'store', recordedAt: now },
    ]);
    const [open] = await app.db.insert(interactions).values({ legalEntityId: r.le.id, customerId: c.id, externalId: `case-${c.id}`, kind: 'complaint', subject: 'Zip broke after a week', status: 'open', occurredAt: new Date(Date.now() - 3 * 86_400_000).toISOString() }).returning();

    const res = await app.inject({ method: 'GET', url: `/api/v1/customers/${c.id}/next-best-actions`, headers: { cookie: r.as.associate } });
    expect(res.statusCode).toBe(200);
    const actions = res.json();
    expect(actions[0]).toMatchObject({ key: 'follow-up-open-case', channel: 'email' });
    expect(actions[0].reasons.join(' ')).toMatch(/Zip broke/);
    const birthday = actions.find((a: any) => a.key === 'birthday-outreach');
    // Prefers SMS but withdrew consent to it: email it is.
    expect(birthday.channel).toBe('email');
    expect(birthday.reasons[0]).toMatch(/Birthday in [56] days/);
    for (const a of actions) expect(['email', 'in-store']).toContain(a.channel);

    await app.inject({ method: 'POST', url: '/api/v1/insights/recompute', headers: { cookie: r.as.headOffice }, payload: {} });
    const measures = (await app.inject({ method: 'GET', url: `/api/v1/customers/${c.id}/measures`, headers: { cookie: r.as.associate } })).json().measures;
    const nba = measures.find((m: any) => m.key === 'next_best_action');
    expect(nba.valueText).toBe('Follow up on the open case first');
    expect(nba.drivers).toMatchObject({ action: 'follow-up-open-case', channel: 'email' });
    expect(nba.drivers.alternatives[0].action).toBe('birthday-outreach');

    // Once the case is resolved, the live ranking moves on at once.
    const { eq } = await import('drizzle-orm');
    await app.db.update(interactions).set({ status: 'resolved' }).where(eq(interactions.id, open.id));
    const after = (await app.inject({ method: 'GET', url: `/api/v1/customers/${c.id}/next-best-actions`, headers: { cookie: r.as.associate } })).json();
    expect(after[0].key).toBe('birthday-outreach');
  });

  it('names titles, reasons and built-in measures by key: the English catalogue gives the API\'s English, the French reads French', async () => {
    const r = await buildRetailer(app, app.db);
    const c = await buildCustomer(app.db, r.le.id, { birthDate: inDays(1), preferredChannel: 'email' });
    await buildOrders(app.db, r.le.id, c.id, [40, 12]);
    await app.db.insert(customerConsents).values({ customerId: c.id, channel: 'email', legalEntityId: r.le.id, granted: true, source: 'store', recordedAt: new Date().toISOString() });
    const actions = (await app.inject({ method: 'GET', url: `/api/v1/customers/${c.id}/next-best-actions`, headers: { cookie: r.as.associate } })).json() as
      { key: string; title: string; reasons: string[]; reasonTexts: { key: string; params: Record<string, string | number> }[] }[];
    const birthday = actions.find((a) => a.key === 'birthday-outreach')!;
    for (const a of actions) {
      expect(render('en', 'nba.title', a)).toBe(a.title);
      expect(a.reasonTexts.map((t) => render('en', 'nba.reason', t))).toEqual(a.reasons);
    }
    expect(render('fr', 'nba.title', birthday)).toBe('Message d’anniversaire');
    expect(birthday.reasonTexts.map((t) => render('fr', 'nba.reason', t))).toEqual(['Anniversaire dans 1 jour', 'Préfère l’e-mail et y a consenti']);

    await app.inject({ method: 'POST', url: '/api/v1/insights/recompute', headers: { cookie: r.as.headOffice }, payload: {} });
    const measures = (await app.inject({ method: 'GET', url: `/api/v1/customers/${c.id}/measures`, headers: { cookie: r.as.associate } })).json().measures as { key: string; name: string; nameKey?: string }[];
    const builtin = measures.filter((m) => m.nameKey);
    expect(builtin.map((m) => m.nameKey)).toContain('rfm_segment');
    for (const m of builtin) expect(render('en', 'measureName', { key: m.nameKey! })).toBe(m.name);
    expect(render('fr', 'measureName', { key: 'rfm_segment' })).toBe('Segment RFM');
    // The segment inside a reason goes by its stable name.
    const preview = rankNextBestActions({ ...NO_MODEL_SIGNALS, isVip: false, birthDate: null, anniversaryDate: null, preferredChannel: null, consents: [], openCases: [], wishlistInStock: [], recentlyViewed: [], recommended: [], probabilityAlive: 0.9, rfmSegment: 'Loyal', purchaseDays: 5, daysSinceLastPurchase: 10 }, new Date())
      .find((x) => x.key === 'invite-private-preview')!;
    expect(preview.reasonTexts.map((t) => render('en', 'nba.reason', t))).toEqual(preview.reasons);
    expect(render('fr', 'nba.reason', preview.reasonTexts[0])).toBe('Segment RFM Fidèles');
  });

  it('suggests the next store visit when the customer consented to no channel', async () => {
    const r = await buildRetailer(app, app.db);
    const c = await buildCustomer(app.db, r.le.id, { birthDate: inDays(2), preferredChannel: 'email' });
    const actions = (await app.inject({ method: 'GET', url: `/api/v1/customers/${c.id}/next-best-actions`, headers: { cookie: r.as.associate } })).json();
    expect(actions[0]).toMatchObject({ key: 'birthday-outreach', channel: 'in-store' });
    expect(actions[0].reasons.join(' ')).toMatch(/No consent/);
    const other = await buildRetailer(app, app.db);
    const hidden = await app.inject({ method: 'GET', url: `/api/v1/customers/${c.id}/next-best-actions`, headers: { cookie: other.as.associate } });
    expect(hidden.statusCode).toBe(404);
    // The customer is looked up by the customers capability, whose code it is.
    expect(hidden.json().code).toBe(customerErrors.customer_not_found.code);
  });
});

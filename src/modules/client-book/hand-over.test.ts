import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { sql } from 'drizzle-orm';
import { testApp } from '../../../test/app.ts';
import { buildRetailer, buildCustomer, buildAssociate, addToClientBook } from '../../../test/factories.ts';
import { query } from '../../db/client.ts';
import { enableClienteling, searchBook } from './test-helpers.ts';
import { clientBookErrors } from './errors.ts';
import { setConsent } from '../outreach/test-helpers.ts';
import { writeDueIntroductions } from '../outreach/introductions.ts';

let app: FastifyInstance;
beforeAll(async () => { app = await testApp(); });
afterAll(async () => { await app.close(); });

describe('removing customers from a client book', () => {
  it('can be undone by the same person with the token of the removal, for those customers only', async () => {
    const r = await buildRetailer(app, app.db);
    await enableClienteling(app, r.as.headOffice);
    const cs = await Promise.all([1, 2, 3].map((i) => buildCustomer(app.db, r.le.id, { firstName: `Removed${i}` })));
    for (const c of cs) await addToClientBook(app.db, r.le.id, r.associate.id, c.id);
    const ids = cs.slice(0, 2).map((c) => c.id);
    const removed = await app.inject({ method: 'POST', url: '/api/v1/client-book/remove', headers: { cookie: r.as.associate }, payload: { customerIds: ids } });
    expect(removed.statusCode).toBe(200);
    const { token } = removed.json().undo;
    expect(removed.json().removed).toBe(2);
    expect((await searchBook(app, r.as.associate)).items).toHaveLength(1);

    const undoAs = (cookie: string, t: string) => app.inject({ method: 'POST', url: '/api/v1/client-book/remove/undo', headers: { cookie }, payload: { token: t } });
    // The token covers these customers of this book: not a third customer, not someone else's call.
    const [claims, sig] = token.split('.');
    const decoded = JSON.parse(Buffer.from(claims, 'base64url').toString());
    const widenedToken = `${Buffer.from(JSON.stringify({ ...decoded, c: cs.map((c) => c.id) })).toString('base64url')}.${sig}`;
    const widened = await undoAs(r.as.associate, widenedToken);
    expect(widened.statusCode).toBe(400);
    expect(widened.json().code).toBe(clientBookErrors.undo_invalid.code);
    expect((await undoAs(r.as.manager, token)).json().code).toBe(clientBookErrors.undo_invalid.code);

    const back = await undoAs(r.as.associate, token);
    expect(back.statusCode).toBe(200);
    expect(back.json()).toEqual({ restored: 2, notRestored: [] });
    expect((await searchBook(app, r.as.associate)).items.map((i) => i.customerId).sort()).toEqual(cs.map((c) => c.id).sort());
    // They are the owner's customers again.
    const owners = (await app.inject({ method: 'GET', url: `/api/v1/customers/${ids[0]}/client-books`, headers: { cookie: r.as.associate } })).json();
    expect(owners.owners).toMatchObject([{ associateId: r.associate.id, isPrimary: true }]);
  });

  it('leaves a customer who joined another book meanwhile where they are, and says so', async () => {
    const r = await buildRetailer(app, app.db);
    await enableClienteling(app, r.as.headOffice);
    const c = await buildCustomer(app.db, r.le.id);
    await addToClientBook(app.db, r.le.id, r.associate.id, c.id);
    const { token } = (await app.inject({ method: 'POST', url: '/api/v1/client-book/remove', headers: { cookie: r.as.associate }, payload: { customerIds: [c.id] } })).json().undo;
    expect((await app.inject({ method: 'POST', url: '/api/v1/client-book/customers', headers: { cookie: r.as.manager }, payload: { customerId: c.id } })).statusCode).toBe(201);
    const back = await app.inject({ method: 'POST', url: '/api/v1/client-book/remove/undo', headers: { cookie: r.as.associate }, payload: { token } });
    expect(back.json()).toEqual({ restored: 0, notRestored: [{ customerId: c.id, owner: r.manager.displayName }] });
  });
});

describe('handing over a client book', () => {
  it('splits a leaving associate\'s book between named colleagues in one go, names them, and audits it', async () => {
    const r = await buildRetailer(app, app.db);
    await enableClienteling(app, r.as.headOffice);
    const leaving = await buildAssociate(app.db, r.le, { storeIds: [r.store.id] });
    const camille = await buildAssociate(app.db, r.le, { storeIds: [r.store.id], displayName: 'Camille Roux' });
    const cs = await Promise.all([1, 2, 3, 4].map((i) => buildCustomer(app.db, r.le.id, { firstName: `Book${i}`, email: `book${i}-${r.le.id.slice(0, 6)}@example.test` })));
    for (const c of cs) await addToClientBook(app.db, r.le.id, leaving.id, c.id);
    await setConsent(app.db, r.le.id, cs[0].id, 'email', true);
    await setConsent(app.db, r.le.id, cs[2].id, 'email', true);

    const res = await app.inject({
      method: 'POST', url: '/api/v1/client-book/hand-over', headers: { cookie: r.as.headOffice },
      payload: {
        fromAssociateId: leaving.id,
        moves: [{ toAssociateId: r.associate.id }, { toAssociateId: camille.id, customerIds: [cs[0].id, cs[1].id] }],
        introduction: { subject: 'Your new contact', body: 'Dear {{customer.firstName}}, I am {{associate.name}} and will look after you from now on.' },
      },
    });
    expect(res.statusCode).toBe(200);
    const out = res.json();
    expect(out.fromAssociateName).toBe(leaving.displayName);
    expect(out.moves).toEqual([
      { toAssociateId: camille.id, toAssociateName: 'Camille Roux', moved: 2 },
      { toAssociateId: r.associate.id, toAssociateName: r.associate.displayName, moved: 2 },
    ]);
    expect(out.remaining).toBe(0);
    // Two customers agreed to email: each gets an introduction from their new associate; the others are named with why not.
    expect(out.introductions.queued).toBe(2);
    expect(out.introductions.notSent.map((n: { customerName: string }) => n.customerName).sort()).toEqual([cs[1], cs[3]].map((c) => `${c.firstName} ${c.lastName}`).sort());
    expect(out.introductions.notSent[0].reason).toMatch(/agreed|consent/);
    const msgs = await query<{ customerId: string; associateId: string; body: string }>(app.db, sql`select customer_id as "customerId", associate_id as "associateId", body
      from outreach_messages where legal_entity_id = ${r.le.id} order by body`);
    expect(msgs).toEqual(expect.arrayContaining([
      { customerId: cs[0].id, associateId: camille.id, body: 'Dear Book1, I am Camille Roux and will look after you from now on.' },
      { customerId: cs[2].id, associateId: r.associate.id, body: `Dear Book3, I am ${r.associate.displayName} and will look after you from now on.` },
    ]));
    const audits = await query<{ n: number }>(app.db, sql`select count(*)::int as n from audit_log where legal_entity_id = ${r.le.id} and entity_id = ${leaving.id} and action = 'reassign'`);
    expect(audits[0].n).toBe(1);
  });

  it('records N introductions in the hand-over, queues them once after commit, and a repeat or retried hand-over adds none', async () => {
    const r = await buildRetailer(app, app.db);
    await enableClienteling(app, r.as.headOffice);
    const leaving = await buildAssociate(app.db, r.le, { storeIds: [r.store.id] });
    const N = 7;
    const cs = await Promise.all(Array.from({ length: N }, (_, i) => buildCustomer(app.db, r.le.id, { firstName: `Intro${i}` })));
    for (const c of cs) {
      await addToClientBook(app.db, r.le.id, leaving.id, c.id);
      await setConsent(app.db, r.le.id, c.id, 'email', true);
    }
    const counts = async () => (await query<{ messages: number; introductions: number; queued: number }>(app.db, sql`select
      (select count(*)::int from outreach_messages where legal_entity_id = ${r.le.id}) as messages,
      (select count(*)::int from outreach_introductions where legal_entity_id = ${r.le.id}) as introductions,
      (select count(*)::int from outreach_introductions where legal_entity_id = ${r.le.id} and status = 'queued') as queued`))[0];
    const handOver = (from: string, to: string, introduce: boolean) => app.inject({
      method: 'POST', url: '/api/v1/client-book/hand-over', headers: { cookie: r.as.headOffice },
      payload: { fromAssociateId: from, moves: [{ toAssociateId: to }], ...(introduce ? { introduction: { subject: 'Hello', body: 'Dear {{customer.firstName}}, I am {{associate.name}}.' } } : {}) },
    });

    const first = await handOver(leaving.id, r.associate.id, true);
    expect(first.statusCode).toBe(200);
    expect(first.json().moves[0].moved).toBe(N);
    expect(first.json().introductions).toEqual({ queued: N, notSent: [] });
    expect(await counts()).toEqual({ messages: N, introductions: N, queued: N });

    // The same request again (a retry after a lost answer): nothing left to move, nothing more to send.
    const again = await handOver(leaving.id, r.associate.id, true);
    expect(again.statusCode).toBe(200);
    expect([again.json().moves[0].moved, again.json().introductions]).toEqual([0, { queued: 0, notSent: [] }]);
    // The customers come back and are handed over again, introduction ticked: the new associate introduced themself already.
    expect((await handOver(r.associate.id, leaving.id, false)).json().moves[0].moved).toBe(N);
    const repeat = await handOver(leaving.id, r.associate.id, true);
    expect([repeat.json().moves[0].moved, repeat.json().introductions]).toEqual([N, { queued: 0, notSent: [] }]);
    expect(await counts()).toEqual({ messages: N, introductions: N, queued: N });
    expect(await query(app.db, sql`select count(*)::int as n from outreach_messages where legal_entity_id = ${r.le.id} and associate_id = ${r.associate.id}`)).toEqual([{ n: N }]);

    // A process that stopped after writing a message but before marking its introduction: the outbox sender takes the
    // introductions when their lease passes and queues nothing twice (the message's key is the new associate and customer).
    await app.db.execute(sql`update outreach_introductions set status = 'pending', next_attempt_at = now() - interval '1 minute' where legal_entity_id = ${r.le.id}`);
    while (await writeDueIntroductions(app.db) > 0) { /* every due one, whoever else's */ }
    expect(await counts()).toEqual({ messages: N, introductions: N, queued: N });
  });

  it('writes after commit the introductions a hand-over recorded when its request stopped before writing them', async () => {
    const r = await buildRetailer(app, app.db);
    await enableClienteling(app, r.as.headOffice);
    const leaving = await buildAssociate(app.db, r.le, { storeIds: [r.store.id] });
    const cs = await Promise.all([1, 2, 3].map((i) => buildCustomer(app.db, r.le.id, { firstName: `Late${i}` })));
    for (const c of cs) {
      await addToClientBook(app.db, r.le.id, leaving.id, c.id);
      await setConsent(app.db, r.le.id, c.id, 'email', true);
    }
    // Recorded by a hand-over whose process stopped at once: rows only, no message yet.
    const { recordIntroductions } = await import('../outreach/introductions.ts');
    const auth = { userId: '', associateId: r.headOffice.id, associateName: 'Head office', legalEntityId: r.le.id, storeId: null, permissions: new Set<never>(), via: 'session' as const };
    await app.db.transaction((tx) => recordIntroductions(tx, auth, new Map([[r.associate.id, cs.map((c) => c.id)]]), { body: 'Dear {{customer.firstName}}.' }));
    const messages = () => query<{ n: number }>(app.db, sql`select count(*)::int as n from outreach_messages where legal_entity_id = ${r.le.id}`);
    expect(await messages()).toEqual([{ n: 0 }]);
    // Within the lease the request may still be writing them: the sender leaves them.
    await writeDueIntroductions(app.db);
    expect(await messages()).toEqual([{ n: 0 }]);
    await app.db.execute(sql`update outreach_introductions set next_attempt_at = now() - interval '1 second' where legal_entity_id = ${r.le.id}`);
    while (await writeDueIntroductions(app.db) > 0) { /* every due one */ }
    expect(await messages()).toEqual([{ n: 3 }]);
    const bodies = await query<{ body: string }>(app.db, sql`select body from outreach_messages where legal_entity_id = ${r.le.id} order by body`);
    expect(bodies.map((b) => b.body)).toEqual(['Dear Late1.', 'Dear Late2.', 'Dear Late3.']);
  });

  it('changes nothing when one move is wrong, and is refused to an associate', async () => {
    const r = await buildRetailer(app, app.db);
    await enableClienteling(app, r.as.headOffice);
    const leaving = await buildAssociate(app.db, r.le, { storeIds: [r.store.id] });
    const mine = await buildCustomer(app.db, r.le.id);
    const stranger = await buildCustomer(app.db, r.le.id);
    await addToClientBook(app.db, r.le.id, leaving.id, mine.id);
    const body = { fromAssociateId: leaving.id, moves: [{ toAssociateId: r.manager.id }, { toAssociateId: r.associate.id, customerIds: [stranger.id] }], introduction: { body: 'Hello' } };
    const bad = await app.inject({ method: 'POST', url: '/api/v1/client-book/hand-over', headers: { cookie: r.as.headOffice }, payload: body });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().code).toBe(clientBookErrors.customers_not_in_source_book.code);
    const owners = (await app.inject({ method: 'GET', url: `/api/v1/customers/${mine.id}/client-books`, headers: { cookie: r.as.headOffice } })).json();
    expect(owners.owners.map((o: { associateId: string }) => o.associateId)).toEqual([leaving.id]);
    expect(await query(app.db, sql`select count(*)::int as n from outreach_introductions where legal_entity_id = ${r.le.id}`)).toEqual([{ n: 0 }]);
    const twice = await app.inject({ method: 'POST', url: '/api/v1/client-book/hand-over', headers: { cookie: r.as.headOffice },
      payload: { fromAssociateId: leaving.id, moves: [{ toAssociateId: r.manager.id }, { toAssociateId: r.associate.id }] } });
    expect(twice.json().code).toBe(clientBookErrors.hand_over_rest_twice.code);
    const asAssociate = await app.inject({ method: 'POST', url: '/api/v1/client-book/hand-over', headers: { cookie: r.as.associate }, payload: body });
    expect(asAssociate.statusCode).toBe(403);
  });
});

import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { sql } from 'drizzle-orm';
import { testApp } from '../../../test/app.ts';
import { buildRetailer, buildCustomer } from '../../../test/factories.ts';
import { query } from '../../db/client.ts';
import { insightsErrors } from './errors.ts';
import { buildOrders } from './test-helpers.ts';
import { render } from '../../../test/server-text.ts';

let app: Awaited<ReturnType<typeof testApp>>;
beforeAll(async () => { app = await testApp(); });
afterAll(async () => { await app?.close(); });

const ORDER_COUNT = `select o.customer_id, count(*) as value from orders o
  where o.legal_entity_id = :legal_entity_id and o.status <> 'cancelled' group by o.customer_id`;

async function validate(cookie: string, sqlText: string, format = 'number') {
  const res = await app.inject({ method: 'POST', url: '/api/v1/insights/measures/validate', headers: { cookie }, payload: { sqlText, format } });
  expect(res.statusCode).toBe(200);
  return res.json() as { ok: boolean; rowCount: number; errors: string[]; notes: { key: string; params?: Record<string, unknown> }[]; sample: { customerId: string; value: unknown }[] };
}

describe('SQL measures defined by head office', () => {
  it('validates a read query, saves it, computes values for the legal entity and shows them on the customer', async () => {
    const r = await buildRetailer(app, app.db);
    const c1 = await buildCustomer(app.db, r.le.id);
    const c2 = await buildCustomer(app.db, r.le.id);
    await buildOrders(app.db, r.le.id, c1.id, [3, 20, 40]);
    await buildOrders(app.db, r.le.id, c2.id, [5]);
    const other = await buildRetailer(app, app.db);
    const stranger = await buildCustomer(app.db, other.le.id);
    await buildOrders(app.db, other.le.id, stranger.id, [1, 2]);

    const v = await validate(r.as.headOffice, ORDER_COUNT);
    expect(v).toMatchObject({ ok: true, rowCount: 2, errors: [] });
    expect(await query(app.db, sql`select 1 from customer_measures where legal_entity_id = ${r.le.id} and measure_key = 'order_count'`)).toHaveLength(0); // Validate stores nothing

    const save = await app.inject({ method: 'POST', url: '/api/v1/insights/measures', headers: { cookie: r.as.headOffice },
      payload: { key: 'order_count', name: 'Orders', format: 'number', sqlText: ORDER_COUNT } });
    expect(save.statusCode).toBe(201);
    expect(save.json()).toMatchObject({ customers: 2, error: null });
    const m = (await app.inject({ method: 'GET', url: `/api/v1/customers/${c1.id}/measures`, headers: { cookie: r.as.associate } })).json();
    expect(m.measures.find((x: any) => x.key === 'order_count')).toMatchObject({ valueNumber: 3, source: 'sql' });

    // The same query text in another legal entity only sees that legal entity's customers.
    await app.inject({ method: 'POST', url: '/api/v1/insights/measures', headers: { cookie: other.as.headOffice },
      payload: { key: 'order_count', name: 'Orders', format: 'number', sqlText: ORDER_COUNT } });
    const values = await query<{ customerId: string; legalEntityId: string }>(app.db, sql`
      select customer_id as "customerId", legal_entity_id as "legalEntityId" from customer_measures where measure_key = 'order_count' and legal_entity_id in (${r.le.id}, ${other.le.id})`);
    expect(values.filter((x) => x.legalEntityId === r.le.id).map((x) => x.customerId).sort()).toEqual([c1.id, c2.id].sort());
    expect(values.filter((x) => x.legalEntityId === other.le.id).map((x) => x.customerId)).toEqual([stranger.id]);

    const defs = (await app.inject({ method: 'GET', url: '/api/v1/insights/measures', headers: { cookie: r.as.headOffice } })).json();
    expect(defs.find((d: any) => d.key === 'order_count')).toMatchObject({ source: 'sql', customersWithValue: 2, lastError: null });
    expect(defs.find((d: any) => d.key === 'order_count').lastComputedAt).toBeTruthy();

    // A measure that fails at run time keeps the database's own message, by key inside a translated sentence.
    const failing = await app.inject({ method: 'POST', url: '/api/v1/insights/measures', headers: { cookie: r.as.headOffice },
      payload: { key: 'order_ratio', name: 'Ratio', format: 'number', sqlText: ORDER_COUNT } });
    expect(failing.statusCode).toBe(201);
    await app.db.execute(sql`update measure_definitions set sql_text = ${ORDER_COUNT.replace('count(*) as value', '1 / (count(*) - count(*)) as value')}
      where legal_entity_id = ${r.le.id} and key = 'order_ratio'`);
    const recompute = (await app.inject({ method: 'POST', url: '/api/v1/insights/recompute', headers: { cookie: r.as.headOffice }, payload: {} })).json();
    const run = recompute.sqlMeasures.find((x: any) => x.key === 'order_ratio');
    expect(run.error).toMatch(/^The query failed: division by zero/);
    expect(run.errorNotes).toEqual([{ key: 'queryFailed', params: { error: expect.stringMatching(/^division by zero/) } }]);
    const alert = (await app.inject({ method: 'GET', url: '/api/v1/insights/alerts', headers: { cookie: r.as.headOffice } })).json().find((x: any) => x.measureKey === 'order_ratio');
    expect(alert).toMatchObject({ kind: 'measure-failed', message: `Ratio: ${run.error}`, messageText: { key: 'measureFailed', params: { measure: 'Ratio' } }, notes: run.errorNotes });
    expect(render('fr', 'measureNote', alert.notes[0])).toMatch(/^La requête a échoué\u00a0: division by zero/);

    // Duplicate keys and built-in keys are refused; associates cannot define measures.
    const again = await app.inject({ method: 'POST', url: '/api/v1/insights/measures', headers: { cookie: r.as.headOffice }, payload: { key: 'order_count', name: 'Again', format: 'number', sqlText: ORDER_COUNT } });
    expect(again.statusCode).toBe(409);
    expect(again.json()).toMatchObject({ code: insightsErrors.measure_key_taken.code, field: 'key' });
    const builtin = await app.inject({ method: 'POST', url: '/api/v1/insights/measures', headers: { cookie: r.as.headOffice }, payload: { key: 'p_alive', name: 'Mine', format: 'number', sqlText: ORDER_COUNT } });
    expect(builtin.statusCode).toBe(409);
    expect(builtin.json()).toMatchObject({ code: insightsErrors.builtin_measure_key.code, field: 'key' });
    const denied = await app.inject({ method: 'POST', url: '/api/v1/insights/measures', headers: { cookie: r.as.associate }, payload: { key: 'x_measure', name: 'X', format: 'number', sqlText: ORDER_COUNT } });
    expect(denied.statusCode).toBe(403);
    expect(denied.json().code).toBe('forbidden');
  });

  it('rejects statements that write, even hidden in a WITH, and changes nothing', async () => {
    const r = await buildRetailer(app, app.db);
    const c = await buildCustomer(app.db, r.le.id, { firstName: 'Untouched' });
    for (const text of [
      `delete from customers where legal_entity_id = :legal_entity_id`,
      `update customers set first_name = 'x' where legal_entity_id = :legal_entity_id`,
      `select id as customer_id, 1 as value from customers where legal_entity_id = :legal_entity_id; delete from customers where legal_entity_id = :legal_entity_id`,
      `with gone as (update customers set first_name = 'x' where legal_entity_id = :legal_entity_id returning id) select id as customer_id, 1 as value from gone`,
    ]) {
      const v = await validate(r.as.headOffice, text);
      expect(v.ok, text).toBe(false);
      expect(v.errors.length, text).toBeGreaterThan(0);
      const save = await app.inject({ method: 'POST', url: '/api/v1/insights/measures', headers: { cookie: r.as.headOffice }, payload: { key: 'bad_one', name: 'Bad', format: 'number', sqlText: text } });
      expect(save.statusCode, text).toBeGreaterThanOrEqual(400);
      expect(save.statusCode, text).toBeLessThan(500);
      expect(save.json().field).toBe('sqlText');
    }
    const rows = await query<{ firstName: string }>(app.db, sql`select first_name as "firstName" from customers where id = ${c.id}`);
    expect(rows[0].firstName).toBe('Untouched');
    // Functions that write (here a sequence) are not on the allow-list; the run is read-only besides.
    const v = await validate(r.as.headOffice, `select id as customer_id, 1 as value from customers where legal_entity_id = :legal_entity_id and nextval('audit_log_id_seq') > 0`);
    expect(v.ok).toBe(false);
    expect(v.errors.join(' ')).toMatch(/"nextval" is not allowed/);
  });

  it('rejects queries that leak other legal entities\' customers, lack the placeholder or read credentials', async () => {
    const r = await buildRetailer(app, app.db);
    await buildCustomer(app.db, r.le.id, { city: 'Lyon' });
    const other = await buildRetailer(app, app.db);
    const stranger = await buildCustomer(app.db, other.le.id);
    // Asking for the other legal entity's customers finds none: the measure only sees its own legal entity's rows.
    const leak = await validate(r.as.headOffice, `select c.id as customer_id, 1 as value from customers c where c.legal_entity_id <> :legal_entity_id`);
    expect(leak).toMatchObject({ ok: true, rowCount: 0 });
    // A customer id written into the query is not one of this legal entity's customers: refused, nothing saved.
    const outsider = `select '${stranger.id}'::uuid as customer_id, 1 as value from customers c where c.legal_entity_id = :legal_entity_id limit 1`;
    const outsiderCheck = await validate(r.as.headOffice, outsider);
    expect(outsiderCheck.errors.join(' ')).toMatch(/outside this legal entity/);
    // The same by key, for the reader's language.
    expect(outsiderCheck.notes).toEqual([{ key: 'rowsOutside', params: { count: 1 } }]);
    const save = await app.inject({ method: 'POST', url: '/api/v1/insights/measures', headers: { cookie: r.as.headOffice },
      payload: { key: 'leaky', name: 'Leaky', format: 'number', sqlText: outsider } });
    expect(save.statusCode).toBe(422);
    expect(save.json()).toMatchObject({ code: insightsErrors.measure_validation_failed.code, field: 'sqlText' });
    expect(await query(app.db, sql`select 1 from measure_definitions where key = 'leaky'`)).toHaveLength(0);

    const noPlaceholder = await validate(r.as.headOffice, `select c.id as customer_id, 1 as value from customers c`);
    expect(noPlaceholder.errors.join(' ')).toMatch(/:legal_entity_id/);
    expect(noPlaceholder.notes).toEqual([{ key: 'errorCode', params: { code: expect.stringMatching(/^insights\./) } }]);
    const creds = await validate(r.as.headOffice, `select c.id as customer_id, length(u.password_hash) as value from customers c cross join users u where c.legal_entity_id = :legal_entity_id`);
    expect(creds.ok).toBe(false);
    const broken = await validate(r.as.headOffice, `select c.id as customer_id, c.no_such_column as value from customers c where c.legal_entity_id = :legal_entity_id`);
    expect(broken.ok).toBe(false);
    expect(broken.errors.join(' ')).toMatch(/no_such_column/);
    const text = await validate(r.as.headOffice, `select c.id as customer_id, c.city as value from customers c where c.legal_entity_id = :legal_entity_id`, 'number');
    expect(text.errors.join(' ')).toMatch(/not a number/);
  });

  it('changes and deletes only what can be: built-in measures keep their definition, unknown keys are not found', async () => {
    const r = await buildRetailer(app, app.db);
    const c = await buildCustomer(app.db, r.le.id);
    await buildOrders(app.db, r.le.id, c.id, [3]);
    const h = { cookie: r.as.headOffice };
    expect((await app.inject({ method: 'POST', url: '/api/v1/insights/measures', headers: h, payload: { key: 'visits', name: 'Visits', format: 'number', sqlText: ORDER_COUNT } })).statusCode).toBe(201);
    await app.inject({ method: 'GET', url: '/api/v1/insights/measures', headers: h });
    const refusal = async (method: 'PATCH' | 'DELETE' | 'POST', url: string, payload?: object) => {
      const res = await app.inject({ method, url: `/api/v1/insights/measures/${url}`, headers: h, ...(payload ? { payload } : {}) });
      return { status: res.statusCode, code: res.json().code, field: res.json().field };
    };

    expect(await refusal('PATCH', 'p_alive', { sqlText: ORDER_COUNT })).toEqual({ status: 400, code: insightsErrors.measure_has_no_query.code, field: 'sqlText' });
    expect(await refusal('PATCH', 'visits', { sqlText: 'delete from customers where legal_entity_id = :legal_entity_id' }))
      .toEqual({ status: 400, code: insightsErrors.measure_sql_refused.code, field: 'sqlText' });
    expect(await refusal('PATCH', 'visits', { sqlText: "select c.id as customer_id, 'many' as value from customers c where c.legal_entity_id = :legal_entity_id" }))
      .toEqual({ status: 422, code: insightsErrors.measure_validation_failed.code, field: 'sqlText' });
    expect(await refusal('DELETE', 'p_alive')).toEqual({ status: 409, code: insightsErrors.builtin_measure_not_deletable.code, field: 'key' });
    for (const [method, url] of [['PATCH', 'no_such_measure'], ['DELETE', 'no_such_measure'], ['POST', 'no_such_measure/recompute']] as const) {
      expect(await refusal(method, url, method === 'DELETE' ? undefined : method === 'PATCH' ? { name: 'X' } : {}), `${method} ${url}`)
        .toMatchObject({ status: 404, code: insightsErrors.measure_not_found.code });
    }
    // The refused changes left the measure as it was, and it can still be deleted.
    const [def] = await query<{ sqlText: string }>(app.db, sql`select sql_text as "sqlText" from measure_definitions where legal_entity_id = ${r.le.id} and key = 'visits'`);
    expect(def.sqlText).toContain('count(*)');
    expect((await app.inject({ method: 'DELETE', url: '/api/v1/insights/measures/visits', headers: h })).statusCode).toBe(200);
  });
});

import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { randomUUID } from 'node:crypto';
import { sql } from 'drizzle-orm';
import { testApp, apiAs, problemOf } from '../../../test/app.ts';
import { buildRetailer } from '../../../test/factories.ts';
import { createGroup } from '../client-book/test-helpers.ts';
import { setupErrors as errors } from './errors.ts';

let app: Awaited<ReturnType<typeof testApp>>;
beforeAll(async () => { app = await testApp(); });
afterAll(async () => { await app.close(); });

const inject = (method: string, url: string, cookie: string, payload?: object) => apiAs(app, method, url, cookie, payload);
const problem = problemOf;

describe('the clienteling set-up refuses with a code per reason', () => {
  it('takes only its own attribute group and known card measures, each once', async () => {
    const r = await buildRetailer(app, app.db);
    const ho = r.as.headOffice;
    const other = await buildRetailer(app, app.db);
    const foreign = await createGroup(app, other.as.headOffice, 'Sizes');
    expect(await problem(inject('PATCH', '/setup/clienteling', ho, { clientBookAttributeGroupId: foreign.id }))).toEqual([400, errors.unknown_attribute_group.code, 'clientBookAttributeGroupId']);
    await app.db.execute(sql`insert into measure_definitions (legal_entity_id, key, name, source, format) values (${r.le.id}, 'churn', 'Churn probability', 'builtin', 'percent')`);
    expect(await problem(inject('PATCH', '/setup/clienteling', ho, { cardMeasureKeys: ['churn', 'churn'] }))).toEqual([400, errors.card_measure_repeated.code, 'cardMeasureKeys']);
    expect(await problem(inject('PATCH', '/setup/clienteling', ho, { cardMeasureKeys: ['churn', 'clv'] }))).toEqual([400, errors.unknown_measure.code, 'cardMeasureKeys']);
    expect((await inject('PATCH', '/setup/clienteling', ho, { cardMeasureKeys: ['churn'] })).statusCode).toBe(200);
    // Nothing of the refused changes was kept.
    expect((await inject('GET', '/setup/clienteling', ho)).json()).toMatchObject({ clientBookAttributeGroupId: null, cardMeasureKeys: ['churn'] });
  });

  it('never sets the next client book number to one already given', async () => {
    const r = await buildRetailer(app, app.db);
    const ho = r.as.headOffice;
    const prefix = `B${randomUUID().slice(0, 4)}-`;
    expect((await inject('PUT', '/setup/clienteling/number-sequence', ho, { prefix, padding: 3, nextValue: 1 })).statusCode).toBe(200);
    expect((await inject('PATCH', '/setup/clienteling', ho, { enabled: true })).statusCode).toBe(200);
    const book = (await inject('GET', '/client-book', r.as.associate)).json();
    expect(book.bookNumber).toBe(`${prefix}001`);
    expect(await problem(inject('PUT', '/setup/clienteling/number-sequence', ho, { prefix, padding: 3, nextValue: 1 }))).toEqual([409, errors.book_number_taken.code, 'nextValue']);
  });
});

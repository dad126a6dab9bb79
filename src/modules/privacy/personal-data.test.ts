import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { readdirSync, existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { sql, getTableName } from 'drizzle-orm';
import { pgTable, uuid, text, jsonb, integer } from 'drizzle-orm/pg-core';
import { testApp } from '../../../test/app.ts';
import { buildRetailer, buildCustomer } from '../../../test/factories.ts';
import { query } from '../../db/client.ts';
import { personalData, keep } from '../../db/personal-data.ts';
import { customers, customersPersonal } from '../customers/schema.ts';
import { clientBooks, clientBookMembers } from '../client-book/schema.ts';
import { appointments, appointmentTypes } from '../appointments/schema.ts';
import { customerAttributes, attributeGroups, customerAttributeValues } from '../customer-attributes/schema.ts';
import { PERSONAL_DATA, SCHEMA_MODULES } from './declarations.ts';
import { customerDataTables, tablesIn, undeclaredPersonalData } from './declaration-check.ts';

const src = fileURLToPath(new URL('../../', import.meta.url));
/** The schema files drizzle.config.ts reads: src/db/schema/*.ts and src/modules/<capability>/schema.ts. */
async function allSchemaModules() {
  const files = [
    ...readdirSync(`${src}db/schema`).filter((f) => f.endsWith('.ts')).map((f) => `${src}db/schema/${f}`),
    ...readdirSync(`${src}modules`).map((m) => `${src}modules/${m}/schema.ts`).filter((f) => existsSync(f)),
  ];
  return Promise.all(files.map(async (f) => ({ file: f.slice(src.length), mod: (await import(f)) as Record<string, unknown> })));
}

describe('personal data declarations', () => {
  it('every table of customer data declares each of its text and JSON columns', async () => {
    const modules = await allSchemaModules();
    const tables = modules.flatMap((m) => tablesIn(m.mod));
    expect(tables.length).toBeGreaterThan(50);
    // A schema module the privacy service does not import would have its declarations silently skipped.
    const registered = new Set(Object.values(SCHEMA_MODULES));
    const missing = modules.filter((m) => m.file.startsWith('modules/') && !registered.has(m.mod)).map((m) => m.file);
    expect(missing, 'schema modules missing from SCHEMA_MODULES in privacy/declarations.ts').toEqual([]);
    expect(undeclaredPersonalData(tables, PERSONAL_DATA)).toEqual([]);
    // Reached by its parent only: a note's revisions have no customer_id.
    const found = [...customerDataTables(tables, PERSONAL_DATA).keys()].map(getTableName);
    expect(found).toEqual(expect.arrayContaining(['customers', 'customer_note_revisions', 'return_lines', 'appointments', 'outreach_messages']));
  });

  it('a declaration is typed against its table: a misspelt, missing or impossible column does not compile (npx tsc)', () => {
    const notes = pgTable('t_notes', { id: uuid().primaryKey(), customerId: uuid().notNull(), body: text().notNull(), extra: text(), score: integer() });
    const ok = personalData(notes, { onErase: 'anonymise', columns: { body: { replace: '[erased]' }, extra: 'blank', score: 'blank' } });
    expect(ok.columns).toEqual({ body: { replace: '[erased]' }, extra: 'blank', score: 'blank' });
    // @ts-expect-error a misspelt column
    personalData(notes, { onErase: 'anonymise', columns: { body: keep('x'), extra: 'blank', bdy: 'blank' } });
    // @ts-expect-error a text column left undeclared
    personalData(notes, { onErase: 'anonymise', columns: { body: keep('x') } });
    // @ts-expect-error a NOT NULL column cannot be blanked, only replaced
    personalData(notes, { onErase: 'anonymise', columns: { body: 'blank', extra: 'blank' } });
    // @ts-expect-error the owner must be a column of the table (and is checked when the schema loads)
    expect(() => personalData(notes, { owner: 'clientId', onErase: 'delete', reason: 'x' })).toThrow(/clientId is not a column/);
  });

  it('the check names the table and column of an undeclared text column, and of an undeclared table', () => {
    const parent = pgTable('gift_cards', { id: uuid().primaryKey(), customerId: uuid().notNull(), amount: integer(), message: text(), meta: jsonb() });
    const child = pgTable('gift_card_notes', { id: uuid().primaryKey(), cardId: uuid().notNull().references(() => parent.id), note: text() });
    const decl = personalData(parent, { onErase: 'anonymise', columns: { message: 'blank', meta: keep('test') } });
    const partial = { ...decl, columns: { message: 'blank' as const } };
    expect(undeclaredPersonalData([customers, parent, child], [customersPersonal, decl])).toEqual(['gift_card_notes holds customer data (a foreign key to gift_cards) but has no personalData(…) declaration']);
    expect(undeclaredPersonalData([customers, parent], [customersPersonal, partial])).toEqual(['gift_cards.meta (jsonb) is not declared in the personalData(…) of gift_cards']);
    expect(undeclaredPersonalData([customers, parent], [customersPersonal])).toEqual(['gift_cards holds customer data (a customer_id column) but has no personalData(…) declaration']);
  });
});

let app: Awaited<ReturnType<typeof testApp>>;
beforeAll(async () => { app = await testApp(); });
afterAll(async () => { await app.close(); });

describe('erasure and export follow the declarations', () => {
  it('every table of the migrated database with a customer_id column or a foreign key to customers is declared', async () => {
    // Catches tables made by hand-written SQL migrations, which the drizzle schema walk cannot see. Views hold no rows
    // of their own (customer_measure_values shows customer_measures' and customer_insights').
    const rows = await query<{ table: string }>(app.db, sql`
      select distinct table_name as "table" from information_schema.columns
      where table_schema = 'public' and column_name = 'customer_id'
        and table_name in (select table_name from information_schema.tables where table_schema = 'public' and table_type = 'BASE TABLE')
      union
      select distinct cl.relname from pg_constraint c join pg_class cl on cl.oid = c.conrelid
      where c.contype = 'f' and c.confrelid = 'public.customers'::regclass`);
    const declared = new Set(PERSONAL_DATA.map((d) => getTableName(d.table)));
    expect(rows.map((r) => r.table).filter((t) => !declared.has(t)).sort()).toEqual([]);
  });

  it('erases columns no name list covered (note revisions, appointment contact, attribute values) and exports every declared table', async () => {
    const r = await buildRetailer(app, app.db);
    const c = await buildCustomer(app.db, r.le.id, { firstName: 'Margaux', lastName: 'Delacroix', email: 'margaux@example.com' });
    const note = await app.inject({ method: 'POST', url: `/api/v1/customers/${c.id}/notes`, headers: { cookie: r.as.associate }, payload: { body: 'Going through IVF, avoid baby gifts' } });
    expect(note.statusCode).toBe(201);
    const noteId = note.json().id;
    expect((await app.inject({ method: 'PATCH', url: `/api/v1/notes/${noteId}`, headers: { cookie: r.as.associate }, payload: { body: 'Prefers quiet hours' } })).statusCode).toBe(200);
    // Another customer's note and its revision must be neither exported nor erased.
    const other = await buildCustomer(app.db, r.le.id, { firstName: 'Hugo' });
    const otherNote = (await app.inject({ method: 'POST', url: `/api/v1/customers/${other.id}/notes`, headers: { cookie: r.as.associate }, payload: { body: 'Hugo: first draft' } })).json();
    await app.inject({ method: 'PATCH', url: `/api/v1/notes/${otherNote.id}`, headers: { cookie: r.as.associate }, payload: { body: 'Hugo: second draft' } });
    const [type] = await app.db.insert(appointmentTypes).values({ legalEntityId: r.le.id, storeId: r.store.id, name: 'Fitting', durationMinutes: 60 }).returning();
    const startsAt = new Date(Date.now() + 86_400_000).toISOString();
    const endsAt = new Date(Date.now() + 90_000_000).toISOString();
    await app.db.insert(appointments).values({ publicId: `apt_${c.id}`, legalEntityId: r.le.id, storeId: r.store.id, appointmentTypeId: type.id, associateId: r.associate.id,
      customerId: c.id, startsAt, endsAt, blockedUntil: endsAt, customerName: 'Margaux Delacroix', customerEmail: 'margaux@example.com', customerPhone: '+33 6 11 22 33 44',
      customerMessage: 'A dress for my sister\'s wedding' });
    const [group] = await app.db.insert(attributeGroups).values({ legalEntityId: r.le.id, name: `G-${c.id}` }).returning();
    const [attr] = await app.db.insert(customerAttributes).values({ legalEntityId: r.le.id, groupId: group.id, name: `Allergies-${c.id}`, dataType: 'text' }).returning();
    await app.db.insert(customerAttributeValues).values({ customerId: c.id, attributeId: attr.id, legalEntityId: r.le.id, valueText: 'nickel' });
    const [book] = await app.db.insert(clientBooks).values({ legalEntityId: r.le.id, associateId: r.associate.id, bookNumber: `CB-${c.id}` }).returning();
    await app.db.insert(clientBookMembers).values({ clientBookId: book.id, customerId: c.id, legalEntityId: r.le.id });

    const exported = (await app.inject({ method: 'GET', url: `/api/v1/customers/${c.id}/export`, headers: { cookie: r.as.headOffice } })).json();
    const declared = PERSONAL_DATA.map((d) => getTableName(d.table)).filter((t) => t !== 'customers');
    expect(Object.keys(exported.data).sort()).toEqual([...declared].sort());
    expect(exported.data.customer_note_revisions.map((x: any) => x.body)).toEqual(['Going through IVF, avoid baby gifts']);
    expect(exported.data.appointments[0].customer_message).toContain('wedding');
    expect(exported.data.customer_attribute_values[0].value_text).toBe('nickel');

    const res = await app.inject({ method: 'POST', url: `/api/v1/customers/${c.id}/erase`, headers: { cookie: r.as.headOffice }, payload: { reason: 'Customer asked in store' } });
    expect(res.statusCode).toBe(200);
    expect(res.json().cleared).toMatchObject({ customer_note_revisions: 1, customer_notes: 1, appointments: 1, customer_attribute_values: 1 });
    const revisions = (await app.inject({ method: 'GET', url: `/api/v1/notes/${noteId}/revisions`, headers: { cookie: r.as.headOffice } })).json();
    expect(revisions.map((x: any) => x.body)).toEqual(['[erased]']);
    const untouched = (await app.inject({ method: 'GET', url: `/api/v1/notes/${otherNote.id}/revisions`, headers: { cookie: r.as.headOffice } })).json();
    expect(untouched.map((x: any) => x.body)).toEqual(['Hugo: first draft']);
    const [apt] = await query<any>(app.db, sql`select customer_name, customer_email, customer_phone, customer_message, status from appointments where customer_id = ${c.id}`);
    expect(apt).toEqual({ customer_name: 'Erased customer', customer_email: '', customer_phone: null, customer_message: null, status: 'booked' });
    expect(await query(app.db, sql`select 1 from customer_attribute_values where customer_id = ${c.id}`)).toHaveLength(0);
    // The client book's copy of the name follows the customer's (kept by triggers, declared as kept).
    const [member] = await query<any>(app.db, sql`select sort_last_name, attribute_values from client_book_members where customer_id = ${c.id}`);
    expect(member).toEqual({ sort_last_name: 'customer', attribute_values: {} });
  });
});

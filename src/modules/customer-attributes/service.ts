import { and, asc, eq, ne, sql } from 'drizzle-orm';
import { query, type Db } from '../../db/client.ts';
import { columnName } from '../../db/sql.ts';
import { getClientelingSettings } from '../setup/service.ts';
import { attributeGroups, customerAttributes, customerAttributeValues as cav } from './schema.ts';
import { customerAttributeErrors } from './errors.ts';
import { attributeAlias, attributeColumns } from './queries.ts';
import { audit } from '../audit/service.ts';
import type { AuthContext } from '../auth/context.ts';
import { getCustomer } from '../customers/service.ts';
import type { AttributeType } from './schema.ts';
import type { Attribute, AttributeGroup, AttributeInput, AttributeValue, CustomerAttributeValue } from './attribute-schemas.ts';

export type { Attribute, AttributeGroup, AttributeValue };

const a = attributeAlias;

export async function listAttributeGroups(db: Db, legalEntityId: string): Promise<AttributeGroup[]> {
  const groups = await db.select({ id: attributeGroups.id, name: attributeGroups.name }).from(attributeGroups)
    .where(eq(attributeGroups.legalEntityId, legalEntityId)).orderBy(asc(attributeGroups.name));
  const attrs = await query<Attribute>(db, sql`select ${attributeColumns} from ${customerAttributes} as ${a} where ${a.legalEntityId} = ${legalEntityId}
    order by ${a.displayOrder}, ${a.name}`);
  return groups.map((g) => ({ ...g, attributes: attrs.filter((a) => a.groupId === g.id) }));
}

export async function getAttributes(db: Db, legalEntityId: string, ids?: string[]): Promise<Attribute[]> {
  if (ids && !ids.length) return [];
  return query<Attribute>(db, sql`select ${attributeColumns} from ${customerAttributes} as ${a} where ${a.legalEntityId} = ${legalEntityId}
    ${ids ? sql`and ${a.id} in (${sql.join(ids.map((i) => sql`${i}`), sql`, `)})` : sql``} order by ${a.displayOrder}, ${a.name}`);
}

export async function createGroup(db: Db, auth: AuthContext, name: string) {
  const rows = await db.insert(attributeGroups).values({ legalEntityId: auth.legalEntityId, name: name.trim() })
    .onConflictDoNothing({ target: [attributeGroups.legalEntityId, attributeGroups.name] }).returning({ id: attributeGroups.id });
  if (!rows[0]) throw customerAttributeErrors.group_name_taken(`An attribute group named "${name}" already exists.`, { field: 'name' });
  await audit(db, auth, 'create', 'attribute_group', rows[0].id, { name });
  return { id: rows[0].id, name: name.trim(), attributes: [] };
}

export async function renameGroup(db: Db, auth: AuthContext, id: string, name: string) {
  const g = attributeGroups;
  const clash = await db.select({ id: g.id }).from(g).where(and(eq(g.legalEntityId, auth.legalEntityId), eq(g.name, name.trim()), ne(g.id, id)));
  if (clash.length) throw customerAttributeErrors.group_name_taken(`An attribute group named "${name}" already exists.`, { field: 'name' });
  const rows = await db.update(g).set({ name: name.trim() }).where(and(eq(g.id, id), eq(g.legalEntityId, auth.legalEntityId))).returning({ id: g.id });
  if (!rows.length) throw customerAttributeErrors.group_not_found('Attribute group was not found.');
  await audit(db, auth, 'update', 'attribute_group', id, { name });
}

export async function deleteGroup(db: Db, auth: AuthContext, id: string) {
  const settings = await getClientelingSettings(db, auth.legalEntityId);
  if (settings.clientBookAttributeGroupId === id) throw customerAttributeErrors.group_is_client_book_group('This is the client book attribute group; choose another one in the clienteling set-up first.');
  const rows = await db.delete(attributeGroups).where(and(eq(attributeGroups.id, id), eq(attributeGroups.legalEntityId, auth.legalEntityId)))
    .returning({ id: attributeGroups.id });
  if (!rows.length) throw customerAttributeErrors.group_not_found('Attribute group was not found.');
  await audit(db, auth, 'delete', 'attribute_group', id);
}

function cleanListValues(dataType: AttributeType, values: string[] | undefined): string[] {
  if (dataType !== 'list') {
    if (values?.length) throw customerAttributeErrors.list_values_not_allowed('Only a list attribute has list values.', { field: 'listValues' });
    return [];
  }
  const cleaned = (values ?? []).map((v) => v.trim()).filter(Boolean);
  if (!cleaned.length) throw customerAttributeErrors.list_values_missing('A list attribute needs at least one value.', { field: 'listValues' });
  if (new Set(cleaned.map((v) => v.toLowerCase())).size !== cleaned.length) throw customerAttributeErrors.list_value_repeated('A list value is repeated.', { field: 'listValues' });
  return cleaned;
}

async function requireGroup(db: Db, legalEntityId: string, groupId: string) {
  const g = await db.select({ id: attributeGroups.id }).from(attributeGroups)
    .where(and(eq(attributeGroups.id, groupId), eq(attributeGroups.legalEntityId, legalEntityId)));
  if (!g.length) throw customerAttributeErrors.unknown_group('That attribute group does not exist.', { field: 'groupId' });
}

export async function createAttribute(db: Db, auth: AuthContext, input: AttributeInput): Promise<Attribute> {
  await requireGroup(db, auth.legalEntityId, input.groupId);
  const listValues = cleanListValues(input.dataType, input.listValues);
  const rows = await db.insert(customerAttributes).values({
    legalEntityId: auth.legalEntityId, groupId: input.groupId, name: input.name.trim(), dataType: input.dataType,
    canBeRefined: input.canBeRefined ?? false, displayOrder: input.displayOrder ?? 100, listValues,
  }).onConflictDoNothing({ target: [customerAttributes.legalEntityId, customerAttributes.name] }).returning({ id: customerAttributes.id });
  if (!rows[0]) throw customerAttributeErrors.attribute_name_taken(`An attribute named "${input.name}" already exists.`, { field: 'name' });
  await audit(db, auth, 'create', 'customer_attribute', rows[0].id, { name: input.name });
  return (await getAttributes(db, auth.legalEntityId, [rows[0].id]))[0];
}

export async function updateAttribute(db: Db, auth: AuthContext, id: string, patch: Partial<AttributeInput>): Promise<Attribute> {
  const [current] = await getAttributes(db, auth.legalEntityId, [id]);
  if (!current) throw customerAttributeErrors.attribute_not_found('Attribute was not found.');
  const next = { ...current, ...patch };
  if (patch.groupId) await requireGroup(db, auth.legalEntityId, patch.groupId);
  const inUse = await db.select({ v: cav.valueText }).from(cav).where(eq(cav.attributeId, id)).limit(10000);
  if (patch.dataType && patch.dataType !== current.dataType && inUse.length) {
    throw customerAttributeErrors.type_change_with_values('Customers already have values for this attribute, so its type cannot change.', { field: 'dataType' });
  }
  const listValues = cleanListValues(next.dataType, patch.listValues ?? (next.dataType === 'list' ? current.listValues : undefined));
  if (next.dataType === 'list') {
    const dropped = new Set(inUse.map((r) => r.v).filter((v): v is string => !!v && !listValues.includes(v)));
    if (dropped.size) throw customerAttributeErrors.list_values_in_use(`Customers still have the value(s) ${[...dropped].slice(0, 5).join(', ')}; keep them in the list.`, { field: 'listValues' });
  }
  if (patch.name && patch.name.trim() !== current.name) {
    const clash = await db.select({ id: customerAttributes.id }).from(customerAttributes)
      .where(and(eq(customerAttributes.legalEntityId, auth.legalEntityId), eq(customerAttributes.name, patch.name.trim())));
    if (clash.length) throw customerAttributeErrors.attribute_name_taken(`An attribute named "${patch.name}" already exists.`, { field: 'name' });
  }
  await db.update(customerAttributes).set({
    groupId: next.groupId, name: next.name.trim(), dataType: next.dataType, canBeRefined: next.canBeRefined, displayOrder: next.displayOrder, listValues,
  }).where(and(eq(customerAttributes.id, id), eq(customerAttributes.legalEntityId, auth.legalEntityId)));
  await audit(db, auth, 'update', 'customer_attribute', id, { fields: Object.keys(patch) });
  return (await getAttributes(db, auth.legalEntityId, [id]))[0];
}

export async function deleteAttribute(db: Db, auth: AuthContext, id: string) {
  const rows = await db.delete(customerAttributes).where(and(eq(customerAttributes.id, id), eq(customerAttributes.legalEntityId, auth.legalEntityId)))
    .returning({ id: customerAttributes.id });
  if (!rows.length) throw customerAttributeErrors.attribute_not_found('Attribute was not found.');
  await audit(db, auth, 'delete', 'customer_attribute', id);
}

type AnyValue = unknown;

/** Formats a stored value for people: yes/no, dates and numbers as typed. */
export function attributeValueOf(a: Pick<Attribute, 'dataType'>, row: { valueText: string | null; valueNumber: number | null; valueDate: string | null; valueBoolean: boolean | null }): AttributeValue {
  switch (a.dataType) {
    case 'number': return row.valueNumber;
    case 'date': return row.valueDate;
    case 'boolean': return row.valueBoolean;
    default: return row.valueText;
  }
}

export function displayValue(a: Pick<Attribute, 'dataType'>, v: AttributeValue): string | null {
  if (v === null || v === undefined) return null;
  if (a.dataType === 'boolean') return v ? 'Yes' : 'No';
  if (a.dataType === 'number') return Number.isInteger(v) ? String(v) : (v as number).toFixed(2).replace(/\.?0+$/, '');
  return String(v);
}

export async function customerAttributeValues(db: Db, auth: AuthContext, customerId: string): Promise<CustomerAttributeValue[]> {
  await getCustomer(db, auth.legalEntityId, customerId);
  const attrs = await getAttributes(db, auth.legalEntityId);
  const rows = await query<{ attributeId: string; valueText: string | null; valueNumber: number | null; valueDate: string | null; valueBoolean: boolean | null }>(db, sql`
    select ${cav.attributeId} as "attributeId", ${cav.valueText} as "valueText", ${cav.valueNumber} as "valueNumber", ${cav.valueDate}::text as "valueDate",
      ${cav.valueBoolean} as "valueBoolean"
    from ${cav} where ${cav.customerId} = ${customerId} and ${cav.legalEntityId} = ${auth.legalEntityId}`);
  await audit(db, auth, 'read', 'customer_attributes', customerId);
  return attrs.map((a) => {
    const row = rows.find((r) => r.attributeId === a.id);
    const value = row ? attributeValueOf(a, row) : null;
    return { ...a, value, display: displayValue(a, value) };
  });
}

function typedColumns(a: Attribute, value: AnyValue, field: string) {
  const cols = { valueText: null as string | null, valueNumber: null as number | null, valueDate: null as string | null, valueBoolean: null as boolean | null };
  const bad = (msg: string) => customerAttributeErrors.invalid_value(`${a.name}: ${msg}`, { field });
  // Text that looks like a number (a size "52") may arrive typed as a number: text attributes keep it as text.
  if ((a.dataType === 'text' || a.dataType === 'list') && (typeof value === 'number' || typeof value === 'boolean')) value = String(value);
  switch (a.dataType) {
    case 'text':
      if (typeof value !== 'string') throw bad('expects text.');
      if (value.length > 500) throw bad('is longer than 500 characters.');
      cols.valueText = value.trim();
      break;
    case 'list':
      if (typeof value !== 'string' || !a.listValues.includes(value)) throw bad(`must be one of ${a.listValues.join(', ')}.`);
      cols.valueText = value;
      break;
    case 'number':
      if (typeof value !== 'number' || !Number.isFinite(value)) throw bad('expects a number.');
      cols.valueNumber = value;
      break;
    case 'date':
      if (typeof value !== 'string' || !/^\d{4}-\d{2}-\d{2}$/.test(value) || Number.isNaN(Date.parse(value))) throw bad('expects a date (YYYY-MM-DD).');
      cols.valueDate = value;
      break;
    case 'boolean':
      if (typeof value !== 'boolean') throw bad('expects yes or no (true/false).');
      cols.valueBoolean = value;
      break;
  }
  return cols;
}

/** Sets (or clears, with null) several attribute values of a customer in one transaction. */
export async function setCustomerAttributeValues(db: Db, auth: AuthContext, customerId: string, values: { attributeId: string; value?: AnyValue }[]) {
  const customer = await getCustomer(db, auth.legalEntityId, customerId);
  if (customer.erasedAt) throw customerAttributeErrors.customer_erased('This customer was erased on request; their data can no longer be edited.');
  const attrs = await getAttributes(db, auth.legalEntityId, [...new Set(values.map((v) => v.attributeId))]);
  await db.transaction(async (tx) => {
    for (const [i, v] of values.entries()) {
      const a = attrs.find((x) => x.id === v.attributeId);
      if (!a) throw customerAttributeErrors.unknown_attribute('That attribute does not exist.', { field: `values.${i}.attributeId` });
      if (v.value === null || v.value === undefined || v.value === '') {
        await tx.delete(cav).where(and(eq(cav.customerId, customerId), eq(cav.attributeId, a.id)));
        continue;
      }
      const c = typedColumns(a, v.value, `values.${i}.value`);
      await tx.insert(cav).values({ customerId, attributeId: a.id, legalEntityId: auth.legalEntityId, ...c, updatedAt: sql`now()` })
        .onConflictDoUpdate({
          target: [cav.customerId, cav.attributeId],
          set: {
            valueText: sql`excluded.${columnName(cav.valueText)}`, valueNumber: sql`excluded.${columnName(cav.valueNumber)}`,
            valueDate: sql`excluded.${columnName(cav.valueDate)}`, valueBoolean: sql`excluded.${columnName(cav.valueBoolean)}`, updatedAt: sql`now()`,
          },
        });
    }
    await audit(tx, auth, 'update', 'customer_attributes', customerId, { attributes: attrs.map((a) => a.name) });
  });
  return customerAttributeValues(db, auth, customerId);
}

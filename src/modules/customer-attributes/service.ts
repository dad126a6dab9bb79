import { sql } from 'drizzle-orm';
import { query, type Db } from '../../db/client.ts';
import { customerAttributeErrors } from './errors.ts';
import { audit } from '../audit/service.ts';
import type { AuthContext } from '../auth/context.ts';
import { getCustomer } from '../customers/service.ts';
import type { AttributeType } from './schema.ts';

export interface Attribute {
  id: string; groupId: string; name: string; dataType: AttributeType; canBeRefined: boolean; displayOrder: number; listValues: string[];
}
export interface AttributeGroup { id: string; name: string; attributes: Attribute[] }

export const attributeColumns = sql`a.id, a.group_id as "groupId", a.name, a.data_type as "dataType", a.can_be_refined as "canBeRefined",
  a.display_order as "displayOrder", a.list_values as "listValues"`;

export async function listAttributeGroups(db: Db, legalEntityId: string): Promise<AttributeGroup[]> {
  const groups = await query<{ id: string; name: string }>(db, sql`select id, name from attribute_groups where legal_entity_id = ${legalEntityId} order by name`);
  const attrs = await query<Attribute>(db, sql`select ${attributeColumns} from customer_attributes a where a.legal_entity_id = ${legalEntityId}
    order by a.display_order, a.name`);
  return groups.map((g) => ({ ...g, attributes: attrs.filter((a) => a.groupId === g.id) }));
}

export async function getAttributes(db: Db, legalEntityId: string, ids?: string[]): Promise<Attribute[]> {
  if (ids && !ids.length) return [];
  return query<Attribute>(db, sql`select ${attributeColumns} from customer_attributes a where a.legal_entity_id = ${legalEntityId}
    ${ids ? sql`and a.id in (${sql.join(ids.map((i) => sql`${i}`), sql`, `)})` : sql``} order by a.display_order, a.name`);
}

export async function createGroup(db: Db, auth: AuthContext, name: string) {
  const rows = await query<{ id: string }>(db, sql`insert into attribute_groups (legal_entity_id, name) values (${auth.legalEntityId}, ${name.trim()})
    on conflict (legal_entity_id, name) do nothing returning id`);
  if (!rows[0]) throw customerAttributeErrors.group_name_taken(`An attribute group named "${name}" already exists.`, { field: 'name' });
  await audit(db, auth, 'create', 'attribute_group', rows[0].id, { name });
  return { id: rows[0].id, name: name.trim(), attributes: [] };
}

export async function renameGroup(db: Db, auth: AuthContext, id: string, name: string) {
  const clash = await query(db, sql`select 1 from attribute_groups where legal_entity_id = ${auth.legalEntityId} and name = ${name.trim()} and id <> ${id}`);
  if (clash.length) throw customerAttributeErrors.group_name_taken(`An attribute group named "${name}" already exists.`, { field: 'name' });
  const rows = await query(db, sql`update attribute_groups set name = ${name.trim()} where id = ${id} and legal_entity_id = ${auth.legalEntityId} returning id`);
  if (!rows.length) throw customerAttributeErrors.group_not_found('Attribute group was not found.');
  await audit(db, auth, 'update', 'attribute_group', id, { name });
}

export async function deleteGroup(db: Db, auth: AuthContext, id: string) {
  const used = await query(db, sql`select 1 from clienteling_settings where legal_entity_id = ${auth.legalEntityId} and client_book_attribute_group_id = ${id}`);
  if (used.length) throw customerAttributeErrors.group_is_client_book_group('This is the client book attribute group; choose another one in the clienteling set-up first.');
  const rows = await query(db, sql`delete from attribute_groups where id = ${id} and legal_entity_id = ${auth.legalEntityId} returning id`);
  if (!rows.length) throw customerAttributeErrors.group_not_found('Attribute group was not found.');
  await audit(db, auth, 'delete', 'attribute_group', id);
}

export interface AttributeInput {
  groupId: string; name: string; dataType: AttributeType; canBeRefined?: boolean; displayOrder?: number; listValues?: string[];
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
  const g = await query(db, sql`select 1 from attribute_groups where id = ${groupId} and legal_entity_id = ${legalEntityId}`);
  if (!g.length) throw customerAttributeErrors.unknown_group('That attribute group does not exist.', { field: 'groupId' });
}

export async function createAttribute(db: Db, auth: AuthContext, input: AttributeInput): Promise<Attribute> {
  await requireGroup(db, auth.legalEntityId, input.groupId);
  const listValues = cleanListValues(input.dataType, input.listValues);
  const rows = await query<{ id: string }>(db, sql`
    insert into customer_attributes (legal_entity_id, group_id, name, data_type, can_be_refined, display_order, list_values)
    values (${auth.legalEntityId}, ${input.groupId}, ${input.name.trim()}, ${input.dataType}, ${input.canBeRefined ?? false},
      ${input.displayOrder ?? 100}, ${JSON.stringify(listValues)}::jsonb)
    on conflict (legal_entity_id, name) do nothing returning id`);
  if (!rows[0]) throw customerAttributeErrors.attribute_name_taken(`An attribute named "${input.name}" already exists.`, { field: 'name' });
  await audit(db, auth, 'create', 'customer_attribute', rows[0].id, { name: input.name });
  return (await getAttributes(db, auth.legalEntityId, [rows[0].id]))[0];
}

export async function updateAttribute(db: Db, auth: AuthContext, id: string, patch: Partial<AttributeInput>): Promise<Attribute> {
  const [current] = await getAttributes(db, auth.legalEntityId, [id]);
  if (!current) throw customerAttributeErrors.attribute_not_found('Attribute was not found.');
  const next = { ...current, ...patch };
  if (patch.groupId) await requireGroup(db, auth.legalEntityId, patch.groupId);
  const inUse = await query<{ v: string | null }>(db, sql`select value_text as v from customer_attribute_values where attribute_id = ${id} limit 10000`);
  if (patch.dataType && patch.dataType !== current.dataType && inUse.length) {
    throw customerAttributeErrors.type_change_with_values('Customers already have values for this attribute, so its type cannot change.', { field: 'dataType' });
  }
  const listValues = cleanListValues(next.dataType, patch.listValues ?? (next.dataType === 'list' ? current.listValues : undefined));
  if (next.dataType === 'list') {
    const dropped = new Set(inUse.map((r) => r.v).filter((v): v is string => !!v && !listValues.includes(v)));
    if (dropped.size) throw customerAttributeErrors.list_values_in_use(`Customers still have the value(s) ${[...dropped].slice(0, 5).join(', ')}; keep them in the list.`, { field: 'listValues' });
  }
  if (patch.name && patch.name.trim() !== current.name) {
    const clash = await query(db, sql`select 1 from customer_attributes where legal_entity_id = ${auth.legalEntityId} and name = ${patch.name.trim()}`);
    if (clash.length) throw customerAttributeErrors.attribute_name_taken(`An attribute named "${patch.name}" already exists.`, { field: 'name' });
  }
  await db.execute(sql`update customer_attributes set group_id = ${next.groupId}, name = ${next.name.trim()}, data_type = ${next.dataType},
    can_be_refined = ${next.canBeRefined}, display_order = ${next.displayOrder}, list_values = ${JSON.stringify(listValues)}::jsonb
    where id = ${id} and legal_entity_id = ${auth.legalEntityId}`);
  await audit(db, auth, 'update', 'customer_attribute', id, { fields: Object.keys(patch) });
  return (await getAttributes(db, auth.legalEntityId, [id]))[0];
}

export async function deleteAttribute(db: Db, auth: AuthContext, id: string) {
  const rows = await query(db, sql`delete from customer_attributes where id = ${id} and legal_entity_id = ${auth.legalEntityId} returning id`);
  if (!rows.length) throw customerAttributeErrors.attribute_not_found('Attribute was not found.');
  await audit(db, auth, 'delete', 'customer_attribute', id);
}

export type AttributeValue = string | number | boolean | null;
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

export async function customerAttributeValues(db: Db, auth: AuthContext, customerId: string) {
  await getCustomer(db, auth.legalEntityId, customerId);
  const attrs = await getAttributes(db, auth.legalEntityId);
  const rows = await query<{ attributeId: string; valueText: string | null; valueNumber: number | null; valueDate: string | null; valueBoolean: boolean | null }>(db, sql`
    select attribute_id as "attributeId", value_text as "valueText", value_number as "valueNumber", value_date::text as "valueDate", value_boolean as "valueBoolean"
    from customer_attribute_values where customer_id = ${customerId} and legal_entity_id = ${auth.legalEntityId}`);
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
  await db.transaction(async (txRaw) => {
    const tx: Db = txRaw;
    for (const [i, v] of values.entries()) {
      const a = attrs.find((x) => x.id === v.attributeId);
      if (!a) throw customerAttributeErrors.unknown_attribute('That attribute does not exist.', { field: `values.${i}.attributeId` });
      if (v.value === null || v.value === undefined || v.value === '') {
        await tx.execute(sql`delete from customer_attribute_values where customer_id = ${customerId} and attribute_id = ${a.id}`);
        continue;
      }
      const c = typedColumns(a, v.value, `values.${i}.value`);
      await tx.execute(sql`insert into customer_attribute_values (customer_id, attribute_id, legal_entity_id, value_text, value_number, value_date, value_boolean, updated_at)
        values (${customerId}, ${a.id}, ${auth.legalEntityId}, ${c.valueText}, ${c.valueNumber}, ${c.valueDate}, ${c.valueBoolean}, now())
        on conflict (customer_id, attribute_id) do update set value_text = excluded.value_text, value_number = excluded.value_number,
          value_date = excluded.value_date, value_boolean = excluded.value_boolean, updated_at = now()`);
    }
    await audit(tx, auth, 'update', 'customer_attributes', customerId, { attributes: attrs.map((a) => a.name) });
  });
  return customerAttributeValues(db, auth, customerId);
}

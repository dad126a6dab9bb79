import { sql } from 'drizzle-orm';
import { query, type Db } from '../../db/client.ts';
import { attributesOfGroup, attributeValueOf, displayValue, type Attribute } from '../customer-attributes/service.ts';
import type { ClientelingSettings } from '../setup/service.ts';
import { ownersOf, type Owner } from './books.ts';
import { daysUntilNext } from './filter.ts';

export interface CardProperty { kind: 'measure' | 'attribute'; key: string; label: string; value: string | null }

export interface CustomerCard {
  customerId: string; accountNumber: string; firstName: string; lastName: string; email: string | null; phone: string | null;
  isVip: boolean; birthDate: string | null; anniversaryDate: string | null;
  /** Days until the next birthday / anniversary, for "important date coming up" badges. */
  birthdayInDays: number | null; anniversaryInDays: number | null;
  properties: CardProperty[];
  owners: Owner[];
}

interface Slot { kind: 'measure' | 'attribute'; key: string; label: string; format?: string; attribute?: Attribute }

/**
 * The three properties of the customer card (as the seed): the selected measures first, then the client book
 * attribute group's attributes by display order (1 before 2), filling up to three.
 */
export async function cardSlots(db: Db, legalEntityId: string, settings: ClientelingSettings): Promise<Slot[]> {
  const slots: Slot[] = [];
  if (settings.cardMeasureKeys.length) {
    const defs = await query<{ key: string; name: string; format: string }>(db, sql`select key, name, format from measure_definitions
      where legal_entity_id = ${legalEntityId} and key in (${sql.join(settings.cardMeasureKeys.map((k) => sql`${k}`), sql`, `)})`);
    for (const k of settings.cardMeasureKeys) {
      const d = defs.find((x) => x.key === k);
      if (d) slots.push({ kind: 'measure', key: d.key, label: d.name, format: d.format });
    }
  }
  if (settings.clientBookAttributeGroupId && slots.length < 3) {
    const attrs = await attributesOfGroup(db, legalEntityId, settings.clientBookAttributeGroupId);
    for (const a of attrs.slice(0, 3 - slots.length)) slots.push({ kind: 'attribute', key: a.id, label: a.name, attribute: a });
  }
  return slots;
}

export function formatMeasure(format: string | undefined, v: { valueNumber: number | null; valueText: string | null }, currency: string): string | null {
  if (v.valueNumber === null || v.valueNumber === undefined) return v.valueText ?? null;
  const n = v.valueNumber;
  switch (format) {
    case 'percent': return `${Math.round(n * 100)}%`;
    case 'currency': {
      // Currency measures are stored in minor units (cents); the currency says how many digits that is.
      const digits = new Intl.NumberFormat('en-GB', { style: 'currency', currency }).resolvedOptions().maximumFractionDigits ?? 2;
      return new Intl.NumberFormat('en-GB', { style: 'currency', currency, maximumFractionDigits: 0 }).format(n / 10 ** digits);
    }
    case 'text': return v.valueText ?? String(n);
    default: return Number.isInteger(n) ? String(n) : n.toFixed(2);
  }
}

export async function buildCards(db: Db, legalEntityId: string, settings: ClientelingSettings, customerIds: string[], today: string, currency?: string): Promise<CustomerCard[]> {
  if (!customerIds.length) return [];
  const ids = sql.join(customerIds.map((id) => sql`${id}`), sql`, `);
  const le = currency ? { currency } : (await query<{ currency: string }>(db, sql`select currency from legal_entities where id = ${legalEntityId}`))[0];
  const [contacts, slots, owners] = await Promise.all([
    query<Omit<CustomerCard, 'properties' | 'owners'>>(db, sql`
      select c.id as "customerId", c.account_number as "accountNumber", c.first_name as "firstName", c.last_name as "lastName", c.email, c.phone,
        c.is_vip as "isVip", c.birth_date::text as "birthDate", c.anniversary_date::text as "anniversaryDate",
        ${daysUntilNext(sql`c.birth_date`, today)} as "birthdayInDays", ${daysUntilNext(sql`c.anniversary_date`, today)} as "anniversaryInDays"
      from customers c where c.legal_entity_id = ${legalEntityId} and c.id in (${ids})`),
    cardSlots(db, legalEntityId, settings),
    ownersOf(db, legalEntityId, customerIds),
  ]);
  const measureKeys = slots.filter((s) => s.kind === 'measure').map((s) => s.key);
  const attrIds = slots.filter((s) => s.kind === 'attribute').map((s) => s.key);
  const [measures, values] = await Promise.all([
    measureKeys.length ? query<{ customerId: string; key: string; valueNumber: number | null; valueText: string | null }>(db, sql`
      select customer_id as "customerId", measure_key as key, value_number as "valueNumber", value_text as "valueText" from customer_measures
      where legal_entity_id = ${legalEntityId} and customer_id in (${ids}) and measure_key in (${sql.join(measureKeys.map((k) => sql`${k}`), sql`, `)})`) : [],
    attrIds.length ? query<{ customerId: string; attributeId: string; valueText: string | null; valueNumber: number | null; valueDate: string | null; valueBoolean: boolean | null }>(db, sql`
      select customer_id as "customerId", attribute_id as "attributeId", value_text as "valueText", value_number as "valueNumber",
        value_date::text as "valueDate", value_boolean as "valueBoolean" from customer_attribute_values
      where customer_id in (${ids}) and attribute_id in (${sql.join(attrIds.map((k) => sql`${k}`), sql`, `)})`) : [],
  ]);
  const byId = new Map(contacts.map((c) => [c.customerId, c]));
  return customerIds.filter((id) => byId.has(id)).map((id) => {
    const c = byId.get(id)!;
    const properties = slots.map((s): CardProperty => {
      if (s.kind === 'measure') {
        const m = measures.find((x) => x.customerId === id && x.key === s.key);
        return { kind: 'measure', key: s.key, label: s.label, value: m ? formatMeasure(s.format, m, le.currency) : null };
      }
      const v = values.find((x) => x.customerId === id && x.attributeId === s.key);
      return { kind: 'attribute', key: s.key, label: s.label, value: v ? displayValue(s.attribute!, attributeValueOf(s.attribute!, v)) : null };
    });
    return { ...c, properties, owners: owners.filter((o) => o.customerId === id).map(({ customerId: _c, ...o }) => o) };
  });
}

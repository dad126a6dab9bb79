import { sql, type SQL } from 'drizzle-orm';
import { attributeValueOf, displayValue, type Attribute } from '../customer-attributes/service.ts';
import type { Owner } from './books.ts';
import { daysUntilNext } from './filter.ts';
import { formatMeasureValue } from '../../../shared/measures.ts';

export interface CardProperty { kind: 'measure' | 'attribute'; key: string; label: string; value: string | null }

export interface CustomerCard {
  customerId: string; accountNumber: string; firstName: string; lastName: string; email: string | null; phone: string | null;
  isVip: boolean; birthDate: string | null; anniversaryDate: string | null;
  /** Days until the next birthday / anniversary, for "important date coming up" badges. */
  birthdayInDays: number | null; anniversaryInDays: number | null;
  properties: CardProperty[];
  owners: Owner[];
}

export interface CardSlot { kind: 'measure' | 'attribute'; key: string; label: string; format?: string; attribute?: Attribute }

/**
 * The three properties of the customer card (as the seed): the selected measures first, in the order head office
 * chose them, then the client book attribute group's attributes by display order (1 before 2), filling up to three.
 */
export function cardSlots(measureKeys: string[], measures: { key: string; name: string; format: string }[], groupAttributes: Attribute[]): CardSlot[] {
  const slots: CardSlot[] = [];
  for (const k of measureKeys) {
    const d = measures.find((x) => x.key === k);
    if (d) slots.push({ kind: 'measure', key: d.key, label: d.name, format: d.format });
  }
  for (const a of groupAttributes.slice(0, Math.max(0, 3 - slots.length))) slots.push({ kind: 'attribute', key: a.id, label: a.name, attribute: a });
  return slots;
}

export function formatMeasure(format: string | undefined, v: { valueNumber: number | null; valueText: string | null }, currency: string): string | null {
  // Card rows are formatted on the server, in the locale the card screens use.
  return formatMeasureValue(format, v, currency, 'en-GB');
}

/** A card as one row: contact columns of the customer `c`, and its owners, measures and attribute values as JSON. */
export interface CardRow extends Omit<CustomerCard, 'properties' | 'owners'> {
  owners: Owner[];
  measures: { key: string; valueNumber: number | null; valueText: string | null }[] | null;
  attributeValues: { attributeId: string; valueText: string | null; valueNumber: number | null; valueDate: string | null; valueBoolean: boolean | null }[] | null;
}

/**
 * The select list of a card for the customer row `c`: the page query selects it for its own rows, so a page of cards
 * is one statement (each round trip to the database costs about half a millisecond, a page used to take seven).
 */
export function cardColumns(legalEntityId: string, slots: CardSlot[], today: string): SQL {
  const measureKeys = slots.filter((s) => s.kind === 'measure').map((s) => sql`${s.key}`);
  const attributeIds = slots.filter((s) => s.kind === 'attribute').map((s) => sql`${s.key}::uuid`);
  return sql`c.account_number as "accountNumber", c.first_name as "firstName", c.last_name as "lastName", c.email, c.phone,
    c.is_vip as "isVip", c.birth_date::text as "birthDate", c.anniversary_date::text as "anniversaryDate",
    ${daysUntilNext(sql`c.birth_date`, today)} as "birthdayInDays", ${daysUntilNext(sql`c.anniversary_date`, today)} as "anniversaryInDays",
    (select coalesce(json_agg(json_build_object('associateId', b.associate_id, 'associateName', a.display_name, 'bookNumber', b.book_number,
        'isPrimary', o.is_primary, 'addedAt', o.added_at::text) order by o.is_primary desc, o.added_at), '[]')
      from client_book_members o join client_books b on b.id = o.client_book_id join associates a on a.id = b.associate_id
      where o.legal_entity_id = ${legalEntityId} and o.customer_id = c.id) as owners,
    ${measureKeys.length ? sql`(select json_agg(json_build_object('key', cm.measure_key, 'valueNumber', cm.value_number, 'valueText', cm.value_text))
      from customer_measures cm where cm.customer_id = c.id and cm.legal_entity_id = ${legalEntityId}
        and cm.measure_key in (${sql.join(measureKeys, sql`, `)}))` : sql`null::json`} as measures,
    ${attributeIds.length ? sql`(select json_agg(json_build_object('attributeId', v.attribute_id, 'valueText', v.value_text, 'valueNumber', v.value_number,
        'valueDate', v.value_date::text, 'valueBoolean', v.value_boolean))
      from customer_attribute_values v where v.customer_id = c.id and v.attribute_id in (${sql.join(attributeIds, sql`, `)}))` : sql`null::json`} as "attributeValues"`;
}

/** A customer card from its row: the three properties formatted for the card. */
export function cardOf(row: CardRow, slots: CardSlot[], currency: string): CustomerCard {
  const { measures, attributeValues, ...card } = row;
  const properties = slots.map((s): CardProperty => {
    if (s.kind === 'measure') {
      const m = measures?.find((x) => x.key === s.key);
      return { kind: 'measure', key: s.key, label: s.label, value: m ? formatMeasure(s.format, m, currency) : null };
    }
    const v = attributeValues?.find((x) => x.attributeId === s.key);
    return { kind: 'attribute', key: s.key, label: s.label, value: v ? displayValue(s.attribute!, attributeValueOf(s.attribute!, v)) : null };
  });
  return { ...card, properties };
}

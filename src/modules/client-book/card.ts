import { sql, type Column, type SQL } from 'drizzle-orm';
import { selectList } from '../../db/sql.ts';
import { alias } from 'drizzle-orm/pg-core';
import { clientBooks, clientBookMembers } from './schema.ts';
import { associates } from '../organisation/schema.ts';
import { measureValuesJson } from '../insights/queries.ts';
import { attributeValuesJson } from '../customer-attributes/queries.ts';
import { c } from './page-tables.ts';
import { attributeValueOf, displayValue, type Attribute } from '../customer-attributes/service.ts';
import type { CardProperty, CustomerCard } from './client-book-schemas.ts';
import { daysUntilNext } from './filter.ts';
import { formatMeasureValue } from '../../../shared/measures.ts';
import { rfmSegmentKey } from '../insights/rfm.ts';
import { BUILTIN_KEYS } from '../insights/builtin-measures.ts';

/** nameKey: a built-in measure's stable name, for the web to translate its label (measureName.<key>). */
export interface CardSlot { kind: 'measure' | 'attribute'; key: string; label: string; nameKey?: string; format?: string; attribute?: Attribute }

/**
 * The three properties of the customer card (as the seed): the selected measures first, in the order head office
 * chose them, then the client book attribute group's attributes by display order (1 before 2), filling up to three.
 */
export function cardSlots(measureKeys: string[], measures: { key: string; name: string; format: string; source?: string }[], groupAttributes: Attribute[]): CardSlot[] {
  const slots: CardSlot[] = [];
  for (const k of measureKeys) {
    const d = measures.find((x) => x.key === k);
    if (d) slots.push({ kind: 'measure', key: d.key, label: d.name, format: d.format, ...(d.source === 'builtin' && BUILTIN_KEYS.includes(d.key) ? { nameKey: d.key } : {}) });
  }
  for (const a of groupAttributes.slice(0, Math.max(0, 3 - slots.length))) slots.push({ kind: 'attribute', key: a.id, label: a.name, attribute: a });
  return slots;
}

export function formatMeasure(format: string | undefined, v: { valueNumber: number | null; valueText: string | null }, currency: string): string | null {
  // Card rows are formatted on the server, in the locale the card screens use.
  return formatMeasureValue(format, v, currency, 'en-GB');
}

/** A card as one row: contact columns of the customer `c`, and its owners, measures and attribute values as JSON. */
export interface CardRow extends Omit<CustomerCard, 'properties'> {
  measures: { key: string; valueNumber: number | null; valueText: string | null; actionKey: string | null }[] | null;
  attributeValues: { attributeId: string; valueText: string | null; valueNumber: number | null; valueDate: string | null; valueBoolean: boolean | null }[] | null;
}

/**
 * The select list of a card for the customer row `c`: the page query selects it for its own rows, so a page of cards
 * is one statement (each round trip to the database costs about half a millisecond, a page used to take seven).
 */
const o = alias(clientBookMembers, 'o');
const b = alias(clientBooks, 'b');
const a = alias(associates, 'a');

export function cardColumns(legalEntityId: string, slots: CardSlot[], today: string): SQL {
  const measureKeys = slots.filter((s) => s.kind === 'measure').map((s) => s.key);
  const attributeIds = slots.filter((s) => s.kind === 'attribute').map((s) => s.key);
  // The card's own fields, keyed as the TypeBox card (customerId comes with the page's row; properties are built from
  // the measures and attribute values below).
  const fields: { [K in Exclude<keyof CustomerCard, 'customerId' | 'properties' | 'owners'>]: SQL | Column } = {
    accountNumber: c.accountNumber, firstName: c.firstName, lastName: c.lastName, email: c.email, phone: c.phone, isVip: c.isVip,
    birthDate: sql`${c.birthDate}::text`, anniversaryDate: sql`${c.anniversaryDate}::text`,
    birthdayInDays: daysUntilNext(sql`${c.birthDate}`, today), anniversaryInDays: daysUntilNext(sql`${c.anniversaryDate}`, today),
  };
  return sql`${selectList(fields)},
    (select coalesce(json_agg(json_build_object('associateId', ${b.associateId}, 'associateName', ${a.displayName}, 'bookNumber', ${b.bookNumber},
        'isPrimary', ${o.isPrimary}, 'addedAt', ${o.addedAt}::text) order by ${o.isPrimary} desc, ${o.addedAt}), '[]')
      from ${clientBookMembers} as ${o} join ${clientBooks} as ${b} on ${b.id} = ${o.clientBookId} join ${associates} as ${a} on ${a.id} = ${b.associateId}
      where ${o.legalEntityId} = ${legalEntityId} and ${o.customerId} = ${c.id}) as owners,
    ${measureValuesJson(legalEntityId, c.id, measureKeys)} as measures,
    ${attributeValuesJson(c.id, attributeIds)} as "attributeValues"`;
}

/** A customer card from its row: the three properties formatted for the card. */
export function cardOf(row: CardRow, slots: CardSlot[], currency: string): CustomerCard {
  const { measures, attributeValues, ...card } = row;
  const properties = slots.map((s): CardProperty => {
    if (s.kind === 'measure') {
      const m = measures?.find((x) => x.key === s.key);
      // A value the web words by key: an RFM segment (rfmSegment.<key>) or a next best action (nba.title.<key>).
      const segment = s.nameKey === 'rfm_segment' ? rfmSegmentKey(m?.valueText) : s.nameKey === 'next_best_action' ? m?.actionKey ?? null : null;
      // Beside the English: the label's and a segment's stable names, and the number for the web to format in the reader's locale.
      return {
        kind: 'measure', key: s.key, label: s.label, value: m ? formatMeasure(s.format, m, currency) : null,
        ...(s.nameKey ? { labelKey: s.nameKey } : {}), ...(segment ? { valueKey: segment } : {}),
        ...(m && m.valueNumber !== null && s.format ? { valueNumber: m.valueNumber, format: s.format, currency } : {}),
      };
    }
    const v = attributeValues?.find((x) => x.attributeId === s.key);
    return { kind: 'attribute', key: s.key, label: s.label, value: v ? displayValue(s.attribute!, attributeValueOf(s.attribute!, v)) : null };
  });
  return { ...card, properties };
}

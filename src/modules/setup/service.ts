import { and, eq, sql } from 'drizzle-orm';
import { query, type Db } from '../../db/client.ts';
import { attributeGroups } from '../customer-attributes/schema.ts';
import { measureDefinitions } from '../insights/schema.ts';
import { clientBooks, clientBookMembers } from '../client-book/schema.ts';
import { clientelingSettings as cs } from './schema.ts';
import { AppError } from '../../http/errors.ts';
import { setupErrors } from './errors.ts';
import { audit } from '../audit/service.ts';
import type { AuthContext } from '../auth/context.ts';
import { configureSequence, getSequence } from '../organisation/number-sequences.ts';
import type { CardMeasureChoice, ClientelingSettings, NumberSequenceInput, Setup, SetupPatch } from './setup-schemas.ts';

export const CLIENT_BOOK_SEQUENCE = 'client-book';
export const MAX_CARD_MEASURES = 3;

export type { ClientelingSettings };

const DEFAULTS: ClientelingSettings = { enabled: false, clientBookAttributeGroupId: null, cardMeasureKeys: [], allowMultipleBooks: false };

export async function getClientelingSettings(db: Db, legalEntityId: string): Promise<ClientelingSettings> {
  const rows = await db.select({
    enabled: cs.enabled, clientBookAttributeGroupId: cs.clientBookAttributeGroupId, cardMeasureKeys: cs.cardMeasureKeys, allowMultipleBooks: cs.allowMultipleBooks,
  }).from(cs).where(eq(cs.legalEntityId, legalEntityId));
  return rows[0] ?? { ...DEFAULTS };
}

/** Settings from a row that may come from an outer join (no settings row yet: the defaults). */
export function clientelingSettingsOf(row: { enabled: boolean | null; clientBookAttributeGroupId: string | null; cardMeasureKeys: string[] | null; allowMultipleBooks: boolean | null }): ClientelingSettings {
  return {
    enabled: row.enabled ?? DEFAULTS.enabled,
    clientBookAttributeGroupId: row.clientBookAttributeGroupId ?? DEFAULTS.clientBookAttributeGroupId,
    cardMeasureKeys: row.cardMeasureKeys ?? DEFAULTS.cardMeasureKeys,
    allowMultipleBooks: row.allowMultipleBooks ?? DEFAULTS.allowMultipleBooks,
  };
}

export function featureDisabled(): AppError {
  return setupErrors.clienteling_disabled('Clienteling is turned off for this legal entity. Head office can turn it on in Set-up > Clienteling.');
}

/** Client book routes answer 409 setup.clienteling_disabled until head office turns clienteling on. */
export async function requireClienteling(db: Db, legalEntityId: string): Promise<ClientelingSettings> {
  const s = await getClientelingSettings(db, legalEntityId);
  if (!s.enabled) {
    throw featureDisabled();
  }
  return s;
}

export async function describeSetup(db: Db, legalEntityId: string): Promise<Setup> {
  const s = await getClientelingSettings(db, legalEntityId);
  const seq = await getSequence(db, legalEntityId, CLIENT_BOOK_SEQUENCE);
  return { ...s, numberSequence: { code: CLIENT_BOOK_SEQUENCE, prefix: seq.prefix, padding: seq.padding, nextValue: seq.nextValue } };
}

export async function updateSetup(db: Db, auth: AuthContext, patch: SetupPatch): Promise<Setup> {
  const le = auth.legalEntityId;
  await db.transaction(async (tx) => {
    const current = await getClientelingSettings(tx, le);
    const next = { ...current, ...patch };
    if (patch.clientBookAttributeGroupId) {
      const g = await tx.select({ id: attributeGroups.id }).from(attributeGroups)
        .where(and(eq(attributeGroups.id, patch.clientBookAttributeGroupId), eq(attributeGroups.legalEntityId, le)));
      if (!g.length) throw setupErrors.unknown_attribute_group('That attribute group does not exist in this legal entity.', { field: 'clientBookAttributeGroupId' });
    }
    if (patch.cardMeasureKeys) {
      const keys = patch.cardMeasureKeys;
      if (keys.length > MAX_CARD_MEASURES) throw setupErrors.too_many_card_measures(`At most ${MAX_CARD_MEASURES} measures show on the customer card.`, { field: 'cardMeasureKeys' });
      if (new Set(keys).size !== keys.length) throw setupErrors.card_measure_repeated('A measure is listed twice.', { field: 'cardMeasureKeys' });
      if (keys.length) {
        const found = await query<{ key: string }>(tx, sql`select ${measureDefinitions.key} from ${measureDefinitions} where ${measureDefinitions.legalEntityId} = ${le}
          and ${measureDefinitions.key} in (${sql.join(keys.map((k) => sql`${k}`), sql`, `)})`);
        const missing = keys.filter((k) => !found.some((f) => f.key === k));
        if (missing.length) throw setupErrors.unknown_measure(`Unknown measure: ${missing.join(', ')}.`, { field: 'cardMeasureKeys' });
      }
    }
    if (current.allowMultipleBooks && patch.allowMultipleBooks === false) {
      const m = clientBookMembers;
      const shared = await query<{ n: number }>(tx, sql`select count(distinct ${m.customerId})::int as n from ${m}
        where ${m.legalEntityId} = ${le} and not ${m.isPrimary}`);
      if (shared[0].n > 0) {
        throw setupErrors.customers_in_several_books(`${shared[0].n} customers are in more than one client book. Remove them from the extra books before allowing only one book per customer.`, { field: 'allowMultipleBooks' });
      }
    }
    const settings = {
      enabled: next.enabled, clientBookAttributeGroupId: next.clientBookAttributeGroupId, cardMeasureKeys: next.cardMeasureKeys,
      allowMultipleBooks: next.allowMultipleBooks, updatedAt: sql`now()`,
    };
    await tx.insert(cs).values({ legalEntityId: le, ...settings }).onConflictDoUpdate({ target: cs.legalEntityId, set: settings });
    await audit(tx, auth, 'update', 'clienteling_settings', null, { ...patch });
  });
  return describeSetup(db, le);
}

export async function setClientBookSequence(db: Db, auth: AuthContext, input: NumberSequenceInput): Promise<Setup> {
  if (input.nextValue !== undefined) {
    // Never hand out a number twice: the next value can't go below a number already used.
    const used = await query<{ n: number }>(db, sql`select count(*)::int as n from ${clientBooks} where ${clientBooks.legalEntityId} = ${auth.legalEntityId}
      and ${clientBooks.bookNumber} = ${input.prefix + String(input.nextValue).padStart(input.padding, '0')}`);
    if (used[0].n) throw setupErrors.book_number_taken('A client book already has that number; choose a higher next value.', { field: 'nextValue' });
  }
  await configureSequence(db, auth.legalEntityId, CLIENT_BOOK_SEQUENCE, input);
  await audit(db, auth, 'update', 'number_sequence', null, { code: CLIENT_BOOK_SEQUENCE, ...input });
  return describeSetup(db, auth.legalEntityId);
}

export async function listMeasureDefinitions(db: Db, legalEntityId: string): Promise<CardMeasureChoice[]> {
  const md = measureDefinitions;
  return query<{ key: string; name: string; description: string | null; format: string; enabled: boolean }>(db, sql`
    select ${md.key}, ${md.name}, ${md.description}, ${md.format}, ${md.enabled} from ${md} where ${md.legalEntityId} = ${legalEntityId} order by ${md.name}`);
}

/** The measures shown on the customer card (the demo's choice; head office changes them through updateSetup). */
export async function setCardMeasureKeys(db: Db, legalEntityId: string, keys: string[]): Promise<void> {
  await db.update(cs).set({ cardMeasureKeys: keys }).where(eq(cs.legalEntityId, legalEntityId));
}

/** Turns clienteling on with this attribute group for the client book (the demo: no audit, no caller to check). */
export async function turnOnClienteling(db: Db, legalEntityId: string, clientBookAttributeGroupId: string): Promise<void> {
  await db.insert(cs).values({ legalEntityId, enabled: true, clientBookAttributeGroupId })
    .onConflictDoUpdate({ target: cs.legalEntityId, set: { enabled: true, clientBookAttributeGroupId } });
}

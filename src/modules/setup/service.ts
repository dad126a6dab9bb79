import { and, eq, sql } from 'drizzle-orm';
import { query, type Db } from '../../db/client.ts';
import { attributeGroupExists } from '../customer-attributes/queries.ts';
import { knownMeasureKeys, measureDefinitionsOf } from '../insights/queries.ts';
import { bookNumberUsed, customersInSeveralBooks } from '../client-book/queries.ts';
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
      if (!(await attributeGroupExists(tx, le, patch.clientBookAttributeGroupId))) throw setupErrors.unknown_attribute_group('That attribute group does not exist in this legal entity.', { field: 'clientBookAttributeGroupId' });
    }
    if (patch.cardMeasureKeys) {
      const keys = patch.cardMeasureKeys;
      if (keys.length > MAX_CARD_MEASURES) throw setupErrors.too_many_card_measures(`At most ${MAX_CARD_MEASURES} measures show on the customer card.`, { field: 'cardMeasureKeys' });
      if (new Set(keys).size !== keys.length) throw setupErrors.card_measure_repeated('A measure is listed twice.', { field: 'cardMeasureKeys' });
      if (keys.length) {
        const found = await knownMeasureKeys(tx, le, keys);
        const missing = keys.filter((k) => !found.includes(k));
        if (missing.length) throw setupErrors.unknown_measure(`Unknown measure: ${missing.join(', ')}.`, { field: 'cardMeasureKeys' });
      }
    }
    if (current.allowMultipleBooks && patch.allowMultipleBooks === false) {
      const shared = await customersInSeveralBooks(tx, le);
      if (shared > 0) {
        throw setupErrors.customers_in_several_books(`${shared} customers are in more than one client book. Remove them from the extra books before allowing only one book per customer.`, { field: 'allowMultipleBooks' });
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
    if (await bookNumberUsed(db, auth.legalEntityId, input.prefix + String(input.nextValue).padStart(input.padding, '0'))) throw setupErrors.book_number_taken('A client book already has that number; choose a higher next value.', { field: 'nextValue' });
  }
  await configureSequence(db, auth.legalEntityId, CLIENT_BOOK_SEQUENCE, input);
  await audit(db, auth, 'update', 'number_sequence', null, { code: CLIENT_BOOK_SEQUENCE, ...input });
  return describeSetup(db, auth.legalEntityId);
}

export async function listMeasureDefinitions(db: Db, legalEntityId: string): Promise<CardMeasureChoice[]> {
  return measureDefinitionsOf(db, legalEntityId);
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

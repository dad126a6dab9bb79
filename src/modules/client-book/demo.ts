import { randomUUID } from 'node:crypto';
import type { Db } from '../../db/client.ts';
import { insertInChunks, type DemoSeeder, type DemoLegalEntity, type DemoContext } from '../demo/context.ts';
import { clientBooks, clientBookMembers } from './schema.ts';
import type { customerAttributeValues } from '../customer-attributes/schema.ts';
import { insertAttributeGroups, insertAttributes, insertAttributeValues } from '../customer-attributes/bulk.ts';
import type { activities, customerNotes } from '../activities/schema.ts';
import { insertActivities, insertActivityTypes, insertNotes } from '../activities/bulk.ts';
import { configureSequence } from '../organisation/number-sequences.ts';
import { CLIENT_BOOK_SEQUENCE, turnOnClienteling } from '../setup/service.ts';
import { inLanguage } from '../demo/language.ts';

// Head office's words, in its language (French lists keep the English ones' lengths: the same draws pick the same items).
const INTERESTS = {
  en: ['Handbags', 'Shoes', 'Jewellery', 'Watches', 'Ready-to-wear', 'Fragrance'],
  fr: ['Maroquinerie', 'Chaussures', 'Joaillerie', 'Horlogerie', 'Prêt-à-porter', 'Parfums'],
};
const BRANDS = ['Aurelle', 'Maison Vérane', 'Celestin', 'Atelier Nord', 'Lumen'];
const ACTIVITY_TYPES = {
  en: ['Store visit', 'Phone call', 'Email', 'Appointment', 'Styling session', 'Gift wrapping'],
  fr: ['Visite en boutique', 'Appel téléphonique', 'E-mail', 'Rendez-vous', 'Séance de stylisme', 'Emballage cadeau'],
};
const NOTES = {
  en: [
    'Prefers to be contacted after 6pm.', 'Buys gifts for her daughter every December.', 'Allergic to nickel — gold or platinum only.',
    'Likes a quiet fitting room; offer champagne.', 'Travels to Milan often; ask about the new collection.', 'Interested in the trunk show invitation list.',
  ],
  fr: [
    'À contacter de préférence après 18\u00a0h.', 'Offre un cadeau à sa fille chaque mois de décembre.', 'Allergique au nickel : or ou platine uniquement.',
    'Apprécie une cabine d’essayage au calme ; proposer une coupe de champagne.', 'Se rend souvent à Milan ; lui parler de la nouvelle collection.', 'Souhaite figurer sur la liste des invités aux présentations privées.',
  ],
};
const OUTCOMES = {
  en: ['Purchased', 'Will come back', 'Sent look book', 'No answer', 'Booked a fitting'],
  fr: ['Achat', 'Reviendra', 'Lookbook envoyé', 'Pas de réponse', 'Essayage réservé'],
};
const ATTRIBUTES = {
  group: { en: 'Client book', fr: 'Client book' },
  interest: { en: 'Preferred shopping interest', fr: 'Univers d’achat préféré' },
  brand: { en: 'Favourite brand', fr: 'Marque préférée' },
  ringSize: { en: 'Ring size', fr: 'Tour de doigt' },
  since: { en: 'Client since', fr: 'Client depuis' },
  vipEvents: { en: 'VIP event invitee', fr: 'Invité aux événements VIP' },
};

async function seedLegalEntity(db: Db, ctx: DemoContext, le: DemoLegalEntity) {
  const { rng, today } = ctx;
  const interests = inLanguage(le, INTERESTS);
  const words = Object.fromEntries(Object.entries(ATTRIBUTES).map(([k, v]) => [k, inLanguage(le, v)])) as Record<keyof typeof ATTRIBUTES, string>;
  // Ids made here rather than returned: the seed writes these tables, it does not read them.
  const group = { id: randomUUID() };
  await insertAttributeGroups(db, [{ id: group.id, legalEntityId: le.id, name: words.group }]);
  const defs = [
    { key: 'interest', dataType: 'list', listValues: interests, order: 1 },
    { key: 'brand', dataType: 'list', listValues: BRANDS, order: 2 },
    { key: 'ringSize', dataType: 'number', listValues: [], order: 3 },
    { key: 'since', dataType: 'date', listValues: [], order: 4 },
    { key: 'vipEvents', dataType: 'boolean', listValues: [], order: 5 },
  ] as const;
  const attrs: Record<string, string> = {};
  for (const d of defs) {
    attrs[d.key] = randomUUID();
    await insertAttributes(db, [{
      id: attrs[d.key], legalEntityId: le.id, groupId: group.id, name: words[d.key], dataType: d.dataType, canBeRefined: d.dataType !== 'boolean', displayOrder: d.order, listValues: [...d.listValues],
    }]);
  }
  await turnOnClienteling(db, le.id, group.id);
  const typeIds: string[] = [];
  for (const [i, name] of inLanguage(le, ACTIVITY_TYPES).entries()) {
    const id = randomUUID();
    await insertActivityTypes(db, [{ id, legalEntityId: le.id, name, displayOrder: i + 1 }]);
    typeIds.push(id);
  }

  // Books of the sales associates, filled from customers of their stores; each customer in one book.
  const taken = new Set<string>();
  const members: (typeof clientBookMembers.$inferInsert)[] = [];
  const sellers = le.associates.filter((a) => a.role === 'Sales associate');
  const prefix = le.code.startsWith('AUR-UK') ? 'UKCB-' : 'CB-';
  let n = 1;
  for (const a of sellers) {
    const pool = le.customers.filter((c) => a.storeIds.includes(c.homeStoreId) && !taken.has(c.id));
    const chosen = rng.sample(pool, Math.min(pool.length, rng.int(40, 150)));
    const [book] = await db.insert(clientBooks).values({ legalEntityId: le.id, associateId: a.id, bookNumber: `${prefix}${String(n++).padStart(6, '0')}` }).returning({ id: clientBooks.id });
    for (const c of chosen) {
      taken.add(c.id);
      members.push({ clientBookId: book.id, customerId: c.id, legalEntityId: le.id, isPrimary: true, addedBy: a.id, addedAt: new Date(today.getTime() - rng.int(1, 700) * 86400_000).toISOString() });
    }
  }
  await configureSequence(db, le.id, CLIENT_BOOK_SEQUENCE, { prefix, padding: 6, nextValue: n });
  await insertInChunks(members, 1000, (chunk) => db.insert(clientBookMembers).values(chunk));

  // Attribute values for every customer in a book and a share of the others.
  const values: (typeof customerAttributeValues.$inferInsert)[] = [];
  for (const c of le.customers) {
    if (!taken.has(c.id) && !rng.chance(0.3)) continue;
    const base = { customerId: c.id, legalEntityId: le.id };
    values.push({ ...base, attributeId: attrs.interest, valueText: rng.pick(interests) });
    if (rng.chance(0.8)) values.push({ ...base, attributeId: attrs.brand, valueText: rng.pick(BRANDS) });
    if (c.gender === 'f' && rng.chance(0.6)) values.push({ ...base, attributeId: attrs.ringSize, valueNumber: rng.int(48, 60) });
    values.push({ ...base, attributeId: attrs.since, valueDate: new Date(today.getTime() - rng.int(60, 3650) * 86400_000).toISOString().slice(0, 10) });
    values.push({ ...base, attributeId: attrs.vipEvents, valueBoolean: c.isVip || rng.chance(0.15) });
  }
  await insertAttributeValues(db, values);

  // Some activities and notes on customers in books, by their owners.
  const acts: (typeof activities.$inferInsert)[] = [];
  const notes: (typeof customerNotes.$inferInsert)[] = [];
  const ownerOf = new Map(members.map((m) => [m.customerId, m.addedBy!]));
  for (const [customerId, associateId] of ownerOf) {
    const assoc = le.associates.find((x) => x.id === associateId)!;
    for (let i = rng.int(0, 3); i > 0; i--) {
      acts.push({ legalEntityId: le.id, customerId, activityTypeId: rng.pick(typeIds), associateId, storeId: rng.pick(assoc.storeIds),
        occurredAt: new Date(today.getTime() - rng.int(0, 300) * 86400_000 - rng.int(0, 36000) * 1000).toISOString(),
        notes: rng.chance(0.6) ? rng.pick(inLanguage(le, NOTES)) : null, outcome: rng.pick(inLanguage(le, OUTCOMES)) });
    }
    if (rng.chance(0.35)) {
      notes.push({ legalEntityId: le.id, customerId, authorId: associateId, storeId: assoc.storeIds[0], visibility: rng.weighted(['everyone', 'store', 'private'] as const, [6, 2, 1]),
        body: rng.pick(inLanguage(le, NOTES)), createdAt: new Date(today.getTime() - rng.int(0, 400) * 86400_000).toISOString() });
    }
  }
  await insertActivities(db, acts);
  await insertNotes(db, notes);
}

export const demoSeeder: DemoSeeder = {
  name: 'client-book',
  async seed(ctx) {
    for (const le of ctx.legalEntities) await seedLegalEntity(ctx.db, ctx, le);
  },
};

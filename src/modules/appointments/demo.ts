import type { Db } from '../../db/client.ts';
import { someCustomersInBookOf } from '../client-book/books.ts';
import { insertInChunks, type DemoSeeder, type DemoLegalEntity, type DemoContext } from '../demo/context.ts';
import { appointmentTypes, storeOpeningHours, associateSchedules, associateTimeOff, appointments } from './schema.ts';
import { addDays, localDateOf, localToUtc, type LocalDate } from './slots.ts';
import { inLanguage } from '../demo/language.ts';

// Each store's appointment types, in its head office's language; customers' messages, in the language most write in there.
const TYPES = [
  { durationMinutes: 90, bufferMinutes: 15, name: { en: 'Personal shopping', fr: 'Conseil personnalisé' },
    description: { en: 'A private session with a stylist who prepares a selection for you.', fr: 'Un moment privé avec un styliste qui vous prépare une sélection.' } },
  { durationMinutes: 45, bufferMinutes: 15, name: { en: 'Style consultation', fr: 'Conseil en style' },
    description: { en: 'Advice on a wardrobe, an occasion or a gift.', fr: 'Des conseils pour une garde-robe, une occasion ou un cadeau.' } },
  { durationMinutes: 30, bufferMinutes: 10, name: { en: 'Fitting', fr: 'Essayage' },
    description: { en: 'Try on and have alterations measured by our tailor.', fr: 'Essayez, et notre tailleur prend les mesures des retouches.' } },
];
const MON_SAT = [1, 2, 3, 4, 5, 6];
const MESSAGES = {
  en: ['', '', 'Looking for an outfit for a wedding in June.', 'A birthday gift for my wife.', 'Picking up the altered coat.', 'Would like to see the new collection.', ''],
  fr: ['', '', 'Je cherche une tenue pour un mariage en juin.', 'Un cadeau d’anniversaire pour ma femme.', 'Je viens chercher le manteau retouché.', 'J’aimerais découvrir la nouvelle collection.', ''],
};
const HOLIDAY = { en: 'Holiday', fr: 'Congés' };
// Fixed start times (local) keep demo appointments of one associate from ever overlapping.
const TODAY_TIMES = [11 * 60, 14 * 60 + 30, 16 * 60 + 30];
const OTHER_TIMES = [10 * 60 + 30, 13 * 60, 15 * 60 + 30, 17 * 60 + 15];

type Insert = typeof appointments.$inferInsert;

async function bookOf(db: Db, associateId: string): Promise<string[]> {
  return someCustomersInBookOf(db, associateId, 40).catch(() => []);
}

async function seedLegalEntity(ctx: DemoContext, le: DemoLegalEntity) {
  const { db, rng } = ctx;
  const typeIds = new Map<string, { id: string; durationMinutes: number; bufferMinutes: number; name: string }[]>();
  const typeRows = le.stores.flatMap((s) => TYPES.map((t) => ({ ...t, name: inLanguage(le, t.name), description: inLanguage(le, t.description), legalEntityId: le.id, storeId: s.id })));
  const inserted = await db.insert(appointmentTypes).values(typeRows).returning();
  for (const t of inserted) typeIds.set(t.storeId, [...(typeIds.get(t.storeId) ?? []), t]);
  await db.insert(storeOpeningHours).values(le.stores.flatMap((s) => MON_SAT.map((weekday) => ({ storeId: s.id, legalEntityId: le.id, weekday, opensMinute: 600, closesMinute: 1140 }))));

  // Sales associates take appointments; one who works in two stores splits the week between them.
  const sellers = le.associates.filter((a) => a.role === 'Sales associate');
  const shifts: (typeof associateSchedules.$inferInsert)[] = [];
  const worksAt = new Map<string, Map<number, string>>();
  for (const a of sellers) {
    const days = new Map<number, string>();
    MON_SAT.forEach((weekday, i) => {
      const storeId = a.storeIds[a.storeIds.length > 1 && i >= 3 ? 1 : 0];
      if (!storeId) return;
      days.set(weekday, storeId);
      shifts.push({ legalEntityId: le.id, associateId: a.id, storeId, weekday, startMinute: 600, endMinute: 1140 });
    });
    worksAt.set(a.id, days);
  }
  if (shifts.length) await db.insert(associateSchedules).values(shifts);

  const storeById = new Map(le.stores.map((s) => [s.id, s]));
  const customersByStore = new Map<string, typeof le.customers>();
  for (const c of le.customers) if (c.email) customersByStore.set(c.homeStoreId, [...(customersByStore.get(c.homeStoreId) ?? []), c]);
  const customerById = new Map(le.customers.map((c) => [c.id, c]));
  const rows: Insert[] = [];
  const publicId = () => `apt_${Array.from({ length: 16 }, () => 'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789'[rng.int(0, 61)]).join('')}`;
  const now = ctx.today.getTime();
  const add = (a: { id: string }, storeId: string, date: LocalDate, minute: number, customerId: string, forceBooked = false) => {
    const store = storeById.get(storeId)!;
    const type = rng.pick(typeIds.get(storeId)!);
    const start = localToUtc(date, minute, store.timeZone);
    const c = customerById.get(customerId);
    if (start === null || !c?.email) return;
    const past = start < now;
    const status = forceBooked ? 'booked' : !past ? (rng.chance(0.08) ? 'cancelled' : 'booked') : rng.weighted(['completed', 'no-show', 'cancelled'] as const, [85, 6, 9]);
    rows.push({
      publicId: publicId(), legalEntityId: le.id, storeId, appointmentTypeId: type.id, associateId: a.id, customerId, status,
      startsAt: new Date(start).toISOString(), endsAt: new Date(start + type.durationMinutes * 60_000).toISOString(),
      blockedUntil: new Date(start + (type.durationMinutes + type.bufferMinutes) * 60_000).toISOString(),
      customerName: `${c.firstName} ${c.lastName}`, customerEmail: c.email, customerMessage: rng.pick(inLanguage(le, MESSAGES)) || null,
      bookedVia: rng.chance(0.7) ? 'public' : 'associate', createdAt: new Date(start - rng.int(2, 20) * 86_400_000).toISOString(),
      cancelledAt: status === 'cancelled' ? new Date(start - rng.int(1, 48) * 3_600_000).toISOString() : null,
      reminderSentAt: past ? new Date(start - 86_400_000).toISOString() : null,
    });
  };

  const tz = le.stores[0].timeZone;
  const today = localDateOf(now, tz);
  for (const a of sellers) {
    const own = await bookOf(db, a.id);
    const pickCustomer = (storeId: string) => (own.length && rng.chance(0.7) ? rng.pick(own) : rng.pick(customersByStore.get(storeId) ?? le.customers).id);
    const named = a.email.startsWith('camille@') || a.email.startsWith('hugo@') || a.email.startsWith('camille+') || a.email.startsWith('hugo+');
    for (let d = -60; d <= 21; d++) {
      const date = addDays(today, d);
      const weekday = new Date(Date.UTC(date.year, date.month - 1, date.day)).getUTCDay();
      // Today the named demo associates have a full morning-to-evening list, whatever the day of the week.
      const storeId = worksAt.get(a.id)?.get(weekday) ?? (d === 0 && named ? a.storeIds[0] : undefined);
      if (!storeId) continue;
      const times = d === 0 && named ? TODAY_TIMES : rng.sample(OTHER_TIMES, rng.weighted([0, 1, 2], [4, 4, 2]));
      for (const minute of times) add(a, storeId, date, minute, pickCustomer(storeId), d === 0 && named);
    }
  }
  await insertInChunks(rows, 500, (chunk) => db.insert(appointments).values(chunk));

  // A week of holiday next month for one associate per store, so set-up shows time off.
  const off = sellers.filter((_, i) => i % 3 === 1).map((a) => {
    const start = localToUtc(addDays(today, 28), 0, tz)!;
    return { legalEntityId: le.id, associateId: a.id, startsAt: new Date(start).toISOString(), endsAt: new Date(start + 7 * 86_400_000).toISOString(), reason: inLanguage(le, HOLIDAY) };
  });
  if (off.length) await db.insert(associateTimeOff).values(off);
}

export const demoSeeder: DemoSeeder = {
  name: 'appointments',
  async seed(ctx) {
    for (const le of ctx.legalEntities) await seedLegalEntity(ctx, le);
  },
};

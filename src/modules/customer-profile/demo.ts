import { randomUUID } from 'node:crypto';
import { insertRecords } from '../../db/bulk.ts';
import { type DemoContext, type DemoLegalEntity, type DemoSeeder, type DemoCustomer } from '../demo/context.ts';
import type { Rng } from '../demo/random.ts';
import { insertProductRows, insertStockRows } from '../catalogue/queries.ts';
import { insertOrderHistory } from '../orders/queries.ts';
import type { orders, orderLines, returns, returnLines } from '../orders/schema.ts';
import { loyaltyAccounts, loyaltyLedger, wishlistItems, customerPreferences, customerConsents, consentHistory, interactions, browsingEvents } from './schema.ts';
import { demoCatalogue, categoryName, CATEGORIES, type DemoProduct } from './demo-catalogue.ts';
import { inLanguage } from '../demo/language.ts';

const SIZE_FOR: Record<'shoes' | 'dress' | 'suit' | 'ring', { en: string; fr: string }> = {
  shoes: { en: 'shoes', fr: 'chaussures' }, dress: { en: 'dress', fr: 'robe' }, suit: { en: 'suit', fr: 'costume' }, ring: { en: 'ring', fr: 'bague' },
};
const COLOURS: { en: readonly string[]; fr: readonly string[] } = { en: ['Black', 'Camel', 'Burgundy', 'Ivory', 'Midnight blue'], fr: ['Noir', 'Camel', 'Bordeaux', 'Ivoire', 'Bleu nuit'] };

// Two years of plausible behaviour: loyal, regular and occasional buyers, one-timers, churned customers and prospects,
// each with favourite categories, so RFM, BG/NBD and recommendations have something real to find.

type Segment = 'loyal' | 'regular' | 'occasional' | 'one-time' | 'churned' | 'prospect';
const SEGMENT_MEAN_DAYS: Record<Segment, number> = { loyal: 38, regular: 95, occasional: 230, 'one-time': 0, churned: 70, prospect: 0 };
// What the retailer's systems recorded, in its head office's language (French words keep the English lists' lengths).
const RETURN_REASONS = {
  en: ['Wrong size', 'Changed mind', 'Not as pictured', 'Defective', 'Gift exchange', 'Colour not as expected'],
  fr: ['Taille inadaptée', 'Changement d’avis', 'Différent de la photo', 'Défectueux', 'Échange de cadeau', 'Couleur différente de celle attendue'],
};
const CAMPAIGNS = {
  en: ['Spring collection launch', 'Private sale invitation', 'Holiday gift guide', 'New arrivals: Jewellery', 'Summer capsule', 'Atelier leather care week', 'Birthday greetings'],
  fr: ['Lancement de la collection printemps', 'Invitation aux ventes privées', 'Guide des cadeaux de fin d’année', 'Nouveautés : joaillerie', 'Capsule été', 'Semaine de l’entretien du cuir à l’atelier', 'Vœux d’anniversaire'],
};
const CASE_SUBJECTS = {
  en: ['Strap repair', 'Resizing a ring', 'Delivery delayed', 'Refund not received', 'Engraving request', 'Missing item in parcel', 'Invoice copy'],
  fr: ['Réparation d’une anse', 'Mise à taille d’une bague', 'Livraison retardée', 'Remboursement non reçu', 'Demande de gravure', 'Article manquant dans le colis', 'Copie de facture'],
};
const LOYALTY = {
  programme: { en: 'Aurelle Circle', fr: 'Cercle Aurelle' },
  tiers: { en: ['Platinum', 'Gold', 'Silver', 'Essentiel'], fr: ['Platine', 'Or', 'Argent', 'Essentiel'] },
  purchase: { en: 'Purchase', fr: 'Achat' },
  // The voucher is in each legal entity's currency (the UK's was written in euros).
  redeemed: { en: 'Redeemed: £25 voucher', fr: 'Points utilisés : bon d’achat de 25\u00a0€' },
};
const DIETARY = { en: ['Vegetarian', 'Gluten-free', 'No alcohol', 'Nut allergy'], fr: ['Végétarien', 'Sans gluten', 'Sans alcool', 'Allergie aux fruits à coque'] };
const PREFERENCE_SOURCES = { en: ['associate', 'associate', 'web profile'], fr: ['conseiller', 'conseiller', 'profil en ligne'] };
const CONSENT_SOURCES = { en: ['in store', 'web sign-up', 'paper form', 'loyalty enrolment'], fr: ['en boutique', 'inscription en ligne', 'formulaire papier', 'adhésion au programme de fidélité'] };
const CONSENT_CHANGES = { unsubscribe: { en: 'unsubscribe link', fr: 'lien de désinscription' }, inStore: { en: 'in store', fr: 'en boutique' } };
const EMAIL_SUBJECTS = {
  en: ['Thank you for your visit', 'Your order is ready', 'A piece you might love', 'Care instructions for your bag'],
  fr: ['Merci de votre visite', 'Votre commande est prête', 'Une pièce qui pourrait vous plaire', 'Conseils d’entretien pour votre sac'],
};
const STORE_VISIT = { en: 'Visited the store', fr: 'Visite en boutique' };
const DAY = 86_400_000;

const iso = (t: number) => new Date(t).toISOString();

interface Ctx { rng: Rng; le: DemoLegalEntity; today: number; catalogue: (DemoProduct & { id: string })[]; byCategory: Map<string, (DemoProduct & { id: string })[]>; priceFactor: number }

function storeAssociates(le: DemoLegalEntity, storeId: string) {
  const list = le.associates.filter((a) => a.storeIds.includes(storeId) && a.role !== 'Head office');
  return list.length ? list : le.associates;
}

function segmentOf(rng: Rng, c: DemoCustomer): Segment {
  return c.isVip ? rng.weighted<Segment>(['loyal', 'regular', 'occasional', 'churned'], [5, 4, 1, 0.5])
    : rng.weighted<Segment>(['loyal', 'regular', 'occasional', 'one-time', 'churned', 'prospect'], [1, 2.5, 3, 2, 1.2, 1]);
}

async function seedLegalEntity(db: DemoContext['db'], rng: Rng, le: DemoLegalEntity, today: number) {
  const priceFactor = le.currency === 'GBP' ? 0.86 : 1;
  const catalogue = demoCatalogue(rng, new Date(today), le.language).map((p) => ({ ...p, id: randomUUID(), priceMinor: Math.round((p.priceMinor * priceFactor) / 500) * 500 }));
  await insertProductRows(db, catalogue.map((p) => ({
    id: p.id, legalEntityId: le.id, sku: p.sku, name: p.name, category: p.category, subcategory: p.subcategory, brand: p.brand, attributes: p.attributes,
    priceMinor: p.priceMinor, arrivalDate: p.arrivalDate, careInstructions: p.careInstructions,
  })));
  const stock = catalogue.flatMap((p) => le.stores.map((s) => ({ productId: p.id, storeId: s.id, onHand: rng.chance(0.15) ? 0 : rng.int(1, p.family === 'Beauty' ? 30 : 8) })));
  await insertStockRows(db, stock);

  const byCategory = new Map<string, (DemoProduct & { id: string })[]>();
  // By family (the English category the demo's logic names), whatever the catalogue's language.
  for (const p of catalogue) byCategory.set(p.family, [...(byCategory.get(p.family) ?? []), p]);
  const ctx: Ctx = { rng, le, today, catalogue, byCategory, priceFactor };

  const rows = { orders: [] as (typeof orders.$inferInsert)[], lines: [] as (typeof orderLines.$inferInsert)[], returns: [] as (typeof returns.$inferInsert)[],
    returnLines: [] as (typeof returnLines.$inferInsert)[], loyalty: [] as (typeof loyaltyAccounts.$inferInsert)[], ledger: [] as (typeof loyaltyLedger.$inferInsert)[],
    wishlist: [] as (typeof wishlistItems.$inferInsert)[], prefs: [] as (typeof customerPreferences.$inferInsert)[], consents: [] as (typeof customerConsents.$inferInsert)[],
    consentHistory: [] as (typeof consentHistory.$inferInsert)[], interactions: [] as (typeof interactions.$inferInsert)[], browsing: [] as (typeof browsingEvents.$inferInsert)[] };

  let seq = 0;
  for (const c of le.customers) seedCustomer(ctx, c, rows, () => ++seq);

  await insertOrderHistory(db, rows);
  const own = { loyalty: loyaltyAccounts, ledger: loyaltyLedger, wishlist: wishlistItems, prefs: customerPreferences,
    consents: customerConsents, consentHistory, interactions, browsing: browsingEvents };
  for (const name of Object.keys(own) as (keyof typeof own)[]) await insertRecords(db, own[name], rows[name]);
}

function seedCustomer(ctx: Ctx, c: DemoCustomer, rows: any, next: () => number) {
  const { rng, le, today } = ctx;
  const code = le.code.replace(/[^A-Z0-9]/g, '');
  const segment = segmentOf(rng, c);
  const favourites = rng.sample(CATEGORIES.filter((x) => c.gender === 'f' || x !== 'Beauty' || rng.chance(0.3)), 2 + rng.int(0, 1));
  const favouriteBrand = rng.pick(ctx.byCategory.get(favourites[0])!).brand;
  const replenish = favourites.includes('Beauty') ? rng.pick(ctx.byCategory.get('Beauty')!) : null;
  const start = today - rng.int(200, 730) * DAY;
  const basketFactor = c.isVip ? 1.8 : 1;

  // Purchase times: a Poisson process at the segment's rate; churned customers stop after their first year.
  const times: number[] = [];
  if (segment === 'one-time') times.push(start + rng.int(0, Math.floor((today - start) / DAY)) * DAY);
  else if (segment !== 'prospect') {
    const end = segment === 'churned' ? start + rng.int(120, 300) * DAY : today;
    let t = start + rng.exp(SEGMENT_MEAN_DAYS[segment] / 2) * DAY;
    while (t < Math.min(end, today)) { times.push(t); t += Math.max(3, rng.exp(SEGMENT_MEAN_DAYS[segment])) * DAY; }
  }

  let totalSpend = 0;
  for (const at0 of times) {
    const at = at0 + rng.int(9 * 60, 19 * 60) * 60_000 - (at0 % DAY);
    const channel = rng.weighted(['store', 'online', 'call-center', 'remote'] as const, [65, 25, 5, 5]);
    const storeId = channel === 'store' ? (rng.chance(0.85) ? c.homeStoreId : rng.pick(le.stores).id) : channel === 'remote' ? c.homeStoreId : null;
    const associateId = storeId ? rng.pick(storeAssociates(le, storeId)).id : null;
    const recent = today - at < 12 * DAY;
    const status = rng.chance(0.02) ? 'cancelled' : recent && channel !== 'store' ? rng.pick(['processing', 'ready-for-pickup', 'shipped', 'awaiting-receipt'] as const) : 'completed';
    const fulfilment = channel === 'store' ? 'carry-out' : status === 'ready-for-pickup' || (channel === 'online' && rng.chance(0.3)) ? 'pickup' : 'ship';
    const orderId = randomUUID();
    const lineCount = rng.weighted([1, 2, 3], [60, 30, 10]);
    let total = 0; let discount = 0;
    for (let n = 1; n <= lineCount; n++) {
      const product = replenish && rng.chance(0.35) ? replenish
        : rng.pick(ctx.byCategory.get(rng.chance(0.8) ? rng.pick(favourites) : rng.pick(CATEGORIES))!.filter((p) => p.priceMinor < 600_000 * basketFactor || rng.chance(0.2)));
      const quantity = product.family === 'Beauty' && rng.chance(0.3) ? 2 : 1;
      const gross = product.priceMinor * quantity;
      const lineDiscount = rng.chance(0.12) ? Math.round((gross * rng.pick([10, 15, 20])) / 100) : 0;
      total += gross - lineDiscount; discount += lineDiscount;
      const lineId = randomUUID();
      rows.lines.push({ id: lineId, orderId, lineNumber: n, productId: product.id, quantity, unitPriceMinor: product.priceMinor, discountMinor: lineDiscount,
        netMinor: gross - lineDiscount, associateId: channel === 'store' || channel === 'remote' ? associateId : null });
      const returnedAt = at + rng.int(3, 25) * DAY;
      if (status === 'completed' && rng.chance(0.07) && returnedAt < today) {
        const retId = randomUUID();
        rows.returns.push({ id: retId, legalEntityId: le.id, externalId: `RET-${code}-${next()}`, orderId, customerId: c.id, storeId: storeId ?? c.homeStoreId, returnedAt: iso(returnedAt), currency: le.currency, refundMinor: gross - lineDiscount });
        rows.returnLines.push({ returnId: retId, lineNumber: 1, orderLineId: lineId, productId: product.id, quantity, reason: rng.pick(inLanguage(le, RETURN_REASONS)), refundMinor: gross - lineDiscount });
      }
    }
    rows.orders.push({ id: orderId, legalEntityId: le.id, externalId: `ORD-${code}-${next()}`, customerId: c.id, channel, status, storeId, associateId,
      orderedAt: iso(at), currency: le.currency, totalMinor: total, discountMinor: discount, fulfilment });
    if (status !== 'cancelled') totalSpend += total;
  }

  // Loyalty: members earn a point per currency unit; some redeem vouchers.
  if (times.length && rng.chance(0.75)) {
    const tiers = inLanguage(le, LOYALTY.tiers);
    const tier = totalSpend > 2_000_000 ? tiers[0] : totalSpend > 800_000 ? tiers[1] : totalSpend > 250_000 ? tiers[2] : tiers[3];
    rows.loyalty.push({ customerId: c.id, legalEntityId: le.id, programme: inLanguage(le, LOYALTY.programme), tier, cardNumber: `${code}-LC-${String(next()).padStart(7, '0')}`, joinedAt: iso(Math.min(start, times[0])) });
    let balance = 0;
    for (const o of rows.orders.slice(-times.length)) {
      if (o.status === 'cancelled') continue;
      const pts = Math.floor(o.totalMinor / 100);
      balance += pts;
      rows.ledger.push({ legalEntityId: le.id, customerId: c.id, externalId: `LP-${code}-${next()}`, occurredAt: o.orderedAt, points: pts, reason: inLanguage(le, LOYALTY.purchase), orderId: o.id });
      if (balance > 3000 && rng.chance(0.25)) {
        rows.ledger.push({ legalEntityId: le.id, customerId: c.id, externalId: `LP-${code}-${next()}`, occurredAt: iso(Date.parse(o.orderedAt) + 7 * DAY > today ? today - DAY : Date.parse(o.orderedAt) + 7 * DAY), points: -2500, reason: inLanguage(le, LOYALTY.redeemed) });
        balance -= 2500;
      }
    }
  }

  // Wishlist, often with new arrivals of a favourite category.
  if (rng.chance(0.35)) {
    const pool = ctx.catalogue.filter((p) => favourites.includes(p.family));
    for (const p of rng.sample(pool, rng.int(1, 4))) rows.wishlist.push({ legalEntityId: le.id, customerId: c.id, productId: p.id, list: rng.chance(0.8) ? 'wishlist' : 'saved', addedAt: iso(today - rng.int(1, 200) * DAY) });
  }

  // Preferences the associates recorded.
  const pref = (kind: string, value: string, qualifier = '') => rows.prefs.push({ legalEntityId: le.id, customerId: c.id, kind, qualifier, value, source: rng.pick(inLanguage(le, PREFERENCE_SOURCES)), updatedAt: iso(today - rng.int(5, 600) * DAY) });
  // What a size is for, and colours, in the head office's words.
  const sizeFor = (what: keyof typeof SIZE_FOR) => inLanguage(le, SIZE_FOR[what]);
  if (rng.chance(0.7)) pref('size', String(c.gender === 'f' ? rng.int(36, 41) : rng.int(40, 46)), sizeFor('shoes'));
  if (rng.chance(0.5)) pref('size', c.gender === 'f' ? String(rng.pick([34, 36, 38, 40, 42])) : rng.pick(['48', '50', '52', '54']), sizeFor(c.gender === 'f' ? 'dress' : 'suit'));
  if (favourites.includes('Jewellery') && rng.chance(0.6)) pref('size', String(rng.int(49, 56)), sizeFor('ring'));
  if (rng.chance(0.6)) pref('brand', favouriteBrand);
  for (const f of favourites) if (rng.chance(0.5)) pref('category', categoryName(f, le.language));
  if (rng.chance(0.3)) pref('colour', rng.pick(inLanguage(le, COLOURS)));
  if (rng.chance(0.08)) pref('dietary', rng.pick(inLanguage(le, DIETARY)));

  // Consent per channel, with where and when it was given; some changed their mind later (history keeps both).
  for (const channel of ['email', 'sms', 'whatsapp', 'phone', 'mail'] as const) {
    if (!rng.chance(channel === 'email' ? 0.9 : 0.55)) continue;
    const first = today - rng.int(60, 700) * DAY;
    const source = rng.pick(inLanguage(le, CONSENT_SOURCES));
    const granted = rng.chance(channel === 'email' ? 0.8 : 0.6);
    rows.consentHistory.push({ customerId: c.id, channel, granted, source, recordedAt: iso(first) });
    let current = { granted, source, at: first };
    if (rng.chance(0.12)) {
      current = { granted: !granted, source: inLanguage(le, granted ? CONSENT_CHANGES.unsubscribe : CONSENT_CHANGES.inStore), at: first + rng.int(10, 50) * DAY };
      rows.consentHistory.push({ customerId: c.id, channel, granted: current.granted, source: current.source, recordedAt: iso(current.at) });
    }
    rows.consents.push({ customerId: c.id, channel, legalEntityId: le.id, granted: current.granted, source: current.source, recordedAt: iso(current.at) });
  }

  // Interactions: cases and complaints (a few still open), emails, visits and the campaigns that reached them.
  const inter = (kind: string, subject: string, at: number, extra: Record<string, unknown> = {}) =>
    rows.interactions.push({ legalEntityId: le.id, customerId: c.id, externalId: `INT-${code}-${next()}`, kind, subject, occurredAt: iso(at), ...extra });
  if (rng.chance(0.1)) {
    const at = today - rng.int(1, 300) * DAY;
    const open = today - at < 20 * DAY && rng.chance(0.6);
    const kind = rng.chance(0.3) ? 'complaint' : 'service-case';
    inter(kind, rng.pick(inLanguage(le, CASE_SUBJECTS)), at, { status: open ? rng.pick(['open', 'pending']) : rng.pick(['resolved', 'closed']), channel: rng.pick(['phone', 'email', 'chat']), closedAt: open ? null : iso(Math.min(today, at + rng.int(1, 10) * DAY)) });
  }
  if (times.length && rng.chance(0.4)) {
    const a = rng.pick(storeAssociates(le, c.homeStoreId));
    inter('email', rng.pick(inLanguage(le, EMAIL_SUBJECTS)), today - rng.int(1, 120) * DAY, { associateId: a.id, channel: 'email' });
  }
  if (rng.chance(0.3)) inter('store-visit', inLanguage(le, STORE_VISIT), today - rng.int(1, 90) * DAY, { storeId: c.homeStoreId, associateId: rng.pick(storeAssociates(le, c.homeStoreId)).id });
  if (segment !== 'prospect' || rng.chance(0.5)) {
    for (let i = rng.int(0, 5); i > 0; i--) inter('marketing-touch', rng.pick(inLanguage(le, CAMPAIGNS)), today - rng.int(1, 365) * DAY, { campaign: `CMP-${rng.int(2024, 2026)}-${rng.int(1, 12)}`, channel: rng.pick(['email', 'email', 'sms', 'whatsapp']) });
  }

  // Online browsing in the last 30 days; most viewed products were not bought (save-the-sale leads).
  if (rng.chance(segment === 'churned' ? 0.15 : 0.4)) {
    const session = randomUUID().slice(0, 8);
    for (const p of rng.sample(ctx.catalogue.filter((x) => favourites.includes(x.family)), rng.int(1, 5))) {
      const at = today - rng.int(0, 29) * DAY - rng.int(0, 600) * 60_000;
      for (let v = rng.int(1, 3); v > 0; v--) rows.browsing.push({ legalEntityId: le.id, customerId: c.id, productId: p.id, externalId: `WEB-${code}-${next()}`, event: 'view', sessionId: session, occurredAt: iso(at - v * 60_000) });
      if (rng.chance(0.25)) rows.browsing.push({ legalEntityId: le.id, customerId: c.id, productId: p.id, externalId: `WEB-${code}-${next()}`, event: 'add-to-cart', sessionId: session, occurredAt: iso(at) });
    }
  }
}

export const demoSeeder: DemoSeeder = {
  name: 'customer-profile',
  async seed(ctx) {
    for (const le of ctx.legalEntities) await seedLegalEntity(ctx.db, ctx.rng, le, ctx.today.getTime());
  },
};

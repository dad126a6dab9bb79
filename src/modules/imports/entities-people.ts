import { normalisePhone, defaultPhoneCountry } from '../customers/phone.ts';
import { legalEntities } from '../organisation/schema.ts';
import type { Salutation } from '../customers/schema.ts';
import { eq } from 'drizzle-orm';
import { query, type Db } from '../../db/client.ts';
import { CONSENT_CHANNELS, INTERACTION_KINDS } from '../customer-profile/schema.ts';
import { upsertBrowsingEvents, upsertInteractions, upsertLoyaltyAccounts, upsertLoyaltyLedger, upsertWishlistItems } from '../customer-profile/bulk.ts';
import { Fields, RowError } from './fields.ts';
import { upsertCustomers } from '../customers/bulk.ts';
import { outcomesFrom, missingRef, type Importer, type Item } from './importer.ts';
import type { References } from './refs.ts';
import { EMAIL_ADDRESS } from '../../../shared/email.ts';


interface CustomerRow {
  externalId: string; accountNumber: string | null; firstName: string; lastName: string; salutation: Salutation | null; email: string | null; phone: string | null; birthDate: string | null;
  anniversaryDate: string | null; language: string; addressLine: string | null; city: string | null; postalCode: string | null; country: string | null;
  preferredChannel: string | null; homeStore: string | null; isVip: boolean;
}

// A source system's salutation, in English or French, with or without the full stop; "none" and empty mean none.
const SALUTATION_WORDS: Record<string, Salutation | null> = {
  mr: 'mr', mister: 'mr', monsieur: 'mr', m: 'mr', ms: 'ms', mrs: 'ms', miss: 'ms', madame: 'ms', mme: 'ms', mlle: 'ms', mademoiselle: 'ms', mx: 'mx', none: null, '': null,
};
function salutationOf(v: string | null): Salutation | null {
  if (v === null) return null;
  const word = v.trim().toLowerCase().replace(/\.$/, '');
  if (!(word in SALUTATION_WORDS)) throw new RowError(`salutation "${v}" must be Mr, Ms, Mx (or Monsieur, Madame), or empty.`);
  return SALUTATION_WORDS[word];
}

export const customersImporter: Importer<CustomerRow> = {
  entity: 'customers', summary: 'Customers, upserted by the external ID of the source system (CRM)', batchSize: 1000,
  fields: 'externalId, firstName, lastName; optional accountNumber, salutation (Mr, Ms, Mx, Monsieur, Madame, M., Mme or empty), email, phone, birthDate, anniversaryDate, language, addressLine, city, postalCode, country, preferredChannel, homeStore (code), isVip',
  prepare(f) {
    const email = f.text('email', { max: 320 });
    if (email && !EMAIL_ADDRESS.test(email)) throw new RowError(`email "${email}" is not an email address.`);
    const phone = f.text('phone', { max: 30 });
    const country = f.text('country', { max: 2 });
    if (country && !/^[A-Za-z]{2}$/.test(country)) throw new RowError('country must be a two-letter ISO code.');
    // Stored in E.164; a national number without the customer's country is read in the legal entity's (write below).
    const parsed = phone ? normalisePhone(phone, country) : null;
    if (parsed && !parsed.ok && (country || phone!.trim().startsWith('+'))) throw new RowError(`phone "${phone}" is not a valid phone number.`);
    const preferredChannel = f.text('preferredChannel');
    if (preferredChannel && !(CONSENT_CHANNELS as readonly string[]).includes(preferredChannel)) throw new RowError(`preferredChannel must be one of ${CONSENT_CHANNELS.join(', ')}.`);
    const salutation = salutationOf(f.text('salutation', { max: 20 }));
    return {
      externalId: f.req(['externalId', 'customerId'], 100), salutation, accountNumber: f.text('accountNumber', { max: 50 }), firstName: f.req('firstName', 100), lastName: f.req('lastName', 100),
      email: email?.toLowerCase() ?? null, phone: parsed?.ok ? parsed.e164 : phone, birthDate: f.date('birthDate'), anniversaryDate: f.date('anniversaryDate'), language: f.text('language', { max: 10 }) ?? 'en',
      addressLine: f.text('addressLine', { max: 300 }), city: f.text('city', { max: 100 }), postalCode: f.text('postalCode', { max: 20 }), country: country?.toUpperCase() ?? null,
      preferredChannel, homeStore: f.text(['homeStore', 'homeStoreCode']), isVip: f.bool('isVip', false),
    };
  },
  key: (c) => c.externalId,
  async write(db, refs, items) {
    const [le] = await db.select({ timeZone: legalEntities.timeZone }).from(legalEntities).where(eq(legalEntities.id, refs.legalEntityId));
    const zone = le?.timeZone ?? null;
    const errors = items.map(({ value: c }) => {
      if (c.homeStore && !refs.store(c.homeStore)) return missingRef('store', c.homeStore);
      // Phones are stored in E.164 so providers and inbound matching see one form; a number that does not parse is refused by line.
      if (c.phone && !c.phone.startsWith('+')) {
        const res = normalisePhone(c.phone, defaultPhoneCountry(null, zone));
        if (!res.ok) return `phone "${c.phone}" is not a valid phone number.`;
        c.phone = res.e164;
      }
      return null;
    });
    const res = await upsertCustomers(db, refs.legalEntityId, items.flatMap(({ value: c }, i) => (errors[i] ? [] : [{
      externalId: c.externalId, accountNumber: c.accountNumber, firstName: c.firstName, lastName: c.lastName, salutation: c.salutation, email: c.email, phone: c.phone,
      birthDate: c.birthDate, anniversaryDate: c.anniversaryDate, language: c.language, addressLine: c.addressLine, city: c.city, postalCode: c.postalCode,
      country: c.country, preferredChannel: c.preferredChannel, homeStoreId: refs.store(c.homeStore) ?? null, isVip: c.isVip,
    }])));
    return outcomesFrom(items.map((i) => i.value.externalId), res, errors);
  },
};

/** Resolves each item's customer external ID; items whose customer is unknown get an error. */
async function withCustomers<P extends { customer: string }>(refs: References, items: Item<P>[]) {
  const customers = await refs.customers(items.map((i) => i.value.customer));
  const errors = items.map(({ value }) => (customers.get(value.customer) ? null : missingRef('customer', value.customer)));
  return { customers, errors };
}

interface LoyaltyRow { customer: string; programme: string; tier: string; cardNumber: string; joinedAt: string }

export const loyaltyImporter: Importer<LoyaltyRow> = {
  entity: 'loyalty', summary: 'Loyalty programme membership and tier, one per customer', batchSize: 1000,
  fields: 'customerId (external), programme, tier, cardNumber, joinedAt',
  prepare: (f) => ({ customer: f.req(['customerId', 'customer'], 100), programme: f.req('programme', 100), tier: f.req('tier', 50), cardNumber: f.req('cardNumber', 50), joinedAt: f.timestamp('joinedAt', { required: true })! }),
  key: (l) => l.customer,
  async write(db, refs, items) {
    const { customers, errors } = await withCustomers(refs, items);
    const rows = items.flatMap(({ value: l }, i) => (errors[i] ? [] : [{ customerId: customers.get(l.customer), legalEntityId: refs.legalEntityId, programme: l.programme, tier: l.tier, cardNumber: l.cardNumber, joinedAt: l.joinedAt }]));
    const res = await upsertLoyaltyAccounts(db, rows);
    return outcomesFrom(items.map(({ value }) => customers.get(value.customer) ?? null), res, errors);
  },
};

interface PointsRow { externalId: string; customer: string; occurredAt: string; points: number; reason: string; orderId: string | null }

export const loyaltyPointsImporter: Importer<PointsRow> = {
  entity: 'loyalty-points', summary: 'Loyalty points ledger entries (earned, redeemed, expired); the balance is their sum', batchSize: 2000,
  fields: 'externalId, customerId (external), occurredAt, points (negative to redeem), reason; optional orderId',
  prepare: (f) => ({ externalId: f.req('externalId', 100), customer: f.req(['customerId', 'customer'], 100), occurredAt: f.timestamp(['occurredAt', 'date'], { required: true })!,
    points: f.int('points', { required: true })!, reason: f.req('reason', 200), orderId: f.text('orderId') }),
  key: (p) => p.externalId,
  async write(db, refs, items) {
    const { customers, errors } = await withCustomers(refs, items);
    const orders = await refs.orders(items.flatMap((i) => (i.value.orderId ? [i.value.orderId] : [])));
    items.forEach(({ value: p }, i) => { if (!errors[i] && p.orderId && !orders.get(p.orderId)) errors[i] = missingRef('order', p.orderId); });
    const rows = items.flatMap(({ value: p }, i) => (errors[i] ? [] : [{ legalEntityId: refs.legalEntityId, customerId: customers.get(p.customer), externalId: p.externalId,
      occurredAt: p.occurredAt, points: p.points, reason: p.reason, orderId: p.orderId ? orders.get(p.orderId)!.id : null }]));
    const res = await upsertLoyaltyLedger(db, rows);
    return outcomesFrom(items.map((i) => i.value.externalId), res, errors);
  },
};

interface InteractionRow { externalId: string; customer: string; kind: string; subject: string; status: string | null; channel: string | null; campaign: string | null; store: string | null; associate: string | null; occurredAt: string; closedAt: string | null; detail: Record<string, string> | null }

function interactionsImporter(entity: string, summary: string, kinds: readonly string[], defaultKind?: string): Importer<InteractionRow> {
  return {
    entity, summary, batchSize: 2000,
    fields: `externalId, customerId (external), ${defaultKind ? '' : 'kind, '}subject, occurredAt; optional ${defaultKind === 'marketing-touch' ? 'campaign (required), ' : ''}status, channel, campaign, store, associate, closedAt, detail`,
    prepare(f) {
      const kind = f.oneOf('kind', kinds, defaultKind as string | undefined);
      const status = f.text('status', { max: 30 })?.toLowerCase() ?? null;
      if ((kind === 'service-case' || kind === 'complaint') && !['open', 'pending', 'resolved', 'closed'].includes(status ?? '')) throw new RowError('status must be one of open, pending, resolved, closed for service cases and complaints.');
      const campaign = f.text('campaign', { max: 200 });
      if (kind === 'marketing-touch' && !campaign) throw new RowError('campaign is required for a marketing touch.');
      return { externalId: f.req(['externalId', 'caseId'], 100), customer: f.req(['customerId', 'customer'], 100), kind, subject: f.req('subject', 500), status, channel: f.text('channel', { max: 50 }),
        campaign, store: f.text(['store', 'storeCode']), associate: f.text('associate'), occurredAt: f.timestamp(['occurredAt', 'openedAt', 'date'], { required: true })!, closedAt: f.timestamp('closedAt'), detail: f.object('detail') };
    },
    key: (x) => x.externalId,
    async write(db, refs, items) {
      const { customers, errors } = await withCustomers(refs, items);
      items.forEach(({ value: x }, i) => {
        if (errors[i]) return;
        if (x.store && !refs.store(x.store)) errors[i] = missingRef('store', x.store);
        else if (x.associate && !refs.associate(x.associate)) errors[i] = missingRef('associate', x.associate);
      });
      const rows = items.flatMap(({ value: x }, i) => (errors[i] ? [] : [{ legalEntityId: refs.legalEntityId, customerId: customers.get(x.customer), externalId: x.externalId, kind: x.kind,
        subject: x.subject, status: x.status, channel: x.channel, campaign: x.campaign, storeId: refs.store(x.store), associateId: refs.associate(x.associate), occurredAt: x.occurredAt, closedAt: x.closedAt, detail: x.detail }]));
      const res = await upsertInteractions(db, rows);
      return outcomesFrom(items.map((i) => i.value.externalId), res, errors);
    },
  };
}

export const interactionsImporterAll = interactionsImporter('interactions', 'Interactions of any kind: service cases, complaints, emails, store visits, calls, chats, marketing touches', INTERACTION_KINDS);
export const serviceCasesImporter = interactionsImporter('service-cases', 'Service cases and complaints from customer service, with their status', ['service-case', 'complaint'], 'service-case');
export const marketingTouchesImporter = interactionsImporter('marketing-touches', 'Marketing touches: the campaigns and journeys that reached the customer', ['marketing-touch'], 'marketing-touch');

interface BrowsingRow { externalId: string; customer: string; sku: string; event: 'view' | 'add-to-cart' | 'remove-from-cart'; sessionId: string | null; occurredAt: string }

export const browsingImporter: Importer<BrowsingRow> = {
  entity: 'browsing', summary: 'Browsing events from the web shop (product views, cart additions)', batchSize: 5000,
  fields: 'externalId, customerId (external), sku, occurredAt; optional event (view, add-to-cart, remove-from-cart), sessionId',
  prepare: (f) => ({ externalId: f.req(['externalId', 'eventId'], 100), customer: f.req(['customerId', 'customer'], 100), sku: f.req(['sku', 'productId'], 100),
    event: f.oneOf('event', ['view', 'add-to-cart', 'remove-from-cart'] as const, 'view'), sessionId: f.text('sessionId', { max: 100 }), occurredAt: f.timestamp(['occurredAt', 'date'], { required: true })! }),
  key: (b) => b.externalId,
  async write(db, refs, items) {
    const { customers, errors } = await withCustomers(refs, items);
    const products = await refs.productsBySku(items.map((i) => i.value.sku));
    items.forEach(({ value: b }, i) => { if (!errors[i] && !products.get(b.sku)) errors[i] = missingRef('product', b.sku); });
    const rows = items.flatMap(({ value: b }, i) => (errors[i] ? [] : [{ legalEntityId: refs.legalEntityId, customerId: customers.get(b.customer), productId: products.get(b.sku),
      externalId: b.externalId, event: b.event, sessionId: b.sessionId, occurredAt: b.occurredAt }]));
    const res = await upsertBrowsingEvents(db, rows);
    return outcomesFrom(items.map((i) => i.value.externalId), res, errors);
  },
};

interface WishlistRow { customer: string; sku: string; list: 'wishlist' | 'saved'; addedAt: string | null }

export const wishlistImporter: Importer<WishlistRow> = {
  entity: 'wishlist', summary: 'Wishlist and saved items from the web shop', batchSize: 2000,
  fields: 'customerId (external), sku; optional list (wishlist, saved), addedAt',
  prepare: (f) => ({ customer: f.req(['customerId', 'customer'], 100), sku: f.req(['sku', 'productId'], 100), list: f.oneOf('list', ['wishlist', 'saved'] as const, 'wishlist'), addedAt: f.timestamp('addedAt') }),
  key: (w) => `${w.customer}\u0000${w.sku}\u0000${w.list}`,
  async write(db, refs, items) {
    const { customers, errors } = await withCustomers(refs, items);
    const products = await refs.productsBySku(items.map((i) => i.value.sku));
    items.forEach(({ value: w }, i) => { if (!errors[i] && !products.get(w.sku)) errors[i] = missingRef('product', w.sku); });
    const rows = items.flatMap(({ value: w }, i) => (errors[i] ? [] : [{ legalEntityId: refs.legalEntityId, customerId: customers.get(w.customer), productId: products.get(w.sku), list: w.list, addedAt: w.addedAt ?? new Date().toISOString() }]));
    const res = await upsertWishlistItems(db, rows);
    return outcomesFrom(items.map(({ value: w }) => (customers.get(w.customer) ? `${customers.get(w.customer)}:${products.get(w.sku)}:${w.list}` : null)), res, errors);
  },
};

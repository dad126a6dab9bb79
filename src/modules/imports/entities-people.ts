import { normalisePhone, defaultPhoneCountry } from '../customers/phone.ts';
import { legalEntities } from '../organisation/schema.ts';
import { eq, sql } from 'drizzle-orm';
import { query, type Db } from '../../db/client.ts';
import { CONSENT_CHANNELS, INTERACTION_KINDS } from '../customer-profile/schema.ts';
import { Fields, RowError } from './fields.ts';
import { upsertRows, textList, byLegalEntityKey } from './upsert.ts';
import { outcomesFrom, missingRef, type Importer, type Item } from './importer.ts';
import type { References } from './refs.ts';

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

interface CustomerRow {
  externalId: string; accountNumber: string | null; firstName: string; lastName: string; email: string | null; phone: string | null; birthDate: string | null;
  anniversaryDate: string | null; language: string; addressLine: string | null; city: string | null; postalCode: string | null; country: string | null;
  preferredChannel: string | null; homeStore: string | null; isVip: boolean;
}

/** Takes a block of customer account numbers at once, as nextNumber does one at a time. */
async function reserveAccountNumbers(db: Db, legalEntityId: string, n: number): Promise<string[]> {
  const rows = await query<{ prefix: string; padding: number; first: number }>(db, sql`
    insert into number_sequences (legal_entity_id, code, prefix, padding, next_value) values (${legalEntityId}, 'customer', 'CUS-', 6, ${n + 1})
    on conflict (legal_entity_id, code) do update set next_value = number_sequences.next_value + ${n}
    returning prefix, padding, (next_value - ${n})::int as first`);
  const { prefix, padding, first } = rows[0];
  return Array.from({ length: n }, (_, i) => prefix + String(first + i).padStart(padding, '0'));
}

export const customersImporter: Importer<CustomerRow> = {
  entity: 'customers', summary: 'Customers, upserted by the external ID of the source system (CRM)', batchSize: 1000,
  fields: 'externalId, firstName, lastName; optional accountNumber, email, phone, birthDate, anniversaryDate, language, addressLine, city, postalCode, country, preferredChannel, homeStore (code), isVip',
  prepare(f) {
    const email = f.text('email', { max: 320 });
    if (email && !EMAIL.test(email)) throw new RowError(`email "${email}" is not an email address.`);
    const phone = f.text('phone', { max: 30 });
    const country = f.text('country', { max: 2 });
    if (country && !/^[A-Za-z]{2}$/.test(country)) throw new RowError('country must be a two-letter ISO code.');
    // Stored in E.164; a national number without the customer's country is read in the legal entity's (write below).
    const parsed = phone ? normalisePhone(phone, country) : null;
    if (parsed && !parsed.ok && (country || phone!.trim().startsWith('+'))) throw new RowError(`phone "${phone}" is not a valid phone number.`);
    const preferredChannel = f.text('preferredChannel');
    if (preferredChannel && !(CONSENT_CHANNELS as readonly string[]).includes(preferredChannel)) throw new RowError(`preferredChannel must be one of ${CONSENT_CHANNELS.join(', ')}.`);
    return {
      externalId: f.req(['externalId', 'customerId'], 100), accountNumber: f.text('accountNumber', { max: 50 }), firstName: f.req('firstName', 100), lastName: f.req('lastName', 100),
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
      if (c.phone && !c.phone.startsWith('+')) {
        const res = normalisePhone(c.phone, defaultPhoneCountry(null, zone));
        if (!res.ok) return `phone "${c.phone}" is not a valid phone number.`;
        c.phone = res.e164;
      }
      return null;
    });
    const existing = new Set((await query<{ externalId: string }>(db, byLegalEntityKey('customers', 'external_id', refs.legalEntityId,
      items.map((i) => i.value.externalId), sql`t.external_id as "externalId"`))).map((r) => r.externalId));
    const needNumbers = items.filter(({ value: c }, i) => !errors[i] && !existing.has(c.externalId) && !c.accountNumber).length;
    const numbers = needNumbers ? await reserveAccountNumbers(db, refs.legalEntityId, needNumbers) : [];
    const rows = items.flatMap(({ value: c }, i) => (errors[i] ? [] : [{
      legal_entity_id: refs.legalEntityId, external_id: c.externalId,
      // Existing customers keep their account number unless the file gives one.
      account_number: c.accountNumber ?? (existing.has(c.externalId) ? `pending-${c.externalId}` : numbers.shift()),
      keep_account: !c.accountNumber && existing.has(c.externalId),
      first_name: c.firstName, last_name: c.lastName, email: c.email, phone: c.phone, birth_date: c.birthDate, anniversary_date: c.anniversaryDate, language: c.language,
      address_line: c.addressLine, city: c.city, postal_code: c.postalCode, country: c.country, preferred_channel: c.preferredChannel,
      home_store_id: refs.store(c.homeStore), is_vip: c.isVip,
    }]));
    const res = await query<{ key: string; inserted: boolean }>(db, sql`insert into customers (legal_entity_id, external_id, account_number, first_name, last_name, email, phone,
        birth_date, anniversary_date, language, address_line, city, postal_code, country, preferred_channel, home_store_id, is_vip)
      select legal_entity_id, external_id, account_number, first_name, last_name, email, phone, birth_date, anniversary_date, language, address_line, city,
        postal_code, country, preferred_channel, home_store_id, is_vip
      from jsonb_to_recordset(${JSON.stringify(rows)}::jsonb) as x(legal_entity_id uuid, external_id text, account_number text, keep_account boolean, first_name text,
        last_name text, email text, phone text, birth_date date, anniversary_date date, language text, address_line text, city text, postal_code text, country text,
        preferred_channel text, home_store_id uuid, is_vip boolean)
      on conflict (legal_entity_id, external_id) do update set
        account_number = case when excluded.account_number like 'pending-%' then customers.account_number else excluded.account_number end,
        first_name = excluded.first_name, last_name = excluded.last_name, email = excluded.email, phone = excluded.phone, birth_date = excluded.birth_date,
        anniversary_date = excluded.anniversary_date, language = excluded.language, address_line = excluded.address_line, city = excluded.city,
        postal_code = excluded.postal_code, country = excluded.country, preferred_channel = excluded.preferred_channel,
        home_store_id = excluded.home_store_id, is_vip = excluded.is_vip, updated_at = now()
      -- An erased customer stays anonymous even if the source system still sends their record.
      where customers.erased_at is null and (
        (case when excluded.account_number like 'pending-%' then customers.account_number else excluded.account_number end, customers.first_name, customers.last_name,
         customers.email, customers.phone, customers.birth_date, customers.anniversary_date, customers.language, customers.address_line, customers.city,
         customers.postal_code, customers.country, customers.preferred_channel, customers.home_store_id, customers.is_vip)
        is distinct from (customers.account_number, excluded.first_name, excluded.last_name, excluded.email, excluded.phone, excluded.birth_date,
         excluded.anniversary_date, excluded.language, excluded.address_line, excluded.city, excluded.postal_code, excluded.country, excluded.preferred_channel,
         excluded.home_store_id, excluded.is_vip))
      returning customers.external_id as key, (xmax = 0) as inserted`);
    // A customer with a home store joins that store's address book, so store customer search finds them.
    await db.execute(sql`insert into customer_address_books (customer_id, address_book_id)
      select c.id, s.address_book_id from customers c join stores s on s.id = c.home_store_id
      where c.legal_entity_id = ${refs.legalEntityId} and c.external_id in ${textList(res.map((r) => r.key))}
      on conflict do nothing`);
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
    const rows = items.flatMap(({ value: l }, i) => (errors[i] ? [] : [{ customer_id: customers.get(l.customer), legal_entity_id: refs.legalEntityId, programme: l.programme, tier: l.tier, card_number: l.cardNumber, joined_at: l.joinedAt }]));
    const res = await upsertRows(db, {
      table: 'loyalty_accounts', columns: [['customer_id', 'uuid'], ['legal_entity_id', 'uuid'], ['programme', 'text'], ['tier', 'text'], ['card_number', 'text'], ['joined_at', 'timestamptz']],
      conflict: ['customer_id'], update: ['programme', 'tier', 'card_number', 'joined_at'], returnKey: 'loyalty_accounts.customer_id::text',
    }, rows);
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
    const rows = items.flatMap(({ value: p }, i) => (errors[i] ? [] : [{ legal_entity_id: refs.legalEntityId, customer_id: customers.get(p.customer), external_id: p.externalId,
      occurred_at: p.occurredAt, points: p.points, reason: p.reason, order_id: p.orderId ? orders.get(p.orderId)!.id : null }]));
    const res = await upsertRows(db, {
      table: 'loyalty_ledger', columns: [['legal_entity_id', 'uuid'], ['customer_id', 'uuid'], ['external_id', 'text'], ['occurred_at', 'timestamptz'], ['points', 'integer'], ['reason', 'text'], ['order_id', 'uuid']],
      conflict: ['legal_entity_id', 'external_id'], update: ['customer_id', 'occurred_at', 'points', 'reason', 'order_id'], returnKey: 'loyalty_ledger.external_id',
    }, rows);
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
      const campaign = f.text(['campaign', 'journey'], { max: 200 });
      if (kind === 'marketing-touch' && !campaign) throw new RowError('campaign is required for a marketing touch.');
      return { externalId: f.req(['externalId', 'caseId'], 100), customer: f.req(['customerId', 'customer'], 100), kind, subject: f.req(['subject', 'title'], 500), status, channel: f.text('channel', { max: 50 }),
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
      const rows = items.flatMap(({ value: x }, i) => (errors[i] ? [] : [{ legal_entity_id: refs.legalEntityId, customer_id: customers.get(x.customer), external_id: x.externalId, kind: x.kind,
        subject: x.subject, status: x.status, channel: x.channel, campaign: x.campaign, store_id: refs.store(x.store), associate_id: refs.associate(x.associate), occurred_at: x.occurredAt, closed_at: x.closedAt, detail: x.detail }]));
      const res = await upsertRows(db, {
        table: 'interactions', columns: [['legal_entity_id', 'uuid'], ['customer_id', 'uuid'], ['external_id', 'text'], ['kind', 'text'], ['subject', 'text'], ['status', 'text'], ['channel', 'text'],
          ['campaign', 'text'], ['store_id', 'uuid'], ['associate_id', 'uuid'], ['occurred_at', 'timestamptz'], ['closed_at', 'timestamptz'], ['detail', 'jsonb']],
        conflict: ['legal_entity_id', 'external_id'], update: ['customer_id', 'kind', 'subject', 'status', 'channel', 'campaign', 'store_id', 'associate_id', 'occurred_at', 'closed_at', 'detail'],
        returnKey: 'interactions.external_id',
      }, rows);
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
    const rows = items.flatMap(({ value: b }, i) => (errors[i] ? [] : [{ legal_entity_id: refs.legalEntityId, customer_id: customers.get(b.customer), product_id: products.get(b.sku),
      external_id: b.externalId, event: b.event, session_id: b.sessionId, occurred_at: b.occurredAt }]));
    const res = await upsertRows(db, {
      table: 'browsing_events', columns: [['legal_entity_id', 'uuid'], ['customer_id', 'uuid'], ['product_id', 'uuid'], ['external_id', 'text'], ['event', 'text'], ['session_id', 'text'], ['occurred_at', 'timestamptz']],
      conflict: ['legal_entity_id', 'external_id'], update: ['customer_id', 'product_id', 'event', 'session_id', 'occurred_at'], returnKey: 'browsing_events.external_id',
    }, rows);
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
    const rows = items.flatMap(({ value: w }, i) => (errors[i] ? [] : [{ legal_entity_id: refs.legalEntityId, customer_id: customers.get(w.customer), product_id: products.get(w.sku), list: w.list, added_at: w.addedAt ?? new Date().toISOString() }]));
    const res = await upsertRows(db, {
      table: 'wishlist_items', columns: [['legal_entity_id', 'uuid'], ['customer_id', 'uuid'], ['product_id', 'uuid'], ['list', 'text'], ['added_at', 'timestamptz']],
      conflict: ['customer_id', 'product_id', 'list'], update: ['list'], returnKey: `wishlist_items.customer_id || ':' || wishlist_items.product_id || ':' || wishlist_items.list`,
    }, rows);
    return outcomesFrom(items.map(({ value: w }) => (customers.get(w.customer) ? `${customers.get(w.customer)}:${products.get(w.sku)}:${w.list}` : null)), res, errors);
  },
};

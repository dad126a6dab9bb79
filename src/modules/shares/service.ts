import { randomUUID } from 'node:crypto';
import type { Db } from '../../db/client.ts';
import type { Config } from '../../config.ts';
import { secretKey } from '../../db/secret-key.ts';
import { audit } from '../audit/service.ts';
import type { AuthContext } from '../auth/context.ts';
import { getCustomer } from '../customers/service.ts';
import { productCards, searchProductCards, type ProductCard } from '../catalogue/queries.ts';
import { customerFacingNames } from '../organisation/names.ts';
import { sendMessage, getMessage } from '../outreach/service.ts';
import { recordOutreachEngagement } from '../attribution/engagements.ts';
import { formatMoney } from '../../../shared/money.ts';
import { sharesErrors } from './errors.ts';
import * as q from './queries.ts';
import { lookToken, lookUrl, newLookId, verifyLookToken } from './links.ts';
import type { Look, LookSummary, PublicLook, ShareInput, ShareProduct } from './share-schemas.ts';

const key = (db: Db, config: Pick<Config, 'secretKey'>) => secretKey(db, config.secretKey);
const publicName = (name: string) => { const p = name.trim().split(/\s+/); return p.length > 1 ? `${p[0]} ${p[p.length - 1][0]}.` : p[0]; };
const isFrench = (language: string | null | undefined) => (language ?? '').toLowerCase().startsWith('fr');

export type { ShareInput };

/** The message text: the associate's note, then the title and link, in the customer's language. */
function messageText(language: string, title: string, note: string | null, url: string) {
  const lead = isFrench(language) ? `${title} — découvrez la sélection : ${url}` : `${title} — see the selection: ${url}`;
  return note ? `${note}\n\n${lead}` : lead;
}

/**
 * Makes the look and sends its link through outreach (consent, quiet hours and the contact budget apply as to any
 * message; a refusal leaves no look behind). Stock is shown at the customer's home store, else the associate's.
 */
export async function shareLook(db: Db, config: Pick<Config, 'secretKey' | 'publicBaseUrl'>, auth: AuthContext, customerId: string, input: ShareInput): Promise<Look> {
  const customer = await getCustomer(db, auth.legalEntityId, customerId);
  if (customer.erasedAt) throw sharesErrors.customer_erased('This customer was erased on request.');
  if (input.idempotencyKey) {
    const done = await q.lookByIdempotencyKey(db, auth.legalEntityId, input.idempotencyKey);
    if (done && done.customerId === customerId) return lookView(db, config, auth.legalEntityId, done);
  }
  if (new Set(input.productIds).size !== input.productIds.length) throw sharesErrors.products_repeated('A product is in the selection twice.', { field: 'productIds' });
  const found = await productCards(db, auth.legalEntityId, input.productIds, null);
  if (found.length !== input.productIds.length) throw sharesErrors.unknown_product('A product of the selection was not found.', { field: 'productIds' });
  const publicId = newLookId();
  const url = lookUrl(config.publicBaseUrl, lookToken(await key(db, config), publicId));
  const title = input.title.trim();
  const note = input.note?.trim() || null;
  const look = await db.transaction(async (tx) => {
    const t: Db = tx;
    const row = await q.insertLook(t, {
      publicId, legalEntityId: auth.legalEntityId, customerId, associateId: auth.associateId, storeId: customer.homeStoreId ?? auth.storeId,
      title, note, channel: input.channel, idempotencyKey: input.idempotencyKey ?? null,
    }, input.productIds);
    // The existing send path: its checks throw, and the look goes with the transaction.
    const message = await sendMessage(t, auth, {
      customerId, channel: input.channel, templateId: input.templateId ?? null, subject: input.channel === 'email' ? title : null,
      body: messageText(customer.language, title, note, url), idempotencyKey: `look:${input.idempotencyKey ?? randomUUID()}`,
    });
    await q.setLookMessage(t, row.id, message.id);
    await audit(t, auth, 'send', 'customer', customerId, { look: publicId, products: input.productIds.length, channel: input.channel });
    return { ...row, outreachMessageId: message.id };
  });
  return lookView(db, config, auth.legalEntityId, look);
}

async function lookView(db: Db, config: Pick<Config, 'secretKey' | 'publicBaseUrl'>, legalEntityId: string, look: q.LookRow) {
  const message = look.outreachMessageId ? await getMessage(db, legalEntityId, look.outreachMessageId) : null;
  return {
    id: look.id, publicId: look.publicId, url: lookUrl(config.publicBaseUrl, lookToken(await key(db, config), look.publicId)),
    title: look.title, note: look.note, channel: look.channel, productIds: await q.lookProductIds(db, look.id),
    messageId: look.outreachMessageId, messageStatus: message?.status ?? null, createdAt: new Date(look.createdAt).toISOString(),
  };
}

export async function listCustomerLooks(db: Db, config: Pick<Config, 'secretKey' | 'publicBaseUrl'>, auth: AuthContext, customerId: string): Promise<LookSummary[]> {
  await getCustomer(db, auth.legalEntityId, customerId);
  const rows = await q.customerLooks(db, auth.legalEntityId, customerId, 50);
  const counts = await q.itemCounts(db, rows.map((r) => r.id));
  const k = await key(db, config);
  return rows.map((r) => ({
    id: r.id, publicId: r.publicId, url: lookUrl(config.publicBaseUrl, lookToken(k, r.publicId)), title: r.title, note: r.note, channel: r.channel,
    products: counts.get(r.id) ?? 0, views: r.views, clicks: r.clicks, createdAt: new Date(r.createdAt).toISOString(),
  }));
}

/** Products for the share dialog's search, with stock at the customer's home store. */
export async function searchShareProducts(db: Db, auth: AuthContext, customerId: string, text: string, limit: number): Promise<ShareProduct[]> {
  const customer = await getCustomer(db, auth.legalEntityId, customerId);
  const rows = await searchProductCards(db, auth.legalEntityId, text, customer.homeStoreId ?? auth.storeId, limit);
  return rows.map(({ active: _active, ...p }) => p);
}

async function liveLook(db: Db, config: Pick<Config, 'secretKey'>, token: string) {
  const publicId = verifyLookToken(await key(db, config), token);
  const look = publicId ? await q.lookByPublicId(db, publicId) : undefined;
  if (!look) throw sharesErrors.look_link_invalid('This link is not valid. Use the link your associate sent you.');
  const customer = await getCustomer(db, look.legalEntityId, look.customerId).catch(() => null);
  if (!customer || customer.erasedAt) throw sharesErrors.look_link_invalid('This link is not valid. Use the link your associate sent you.');
  return { look, customer };
}

/** A view or click goes on the timeline and opens the attribution window for the message that carried the look. */
async function engaged(db: Db, look: q.LookRow, kind: 'view' | 'click', productId: string | null) {
  await db.transaction(async (tx) => {
    const t: Db = tx;
    await q.insertLookEvent(t, look, kind, productId);
    if (look.outreachMessageId) {
      await recordOutreachEngagement(t, { legalEntityId: look.legalEntityId, customerId: look.customerId, outreachMessageId: look.outreachMessageId, kind: `look-${kind}` });
    }
  });
}

const shown = (p: ProductCard, currency: string, language: string) => ({
  id: p.id, name: p.name, brand: p.brand, category: p.category, imageUrl: p.imageUrl,
  priceMinor: p.priceMinor, price: formatMoney(p.priceMinor, currency, isFrench(language) ? 'fr-FR' : 'en-GB'),
  // Shown as in stock / not in stock; a product no longer sold shows as unavailable.
  availability: !p.active ? 'unavailable' as const : p.onHand === null ? 'ask' as const : p.onHand > 0 ? 'in-stock' as const : 'out-of-stock' as const,
});

/** The public page: the look in the customer's language, with prices and stock at their store. Each opening is recorded. */
export async function openLook(db: Db, config: Pick<Config, 'secretKey'>, token: string): Promise<PublicLook> {
  const { look, customer } = await liveLook(db, config, token);
  const ids = await q.lookProductIds(db, look.id);
  const cards = new Map((await productCards(db, look.legalEntityId, ids, look.storeId)).map((p) => [p.id, p]));
  const names = await customerFacingNames(db, look.legalEntityId, { storeId: look.storeId, associateId: look.associateId });
  // A reload within the half hour is the same visit.
  if (!(await q.recentlyViewed(db, look.id, 30))) await engaged(db, look, 'view', null);
  const language = isFrench(customer.language) ? 'fr' : 'en';
  return {
    title: look.title, note: look.note, language, brand: names.brand, currency: names.currency, customerFirstName: customer.firstName,
    associateName: names.associateName ? publicName(names.associateName) : null, storeName: names.store?.name ?? null,
    products: ids.flatMap((id) => (cards.has(id) ? [shown(cards.get(id)!, names.currency, language)] : [])),
    sentAt: new Date(look.createdAt).toISOString(),
  };
}

/** The customer clicked a product of the look. */
export async function clickLookProduct(db: Db, config: Pick<Config, 'secretKey'>, token: string, productId: string) {
  const { look } = await liveLook(db, config, token);
  if (!(await q.lookProductIds(db, look.id)).includes(productId)) throw sharesErrors.product_not_in_look('This product is not in the selection.', { field: 'productId' });
  await engaged(db, look, 'click', productId);
  return { ok: true };
}

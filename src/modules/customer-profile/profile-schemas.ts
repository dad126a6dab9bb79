import { Type, type Static } from '@sinclair/typebox';
import { IsoDateTime, Nullable, Obj, Uuid } from '../../http/schemas.ts';
import { PREFERENCE_KINDS } from './schema.ts';

const S = Type.String();
const N = Type.Number();
const NS = Nullable(Type.String());

export const OrderLineSchema = Type.Object({
  lineNumber: Type.Integer(), productId: Uuid, sku: S, name: S, category: S, brand: NS, quantity: Type.Integer(),
  unitPriceMinor: N, discountMinor: N, netMinor: N, associateId: Nullable(Uuid), associateName: NS,
});

export const OrderSchema = Type.Object({
  id: Uuid, externalId: S, channel: S, status: S, fulfilment: S, orderedAt: S, currency: S, totalMinor: N, discountMinor: N,
  storeId: Nullable(Uuid), storeName: NS, associateName: NS, lines: Type.Array(OrderLineSchema),
});

export const ReturnSchema = Type.Object({
  id: Uuid, externalId: S, orderId: Nullable(Uuid), orderExternalId: NS, returnedAt: S, currency: S, refundMinor: N, storeName: NS,
  lines: Type.Array(Type.Object({ lineNumber: Type.Integer(), productId: Uuid, name: S, quantity: Type.Integer(), reason: S, refundMinor: N })),
});

export const LoyaltySchema = Type.Object({
  programme: S, tier: S, cardNumber: S, joinedAt: S, pointsBalance: Type.Integer(),
  recentLedger: Type.Array(Type.Object({ occurredAt: S, points: Type.Integer(), reason: S })),
});

export const WishlistSchema = Type.Object({
  id: Uuid, list: S, addedAt: S, productId: Uuid, sku: S, name: S, brand: NS, category: S, priceMinor: N,
  onHandHere: Nullable(Type.Integer()), onHandTotal: Type.Integer(),
});

export const PreferenceSchema = Type.Object({ id: Uuid, kind: S, qualifier: S, value: S, source: S, updatedAt: S }, { $id: 'CustomerPreference' });
export const ConsentSchema = Type.Object({ channel: S, granted: Type.Boolean(), source: S, recordedAt: S }, { $id: 'CustomerConsent' });

export const InteractionSchema = Type.Object({
  id: Uuid, externalId: S, kind: S, subject: S, status: NS, channel: NS, campaign: NS, storeName: NS, associateName: NS, occurredAt: S, closedAt: NS,
});

export const BrowsingSchema = Type.Object({
  productId: Uuid, sku: S, name: S, brand: NS, category: S, priceMinor: N, views: Type.Integer(), addedToCart: Type.Boolean(),
  lastViewedAt: S, purchasedSince: Type.Boolean(),
});

export const FavouriteSchema = Type.Object({ name: S, spendMinor: N, quantity: Type.Integer() });

export const SpendingSchema = Type.Object({
  orderCount: Type.Integer(), totalMinor: N, spendThisYearMinor: N, spendLastYearMinor: N, spendLast12MonthsMinor: N, ordersLast12Months: Type.Integer(),
  averageOrderValueMinor: N, purchaseIntervalDays: Nullable(Type.Integer()), firstPurchaseAt: NS, lastPurchaseAt: NS,
  daysSinceLastPurchase: Nullable(Type.Integer()), returnedMinor: N,
  otherCurrencyOrders: Type.Integer({ description: 'Orders in other currencies than the legal entity\'s, left out of the sums above' }), otherCurrencies: Type.Array(S),
  favouriteCategories: Type.Array(FavouriteSchema), favouriteBrands: Type.Array(FavouriteSchema),
  monthly: Type.Array(Type.Object({ month: S, spendMinor: N, orders: Type.Integer() })),
});

export const ProfileSchema = Type.Object({
  customer: Type.Intersect([Type.Ref('Customer'), Type.Object({ homeStoreName: NS })]),
  currency: S,
  recentPurchases: Type.Array(OrderSchema),
  openOrders: Type.Array(OrderSchema),
  returns: Type.Array(ReturnSchema),
  loyalty: Nullable(LoyaltySchema),
  wishlist: Type.Array(WishlistSchema),
  preferences: Type.Array(Type.Ref('CustomerPreference')),
  consents: Type.Array(Type.Ref('CustomerConsent')),
  recentInteractions: Type.Array(InteractionSchema),
  openCases: Type.Array(InteractionSchema),
  marketingTouches: Type.Array(InteractionSchema),
  recentBrowsing: Type.Array(BrowsingSchema),
  spending: SpendingSchema,
});

export const PreferenceInputSchema = Obj({
  kind: Type.Union(PREFERENCE_KINDS.map((k) => Type.Literal(k))),
  qualifier: Type.Optional(Type.String({ maxLength: 60, description: 'For sizes: shoes, dress, ring…' })),
  value: Type.String({ minLength: 1, maxLength: 200, pattern: '\\S' }),
  source: Type.Optional(Type.String({ minLength: 1, maxLength: 60 })),
});
export type PreferenceInput = Static<typeof PreferenceInputSchema>;

export const ConsentInputSchema = Obj({
  granted: Type.Boolean(),
  source: Type.String({ minLength: 1, maxLength: 100, description: 'Where the decision was given: in store, web form, email unsubscribe…' }),
  recordedAt: Type.Optional(IsoDateTime),
});
export type ConsentInput = Static<typeof ConsentInputSchema>;

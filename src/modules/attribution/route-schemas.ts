import { Type } from '@sinclair/typebox';
import { Uuid, Nullable, KeyedText } from '../../http/schemas.ts';

// Response shapes of the attribution routes (kept apart so routes.ts stays readable). They are the one source of
// these shapes: the services' return types are Static<> of them.

export const SettingsSchema = Type.Object({ outreachWindowDays: Type.Integer(), lastRunAt: Nullable(Type.String()) });

export const RunResultSchema = Type.Object({
  orderLines: Type.Integer(), attributedLines: Type.Integer(), ledgerEntries: Type.Integer(), returnLines: Type.Integer(), reversalEntries: Type.Integer(),
  otherCurrencyLines: Type.Integer({ description: "Sale lines in another currency than the legal entity's, not credited (no exchange rates)" }),
});

export const PlanSchema = Type.Object({
  id: Uuid, name: Type.String(), validFrom: Type.String(), validTo: Nullable(Type.String()), defaultRatePercent: Type.Number(),
  rates: Type.Array(Type.Object({ storeId: Nullable(Uuid), category: Nullable(Type.String()), ratePercent: Type.Number() })),
});

const RateSource = Type.Union([Type.Literal('store-and-category'), Type.Literal('category'), Type.Literal('store'), Type.Literal('default'), Type.Literal('no-plan')]);

export const StatementSchema = Type.Object({
  associate: Type.Object({ id: Uuid, name: Type.String() }),
  period: Type.String(),
  currency: Type.String(),
  plan: Nullable(Type.Object({ id: Uuid, name: Type.String() })),
  lines: Type.Array(Type.Object({
    storeId: Nullable(Uuid), storeName: Nullable(Type.String()), category: Type.String(), salesMinor: Type.Number(), returnsMinor: Type.Number(),
    netMinor: Type.Number(), ratePercent: Type.Number(), rateSource: RateSource, commissionMinor: Type.Number(),
  })),
  entries: Type.Array(Type.Object({
    id: Uuid, attributedAt: Type.String(), kind: Type.Union([Type.Literal('sale'), Type.Literal('return')]), orderRef: Type.String(), lineNumber: Type.Integer(), productName: Type.String(),
    category: Type.String(), storeId: Nullable(Uuid), storeName: Nullable(Type.String()), customerId: Nullable(Uuid), customerName: Nullable(Type.String()),
    rule: Type.String(), sharePercent: Type.Number(), amountMinor: Type.Number(), ratePercent: Type.Number(), commissionMinor: Type.Number(), explanation: Type.String({ description: 'In English' }),
    /** The explanation by key (attributionWhy.<key>) and parameters for translation; null on entries recorded before it was kept. */
    explanationText: Nullable(KeyedText),
  })),
  totals: Type.Object({ salesMinor: Type.Number(), returnsMinor: Type.Number(), netMinor: Type.Number(), commissionMinor: Type.Number() }),
});

const Count = Nullable(Type.Integer());

export const PerformanceSchema = Type.Object({
  store: Type.Object({ id: Uuid, name: Type.String(), currency: Type.String() }),
  from: Type.String(), to: Type.String(), outreachWindowDays: Type.Integer(),
  revenueMinor: Type.Number(), returnsMinor: Type.Number(), repeatRevenueMinor: Type.Number(), repeatShare: Nullable(Type.Number()), orders: Type.Integer(),
  clientBook: Type.Object({ available: Type.Boolean(), newMembers: Type.Integer(), members: Type.Integer(), previousBuyers: Type.Integer(), retained: Type.Integer(), retention: Nullable(Type.Number()) }),
  outreach: Type.Object({ available: Type.Boolean(), sent: Type.Integer(), converted: Type.Integer(), conversion: Nullable(Type.Number()) }),
  appointments: Type.Object({ available: Type.Boolean(), total: Type.Integer(), completed: Type.Integer(), converted: Type.Integer(), conversion: Nullable(Type.Number()) }),
  leaderboard: Type.Array(Type.Object({ associateId: Uuid, name: Type.String(), attributedMinor: Type.Number(), returnsMinor: Type.Number(), lines: Type.Integer(), share: Nullable(Type.Number()) })),
  months: Type.Array(Type.Object({
    month: Type.String(), revenueMinor: Type.Number(), repeatRevenueMinor: Type.Number(), returnsMinor: Type.Number(), newBookMembers: Count,
    outreachSent: Count, outreachConverted: Count, appointments: Count, appointmentsConverted: Count,
  })),
});

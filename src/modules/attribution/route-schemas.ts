import { Type } from '@sinclair/typebox';
import { Uuid, Nullable } from '../../http/schemas.ts';

// Response shapes of the statement and store performance routes (kept apart so routes.ts stays readable).

export const StatementSchema = Type.Object({
  associate: Type.Object({ id: Uuid, name: Type.String() }),
  period: Type.String(),
  currency: Type.String(),
  plan: Nullable(Type.Object({ id: Uuid, name: Type.String() })),
  lines: Type.Array(Type.Object({
    storeId: Nullable(Uuid), storeName: Nullable(Type.String()), category: Type.String(), salesMinor: Type.Number(), returnsMinor: Type.Number(),
    netMinor: Type.Number(), ratePercent: Type.Number(), rateSource: Type.String(), commissionMinor: Type.Number(),
  })),
  entries: Type.Array(Type.Object({
    id: Uuid, attributedAt: Type.String(), kind: Type.String(), orderRef: Type.String(), lineNumber: Type.Integer(), productName: Type.String(),
    category: Type.String(), storeId: Nullable(Uuid), storeName: Nullable(Type.String()), customerId: Nullable(Uuid), customerName: Nullable(Type.String()),
    rule: Type.String(), sharePercent: Type.Number(), amountMinor: Type.Number(), ratePercent: Type.Number(), commissionMinor: Type.Number(), explanation: Type.String(),
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

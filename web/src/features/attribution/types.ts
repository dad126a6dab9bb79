export interface StatementEntry {
  id: string; attributedAt: string; kind: 'sale' | 'return'; orderRef: string; lineNumber: number; productName: string; category: string;
  storeId: string | null; storeName: string | null; customerId: string | null; customerName: string | null; rule: string; sharePercent: number;
  amountMinor: number; ratePercent: number; commissionMinor: number; explanation: string;
}
export interface Statement {
  associate: { id: string; name: string }; period: string; currency: string; plan: { id: string; name: string } | null;
  lines: { storeId: string | null; storeName: string | null; category: string; salesMinor: number; returnsMinor: number; netMinor: number; ratePercent: number; rateSource: string; commissionMinor: number }[];
  entries: StatementEntry[];
  totals: { salesMinor: number; returnsMinor: number; netMinor: number; commissionMinor: number };
}
// The performance response's type is shared with the server (shared/api), so the two can't drift apart.
export type { MonthFigures, StorePerformance } from '../../../../shared/api/attribution.ts';
export interface Plan {
  id: string; name: string; validFrom: string; validTo: string | null; defaultRatePercent: number;
  rates: { storeId: string | null; category: string | null; ratePercent: number }[];
}
export interface SalesGroup {
  id: string; name: string; storeId: string | null; active: boolean;
  members: { associateId: string; name: string; sharePercent: number }[];
}
export interface StoreRef { id: string; code: string; name: string }
export interface AssociateRef { id: string; displayName: string; active: boolean; storeIds: string[] }

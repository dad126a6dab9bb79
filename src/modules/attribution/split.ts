// Pure money arithmetic for attribution and commission: integer minor units and basis points, never floats.

/**
 * Splits an amount by shares in basis points so that the parts add up to the amount exactly:
 * each part is rounded toward zero and the remainder goes to the first member.
 */
export function splitByShares(amountMinor: number, sharesBp: number[]): number[] {
  if (!sharesBp.length) return [];
  const total = sharesBp.reduce((a, b) => a + b, 0);
  if (total <= 0) throw new Error('shares must add up to more than zero');
  const sign = amountMinor < 0 ? -1 : 1;
  const abs = Math.abs(amountMinor);
  const parts = sharesBp.map((bp) => Math.floor((abs * bp) / total));
  parts[0] += abs - parts.reduce((a, b) => a + b, 0);
  return parts.map((p) => (p === 0 ? 0 : sign * p));
}

/** Commission on an amount at a rate in basis points, rounded half away from zero so a full return nets to zero. */
export function commissionOf(amountMinor: number, rateBp: number): number {
  const sign = amountMinor < 0 ? -1 : 1;
  const v = Math.round((Math.abs(amountMinor) * rateBp) / 10_000);
  return v === 0 ? 0 : sign * v;
}

export interface RateRow { storeId: string | null; category: string | null; rateBp: number }
export type RateSource = 'store-and-category' | 'category' | 'store' | 'default';

/** The most specific rate wins: store and category, then category, then store, then the plan's default. */
export function pickRate(rates: RateRow[], defaultRateBp: number, storeId: string | null, category: string): { rateBp: number; source: RateSource } {
  const both = rates.find((r) => r.storeId !== null && r.category !== null && r.storeId === storeId && r.category === category);
  if (both) return { rateBp: both.rateBp, source: 'store-and-category' };
  const cat = rates.find((r) => r.storeId === null && r.category === category);
  if (cat) return { rateBp: cat.rateBp, source: 'category' };
  const store = rates.find((r) => r.category === null && r.storeId !== null && r.storeId === storeId);
  if (store) return { rateBp: store.rateBp, source: 'store' };
  return { rateBp: defaultRateBp, source: 'default' };
}

/** "2024-05" → "2024-05-01"; null when it is not a month. */
export function periodStart(month: string): string | null {
  const m = /^(\d{4})-(0[1-9]|1[0-2])$/.exec(month);
  return m ? `${m[1]}-${m[2]}-01` : null;
}

/** Formats basis points as a percentage string, e.g. 250 → "2.5". */
export function bpToPercent(bp: number): number {
  return bp / 100;
}

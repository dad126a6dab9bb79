export type RecommendationKind = 'also-bought' | 'browsed-not-bought' | 'cross-sell' | 'replenishment';

export interface Recommendation {
  productId: string; sku: string; name: string; category: string; brand: string | null; priceMinor: number;
  inStockAtStore: boolean; onHand: number; kind: RecommendationKind; reason: string; score: number;
  dueDate?: string; becauseProductId?: string;
}

export interface MiningRun {
  id: string; status: 'running' | 'succeeded' | 'failed'; trigger: string; startedAt: string; finishedAt: string | null;
  baskets: number | null; products: number | null; rules: number | null; durationMs: number | null;
  minSupportCount: number | null; minConfidence: number | null; error: string | null;
}

export interface Settings { minSupportCount: number; minConfidence: number; lookbackDays: number }
export interface Complement { id: string; fromCategory: string; toCategory: string; note: string | null; createdAt: string }

export interface Overview {
  settings: Settings; ruleCount: number; lastRun: MiningRun | null; lastSuccessfulRun: MiningRun | null;
  recentRuns: MiningRun[]; categories: string[]; complements: Complement[];
}

export const KIND_LABELS: Record<RecommendationKind, string> = {
  'also-bought': 'Also bought',
  'browsed-not-bought': 'Viewed online',
  'cross-sell': 'Goes with',
  replenishment: 'Time to restock',
};

export function dateTime(iso: string): string {
  return new Date(iso).toLocaleString(undefined, { dateStyle: 'medium', timeStyle: 'short' });
}

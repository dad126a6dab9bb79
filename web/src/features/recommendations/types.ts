// Labels of the recommendation screens; the API's shapes come from the generated types (queries.ts).
import type { RecommendationKind } from './queries.ts';

export const KIND_LABELS: Record<RecommendationKind, string> = {
  'also-bought': 'Also bought',
  'browsed-not-bought': 'Viewed online',
  'cross-sell': 'Goes with',
  replenishment: 'Time to restock',
};

export function dateTime(iso: string): string {
  return new Date(iso).toLocaleString(undefined, { dateStyle: 'medium', timeStyle: 'short' });
}

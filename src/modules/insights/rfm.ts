// RFM quintile scores and the widely used 10-segment map on (R, F).

export type RfmSegment =
  | 'Champions'
  | 'Loyal'
  | 'Potential loyalist'
  | 'New'
  | 'Promising'
  | 'Need attention'
  | 'About to sleep'
  | 'At risk'
  | "Can't lose them"
  | 'Hibernating';

export interface RfmInput {
  /** Periods (or days) since the last purchase — smaller is better. */
  recency: number;
  /** Number of purchases (or repeat purchases) — larger is better. */
  frequency: number;
  /** Spend (total or average) — larger is better. */
  monetary: number;
}

export interface RfmScore {
  recencyScore: number;
  frequencyScore: number;
  monetaryScore: number;
  /** e.g. "545". */
  code: string;
  segment: RfmSegment;
  drivers: {
    recency: number;
    frequency: number;
    monetary: number;
    /** Share of customers with a strictly worse value, in [0, 1). */
    recencyPercentile: number;
    frequencyPercentile: number;
    monetaryPercentile: number;
  };
}

/**
 * Quintile scores 1-5 from the share of customers with a strictly worse value:
 * score = floor(5 · worse / n) + 1. Ties always share a score, and a big tie at the bottom
 * (e.g. the 60% of customers with no repeat purchase) gets 1, which keeps scores explainable
 * ("better than 40% of the book"). `higherIsBetter = false` flips the order (recency).
 */
export function quintileScores(values: ArrayLike<number>, higherIsBetter = true): { scores: Uint8Array; percentiles: Float64Array } {
  const n = values.length;
  const scores = new Uint8Array(n);
  const percentiles = new Float64Array(n);
  if (n === 0) return { scores, percentiles };
  const sign = higherIsBetter ? 1 : -1;
  const order = new Uint32Array(n);
  for (let i = 0; i < n; i++) order[i] = i;
  order.sort((i, j) => sign * (values[i] - values[j]));
  let start = 0;
  while (start < n) {
    let end = start;
    while (end + 1 < n && values[order[end + 1]] === values[order[start]]) end++;
    const worse = start / n; // share of customers strictly worse than this tie group
    const score = Math.min(5, Math.floor((5 * start) / n) + 1); // integer maths: exact cut points
    for (let k = start; k <= end; k++) {
      scores[order[k]] = score;
      percentiles[order[k]] = worse;
    }
    start = end + 1;
  }
  return { scores, percentiles };
}

/** Each segment's stable name, for the web to translate (rfmSegment.<key> in its catalogue); the API keeps the English. */
export const RFM_SEGMENT_KEYS: Record<RfmSegment, string> = {
  Champions: 'champions', Loyal: 'loyal', 'Potential loyalist': 'potentialLoyalist', New: 'new', Promising: 'promising',
  'Need attention': 'needAttention', 'About to sleep': 'aboutToSleep', 'At risk': 'atRisk', "Can't lose them": 'cantLoseThem', Hibernating: 'hibernating',
};

/** The stable name of a segment's English name, or null for a name this build does not know. */
export const rfmSegmentKey = (segment: string | null | undefined): string | null =>
  segment && Object.hasOwn(RFM_SEGMENT_KEYS, segment) ? RFM_SEGMENT_KEYS[segment as RfmSegment] : null;

/** Segment from R and F scores (the common "RFM segmentation" grid; M is reported, not used). */
export function rfmSegment(recencyScore: number, frequencyScore: number): RfmSegment {
  const r = recencyScore;
  const f = frequencyScore;
  if (r <= 2) {
    if (f <= 2) return 'Hibernating';
    if (f <= 4) return 'At risk';
    return "Can't lose them";
  }
  if (r === 3) {
    if (f <= 2) return 'About to sleep';
    if (f === 3) return 'Need attention';
    return 'Loyal';
  }
  if (f >= 4) return r === 5 ? 'Champions' : 'Loyal';
  if (f === 1) return r === 5 ? 'New' : 'Promising';
  return 'Potential loyalist';
}

/** Score a whole book at once (quintiles are relative to the book). */
export function scoreRfm(customers: readonly RfmInput[]): RfmScore[] {
  const n = customers.length;
  const rec = new Float64Array(n);
  const freq = new Float64Array(n);
  const mon = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    rec[i] = customers[i].recency;
    freq[i] = customers[i].frequency;
    mon[i] = customers[i].monetary;
  }
  const r = quintileScores(rec, false);
  const f = quintileScores(freq, true);
  const m = quintileScores(mon, true);
  const out: RfmScore[] = new Array(n);
  for (let i = 0; i < n; i++) {
    out[i] = {
      recencyScore: r.scores[i],
      frequencyScore: f.scores[i],
      monetaryScore: m.scores[i],
      code: `${r.scores[i]}${f.scores[i]}${m.scores[i]}`,
      segment: rfmSegment(r.scores[i], f.scores[i]),
      drivers: {
        recency: rec[i],
        frequency: freq[i],
        monetary: mon[i],
        recencyPercentile: r.percentiles[i],
        frequencyPercentile: f.percentiles[i],
        monetaryPercentile: m.percentiles[i],
      },
    };
  }
  return out;
}

// The mining-run log: when rules were last refreshed, from how many baskets, and how many came out.
import { sql } from 'drizzle-orm';
import { query, type Db } from '../../db/client.ts';

export interface MiningRun {
  id: string;
  status: 'running' | 'succeeded' | 'failed';
  trigger: 'schedule' | 'manual' | 'demo';
  startedAt: string;
  finishedAt: string | null;
  baskets: number | null;
  products: number | null;
  rules: number | null;
  durationMs: number | null;
  minSupportCount: number | null;
  minConfidence: number | null;
  error: string | null;
}

export const miningRunColumns = sql`id, status, trigger, started_at::text as "startedAt", finished_at::text as "finishedAt", baskets, products, rules,
  duration_ms as "durationMs", min_support_count as "minSupportCount", min_confidence as "minConfidence", error`;

export async function getMiningRun(db: Db, legalEntityId: string, id: string): Promise<MiningRun | null> {
  const rows = await query<MiningRun>(db, sql`select ${miningRunColumns} from recommendation_mining_runs
    where id = ${id} and legal_entity_id = ${legalEntityId}`);
  return rows[0] ?? null;
}


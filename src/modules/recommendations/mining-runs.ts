// The mining-run log: when rules were last refreshed, from how many baskets, and how many came out.
import { sql } from 'drizzle-orm';
import { query, type Db } from '../../db/client.ts';
import { recommendationMiningRuns as runs } from './schema.ts';

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

export const miningRunColumns = sql`${runs.id}, ${runs.status}, ${runs.trigger}, ${runs.startedAt}::text as "startedAt", ${runs.finishedAt}::text as "finishedAt",
  ${runs.baskets}, ${runs.products}, ${runs.rules}, ${runs.durationMs} as "durationMs", ${runs.minSupportCount} as "minSupportCount",
  ${runs.minConfidence} as "minConfidence", ${runs.error}`;

export async function getMiningRun(db: Db, legalEntityId: string, id: string): Promise<MiningRun | null> {
  const rows = await query<MiningRun>(db, sql`select ${miningRunColumns} from ${runs}
    where ${runs.id} = ${id} and ${runs.legalEntityId} = ${legalEntityId}`);
  return rows[0] ?? null;
}


// The mining-run log: when rules were last refreshed, from how many baskets, and how many came out.
import { sql } from 'drizzle-orm';
import { query, type Db } from '../../db/client.ts';
import { recommendationMiningRuns as runs } from './schema.ts';
import type { MiningRun } from './recommendation-schemas.ts';

export type { MiningRun };

export const miningRunColumns = sql`${runs.id}, ${runs.status}, ${runs.trigger}, ${runs.startedAt}::text as "startedAt", ${runs.finishedAt}::text as "finishedAt",
  ${runs.baskets}, ${runs.products}, ${runs.rules}, ${runs.durationMs} as "durationMs", ${runs.minSupportCount} as "minSupportCount",
  ${runs.minConfidence} as "minConfidence", ${runs.error}`;

export async function getMiningRun(db: Db, legalEntityId: string, id: string): Promise<MiningRun | null> {
  const rows = await query<MiningRun>(db, sql`select ${miningRunColumns} from ${runs}
    where ${runs.id} = ${id} and ${runs.legalEntityId} = ${legalEntityId}`);
  return rows[0] ?? null;
}


import type { Db } from '../../db/client.ts';
import { listLegalEntityIds } from '../organisation/queries.ts';
import { recomputeBuiltinMeasures, type RecomputeResult } from './compute.ts';
import { computeAllSqlMeasures } from './custom-measures.ts';
import { syncAllProviders } from './external-provider.ts';
import type { MeasureLimits } from './measure-sandbox.ts';

export interface RecomputeAllResult extends RecomputeResult {
  sqlMeasures: { key: string; customers: number; error: string | null }[];
  providers: { customers: number; values: number; error: string | null }[];
}

/** Everything "Recompute now" and the daily job refresh: built-in measures, SQL measures and external providers. */
export async function recomputeAllMeasures(db: Db, legalEntityId: string, opts: { databaseKind: 'pglite' | 'postgres'; limits?: Partial<MeasureLimits>; secretKey: string; today?: Date }): Promise<RecomputeAllResult> {
  const builtin = await recomputeBuiltinMeasures(db, legalEntityId, { today: opts.today });
  const sqlMeasures = await computeAllSqlMeasures(db, legalEntityId, { databaseKind: opts.databaseKind, limits: opts.limits });
  const providers = await syncAllProviders(db, legalEntityId, opts.secretKey);
  return { ...builtin, sqlMeasures, providers };
}

export async function allLegalEntityIds(db: Db): Promise<string[]> {
  return listLegalEntityIds(db);
}

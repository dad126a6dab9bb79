// Head office set-up of recommendations: mining thresholds and category complement rules.
import { sql } from 'drizzle-orm';
import { query, type Db } from '../../db/client.ts';
import { recommendationsErrors } from './errors.ts';
import { audit } from '../audit/service.ts';
import type { AuthContext } from '../auth/context.ts';
import { miningRunColumns, type MiningRun } from './mining-runs.ts';
import type { CategoryComplement, ComplementInput, RecommendationOverview, RecommendationSettings } from './recommendation-schemas.ts';
import { columnName, columnNames } from '../../db/sql.ts';
import { categoryComplements as cc, productAssociationRules, recommendationMiningRuns, recommendationSettings as rs } from './schema.ts';
import { products } from '../catalogue/schema.ts';

export type { RecommendationSettings, CategoryComplement, RecommendationOverview };

/** Sensible for a retailer with thousands of orders: a pair seen in 3 baskets, bought together 5% of the time. */
export const DEFAULT_SETTINGS: RecommendationSettings = { minSupportCount: 3, minConfidence: 0.05, lookbackDays: 730 };

export async function getSettings(db: Db, legalEntityId: string): Promise<RecommendationSettings> {
  const rows = await query<RecommendationSettings>(db, sql`select ${rs.minSupportCount} as "minSupportCount", ${rs.minConfidence} as "minConfidence",
      ${rs.lookbackDays} as "lookbackDays"
    from ${rs} where ${rs.legalEntityId} = ${legalEntityId}`);
  return rows[0] ?? { ...DEFAULT_SETTINGS };
}

export async function updateSettings(db: Db, auth: AuthContext, patch: Partial<RecommendationSettings>): Promise<RecommendationSettings> {
  const next = { ...(await getSettings(db, auth.legalEntityId)), ...patch };
  const fromInsert = (c: typeof rs.minSupportCount | typeof rs.minConfidence | typeof rs.lookbackDays) => sql`${columnName(c)} = excluded.${columnName(c)}`;
  await db.execute(sql`insert into ${rs} (${columnNames(rs.legalEntityId, rs.minSupportCount, rs.minConfidence, rs.lookbackDays, rs.updatedAt)})
    values (${auth.legalEntityId}, ${next.minSupportCount}, ${next.minConfidence}, ${next.lookbackDays}, now())
    on conflict (${columnName(rs.legalEntityId)}) do update set ${fromInsert(rs.minSupportCount)},
      ${fromInsert(rs.minConfidence)}, ${fromInsert(rs.lookbackDays)}, ${columnName(rs.updatedAt)} = now()`);
  await audit(db, auth, 'update', 'recommendation_settings', auth.legalEntityId, { ...patch });
  return next;
}


const complementColumns = sql`${cc.id}, ${cc.fromCategory} as "fromCategory", ${cc.toCategory} as "toCategory", ${cc.note}, ${cc.createdAt}::text as "createdAt"`;

export async function listComplements(db: Db, legalEntityId: string): Promise<CategoryComplement[]> {
  return query<CategoryComplement>(db, sql`select ${complementColumns} from ${cc}
    where ${cc.legalEntityId} = ${legalEntityId} order by ${cc.fromCategory}, ${cc.toCategory}`);
}

export async function createComplement(db: Db, auth: AuthContext, input: ComplementInput): Promise<CategoryComplement> {
  const from = input.fromCategory.trim();
  const to = input.toCategory.trim();
  if (!from) throw recommendationsErrors.complement_category_required('Choose the category the customer bought from.', { field: 'fromCategory' });
  if (!to) throw recommendationsErrors.complement_category_required('Choose the complementary category.', { field: 'toCategory' });
  if (from === to) throw recommendationsErrors.complement_to_itself('A category cannot complement itself; "also bought" covers that.', { field: 'toCategory' });
  const rows = await query<CategoryComplement>(db, sql`insert into ${cc} (${columnNames(cc.legalEntityId, cc.fromCategory, cc.toCategory, cc.note)})
    values (${auth.legalEntityId}, ${from}, ${to}, ${input.note?.trim() || null})
    on conflict (${columnNames(cc.legalEntityId, cc.fromCategory, cc.toCategory)}) do nothing
    returning ${complementColumns}`);
  if (!rows[0]) throw recommendationsErrors.complement_rule_exists(`${from} → ${to} is already a complement rule.`, { field: 'toCategory' });
  await audit(db, auth, 'create', 'category_complement', rows[0].id, { fromCategory: from, toCategory: to });
  return rows[0];
}

export async function deleteComplement(db: Db, auth: AuthContext, id: string): Promise<void> {
  const rows = await query(db, sql`delete from ${cc} where ${cc.id} = ${id} and ${cc.legalEntityId} = ${auth.legalEntityId} returning ${cc.id}`);
  if (!rows[0]) throw recommendationsErrors.complement_rule_not_found('Complement rule was not found.');
  await audit(db, auth, 'delete', 'category_complement', id);
}


export async function getOverview(db: Db, legalEntityId: string): Promise<RecommendationOverview> {
  const [settings, countRows, runs, categories, complements] = await Promise.all([
    getSettings(db, legalEntityId),
    query<{ n: number }>(db, sql`select count(*)::int as n from ${productAssociationRules} where ${productAssociationRules.legalEntityId} = ${legalEntityId}`),
    query<MiningRun>(db, sql`select ${miningRunColumns} from ${recommendationMiningRuns}
      where ${recommendationMiningRuns.legalEntityId} = ${legalEntityId} order by ${recommendationMiningRuns.startedAt} desc limit 10`),
    query<{ category: string }>(db, sql`select distinct ${products.category} from ${products} where ${products.legalEntityId} = ${legalEntityId} order by ${products.category}`),
    listComplements(db, legalEntityId),
  ]);
  return {
    settings,
    ruleCount: countRows[0]?.n ?? 0,
    lastRun: runs[0] ?? null,
    lastSuccessfulRun: runs.find((r) => r.status === 'succeeded') ?? null,
    recentRuns: runs,
    categories: categories.map((c) => c.category),
    complements,
  };
}

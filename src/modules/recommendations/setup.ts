// Head office set-up of recommendations: mining thresholds and category complement rules.
import { sql } from 'drizzle-orm';
import { query, type Db } from '../../db/client.ts';
import { recommendationsErrors } from './errors.ts';
import { audit } from '../audit/service.ts';
import type { AuthContext } from '../auth/context.ts';
import { miningRunColumns, type MiningRun } from './mining-runs.ts';

export interface RecommendationSettings {
  minSupportCount: number;
  minConfidence: number;
  lookbackDays: number;
}

/** Sensible for a retailer with thousands of orders: a pair seen in 3 baskets, bought together 5% of the time. */
export const DEFAULT_SETTINGS: RecommendationSettings = { minSupportCount: 3, minConfidence: 0.05, lookbackDays: 730 };

export async function getSettings(db: Db, legalEntityId: string): Promise<RecommendationSettings> {
  const rows = await query<RecommendationSettings>(db, sql`select min_support_count as "minSupportCount", min_confidence as "minConfidence",
      lookback_days as "lookbackDays"
    from recommendation_settings where legal_entity_id = ${legalEntityId}`);
  return rows[0] ?? { ...DEFAULT_SETTINGS };
}

export async function updateSettings(db: Db, auth: AuthContext, patch: Partial<RecommendationSettings>): Promise<RecommendationSettings> {
  const next = { ...(await getSettings(db, auth.legalEntityId)), ...patch };
  await db.execute(sql`insert into recommendation_settings (legal_entity_id, min_support_count, min_confidence, lookback_days, updated_at)
    values (${auth.legalEntityId}, ${next.minSupportCount}, ${next.minConfidence}, ${next.lookbackDays}, now())
    on conflict (legal_entity_id) do update set min_support_count = excluded.min_support_count,
      min_confidence = excluded.min_confidence, lookback_days = excluded.lookback_days, updated_at = now()`);
  await audit(db, auth, 'update', 'recommendation_settings', auth.legalEntityId, { ...patch });
  return next;
}

export interface CategoryComplement { id: string; fromCategory: string; toCategory: string; note: string | null; createdAt: string }

const complementColumns = sql`id, from_category as "fromCategory", to_category as "toCategory", note, created_at::text as "createdAt"`;

export async function listComplements(db: Db, legalEntityId: string): Promise<CategoryComplement[]> {
  return query<CategoryComplement>(db, sql`select ${complementColumns} from category_complements
    where legal_entity_id = ${legalEntityId} order by from_category, to_category`);
}

export async function createComplement(db: Db, auth: AuthContext, input: { fromCategory: string; toCategory: string; note?: string | null }): Promise<CategoryComplement> {
  const from = input.fromCategory.trim();
  const to = input.toCategory.trim();
  if (!from) throw recommendationsErrors.complement_category_required('Choose the category the customer bought from.', { field: 'fromCategory' });
  if (!to) throw recommendationsErrors.complement_category_required('Choose the complementary category.', { field: 'toCategory' });
  if (from === to) throw recommendationsErrors.complement_to_itself('A category cannot complement itself; "also bought" covers that.', { field: 'toCategory' });
  const rows = await query<CategoryComplement>(db, sql`insert into category_complements (legal_entity_id, from_category, to_category, note)
    values (${auth.legalEntityId}, ${from}, ${to}, ${input.note?.trim() || null})
    on conflict (legal_entity_id, from_category, to_category) do nothing
    returning ${complementColumns}`);
  if (!rows[0]) throw recommendationsErrors.complement_rule_exists(`${from} → ${to} is already a complement rule.`, { field: 'toCategory' });
  await audit(db, auth, 'create', 'category_complement', rows[0].id, { fromCategory: from, toCategory: to });
  return rows[0];
}

export async function deleteComplement(db: Db, auth: AuthContext, id: string): Promise<void> {
  const rows = await query(db, sql`delete from category_complements where id = ${id} and legal_entity_id = ${auth.legalEntityId} returning id`);
  if (!rows[0]) throw recommendationsErrors.complement_rule_not_found('Complement rule was not found.');
  await audit(db, auth, 'delete', 'category_complement', id);
}

export interface RecommendationOverview {
  settings: RecommendationSettings;
  ruleCount: number;
  lastRun: MiningRun | null;
  lastSuccessfulRun: MiningRun | null;
  recentRuns: MiningRun[];
  /** The catalogue's categories, for the complement pickers. */
  categories: string[];
  complements: CategoryComplement[];
}

export async function getOverview(db: Db, legalEntityId: string): Promise<RecommendationOverview> {
  const [settings, countRows, runs, categories, complements] = await Promise.all([
    getSettings(db, legalEntityId),
    query<{ n: number }>(db, sql`select count(*)::int as n from product_association_rules where legal_entity_id = ${legalEntityId}`),
    query<MiningRun>(db, sql`select ${miningRunColumns} from recommendation_mining_runs
      where legal_entity_id = ${legalEntityId} order by started_at desc limit 10`),
    query<{ category: string }>(db, sql`select distinct category from products where legal_entity_id = ${legalEntityId} order by category`),
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

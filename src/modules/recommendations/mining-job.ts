// Mining "also bought" rules for one legal entity: stream the baskets (one order = one basket,
// cancelled orders excluded) through a server-side cursor, mine item-to-item pairs with the
// arules-exact miner, and replace the legal entity's rules atomically.
import { sql } from 'drizzle-orm';
import { query, type Db } from '../../db/client.ts';
import { recommendationsErrors } from './errors.ts';
import { mineRules, type Rule } from './association-rules.ts';
import { BasketEncoder } from './baskets.ts';
import { getSettings } from './setup.ts';
import { getMiningRun, type MiningRun } from './mining-runs.ts';

/** Rules kept per product, best lift first: the panel shows a handful, so the long tail only costs space. */
export const MAX_RULES_PER_PRODUCT = 50;
const FETCH_SIZE = 5_000;
const INSERT_CHUNK = 2_000;

/** Streams the legal entity's baskets as product-id lists and encodes them to dense integer ids. */
export async function readBaskets(db: Db, legalEntityId: string, lookbackDays: number) {
  const enc = new BasketEncoder();
  await db.transaction(async (tx) => {
    // A cursor keeps memory flat however many orders there are; it runs the same on PGlite and PostgreSQL.
    await tx.execute(sql`declare recommendation_baskets no scroll cursor for
      select string_agg(distinct ol.product_id::text, ',') as "items"
      from orders o join order_lines ol on ol.order_id = o.id
      where o.legal_entity_id = ${legalEntityId} and o.status <> 'cancelled'
        and o.ordered_at >= now() - make_interval(days => ${lookbackDays}::int)
      group by o.id`);
    for (;;) {
      const rows = await query<{ items: string }>(tx, sql.raw(`fetch ${FETCH_SIZE} from recommendation_baskets`));
      for (const r of rows) enc.add(r.items.split(','));
      if (rows.length < FETCH_SIZE) break;
    }
    await tx.execute(sql`close recommendation_baskets`);
  });
  return enc.finish();
}

/** Item-to-item rules (maxLen 2) over product uuids; the best MAX_RULES_PER_PRODUCT per antecedent. */
export function minePairs(encoded: ReturnType<BasketEncoder['finish']>, minSupportCount: number, minConfidence: number) {
  const n = encoded.offsets.length - 1;
  if (n === 0) return { rules: [] as Rule<string>[], itemCounts: new Map<string, number>() };
  // An absolute count is what a merchant means by "at least 3 baskets"; as a fraction it scales with N.
  const minSupport = Math.min(1, minSupportCount / n);
  const rules = mineRules(encoded, { minSupport, minConfidence, maxLen: 2, minLen: 2 });
  const perProduct = new Map<number, number>();
  const kept: Rule<string>[] = [];
  for (const r of rules) {
    // mineRules sorts by lift descending, so the first rules seen per antecedent are its best.
    const a = r.antecedent[0];
    const seen = perProduct.get(a) ?? 0;
    if (seen >= MAX_RULES_PER_PRODUCT) continue;
    perProduct.set(a, seen + 1);
    kept.push({ ...r, antecedent: [encoded.labels[a]], consequent: [encoded.labels[r.consequent[0]]] });
  }
  const itemCounts = new Map<string, number>();
  const counts = new Int32Array(encoded.labels.length);
  for (let i = 0; i < encoded.items.length; i++) counts[encoded.items[i]]++;
  encoded.labels.forEach((label, id) => itemCounts.set(label, counts[id]));
  return { rules: kept, itemCounts };
}

const arr = (xs: readonly (string | number)[]) => `{${xs.join(',')}}`;

/** Replaces the legal entity's rules and popularity in one transaction, so serving never sees half a run. */
async function storeRules(db: Db, legalEntityId: string, rules: Rule<string>[], itemCounts: Map<string, number>, minedAt: string) {
  await db.transaction(async (tx) => {
    // Two "mine now" clicks must not interleave their delete and insert.
    await tx.execute(sql`select pg_advisory_xact_lock(hashtext(${'recommendations:' + legalEntityId}))`);
    await tx.execute(sql`delete from product_association_rules where legal_entity_id = ${legalEntityId}`);
    await tx.execute(sql`delete from product_popularity where legal_entity_id = ${legalEntityId}`);
    for (let i = 0; i < rules.length; i += INSERT_CHUNK) {
      const chunk = rules.slice(i, i + INSERT_CHUNK);
      // Arrays as one parameter each: a 2,000-row insert stays a single short statement.
      await tx.execute(sql`insert into product_association_rules
          (legal_entity_id, antecedent_product_id, consequent_product_id, support, confidence, lift, count, mined_at)
        select ${legalEntityId}, a, c, s, f, l, n, ${minedAt}
        from unnest(${arr(chunk.map((r) => r.antecedent[0]))}::uuid[], ${arr(chunk.map((r) => r.consequent[0]))}::uuid[],
                    ${arr(chunk.map((r) => r.support))}::float8[], ${arr(chunk.map((r) => r.confidence))}::float8[],
                    ${arr(chunk.map((r) => r.lift))}::float8[], ${arr(chunk.map((r) => r.count))}::int[]) as t(a, c, s, f, l, n)`);
    }
    const items = [...itemCounts];
    for (let i = 0; i < items.length; i += INSERT_CHUNK) {
      const chunk = items.slice(i, i + INSERT_CHUNK);
      await tx.execute(sql`insert into product_popularity (legal_entity_id, product_id, category, baskets, mined_at)
        select ${legalEntityId}, t.p, products.category, t.b, ${minedAt}
        from unnest(${arr(chunk.map(([p]) => p))}::uuid[], ${arr(chunk.map(([, b]) => b))}::int[]) as t(p, b)
        join products on products.id = t.p`);
    }
  });
}

/** Mines and stores a legal entity's rules, logging the run; a failed run is logged and rethrown. */
export async function mineLegalEntity(
  db: Db,
  legalEntityId: string,
  opts: { trigger: MiningRun['trigger']; triggeredBy?: string | null } = { trigger: 'schedule' },
): Promise<MiningRun> {
  const settings = await getSettings(db, legalEntityId);
  const started = Date.now();
  const [run] = await query<{ id: string }>(db, sql`insert into recommendation_mining_runs
      (legal_entity_id, trigger, triggered_by, status, started_at, min_support_count, min_confidence)
    values (${legalEntityId}, ${opts.trigger}, ${opts.triggeredBy ?? null}, 'running', now(), ${settings.minSupportCount}, ${settings.minConfidence})
    returning id`);
  try {
    const encoded = await readBaskets(db, legalEntityId, settings.lookbackDays);
    const { rules, itemCounts } = minePairs(encoded, settings.minSupportCount, settings.minConfidence);
    await storeRules(db, legalEntityId, rules, itemCounts, new Date().toISOString());
    await db.execute(sql`update recommendation_mining_runs set status = 'succeeded', finished_at = now(),
        baskets = ${encoded.offsets.length - 1}, products = ${encoded.labels.length}, rules = ${rules.length},
        duration_ms = ${Date.now() - started}
      where id = ${run.id}`);
  } catch (err) {
    await db.execute(sql`update recommendation_mining_runs set status = 'failed', finished_at = now(),
        duration_ms = ${Date.now() - started}, error = ${err instanceof Error ? err.message : String(err)}
      where id = ${run.id}`);
    throw err;
  }
  return (await getMiningRun(db, legalEntityId, run.id))!;
}

/** A manual run from head office: refuses while another run of the legal entity is in progress. */
export async function mineNow(db: Db, auth: { legalEntityId: string; associateId: string }): Promise<MiningRun> {
  const running = await query(db, sql`select 1 from recommendation_mining_runs
    where legal_entity_id = ${auth.legalEntityId} and status = 'running' and started_at > now() - interval '15 minutes'`);
  if (running.length > 0) throw recommendationsErrors.mining_in_progress('Rules are being mined for this legal entity right now; try again in a minute.');
  return mineLegalEntity(db, auth.legalEntityId, { trigger: 'manual', triggeredBy: auth.associateId });
}

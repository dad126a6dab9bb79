// Serving query: one statement reads a customer's whole slice through indexes (orders_customer_at,
// browsing_customer_at, the rules' primary key), joined to product and stock at the associate's store.
// One round trip instead of six: on embedded PGlite the per-statement cost dominates a 10 ms budget.
import { getTableName, sql, type SQL } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import { query, type Db } from '../../db/client.ts';
import { productAssociationRules, productPopularity, categoryComplements } from './schema.ts';
import { products, productStock } from '../catalogue/schema.ts';
import { orders, orderLines } from '../orders/schema.ts';
import { browsingEvents } from '../customer-profile/schema.ts';
import { preferenceValuesSql } from '../customer-profile/queries.ts';
import { customers } from '../customers/schema.ts';

// Aliases as the statement had them: `${p.id}` renders "p"."id", `from ${products} as ${p}` names the alias.
const p = alias(products, 'p');
const ap = alias(products, 'ap');
const s = alias(productStock, 's');
const o = alias(orders, 'o');
const ol = alias(orderLines, 'ol');
const e = alias(browsingEvents, 'e');
const r = alias(productAssociationRules, 'r');
const cc = alias(categoryComplements, 'cc');
const pp = alias(productPopularity, 'pp');

export interface Scope {
  legalEntityId: string;
  /** The associate's store: stock is checked there. Null when signed in without a store. */
  storeId: string | null;
}

export interface ProductRow {
  productId: string;
  sku: string;
  name: string;
  category: string;
  subcategory: string | null;
  brand: string | null;
  priceMinor: number;
  attributes: Record<string, string> | null;
  onHand: number;
}

const productColumns = sql`${p.id} as "productId", ${p.sku}, ${p.name}, ${p.category}, ${p.subcategory}, ${p.brand}, ${p.priceMinor}::float8 as "priceMinor",
  ${p.attributes}, coalesce(${s.onHand}, 0)::int as "onHand"`;

function stockJoin(scope: Scope): SQL {
  return sql`left join ${productStock} as ${s} on ${s.productId} = ${p.id} and ${s.storeId} = ${scope.storeId}`;
}

/** With a store and without includeOutOfStock, only products on hand at the store. */
function stockFilter(scope: Scope, includeOutOfStock: boolean): SQL {
  return includeOutOfStock || !scope.storeId ? sql`` : sql`and ${s.onHand} > 0`;
}

export interface PurchaseRow extends ProductRow {
  active: boolean;
  lastAt: string;
  /** Distinct purchase days, comma-separated YYYY-MM-DD (UTC). */
  days: string;
}

export interface BrowsedRow extends ProductRow {
  lastViewedAt: string;
  views: number;
  addedToCart: boolean;
}

export interface RuleRow extends ProductRow {
  antecedentProductId: string;
  confidence: number;
  lift: number;
  count: number;
  /** The consequent's category is a head-office complement of the antecedent's category. */
  complement: boolean;
}

export interface ComplementRow extends ProductRow {
  fromCategory: string;
  note: string | null;
  baskets: number;
}

export interface PreferenceRow { kind: string; qualifier: string; value: string }

export interface CustomerSlice {
  customer: { firstName: string; erased: boolean } | null;
  purchases: PurchaseRow[];
  browsed: BrowsedRow[];
  rules: RuleRow[];
  complements: ComplementRow[];
  preferences: PreferenceRow[];
}

export interface SliceOptions {
  includeOutOfStock: boolean;
  browsedSince: Date;
  /** Purchases since then drive category cross-sell. */
  recentSince: Date;
  rulesPerProduct: number;
  topSellersPerCategory: number;
}

const list = (rows: SQL) => sql`(select coalesce(json_agg(x), '[]'::json) from (${rows}) x)`;

export async function customerSlice(db: Db, scope: Scope, customerId: string, opts: SliceOptions): Promise<CustomerSlice> {
  const le = scope.legalEntityId;
  const stock = stockFilter(scope, opts.includeOutOfStock);
  const rows = await query<CustomerSlice>(db, sql`
    with bought_lines as materialized (
      -- Cancelled orders never reached the customer: not purchases.
      select ${ol.productId} as "productId", ${o.orderedAt} as "orderedAt" from ${orders} as ${o} join ${orderLines} as ${ol} on ${ol.orderId} = ${o.id}
      where ${o.customerId} = ${customerId} and ${o.legalEntityId} = ${le} and ${o.status} <> 'cancelled'
    ),
    bought as materialized (
      select "productId", max("orderedAt") as "lastAt",
        string_agg(distinct to_char("orderedAt" at time zone 'UTC', 'YYYY-MM-DD'), ',') as days
      from bought_lines group by "productId"
    )
    select
      (select json_build_object('firstName', ${customers.firstName}, 'erased', ${customers.erasedAt} is not null) from ${customers}
        where ${customers.id} = ${customerId} and ${customers.legalEntityId} = ${le}) as "customer",
      ${list(sql`select x.*, b."lastAt", b.days from bought b
        -- "offset 0" keeps this a per-purchase primary-key lookup: the planner would otherwise hash the whole catalogue.
        cross join lateral (select ${productColumns}, ${p.active} from ${products} as ${p} ${stockJoin(scope)} where ${p.id} = b."productId" offset 0) x`)} as "purchases",
      ${list(sql`select ${productColumns}, max(${e.occurredAt}) as "lastViewedAt", count(*)::int as "views",
          bool_or(${e.event} = 'add-to-cart') as "addedToCart"
        from ${browsingEvents} as ${e} join ${products} as ${p} on ${p.id} = ${e.productId} ${stockJoin(scope)}
        where ${e.customerId} = ${customerId} and ${e.legalEntityId} = ${le} and ${e.occurredAt} >= ${opts.browsedSince.toISOString()}
          and ${e.event} <> 'remove-from-cart' and ${p.active} ${stock}
          and not exists (select 1 from bought b where b."productId" = ${e.productId})
        group by ${p.id}, ${s.onHand}
        order by max(${e.occurredAt}) desc
        limit 50`)} as "browsed",
      ${list(sql`select t.*, exists (select 1 from ${categoryComplements} as ${cc} where ${cc.legalEntityId} = ${le}
            and ${cc.fromCategory} = (select ${ap.category} from ${products} as ${ap} where ${ap.id} = bought."productId")
            and ${cc.toCategory} = t.category) as "complement"
        from bought
        cross join lateral (
          select ${productColumns}, ${r.antecedentProductId} as "antecedentProductId", ${r.confidence}, ${r.lift}, ${r.count}
          from ${productAssociationRules} as ${r}
          join ${products} as ${p} on ${p.id} = ${r.consequentProductId} ${stockJoin(scope)}
          where ${r.legalEntityId} = ${le} and ${r.antecedentProductId} = bought."productId" and ${r.lift} > 1
            and ${p.active} ${stock}
            and not exists (select 1 from bought b2 where b2."productId" = ${r.consequentProductId})
          order by ${r.lift} desc, ${r.confidence} desc
          limit ${opts.rulesPerProduct}
        ) t`)} as "rules",
      ${list(sql`select t.*, ${cc.fromCategory} as "fromCategory", ${cc.note}
        from ${categoryComplements} as ${cc}
        cross join lateral (
          -- Walks the category's best sellers down the (category, baskets) index until enough are in stock.
          select ${productColumns}, ${pp.baskets} from ${productPopularity} as ${pp}
          join ${products} as ${p} on ${p.id} = ${pp.productId} ${stockJoin(scope)}
          where ${pp.legalEntityId} = ${le} and ${pp.category} = ${cc.toCategory} and ${p.active} ${stock}
            and not exists (select 1 from bought b where b."productId" = ${p.id})
          order by ${pp.baskets} desc, ${pp.productId} desc
          limit ${opts.topSellersPerCategory}
        ) t
        where ${cc.legalEntityId} = ${le} and ${cc.fromCategory} in (
          select ${p.category} from bought b join ${products} as ${p} on ${p.id} = b."productId" where b."lastAt" >= ${opts.recentSince.toISOString()})`)} as "complements",
      ${list(preferenceValuesSql(le, customerId))} as "preferences"`);
  return rows[0];
}

/**
 * The names of products often bought with what the customer bought (the mined rules, by lift), not bought by them yet:
 * conversation starters for an appointment. None when the rules table is not there.
 */
export async function productsOftenBoughtWith(db: Db, legalEntityId: string, customerId: string, limit: number): Promise<string[]> {
  const [{ ok }] = await query<{ ok: boolean }>(db, sql`select to_regclass(${getTableName(productAssociationRules)}) is not null as ok`);
  if (!ok) return [];
  const rows = await query<{ name: string }>(db, sql`
    with bought as (select distinct ${ol.productId} as "productId" from ${orders} as ${o} join ${orderLines} as ${ol} on ${ol.orderId} = ${o.id}
      where ${o.customerId} = ${customerId} and ${o.legalEntityId} = ${legalEntityId})
    select ${p.name} from ${productAssociationRules} as ${r} join ${products} as ${p} on ${p.id} = ${r.consequentProductId}
    where ${r.legalEntityId} = ${legalEntityId} and ${r.antecedentProductId} in (select "productId" from bought)
      and ${r.consequentProductId} not in (select "productId" from bought)
    group by ${p.name} order by max(${r.lift}) desc limit ${limit}`);
  return rows.map((row) => row.name);
}

// Serving query: one statement reads a customer's whole slice through indexes (orders_customer_at,
// browsing_customer_at, the rules' primary key), joined to product and stock at the associate's store.
// One round trip instead of six: on embedded PGlite the per-statement cost dominates a 10 ms budget.
import { sql, type SQL } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import { query, type Db } from '../../db/client.ts';
import { productAssociationRules, productPopularity, categoryComplements } from './schema.ts';
import { products, productStock } from '../catalogue/schema.ts';
import { orders, orderLines } from '../orders/schema.ts';
import { browsingEvents, customerPreferences } from '../customer-profile/schema.ts';
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
      select ${ol.productId} as product_id, ${o.orderedAt} as ordered_at from ${orders} as ${o} join ${orderLines} as ${ol} on ${ol.orderId} = ${o.id}
      where ${o.customerId} = ${customerId} and ${o.legalEntityId} = ${le} and ${o.status} <> 'cancelled'
    ),
    bought as materialized (
      select product_id, max(ordered_at) as last_at,
        string_agg(distinct to_char(ordered_at at time zone 'UTC', 'YYYY-MM-DD'), ',') as days
      from bought_lines group by product_id
    )
    select
      (select json_build_object('firstName', ${customers.firstName}, 'erased', ${customers.erasedAt} is not null) from ${customers}
        where ${customers.id} = ${customerId} and ${customers.legalEntityId} = ${le}) as "customer",
      ${list(sql`select x.*, b.last_at as "lastAt", b.days from bought b
        -- "offset 0" keeps this a per-purchase primary-key lookup: the planner would otherwise hash the whole catalogue.
        cross join lateral (select ${productColumns}, ${p.active} from ${products} as ${p} ${stockJoin(scope)} where ${p.id} = b.product_id offset 0) x`)} as "purchases",
      ${list(sql`select ${productColumns}, max(${e.occurredAt}) as "lastViewedAt", count(*)::int as "views",
          bool_or(${e.event} = 'add-to-cart') as "addedToCart"
        from ${browsingEvents} as ${e} join ${products} as ${p} on ${p.id} = ${e.productId} ${stockJoin(scope)}
        where ${e.customerId} = ${customerId} and ${e.legalEntityId} = ${le} and ${e.occurredAt} >= ${opts.browsedSince.toISOString()}
          and ${e.event} <> 'remove-from-cart' and ${p.active} ${stock}
          and not exists (select 1 from bought b where b.product_id = ${e.productId})
        group by ${p.id}, ${s.onHand}
        order by max(${e.occurredAt}) desc
        limit 50`)} as "browsed",
      ${list(sql`select t.*, exists (select 1 from ${categoryComplements} as ${cc} where ${cc.legalEntityId} = ${le}
            and ${cc.fromCategory} = (select ${ap.category} from ${products} as ${ap} where ${ap.id} = bought.product_id)
            and ${cc.toCategory} = t.category) as "complement"
        from bought
        cross join lateral (
          select ${productColumns}, ${r.antecedentProductId} as "antecedentProductId", ${r.confidence}, ${r.lift}, ${r.count}
          from ${productAssociationRules} as ${r}
          join ${products} as ${p} on ${p.id} = ${r.consequentProductId} ${stockJoin(scope)}
          where ${r.legalEntityId} = ${le} and ${r.antecedentProductId} = bought.product_id and ${r.lift} > 1
            and ${p.active} ${stock}
            and not exists (select 1 from bought b2 where b2.product_id = ${r.consequentProductId})
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
            and not exists (select 1 from bought b where b.product_id = ${p.id})
          order by ${pp.baskets} desc, ${pp.productId} desc
          limit ${opts.topSellersPerCategory}
        ) t
        where ${cc.legalEntityId} = ${le} and ${cc.fromCategory} in (
          select ${p.category} from bought b join ${products} as ${p} on ${p.id} = b.product_id where b.last_at >= ${opts.recentSince.toISOString()})`)} as "complements",
      ${list(sql`select ${customerPreferences.kind}, ${customerPreferences.qualifier}, ${customerPreferences.value} from ${customerPreferences}
        where ${customerPreferences.customerId} = ${customerId} and ${customerPreferences.legalEntityId} = ${le}`)} as "preferences"`);
  return rows[0];
}

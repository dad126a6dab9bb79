// Serving query: one statement reads a customer's whole slice through indexes (orders_customer_at,
// browsing_customer_at, the rules' primary key), joined to product and stock at the associate's store.
// One round trip instead of six: on embedded PGlite the per-statement cost dominates a 10 ms budget.
import { sql, type SQL } from 'drizzle-orm';
import { query, type Db } from '../../db/client.ts';

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

const productColumns = sql`p.id as "productId", p.sku, p.name, p.category, p.subcategory, p.brand, p.price_minor::float8 as "priceMinor",
  p.attributes, coalesce(s.on_hand, 0)::int as "onHand"`;

function stockJoin(scope: Scope): SQL {
  return sql`left join product_stock s on s.product_id = p.id and s.store_id = ${scope.storeId}`;
}

/** With a store and without includeOutOfStock, only products on hand at the store. */
function stockFilter(scope: Scope, includeOutOfStock: boolean): SQL {
  return includeOutOfStock || !scope.storeId ? sql`` : sql`and s.on_hand > 0`;
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

export async function customerSlice(db: Db, scope: Scope, customerId: string, o: SliceOptions): Promise<CustomerSlice> {
  const le = scope.legalEntityId;
  const stock = stockFilter(scope, o.includeOutOfStock);
  const rows = await query<CustomerSlice>(db, sql`
    with bought_lines as materialized (
      -- Cancelled orders never reached the customer: not purchases.
      select ol.product_id, o.ordered_at from orders o join order_lines ol on ol.order_id = o.id
      where o.customer_id = ${customerId} and o.legal_entity_id = ${le} and o.status <> 'cancelled'
    ),
    bought as materialized (
      select product_id, max(ordered_at) as last_at,
        string_agg(distinct to_char(ordered_at at time zone 'UTC', 'YYYY-MM-DD'), ',') as days
      from bought_lines group by product_id
    )
    select
      (select json_build_object('firstName', first_name, 'erased', erased_at is not null) from customers
        where id = ${customerId} and legal_entity_id = ${le}) as "customer",
      ${list(sql`select x.*, b.last_at as "lastAt", b.days from bought b
        -- "offset 0" keeps this a per-purchase primary-key lookup: the planner would otherwise hash the whole catalogue.
        cross join lateral (select ${productColumns}, p.active from products p ${stockJoin(scope)} where p.id = b.product_id offset 0) x`)} as "purchases",
      ${list(sql`select ${productColumns}, max(e.occurred_at) as "lastViewedAt", count(*)::int as "views",
          bool_or(e.event = 'add-to-cart') as "addedToCart"
        from browsing_events e join products p on p.id = e.product_id ${stockJoin(scope)}
        where e.customer_id = ${customerId} and e.legal_entity_id = ${le} and e.occurred_at >= ${o.browsedSince.toISOString()}
          and e.event <> 'remove-from-cart' and p.active ${stock}
          and not exists (select 1 from bought b where b.product_id = e.product_id)
        group by p.id, s.on_hand
        order by max(e.occurred_at) desc
        limit 50`)} as "browsed",
      ${list(sql`select t.*, exists (select 1 from category_complements cc where cc.legal_entity_id = ${le}
            and cc.from_category = (select ap.category from products ap where ap.id = bought.product_id)
            and cc.to_category = t.category) as "complement"
        from bought
        cross join lateral (
          select ${productColumns}, r.antecedent_product_id as "antecedentProductId", r.confidence, r.lift, r.count
          from product_association_rules r
          join products p on p.id = r.consequent_product_id ${stockJoin(scope)}
          where r.legal_entity_id = ${le} and r.antecedent_product_id = bought.product_id and r.lift > 1
            and p.active ${stock}
            and not exists (select 1 from bought b2 where b2.product_id = r.consequent_product_id)
          order by r.lift desc, r.confidence desc
          limit ${o.rulesPerProduct}
        ) t`)} as "rules",
      ${list(sql`select t.*, cc.from_category as "fromCategory", cc.note
        from category_complements cc
        cross join lateral (
          -- Walks the category's best sellers down the (category, baskets) index until enough are in stock.
          select ${productColumns}, pp.baskets from product_popularity pp
          join products p on p.id = pp.product_id ${stockJoin(scope)}
          where pp.legal_entity_id = ${le} and pp.category = cc.to_category and p.active ${stock}
            and not exists (select 1 from bought b where b.product_id = p.id)
          order by pp.baskets desc, pp.product_id desc
          limit ${o.topSellersPerCategory}
        ) t
        where cc.legal_entity_id = ${le} and cc.from_category in (
          select p.category from bought b join products p on p.id = b.product_id where b.last_at >= ${o.recentSince.toISOString()})`)} as "complements",
      ${list(sql`select kind, qualifier, value from customer_preferences where customer_id = ${customerId} and legal_entity_id = ${le}`)} as "preferences"`);
  return rows[0];
}

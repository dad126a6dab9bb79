import { sql } from 'drizzle-orm';
import { query, type Db } from '../../db/client.ts';
import { ORDER_CHANNELS, ORDER_STATUSES } from '../orders/schema.ts';
import { Fields, RowError } from './fields.ts';
import { upsertRows, textList, unnestRows, unnestSelect } from './upsert.ts';
import { outcomesFrom, missingRef, type Importer, type Outcome } from './importer.ts';

interface ProductRow { sku: string; name: string; category: string; subcategory: string | null; brand: string | null; attributes: Record<string, string>; priceMinor: number; arrivalDate: string | null; active: boolean; imageUrl: string | null; careInstructions: string | null }

export const productsImporter: Importer<ProductRow> = {
  entity: 'products', summary: 'Catalogue products, upserted by SKU', batchSize: 1000,
  fields: 'sku, name, category, price (or priceMinor); optional subcategory, brand, attributes, arrivalDate, active, imageUrl, careInstructions',
  prepare(f) {
    return {
      sku: f.req(['sku', 'externalId', 'productId'], 100), name: f.req('name', 300), category: f.req('category', 100), subcategory: f.text('subcategory', { max: 100 }),
      brand: f.text('brand', { max: 100 }), attributes: f.object('attributes') ?? {}, priceMinor: f.money('price'), arrivalDate: f.date('arrivalDate'),
      active: f.bool('active', true), imageUrl: f.text('imageUrl', { max: 2000 }), careInstructions: f.text('careInstructions', { max: 4000 }),
    };
  },
  key: (p) => p.sku,
  async write(db, refs, items) {
    const rows = items.map(({ value: p }) => ({
      legal_entity_id: refs.legalEntityId, sku: p.sku, name: p.name, category: p.category, subcategory: p.subcategory, brand: p.brand,
      attributes: p.attributes, price_minor: p.priceMinor, arrival_date: p.arrivalDate, active: p.active, image_url: p.imageUrl, care_instructions: p.careInstructions,
    }));
    const res = await upsertRows(db, {
      table: 'products',
      columns: [['legal_entity_id', 'uuid'], ['sku', 'text'], ['name', 'text'], ['category', 'text'], ['subcategory', 'text'], ['brand', 'text'], ['attributes', 'jsonb'],
        ['price_minor', 'bigint'], ['arrival_date', 'date'], ['active', 'boolean'], ['image_url', 'text'], ['care_instructions', 'text']],
      conflict: ['legal_entity_id', 'sku'],
      update: ['name', 'category', 'subcategory', 'brand', 'attributes', 'price_minor', 'arrival_date', 'active', 'image_url', 'care_instructions'],
      returnKey: 'products.sku',
    }, rows);
    return outcomesFrom(items.map((i) => i.value.sku), res);
  },
};

interface StockRow { sku: string; store: string; onHand: number }

export const stockImporter: Importer<StockRow> = {
  entity: 'stock', summary: 'Stock on hand per product and store', batchSize: 2000,
  fields: 'sku, store (store code), onHand',
  prepare: (f) => ({ sku: f.req('sku', 100), store: f.req(['store', 'storeCode'], 50), onHand: f.int(['onHand', 'quantity'], { required: true, min: 0 })! }),
  key: (s) => `${s.sku}\u0000${s.store.toLowerCase()}`,
  async write(db, refs, items) {
    const products = await refs.productsBySku(items.map((i) => i.value.sku));
    const errors = items.map(({ value: s }) => (!products.get(s.sku) ? missingRef('product', s.sku) : !refs.store(s.store) ? missingRef('store', s.store) : null));
    const rows = items.flatMap(({ value: s }, i) => (errors[i] ? [] : [{ product_id: products.get(s.sku), store_id: refs.store(s.store), on_hand: s.onHand }]));
    const res = await upsertRows(db, {
      table: 'product_stock', columns: [['product_id', 'uuid'], ['store_id', 'uuid'], ['on_hand', 'integer']], conflict: ['product_id', 'store_id'],
      update: ['on_hand'], alsoSet: 'updated_at = now()', returnKey: `product_stock.product_id || ':' || product_stock.store_id`,
    }, rows);
    return outcomesFrom(items.map(({ value: s }) => `${products.get(s.sku)}:${refs.store(s.store)}`), res, errors);
  },
};

interface OrderLineRow {
  orderId: string; customer: string | null; channel: string; status: string; store: string | null; associate: string | null; orderedAt: string;
  currency: string | null; fulfilment: string; lineNumber: number; sku: string; quantity: number; unitPriceMinor: number; discountMinor: number; lineAssociate: string | null;
}

function orderHeader(f: Fields) {
  return {
    orderId: f.req(['orderId', 'externalId', 'orderNumber'], 100), customer: f.text(['customerId', 'customerExternalId', 'customer']),
    channel: f.oneOf('channel', ORDER_CHANNELS), status: f.oneOf('status', ORDER_STATUSES, 'completed'), store: f.text(['store', 'storeCode']),
    associate: f.text(['associate', 'associateId', 'personnelNumber']), orderedAt: f.timestamp(['orderedAt', 'date'], { required: true })!,
    currency: f.text('currency', { max: 3 }), fulfilment: f.oneOf('fulfilment', ['carry-out', 'pickup', 'ship'] as const, 'carry-out'),
  };
}

function orderLine(f: Fields, fallbackLine: number) {
  const quantity = f.int(['quantity', 'qty'], { min: 1, fallback: 1 })!;
  const unitPriceMinor = f.money('unitPrice');
  const discountMinor = f.money('discount', { fallback: 0 });
  if (discountMinor > quantity * unitPriceMinor) throw new RowError('discount is larger than the line amount.');
  return { lineNumber: f.int(['lineNumber', 'line'], { min: 1, fallback: fallbackLine })!, sku: f.req(['sku', 'productId'], 100), quantity, unitPriceMinor, discountMinor,
    lineAssociate: f.text(['lineAssociate', 'salesAssociate']) };
}

/** One flat object of a fixed shape (spreading two objects per record cost more than the rest of the checks). */
function orderLineRow(h: ReturnType<typeof orderHeader>, l: ReturnType<typeof orderLine>): OrderLineRow {
  return {
    orderId: h.orderId, customer: h.customer, channel: h.channel, status: h.status, store: h.store, associate: h.associate, orderedAt: h.orderedAt,
    currency: h.currency, fulfilment: h.fulfilment, lineNumber: l.lineNumber, sku: l.sku, quantity: l.quantity, unitPriceMinor: l.unitPriceMinor,
    discountMinor: l.discountMinor, lineAssociate: l.lineAssociate,
  };
}

/** Orders: one CSV row per order line (header fields repeated), or NDJSON either flat lines or an order with `lines`. */
export const ordersImporter: Importer<OrderLineRow> = {
  entity: 'orders', summary: 'Orders with their lines, upserted by order number and line number', batchSize: 5000,
  fields: 'orderId, channel (store, online, call-center, remote), orderedAt, lineNumber, sku, unitPrice (or unitPriceMinor); optional customerId (external), status, store, associate, currency, fulfilment, quantity, discount, lineAssociate; NDJSON may nest `lines`',
  prepare(f, record) {
    const header = orderHeader(f);
    const nested = record.lines;
    if (Array.isArray(nested)) {
      if (!nested.length) throw new RowError('lines is empty.');
      return nested.map((l, i) => {
        if (!l || typeof l !== 'object') throw new RowError(`lines[${i}] must be an object.`);
        try { return orderLineRow(header, orderLine(new Fields(l as Record<string, unknown>), i + 1)); } catch (e) { throw new RowError(`lines[${i}]: ${(e as Error).message}`); }
      });
    }
    return orderLineRow(header, orderLine(f, 1));
  },
  key: (l) => `${l.orderId}\u0000${l.lineNumber}`,
  async write(db, refs, items) {
    const customers = await refs.customers(items.flatMap((i) => (i.value.customer ? [i.value.customer] : [])));
    const products = await refs.productsBySku(items.map((i) => i.value.sku));
    const errors = items.map(({ value: l }) => {
      if (l.customer && !customers.get(l.customer)) return missingRef('customer', l.customer);
      if (!products.get(l.sku)) return missingRef('product', l.sku);
      if (l.store && !refs.store(l.store)) return missingRef('store', l.store);
      if (l.associate && !refs.associate(l.associate)) return missingRef('associate', l.associate);
      if (l.lineAssociate && !refs.associate(l.lineAssociate)) return missingRef('associate', l.lineAssociate);
      return null;
    });
    // Headers (the last line of an order wins) with the totals of this batch's lines: exact for an order created by
    // this batch, since all its lines are here; an order that already existed is re-totalled from its lines below.
    const headers = new Map<string, OrderHeaderRow>();
    items.forEach(({ value: l }, i) => {
      if (errors[i]) return;
      const net = l.quantity * l.unitPriceMinor - l.discountMinor;
      const prev = headers.get(l.orderId);
      headers.set(l.orderId, {
        external_id: l.orderId, customer_id: l.customer ? customers.get(l.customer)! : null, channel: l.channel, status: l.status,
        store_id: refs.store(l.store) ?? null, associate_id: refs.associate(l.associate) ?? null, ordered_at: l.orderedAt, currency: l.currency ?? refs.currency,
        fulfilment: l.fulfilment, total_minor: (prev?.total_minor ?? 0) + net, discount_minor: (prev?.discount_minor ?? 0) + l.discountMinor,
      });
    });
    const orders = await upsertOrderHeaders(db, refs.legalEntityId, [...headers.values()]);
    const lineRows = items.flatMap(({ value: l }, i) => (errors[i] ? [] : [{
      order_id: orders.get(l.orderId)!.id, line_number: l.lineNumber, product_id: products.get(l.sku), quantity: l.quantity, unit_price_minor: l.unitPriceMinor,
      discount_minor: l.discountMinor, net_minor: l.quantity * l.unitPriceMinor - l.discountMinor, associate_id: refs.associate(l.lineAssociate) ?? null,
    }]));
    const lineRes = await upsertRows(db, {
      table: 'order_lines',
      columns: [['order_id', 'uuid'], ['line_number', 'integer'], ['product_id', 'uuid'], ['quantity', 'integer'], ['unit_price_minor', 'bigint'],
        ['discount_minor', 'bigint'], ['net_minor', 'bigint'], ['associate_id', 'uuid']],
      conflict: ['order_id', 'line_number'],
      update: ['product_id', 'quantity', 'unit_price_minor', 'discount_minor', 'net_minor', 'associate_id'],
      returnKey: `order_lines.order_id || ':' || order_lines.line_number`,
    }, lineRows);
    // Order totals follow their lines, which may arrive over several batches or imports: an order that existed before
    // this batch and had a line added or changed is summed again from all its lines.
    const created = new Set([...orders.values()].filter((o) => o.inserted).map((o) => o.id));
    const retotal = [...new Set(lineRes.map((r) => r.key.split(':')[0]))].filter((id) => !created.has(id));
    if (retotal.length) await db.execute(sql`update orders o set total_minor = s.total, discount_minor = s.discount
      from (select order_id, sum(net_minor) as total, sum(discount_minor) as discount from order_lines
            where order_id = any(${sql.param(retotal)}::uuid[]) group by order_id) s
      where o.id = s.order_id and (o.total_minor, o.discount_minor) is distinct from (s.total, s.discount)`);
    const lineOutcomes = outcomesFrom(items.map(({ value: l }) => (orders.get(l.orderId) ? `${orders.get(l.orderId)!.id}:${l.lineNumber}` : null)), lineRes, errors);
    return lineOutcomes.map((o, i): Outcome => (o === 'unchanged' && orders.get(items[i].value.orderId)?.changed ? 'updated' : o));
  },
};

interface OrderHeaderRow {
  external_id: string; customer_id: string | null; channel: string; status: string; store_id: string | null; associate_id: string | null;
  ordered_at: string; currency: string; fulfilment: string; total_minor: number; discount_minor: number;
}

const HEADER_COLUMNS: [string, string][] = [['external_id', 'text'], ['customer_id', 'uuid'], ['channel', 'text'], ['status', 'text'], ['store_id', 'uuid'],
  ['associate_id', 'uuid'], ['ordered_at', 'timestamptz'], ['currency', 'text'], ['fulfilment', 'text'], ['total_minor', 'bigint'], ['discount_minor', 'bigint']];
const HEADER_UPDATE = ['customer_id', 'channel', 'status', 'store_id', 'associate_id', 'ordered_at', 'currency', 'fulfilment'];

/**
 * Upserts order headers and returns every order's ID in the same round trip: the RETURNING rows are the inserted or
 * changed orders; the unchanged ones are read from the table as it was before the statement (its snapshot).
 * Totals are only written for new orders; an existing order's totals are kept and re-summed from its lines.
 */
async function upsertOrderHeaders(db: Db, le: string, rows: OrderHeaderRow[]) {
  const out = new Map<string, { id: string; inserted: boolean; changed: boolean }>();
  if (!rows.length) return out;
  const set = HEADER_UPDATE.map((c) => `${c} = excluded.${c}`).join(', ');
  const changed = `(${HEADER_UPDATE.map((c) => `orders.${c}`).join(', ')}) is distinct from (${HEADER_UPDATE.map((c) => `excluded.${c}`).join(', ')})`;
  const res = await query<{ key: string; id: string; inserted: boolean; changed: boolean }>(db, sql`
    with x as (select * from ${unnestRows(HEADER_COLUMNS, rows as unknown as Record<string, unknown>[])}),
    up as (insert into orders (legal_entity_id, ${sql.raw(HEADER_COLUMNS.map(([c]) => c).join(', '))})
      select ${le}::uuid, ${unnestSelect(HEADER_COLUMNS)} from x
      on conflict (legal_entity_id, external_id) do update set ${sql.raw(set)} where ${sql.raw(changed)}
      returning id, external_id, (xmax = 0) as inserted)
    select x.external_id as key, coalesce(up.id, o.id) as id, coalesce(up.inserted, false) as inserted, up.id is not null as changed
    from x left join up on up.external_id = x.external_id
      left join orders o on o.legal_entity_id = ${le}::uuid and o.external_id = x.external_id`);
  for (const r of res) out.set(r.key, { id: r.id, inserted: r.inserted, changed: r.changed });
  return out;
}

interface ReturnLineRow { returnId: string; orderId: string | null; customer: string | null; store: string | null; returnedAt: string; lineNumber: number; orderLineNumber: number | null; sku: string; quantity: number; reason: string; refundMinor: number }

export const returnsImporter: Importer<ReturnLineRow> = {
  entity: 'returns', summary: 'Returns with a reason per line, upserted by return number and line number', batchSize: 2000,
  fields: 'returnId, returnedAt, sku, reason, refund (or refundMinor); optional orderId, customerId, store, lineNumber, orderLineNumber, quantity',
  prepare: (f) => ({
    returnId: f.req(['returnId', 'externalId'], 100), orderId: f.text(['orderId', 'orderExternalId']), customer: f.text(['customerId', 'customer']),
    store: f.text(['store', 'storeCode']), returnedAt: f.timestamp(['returnedAt', 'date'], { required: true })!, lineNumber: f.int(['lineNumber', 'line'], { min: 1, fallback: 1 })!,
    orderLineNumber: f.int('orderLineNumber', { min: 1 }), sku: f.req(['sku', 'productId'], 100), quantity: f.int('quantity', { min: 1, fallback: 1 })!,
    reason: f.req('reason', 500), refundMinor: f.money('refund'),
  }),
  key: (r) => `${r.returnId}\u0000${r.lineNumber}`,
  async write(db, refs, items) {
    const customers = await refs.customers(items.flatMap((i) => (i.value.customer ? [i.value.customer] : [])));
    const orders = await refs.orders(items.flatMap((i) => (i.value.orderId ? [i.value.orderId] : [])));
    const products = await refs.productsBySku(items.map((i) => i.value.sku));
    const errors = items.map(({ value: r }) => {
      if (r.customer && !customers.get(r.customer)) return missingRef('customer', r.customer);
      if (r.orderId && !orders.get(r.orderId)) return missingRef('order', r.orderId);
      if (!r.customer && !r.orderId) return 'customerId or orderId is required.';
      if (!products.get(r.sku)) return missingRef('product', r.sku);
      if (r.store && !refs.store(r.store)) return missingRef('store', r.store);
      return null;
    });
    const headers = new Map<string, Record<string, unknown>>();
    items.forEach(({ value: r }, i) => {
      if (errors[i]) return;
      const order = r.orderId ? orders.get(r.orderId)! : null;
      headers.set(r.returnId, { legal_entity_id: refs.legalEntityId, external_id: r.returnId, order_id: order?.id ?? null,
        customer_id: r.customer ? customers.get(r.customer) : order?.customerId ?? null, store_id: refs.store(r.store), returned_at: r.returnedAt, refund_minor: 0 });
    });
    const headerRes = await upsertRows(db, {
      table: 'returns', columns: [['legal_entity_id', 'uuid'], ['external_id', 'text'], ['order_id', 'uuid'], ['customer_id', 'uuid'], ['store_id', 'uuid'], ['returned_at', 'timestamptz'], ['refund_minor', 'bigint']],
      conflict: ['legal_entity_id', 'external_id'], update: ['order_id', 'customer_id', 'store_id', 'returned_at'], returnKey: 'returns.external_id',
    }, [...headers.values()]);
    const changed = new Set(headerRes.map((r) => r.key));
    const ids = new Map((await query<{ externalId: string; id: string }>(db, sql`select external_id as "externalId", id from returns
      where legal_entity_id = ${refs.legalEntityId} and external_id in ${textList([...headers.keys()])}`)).map((r) => [r.externalId, r.id]));
    const rows = items.flatMap(({ value: r }, i) => (errors[i] ? [] : [{
      return_id: ids.get(r.returnId), line_number: r.lineNumber, product_id: products.get(r.sku), quantity: r.quantity, reason: r.reason, refund_minor: r.refundMinor,
      order_id: r.orderId ? orders.get(r.orderId)!.id : null, order_line_number: r.orderLineNumber,
    }]));
    const res = await query<{ key: string; inserted: boolean }>(db, sql`insert into return_lines (return_id, line_number, product_id, quantity, reason, refund_minor, order_line_id)
      select x.return_id, x.line_number, x.product_id, x.quantity, x.reason, x.refund_minor,
        (select ol.id from order_lines ol where ol.order_id = x.order_id and ol.line_number = x.order_line_number)
      from ${unnestRows([['return_id', 'uuid'], ['line_number', 'integer'], ['product_id', 'uuid'], ['quantity', 'integer'], ['reason', 'text'], ['refund_minor', 'bigint'],
        ['order_id', 'uuid'], ['order_line_number', 'integer']], rows)}
      on conflict (return_id, line_number) do update set product_id = excluded.product_id, quantity = excluded.quantity, reason = excluded.reason,
        refund_minor = excluded.refund_minor, order_line_id = excluded.order_line_id
      where (return_lines.product_id, return_lines.quantity, return_lines.reason, return_lines.refund_minor, return_lines.order_line_id)
        is distinct from (excluded.product_id, excluded.quantity, excluded.reason, excluded.refund_minor, excluded.order_line_id)
      returning return_lines.return_id || ':' || return_lines.line_number as key, (xmax = 0) as inserted`);
    await db.execute(sql`update returns r set refund_minor = s.total
      from (select return_id, sum(refund_minor) as total from return_lines where return_id = any(${sql.param([...ids.values()])}::uuid[]) group by return_id) s
      where r.id = s.return_id and r.refund_minor is distinct from s.total`);
    const out = outcomesFrom(items.map(({ value: r }) => (ids.get(r.returnId) ? `${ids.get(r.returnId)}:${r.lineNumber}` : null)), res, errors);
    return out.map((o, i): Outcome => (o === 'unchanged' && changed.has(items[i].value.returnId) ? 'updated' : o));
  },
};

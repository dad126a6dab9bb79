// Basket files and their integer encoding. Mining works on integer ids in typed arrays
// (CSR layout), so parsing maps item names to dense ids once, up front.
import { createReadStream } from 'node:fs';
import { createInterface } from 'node:readline';

/** Baskets in compressed-sparse-row form: basket b holds items[offsets[b] .. offsets[b+1]). */
export interface BasketMatrix {
  items: Int32Array;
  offsets: Int32Array;
}

/** Baskets encoded against a label dictionary (id = index into labels). */
export interface EncodedBaskets extends BasketMatrix {
  labels: string[];
}

/**
 * Splits one CSV line into fields. Supports double-quoted fields with "" escapes so
 * product names may contain commas; quoted fields spanning lines are not supported.
 * Fields are NOT trimmed: arules keeps "cream cheese " with its trailing space, and
 * agreeing with it exactly matters more than tidiness.
 */
export function splitCsvLine(line: string): string[] {
  if (line.indexOf('"') < 0) return line.split(',');
  const out: string[] = [];
  let field = '';
  let inQuotes = false;
  for (let i = 0; i < line.length; i++) {
    const ch = line[i];
    if (inQuotes) {
      if (ch === '"') {
        if (line[i + 1] === '"') {
          field += '"';
          i++;
        } else inQuotes = false;
      } else field += ch;
    } else if (ch === '"') inQuotes = true;
    else if (ch === ',') {
      out.push(field);
      field = '';
    } else field += ch;
  }
  out.push(field);
  return out;
}

/** Incrementally assigns dense ids to item names and builds the CSR arrays. */
export class BasketEncoder {
  readonly labels: string[] = [];
  private readonly ids = new Map<string, number>();
  private items: Int32Array = new Int32Array(1024);
  private offsets: Int32Array = new Int32Array(1024);
  private nItems = 0;
  private nBaskets = 0;
  private readonly seen = new Set<number>();

  idOf(name: string): number {
    let id = this.ids.get(name);
    if (id === undefined) {
      id = this.labels.length;
      this.ids.set(name, id);
      this.labels.push(name);
    }
    return id;
  }

  /** Adds one basket; duplicates are dropped (arules builds a 0/1 matrix) and empty names skipped. */
  add(names: readonly string[]): void {
    this.seen.clear();
    for (const name of names) {
      if (name === '') continue;
      const id = this.idOf(name);
      if (this.seen.has(id)) continue;
      this.seen.add(id);
      if (this.nItems === this.items.length) this.items = grow(this.items);
      this.items[this.nItems++] = id;
    }
    this.nBaskets++;
    if (this.nBaskets >= this.offsets.length) this.offsets = grow(this.offsets);
    this.offsets[this.nBaskets] = this.nItems;
  }

  get basketCount(): number {
    return this.nBaskets;
  }

  finish(): EncodedBaskets {
    return {
      items: this.items.slice(0, this.nItems),
      offsets: this.offsets.slice(0, this.nBaskets + 1),
      labels: this.labels,
    };
  }
}

function grow(a: Int32Array): Int32Array {
  const b = new Int32Array(a.length * 2);
  b.set(a);
  return b;
}

/**
 * Parses basket text: one basket per line, comma-separated item names. Like arules'
 * read.transactions(format = "basket"), a blank line inside the file is an empty basket
 * (it counts towards N); only the final newline is ignored. CR of CRLF files is stripped.
 */
export function parseBasketText(text: string): EncodedBaskets {
  const enc = new BasketEncoder();
  const lines = text.split('\n');
  if (lines.length > 0 && lines[lines.length - 1] === '') lines.pop();
  for (const raw of lines) enc.add(splitCsvLine(stripCr(raw)));
  return enc.finish();
}

/** Streams a basket file (same rules as parseBasketText) so multi-GB files need not fit in one string. */
export async function readBasketFile(path: string): Promise<EncodedBaskets> {
  const enc = new BasketEncoder();
  const rl = createInterface({ input: createReadStream(path, { encoding: 'utf8' }), crlfDelay: Infinity });
  for await (const line of rl) enc.add(splitCsvLine(stripCr(line)));
  return enc.finish();
}

function stripCr(line: string): string {
  return line.endsWith('\r') ? line.slice(0, -1) : line;
}

/** Converts number[][] baskets to CSR (items kept as given; the miner dedupes). */
export function toBasketMatrix(baskets: readonly (readonly number[])[]): BasketMatrix {
  let total = 0;
  for (const b of baskets) total += b.length;
  const items = new Int32Array(total);
  const offsets = new Int32Array(baskets.length + 1);
  let p = 0;
  baskets.forEach((b, i) => {
    for (const it of b) items[p++] = it;
    offsets[i + 1] = p;
  });
  return { items, offsets };
}

/** Encodes string baskets with a fresh dictionary. */
export function encodeBaskets(baskets: readonly (readonly string[])[]): EncodedBaskets {
  const enc = new BasketEncoder();
  for (const b of baskets) enc.add(b);
  return enc.finish();
}

/** One order line of an orders CSV (customer_id,date,product). */
export interface OrderLine {
  customerId: string;
  date: string;
  product: string;
}

/**
 * Parses an orders CSV with a header naming customer_id, date and product (any column
 * order, extra columns ignored). Throws with the line number on malformed rows.
 */
export function parseOrdersCsv(text: string): OrderLine[] {
  const lines = text.split('\n').map(stripCr);
  while (lines.length > 0 && lines[lines.length - 1].trim() === '') lines.pop();
  if (lines.length === 0) throw new Error('orders file is empty (expected header customer_id,date,product)');
  const header = splitCsvLine(lines[0]).map((h) => h.trim().toLowerCase());
  const ci = header.indexOf('customer_id');
  const di = header.indexOf('date');
  const pi = header.indexOf('product');
  if (ci < 0 || di < 0 || pi < 0) {
    throw new Error(`orders header must contain customer_id, date and product; got: ${lines[0]}`);
  }
  const out: OrderLine[] = [];
  for (let i = 1; i < lines.length; i++) {
    if (lines[i].trim() === '') continue;
    const f = splitCsvLine(lines[i]);
    const customerId = f[ci]?.trim();
    const date = f[di]?.trim();
    const product = f[pi]?.trim();
    if (!customerId || !date || !product) throw new Error(`orders line ${i + 1}: missing customer_id, date or product`);
    out.push({ customerId, date, product });
  }
  return out;
}

// Streaming readers for NDJSON and CSV: one record at a time, with the line it started on, in constant memory.

import { SUSPECT_JSON_TEXT } from '../../http/input-guard.ts';

export type ImportFormat = 'csv' | 'ndjson';

export interface SourceRecord {
  line: number;
  record?: Record<string, unknown>;
  error?: string;
  /** The record's JSON text held no NUL, surrogate or \u escape, so none of its strings can (see SUSPECT_JSON_TEXT). */
  stringsChecked?: boolean;
}

/** Splits chunks into lines synchronously, so each line costs no promise of its own (an async generator per line did). */
class LineSplitter {
  private decoder = new TextDecoder('utf-8');
  private rest = '';
  push(chunk: Buffer | string): string[] {
    const text = this.rest + (typeof chunk === 'string' ? chunk : this.decoder.decode(chunk, { stream: true }));
    const out: string[] = [];
    let start = 0;
    let nl: number;
    while ((nl = text.indexOf('\n', start)) >= 0) {
      out.push(text.charCodeAt(nl - 1) === 13 && nl > start ? text.slice(start, nl - 1) : text.slice(start, nl));
      start = nl + 1;
    }
    this.rest = text.slice(start);
    return out;
  }
  end(): string[] {
    const last = this.rest + this.decoder.decode();
    this.rest = '';
    return last.length ? [last.replace(/\r$/, '')] : [];
  }
}

async function* lines(chunks: AsyncIterable<Buffer | string>): AsyncGenerator<string[]> {
  const splitter = new LineSplitter();
  for await (const chunk of chunks) yield splitter.push(chunk);
  yield splitter.end();
}

/**
 * NDJSON records, a block of them per chunk read: the importer takes a block with one await (an await per record was
 * a few percent of an import's CPU).
 */
export async function* readNdjson(chunks: AsyncIterable<Buffer | string>): AsyncGenerator<SourceRecord[]> {
  let n = 0;
  for await (const block of lines(chunks)) {
    const out: SourceRecord[] = [];
    for (const text of block) {
      n++;
      const trimmed = n === 1 ? text.replace(/^\uFEFF/, '').trim() : text.trim();
      if (!trimmed) continue;
      try {
        const value = JSON.parse(trimmed);
        if (!value || typeof value !== 'object' || Array.isArray(value)) out.push({ line: n, error: 'Each line must be a JSON object.' });
        else out.push({ line: n, record: value, stringsChecked: !SUSPECT_JSON_TEXT.test(trimmed) });
      } catch (e) {
        out.push({ line: n, error: `Not valid JSON: ${(e as Error).message}` });
      }
    }
    if (out.length) yield out;
  }
}

/**
 * RFC 4180 CSV: quoted fields may hold commas, quotes ("") and line breaks; the first row names the columns. Records come
 * in blocks, one per chunk read, as from readNdjson.
 */
export async function* readCsv(chunks: AsyncIterable<Buffer | string>): AsyncGenerator<SourceRecord[]> {
  let header: string[] | null = null;
  let n = 0;
  let fields: string[] = [];
  let field = '';
  let inQuotes = false;
  let startLine = 1;
  for await (const block of lines(chunks)) {
    const out: SourceRecord[] = [];
    for (const raw of block) {
      n++;
      const text = n === 1 ? raw.replace(/^\uFEFF/, '') : raw;
      if (!inQuotes) { startLine = n; fields = []; field = ''; if (!text.trim()) continue; }
      else field += '\n';
      for (let i = 0; i < text.length; i++) {
        const ch = text[i];
        if (inQuotes) {
          if (ch === '"') {
            if (text[i + 1] === '"') { field += '"'; i++; } else inQuotes = false;
          } else field += ch;
        } else if (ch === '"' && field === '') inQuotes = true;
        else if (ch === ',') { fields.push(field); field = ''; }
        else field += ch;
      }
      if (inQuotes) continue;
      fields.push(field);
      if (!header) { header = fields.map((h) => h.trim()); continue; }
      if (fields.length !== header.length) {
        out.push({ line: startLine, error: `Expected ${header.length} columns as in the header, found ${fields.length}.` });
        continue;
      }
      const record: Record<string, unknown> = {};
      header.forEach((h, i) => { if (fields[i] !== '') record[h] = fields[i]; });
      out.push({ line: startLine, record });
    }
    if (out.length) yield out;
  }
  if (inQuotes) yield [{ line: startLine, error: 'A quoted field is not closed before the end of the file.' }];
}

export function readRecords(chunks: AsyncIterable<Buffer | string>, format: ImportFormat) {
  return format === 'csv' ? readCsv(chunks) : readNdjson(chunks);
}

export function formatFromContentType(contentType: string | undefined): ImportFormat | null {
  const ct = (contentType ?? '').split(';')[0].trim().toLowerCase();
  if (ct === 'text/csv') return 'csv';
  if (ct === 'application/x-ndjson' || ct === 'application/ndjson' || ct === 'application/jsonl') return 'ndjson';
  return null;
}

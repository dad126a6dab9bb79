// Streaming readers for NDJSON and CSV: one record at a time, with the line it started on, in constant memory.

export type ImportFormat = 'csv' | 'ndjson';

export interface SourceRecord {
  line: number;
  record?: Record<string, unknown>;
  error?: string;
}

async function* lines(chunks: AsyncIterable<Buffer | string>): AsyncGenerator<string> {
  const decoder = new TextDecoder('utf-8');
  let rest = '';
  for await (const chunk of chunks) {
    rest += typeof chunk === 'string' ? chunk : decoder.decode(chunk, { stream: true });
    let nl: number;
    while ((nl = rest.indexOf('\n')) >= 0) {
      yield rest.slice(0, nl).replace(/\r$/, '');
      rest = rest.slice(nl + 1);
    }
  }
  rest += decoder.decode();
  if (rest.length) yield rest.replace(/\r$/, '');
}

export async function* readNdjson(chunks: AsyncIterable<Buffer | string>): AsyncGenerator<SourceRecord> {
  let n = 0;
  for await (const text of lines(chunks)) {
    n++;
    const trimmed = n === 1 ? text.replace(/^\uFEFF/, '').trim() : text.trim();
    if (!trimmed) continue;
    try {
      const value = JSON.parse(trimmed);
      if (!value || typeof value !== 'object' || Array.isArray(value)) yield { line: n, error: 'Each line must be a JSON object.' };
      else yield { line: n, record: value };
    } catch (e) {
      yield { line: n, error: `Not valid JSON: ${(e as Error).message}` };
    }
  }
}

/** RFC 4180 CSV: quoted fields may hold commas, quotes ("") and line breaks; the first row names the columns. */
export async function* readCsv(chunks: AsyncIterable<Buffer | string>): AsyncGenerator<SourceRecord> {
  let header: string[] | null = null;
  let n = 0;
  let fields: string[] = [];
  let field = '';
  let inQuotes = false;
  let startLine = 1;
  for await (const raw of lines(chunks)) {
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
      yield { line: startLine, error: `Expected ${header.length} columns as in the header, found ${fields.length}.` };
      continue;
    }
    const record: Record<string, unknown> = {};
    header.forEach((h, i) => { if (fields[i] !== '') record[h] = fields[i]; });
    yield { line: startLine, record };
  }
  if (inQuotes) yield { line: startLine, error: 'A quoted field is not closed before the end of the file.' };
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

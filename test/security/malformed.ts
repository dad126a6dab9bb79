// Builds malformed requests for one OpenAPI operation from its own schemas: a plausible value for every field, then
// one thing wrong at a time (type, required field, NUL, lone surrogate, 1 MB, nesting, format, content type).

export type Schema = Record<string, any>;

export interface Operation {
  method: string;
  path: string; // OpenAPI form, /api/v1/customers/{id}
  pathParams: { name: string; schema: Schema }[];
  queryParams: { name: string; schema: Schema; required: boolean }[];
  body: Schema | null; // the application/json request body, when the operation declares one
}

export interface Send {
  what: string;
  method: string;
  url: string;
  headers?: Record<string, string>;
  payload?: string;
  /** Not wrong for every field (an empty or odd query text, a long string where no limit is set): may be taken. */
  mayPass?: boolean;
}

export const UNKNOWN_UUID = '00000000-0000-4000-8000-00000000abcd';
const NUL = 'a\u0000b';
const SURROGATE = 'a\ud800b';
export const MEGABYTE = 'x'.repeat(1_000_000);
const DEEP = 10_000;
// JSON.stringify cannot write 1e400 (it is Infinity once parsed); this stands for it and is put back in the text.
const INFINITE = '__infinite__';

export function operationsOf(doc: Schema): Operation[] {
  const components = doc.components?.schemas ?? {};
  const deref = (s: Schema): Schema => {
    let out = s;
    for (let i = 0; out && typeof out.$ref === 'string' && i < 10; i++) out = components[out.$ref.split('/').pop()!] ?? {};
    return out ?? {};
  };
  const ops: Operation[] = [];
  for (const [path, byMethod] of Object.entries<Schema>(doc.paths)) {
    for (const [method, op] of Object.entries<Schema>(byMethod)) {
      const params: Schema[] = op.parameters ?? [];
      const json = op.requestBody?.content?.['application/json']?.schema;
      ops.push({
        method: method.toUpperCase(),
        path,
        pathParams: params.filter((p) => p.in === 'path').map((p) => ({ name: p.name, schema: resolveAll(p.schema ?? {}, deref) })),
        queryParams: params.filter((p) => p.in === 'query').map((p) => ({ name: p.name, schema: resolveAll(p.schema ?? {}, deref), required: !!p.required })),
        body: json ? resolveAll(json, deref) : null,
      });
    }
  }
  return ops;
}

/** The schema with every $ref replaced by its component (schemas here are not recursive). */
function resolveAll(s: Schema, deref: (s: Schema) => Schema, depth = 0): Schema {
  if (!s || typeof s !== 'object' || depth > 20) return s;
  if (Array.isArray(s)) return s.map((x) => resolveAll(x, deref, depth + 1));
  const base = deref(s);
  const out: Schema = {};
  for (const [k, v] of Object.entries(base)) out[k] = typeof v === 'object' && v !== null ? resolveAll(v, deref, depth + 1) : v;
  return out;
}

/** The first non-null branch of a union, with the union's own keywords kept. */
function concrete(s: Schema): Schema {
  const branches = s.anyOf ?? s.oneOf;
  if (branches) {
    const pick = branches.find((b: Schema) => b.type !== 'null') ?? branches[0];
    return concrete(pick);
  }
  if (s.allOf) return concrete(Object.assign({}, ...s.allOf));
  return s;
}

const typeOf = (s: Schema): string | undefined => {
  const c = concrete(s);
  if ('const' in c) return typeof c.const === 'number' ? 'number' : typeof c.const;
  return Array.isArray(c.type) ? c.type.find((t: string) => t !== 'null') : c.type ?? (c.properties ? 'object' : undefined);
};

const STRING_CANDIDATES = ['sweep', 'sweep@example.test', '10:00', 'EUR', 'en', 'FR', 'x', '#112233', '2026-03', 'abcdefghij'];

/** A plausible, schema-valid value (foreign keys point nowhere: UNKNOWN_UUID). */
export function sample(s: Schema): unknown {
  const c = concrete(s);
  if ('const' in c) return c.const;
  if (c.enum) return c.enum[0];
  if ('default' in c) return c.default;
  switch (typeOf(c)) {
    case 'string': {
      if (c.format === 'uuid') return UNKNOWN_UUID;
      if (c.format === 'date') return '2026-03-02';
      if (c.format === 'date-time') return '2026-03-02T10:00:00.000Z';
      if (c.format === 'email') return 'sweep@example.test';
      if (c.format === 'uri') return 'https://example.test/';
      const min = c.minLength ?? 0;
      const max = c.maxLength ?? Infinity;
      const pattern = c.pattern ? new RegExp(c.pattern, 'u') : null;
      const fits = (v: string) => v.length >= min && v.length <= max && (!pattern || pattern.test(v));
      return STRING_CANDIDATES.find(fits) ?? 'x'.repeat(Math.max(min, 1));
    }
    case 'integer':
    case 'number': {
      const lo = c.minimum ?? (c.exclusiveMinimum !== undefined ? c.exclusiveMinimum + 1 : 1);
      return c.maximum !== undefined && lo > c.maximum ? c.maximum : lo;
    }
    case 'boolean': return true;
    case 'array': return Array.from({ length: c.minItems ?? 0 }, () => sample(c.items ?? {}));
    case 'object': {
      const out: Record<string, unknown> = {};
      for (const k of c.required ?? []) out[k] = sample(c.properties?.[k] ?? {});
      return out;
    }
    case 'null': return null;
    default: return 'sweep';
  }
}

/** A value of another JSON type, one that ajv's coercion cannot turn into the declared one. */
function wrongType(s: Schema): unknown {
  switch (typeOf(s)) {
    case 'string': return { not: 'a string' };
    case 'integer': case 'number': return 'not-a-number';
    case 'boolean': return 'maybe';
    case 'array': return { not: 'an array' };
    case 'object': return 'not-an-object';
    default: return { unexpected: true };
  }
}

/** Wrong values of a field, by name of the mistake. */
function badValues(s: Schema): [string, unknown][] {
  const c = concrete(s);
  const out: [string, unknown][] = [['wrong type', wrongType(s)]];
  if (typeOf(s) === 'string') {
    out.push(['NUL', NUL], ['lone surrogate', SURROGATE], ['1 MB string', MEGABYTE]);
    if (c.format === 'uuid') out.push(['bad UUID', 'not-a-uuid']);
    if (c.format === 'date') out.push(['bad date', '2026-02-31'], ['far date', '99999-01-01']);
    if (c.format === 'date-time') out.push(['bad date-time', '2026-13-45T25:61:00Z']);
  }
  if (typeOf(s) === 'integer' || typeOf(s) === 'number') out.push(['huge number', 1e300], ['negative', -2147483649], ['infinite', INFINITE]);
  if (typeOf(s) === 'integer') out.push(['fraction', 1.5]);
  if (typeOf(s) === 'array') out.push(['array of NUL', [NUL]], ['array of wrong type', [wrongType(c.items ?? {})]]);
  return out;
}

/** Wrong values of a query or path parameter, as URL text. */
function badParamTexts(s: Schema): [string, string][] {
  const c = concrete(s);
  const out: [string, string][] = [['NUL', 'a%00b'], ['invalid UTF-8', '%ED%A0%80'], ['long', 'y'.repeat(20_000)], ['empty', '']];
  if (c.format === 'uuid') out.push(['bad UUID', 'not-a-uuid'], ['UUID with NUL', `${UNKNOWN_UUID.slice(0, 35)}%00`]);
  if (c.format === 'date') out.push(['bad date', '2026-02-31'], ['far date', '99999-01-01']);
  if (c.format === 'date-time') out.push(['bad date-time', '2026-13-45T25:61:00Z']);
  const t = typeOf(s);
  if (t === 'integer' || t === 'number') out.push(['not a number', 'abc'], ['huge number', '1e400'], ['overflow', '99999999999999999999']);
  if (t === 'boolean') out.push(['not a boolean', 'maybe']);
  return out;
}

const encode = (v: unknown) => encodeURIComponent(String(v));
// Text a plain string field may well accept: an empty value, %-escapes that are not UTF-8 (taken literally), a long one.
function mayPass(what: string, s: Schema): boolean {
  const c = concrete(s);
  if (typeOf(s) !== 'string' || c.format || c.enum || 'const' in c || c.pattern) return false;
  if (what === 'empty') return !c.minLength;
  if (what === 'invalid UTF-8') return (c.maxLength ?? Infinity) >= 9 && (c.minLength ?? 0) <= 3;
  if (what === 'long' || what === '1 MB string') return c.maxLength === undefined;
  return false;
}

function fillPath(op: Operation, values: Record<string, string>) {
  return op.path.replace(/\{(\w+)\}/g, (_, name) => values[name]);
}

function query(op: Operation, override: Record<string, string> = {}) {
  const parts: string[] = [];
  for (const p of op.queryParams) {
    if (p.name in override) continue;
    const v = sample(p.schema);
    if (v !== undefined && p.required) parts.push(`${p.name}=${encode(Array.isArray(v) ? v[0] ?? '' : v)}`);
  }
  for (const [k, v] of Object.entries(override)) parts.push(`${k}=${v}`);
  return parts.length ? `?${parts.join('&')}` : '';
}

const deepArray = () => '['.repeat(DEEP) + ']'.repeat(DEEP);
const deepObject = () => '{"a":'.repeat(DEEP) + '1' + '}'.repeat(DEEP);

/**
 * Every malformed request for one operation. Path parameters are well-formed but unknown, or, when `records` names
 * existing records for all of them, those (then only the query and body are made wrong, reaching further in).
 */
export function malformedRequests(op: Operation, records?: Record<string, string>): Send[] {
  const sends: Send[] = [];
  const known: Record<string, string> = {};
  for (const p of op.pathParams) known[p.name] = encode(sample(p.schema) === 'sweep' ? 'no-such-thing' : sample(p.schema));
  if (records) Object.assign(known, records);
  const json = { 'content-type': 'application/json' };
  const hasBody = !['GET', 'HEAD', 'OPTIONS'].includes(op.method);

  // Path parameters, one at a time malformed, the others well-formed but unknown.
  for (const p of records ? [] : op.pathParams) {
    for (const [what, text] of badParamTexts(p.schema)) {
      if (what === 'empty') continue; // an empty segment is another route (or none): 404 either way
      sends.push({ what: `path ${p.name}: ${what}`, method: op.method, url: fillPath(op, { ...known, [p.name]: text }) + query(op) });
    }
  }
  const url = fillPath(op, known);
  // Query parameters, declared ones malformed, and an undeclared one carrying NUL.
  for (const p of op.queryParams) {
    for (const [what, text] of badParamTexts(p.schema)) {
      sends.push({ what: `query ${p.name}: ${what}`, method: op.method, url: url + query(op, { [p.name]: text }), mayPass: mayPass(what, p.schema) });
    }
    sends.push({ what: `query ${p.name}: repeated`, method: op.method, url: url + query(op, { [p.name]: `${encode(sample(p.schema))}&${p.name}=${encode(sample(p.schema))}` }), mayPass: true });
  }
  sends.push({ what: 'query: undeclared with NUL', method: op.method, url: `${url}${query(op) ? query(op) + '&' : '?'}zz=a%00b` });
  sends.push({ what: 'header with NUL', method: op.method, url: url + query(op), headers: { 'x-sweep': 'a\u0000b' } });

  if (!hasBody) return sends;
  const target = url + query(op);
  const body = (what: string, value: unknown, mayPass = false) => sends.push({ what: `body ${what}`, method: op.method, url: target, headers: json, payload: JSON.stringify(value).replaceAll(`"${INFINITE}"`, '1e400'), mayPass });
  const raw = (what: string, payload: string, headers: Record<string, string> = json) => sends.push({ what, method: op.method, url: target, headers, payload });

  // Whatever the route declares, these never reach a handler: unparseable, nested past any use, NUL or lone surrogate.
  raw('invalid JSON', '{"a": ');
  raw('deep array', deepArray());
  raw('deep object', deepObject());
  body('NUL at the top', NUL);
  body('object with a NUL key', { ['k\u0000']: 1 });
  body('object with a lone surrogate', { k: SURROGATE });
  if (!op.body) return sends;

  const base = sample(op.body);
  raw('empty body', '');
  raw('text/plain', JSON.stringify(base), { 'content-type': 'text/plain' });
  raw('XML', '<a/>', { 'content-type': 'application/xml' });
  raw('form', 'a=b', { 'content-type': 'application/x-www-form-urlencoded' });
  raw('multipart', '--b\r\n\r\n--b--', { 'content-type': 'multipart/form-data; boundary=b' });
  body('null', null);
  body('array', [base]);
  body('wrong type', wrongType(op.body));

  const c = concrete(op.body);
  if (typeOf(op.body) !== 'object' || !c.properties) return sends;
  body('unknown field', { ...(base as object), zzUnknown: NUL });
  for (const k of c.required ?? []) {
    const { [k]: _, ...rest } = base as Record<string, unknown>;
    body(`missing ${k}`, rest, 'default' in (c.properties?.[k] ?? {}) || 'default' in concrete(c.properties?.[k] ?? {}));
  }
  for (const [k, s] of Object.entries<Schema>(c.properties)) {
    for (const [what, value] of badValues(s)) body(`${k}: ${what}`, { ...(base as object), [k]: value }, mayPass(what, s));
    body(`${k}: deep`, { ...(base as object), [k]: JSON.parse('['.repeat(200) + ']'.repeat(200)) });
    // One level down: the fields of an object field, or of an array's items.
    const inner = concrete(s);
    const child = typeOf(s) === 'array' ? concrete(inner.items ?? {}) : inner;
    if (typeOf(child) !== 'object' || !child.properties) continue;
    for (const [ck, cs] of Object.entries<Schema>(child.properties)) {
      for (const [what, value] of badValues(cs)) {
        if (what === '1 MB string') continue;
        const nested = { ...(sample(child) as object), [ck]: value };
        body(`${k}.${ck}: ${what}`, { ...(base as object), [k]: typeOf(s) === 'array' ? [nested] : nested });
      }
    }
  }
  return sends;
}

/** The one well-formed request of an operation whose path names unknown records: it should answer 404, not fail. */
export function unknownRecordRequest(op: Operation): Send | null {
  if (!op.pathParams.length) return null;
  const known: Record<string, string> = {};
  for (const p of op.pathParams) known[p.name] = encode(sample(p.schema) === 'sweep' ? 'no-such-thing' : sample(p.schema));
  const url = fillPath(op, known) + query(op);
  if (!op.body) return { what: 'unknown record', method: op.method, url };
  return { what: 'unknown record', method: op.method, url, headers: { 'content-type': 'application/json' }, payload: JSON.stringify(sample(op.body)) };
}

/** Existing records for an operation's path parameters, when the sweep has one for each (else null). */
export function recordsFor(op: Operation, ids: { customer: string; store: string; associate: string }): Record<string, string> | null {
  if (!op.pathParams.length) return null;
  const out: Record<string, string> = {};
  for (const p of op.pathParams) {
    if (p.name === 'customerId' || (p.name === 'id' && /^\/api\/v1\/customers\/\{id\}/.test(op.path))) out[p.name] = ids.customer;
    else if (p.name === 'storeId' && !op.path.includes('/public/')) out[p.name] = ids.store;
    else if (p.name === 'associateId') out[p.name] = ids.associate;
    else return null;
  }
  return out;
}

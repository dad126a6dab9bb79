import type { Kind } from './world.ts';

// Turns the OpenAPI description into requests: which kind of ID each path, query or body field names, and a
// minimal body that passes the route's schema (a request refused by validation proves nothing about scoping).

export type JsonSchema = {
  type?: string | string[]; properties?: Record<string, JsonSchema>; required?: string[]; items?: JsonSchema; anyOf?: JsonSchema[];
  enum?: unknown[]; const?: unknown; format?: string; pattern?: string; minimum?: number; maximum?: number; exclusiveMinimum?: number;
  minLength?: number; maxLength?: number; minItems?: number; default?: unknown; $ref?: string; minProperties?: number;
};

export interface Operation {
  method: string;
  /** Fastify form, /api/v1/customers/:id */
  url: string;
  pathParams: { name: string; schema: JsonSchema }[];
  queryParams: { name: string; required: boolean; schema: JsonSchema }[];
  body: JsonSchema | null;
  bodyType: string | null;
}

export function operationsOf(spec: { paths: Record<string, Record<string, any>> }): Operation[] {
  const ops: Operation[] = [];
  for (const [path, methods] of Object.entries(spec.paths)) {
    for (const [method, op] of Object.entries(methods)) {
      const params = (op.parameters ?? []) as { in: string; name: string; required?: boolean; schema: JsonSchema }[];
      const content = op.requestBody?.content ?? {};
      const bodyType = Object.keys(content)[0] ?? null;
      ops.push({
        method: method.toUpperCase(), url: path.replace(/\{(\w+)\}/g, ':$1'),
        pathParams: params.filter((p) => p.in === 'path').map((p) => ({ name: p.name, schema: p.schema })),
        queryParams: params.filter((p) => p.in === 'query').map((p) => ({ name: p.name, required: !!p.required, schema: p.schema })),
        body: bodyType ? content[bodyType].schema : null, bodyType,
      });
    }
  }
  return ops;
}

/** The kind of ID a path parameter names: by its own name, or for a plain :id by the path segment before it. */
const ID_BY_SEGMENT: Record<string, Kind> = {
  customers: 'customer', 'activity-types': 'activityType', activities: 'activity', notes: 'note', appointments: 'appointment',
  types: 'appointmentType', 'time-off': 'timeOff', plans: 'commissionPlan', 'sales-groups': 'salesGroup', 'api-tokens': 'apiToken',
  'saved-filters': 'savedFilter', 'attribute-groups': 'attributeGroup', 'customer-attributes': 'customerAttribute',
  providers: 'measureProvider', associates: 'associate', roles: 'role', templates: 'template', tasks: 'outreachTask',
  complements: 'complement', measures: 'measureKey', conversations: 'conversation', sessions: 'session', runs: 'jobRun', 'hand-over-tasks': 'handOverTask',
};
const ID_BY_NAME: Record<string, Kind> = {
  customerId: 'customer', storeId: 'store', associateId: 'associate', preferenceId: 'preference', batchId: 'letterBatch',
  legalEntityId: 'legalEntity', appointmentTypeId: 'appointmentType', token: 'manageToken', roleId: 'role',
};
/** Path parameters that are not IDs of a legal entity's rows, with a value that names something real. */
// A legal entity's code in a single sign-on start link is public by design (the sign-in page shows it).
const NOT_IDS: Record<string, string> = { channel: 'sms', entity: 'customers', signature: 'not-a-signature', legalEntityCode: 'NO-SUCH-LE' };

export function pathParamKind(url: string, name: string): Kind | null {
  if (name in NOT_IDS) return null;
  if (ID_BY_NAME[name]) return ID_BY_NAME[name];
  if (name === 'id' || name === 'key') {
    const segments = url.split('/');
    const before = segments[segments.indexOf(`:${name}`) - 1];
    if (ID_BY_SEGMENT[before]) return ID_BY_SEGMENT[before];
  }
  throw new Error(`The sweep does not know what kind of ID ${url} takes as :${name}; add it to test/security/requests.ts.`);
}
export const notIdValue = (name: string, schema: JsonSchema) => NOT_IDS[name] ?? String(sample(schema, name));

/** Query and body fields that carry an ID, by name. */
const FIELD_KIND: Record<string, Kind> = {
  customerId: 'customer', customerIds: 'customer', duplicateId: 'customer', storeId: 'store', storeIds: 'store',
  associateId: 'associate', ownerAssociateId: 'associate', successorAssociateId: 'associate', toAssociateId: 'associate', fromAssociateId: 'associate',
  appointmentTypeId: 'appointmentType', activityTypeId: 'activityType', templateId: 'template', productId: 'product',
  taskId: 'outreachTask', attributeId: 'customerAttribute', groupId: 'attributeGroup', clientBookAttributeGroupId: 'attributeGroup',
  roleIds: 'role', legalEntityId: 'legalEntity', entityId: 'customer', for: 'bookingToken',
  q: 'searchText',
};
export const fieldKind = (name: string): Kind | null => FIELD_KIND[name] ?? null;

const today = new Date();
const isoDay = (offsetDays: number) => new Date(today.getTime() + offsetDays * 86_400_000).toISOString().slice(0, 10);

/** Values for string patterns the schemas use; a pattern not listed here gets a plain word. */
const BY_PATTERN: Record<string, string> = {
  '^([01][0-9]|2[0-4]):[0-5][0-9]$': '10:00',
  '^([01][0-9]|2[0-3]):[0-5][0-9]$': '21:00',
  '^\\d{4}-(0[1-9]|1[0-2])$': isoDay(0).slice(0, 7),
  '^[a-z0-9-]{2,60}$': 'personal',
  '^[a-z]{2}(-[A-Z]{2})?$': 'en',
  '^[a-z][a-z0-9_]{1,49}$': 'sweep_measure',
  '^[0-9]{4}-[0-9]{2}-[0-9]{2}T([01][0-9]|2[0-3]):[0-5][0-9]$': '2032-03-01T10:00',
  '^[A-Za-z0-9_./-]*$': 'SW',
  '^[a-z0-9_]{1,100}$': 'sweep_template',
  '^\\+?[0-9 ()-]{5,25}$': '+33 1 00 00 00 00',
};
/** Values by property name, where the type alone would not make a meaningful request. */
const BY_NAME: Record<string, unknown> = {
  email: 'sweep@example.test', password: 'a long enough password', sqlText: 'select c.id as customer_id, 1 as value from customers c where c.legal_entity_id = :legal_entity_id',
  tokenUrl: 'http://127.0.0.1:9/token', baseUrl: 'http://127.0.0.1:9/api', startsAt: `${isoDay(3)}T09:00:00.000Z`, endsAt: `${isoDay(4)}T09:00:00.000Z`,
  occurredAt: `${isoDay(-1)}T10:00:00.000Z`, from: isoDay(0), to: isoDay(30), period: isoDay(0).slice(0, 7), q: 'sweep', reason: 'sweep test',
  kind: 'size', value: '38', source: 'store', dataType: 'text', idempotencyKey: 'sweep-idempotency-key', body: 'Sweep text', text: 'STOP', from_: '+33100000000',
  durationMinutes: 30, sharePercent: 100, limit: 5, days: 1,
};

let counter = 0;

/** A value that passes the schema, for a field of the given name. */
export function sample(schema: JsonSchema, name = ''): unknown {
  if (schema.const !== undefined) return schema.const;
  if (schema.enum) return schema.enum[0];
  if (schema.anyOf) {
    const nonNull = schema.anyOf.filter((s) => s.type !== 'null');
    return sample(nonNull[0] ?? schema.anyOf[0], name);
  }
  const type = Array.isArray(schema.type) ? schema.type.find((t) => t !== 'null') : schema.type;
  switch (type) {
    case 'object': {
      const out: Record<string, unknown> = {};
      for (const key of schema.required ?? []) out[key] = sample(schema.properties![key], key);
      // A PATCH needs at least one field: take the first that is not an ID.
      if ((schema.minProperties ?? 0) > Object.keys(out).length) {
        const key = Object.keys(schema.properties ?? {}).find((k) => !fieldKind(k) && !(k in out));
        if (key) out[key] = sample(schema.properties![key], key);
      }
      return out;
    }
    case 'array': {
      const n = Math.max(schema.minItems ?? 0, 0);
      return Array.from({ length: n }, () => sample(schema.items ?? {}, name));
    }
    case 'integer': case 'number': {
      if (typeof BY_NAME[name] === 'number') return BY_NAME[name];
      if (schema.default !== undefined) return schema.default;
      if (schema.minimum !== undefined) return schema.minimum;
      if (schema.exclusiveMinimum !== undefined) return Math.min(schema.exclusiveMinimum + 1, schema.maximum ?? Infinity);
      return 1;
    }
    case 'boolean': return schema.default ?? true;
    case 'string': {
      if (schema.default !== undefined) return schema.default;
      if (schema.format === 'uuid') return '00000000-0000-4000-8000-000000000000';
      if (schema.format === 'date') return name === 'to' ? isoDay(30) : name === 'birthDate' ? '1990-01-01' : isoDay(0);
      if (schema.format === 'date-time') return typeof BY_NAME[name] === 'string' ? BY_NAME[name] : `${isoDay(3)}T09:00:00.000Z`;
      if (schema.format === 'email') return 'sweep@example.test';
      if (typeof BY_NAME[name] === 'string' && fits(schema, BY_NAME[name] as string)) return BY_NAME[name];
      if (schema.pattern && BY_PATTERN[schema.pattern] !== undefined) return BY_PATTERN[schema.pattern];
      // Unique, so two requests do not collide on a unique name.
      const word = `Sweep value ${++counter}`;
      return word.padEnd(schema.minLength ?? 0, 'x').slice(0, schema.maxLength ?? 100);
    }
    default: return null;
  }
}

const fits = (schema: JsonSchema, v: string) => (schema.minLength ?? 0) <= v.length && v.length <= (schema.maxLength ?? Infinity)
  && (!schema.pattern || new RegExp(schema.pattern).test(v));

/** Every place in a schema where an ID of a known kind goes: a dotted path ("members.0.associateId") and its kind. */
export function idFields(schema: JsonSchema | null, prefix = ''): { path: string; kind: Kind; array: boolean }[] {
  if (!schema) return [];
  const out: { path: string; kind: Kind; array: boolean }[] = [];
  const s = schema.anyOf ? schema.anyOf.find((x) => x.type === 'object') ?? schema : schema;
  for (const [key, prop] of Object.entries(s.properties ?? {})) {
    const kind = fieldKind(key);
    const p = prop.anyOf ? prop.anyOf.find((x) => x.type !== 'null') ?? prop : prop;
    if (kind && (p.type === 'string' || (p.type === 'array' && p.items?.type === 'string'))) {
      out.push({ path: `${prefix}${key}`, kind, array: p.type === 'array' });
    } else if (p.type === 'object') {
      out.push(...idFields(p, `${prefix}${key}.`));
    } else if (p.type === 'array' && p.items?.type === 'object') {
      out.push(...idFields(p.items, `${prefix}${key}.0.`));
    }
  }
  return out;
}

/** Sets a dotted path in a sample body, creating the objects and one-item arrays on the way. */
export function setPath(body: Record<string, unknown>, path: string, value: unknown, schema: JsonSchema) {
  const parts = path.split('.');
  let node: any = body;
  let s: JsonSchema | undefined = schema;
  for (let i = 0; i < parts.length - 1; i++) {
    const part = parts[i];
    const propSchema: JsonSchema | undefined = /^\d+$/.test(part) ? s?.items : s?.properties?.[part];
    const next = parts[i + 1];
    if (node[part] === undefined || (Array.isArray(node[part]) && node[part].length === 0)) {
      node[part] = /^\d+$/.test(next) ? [sample(propSchema?.items ?? {}, part)] : sample(propSchema ?? { type: 'object' }, part);
    }
    node = node[part];
    s = propSchema;
  }
  node[parts[parts.length - 1]] = value;
}

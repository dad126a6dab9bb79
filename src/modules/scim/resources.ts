// SCIM 2.0 wire format (RFC 7643 resources, RFC 7644 filters and PATCH), kept pure: the service maps associates, roles
// and stores to these shapes and reads the directory's requests through them.
import type { DirectoryAssociate } from '../organisation/directory.ts';
import { scimErrors } from './errors.ts';
import { EMAIL_ADDRESS } from '../../../shared/email.ts';

export const USER_SCHEMA = 'urn:ietf:params:scim:schemas:core:2.0:User';
export const GROUP_SCHEMA = 'urn:ietf:params:scim:schemas:core:2.0:Group';
export const ENTERPRISE_SCHEMA = 'urn:ietf:params:scim:schemas:extension:enterprise:2.0:User';
export const LIST_SCHEMA = 'urn:ietf:params:scim:api:messages:2.0:ListResponse';
export const PATCH_SCHEMA = 'urn:ietf:params:scim:api:messages:2.0:PatchOp';
export const ERROR_SCHEMA = 'urn:ietf:params:scim:api:messages:2.0:Error';

/** What the directory may set on a user: the associate's fields. */
export interface UserFields {
  userName?: string;
  displayName?: string;
  givenName?: string;
  familyName?: string;
  formatted?: string;
  email?: string;
  title?: string | null;
  active?: boolean;
  employeeNumber?: string;
}

type Json = Record<string, unknown>;
const isObject = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);


function text(v: unknown, field: string, max = 200): string {
  if (typeof v !== 'string' || !v.trim() || v.length > max) throw scimErrors.invalid_value(`${field} must be a non-empty string of at most ${max} characters.`, { field });
  return v.trim();
}

/** Entra ID sends booleans as "True"/"False" in PATCH values; RFC 7643 says boolean. Both are taken. */
function bool(v: unknown, field: string): boolean {
  if (typeof v === 'boolean') return v;
  if (typeof v === 'string' && /^(true|false)$/i.test(v)) return v.toLowerCase() === 'true';
  throw scimErrors.invalid_value(`${field} must be true or false.`, { field });
}

function email(v: unknown, field: string): string {
  const s = text(v, field, 320);
  if (!EMAIL_ADDRESS.test(s)) throw scimErrors.invalid_value(`${field} must be an email address.`, { field });
  return s.toLowerCase();
}

function primaryEmail(v: unknown): string | undefined {
  if (!Array.isArray(v)) throw scimErrors.invalid_value('emails must be a list.', { field: 'emails' });
  const list = v.filter(isObject);
  const chosen = list.find((e) => e.primary === true || e.primary === 'True' || e.primary === 'true') ?? list.find((e) => e.type === 'work') ?? list[0];
  return chosen ? email(chosen.value, 'emails.value') : undefined;
}

/** The fields of a whole User resource (POST, PUT). */
export function userFieldsOf(body: unknown): UserFields {
  if (!isObject(body)) throw scimErrors.invalid_value('The body must be a SCIM User.', { field: 'body' });
  const f: UserFields = {};
  for (const [key, value] of Object.entries(body)) applyAttribute(f, key, value);
  return f;
}

/** One attribute by its (case-insensitive, RFC 7643 §2.1) name or path; unknown and read-only ones are ignored. */
function applyAttribute(f: UserFields, path: string, value: unknown): void {
  const p = path.toLowerCase();
  if (p.startsWith(ENTERPRISE_SCHEMA.toLowerCase())) {
    const rest = p.slice(ENTERPRISE_SCHEMA.length).replace(/^:/, '');
    if (!rest) { if (isObject(value)) for (const [k, v] of Object.entries(value)) applyAttribute(f, `${ENTERPRISE_SCHEMA}:${k}`, v); return; }
    if (rest === 'employeenumber') f.employeeNumber = value == null ? undefined : text(value, 'employeeNumber', 50);
    return;
  }
  switch (p) {
    case 'username': f.userName = email(value, 'userName'); return;
    case 'displayname': f.displayName = text(value, 'displayName'); return;
    case 'title': f.title = value == null || value === '' ? null : text(value, 'title'); return;
    case 'active': f.active = bool(value, 'active'); return;
    case 'name':
      if (!isObject(value)) throw scimErrors.invalid_value('name must be an object.', { field: 'name' });
      for (const [k, v] of Object.entries(value)) applyAttribute(f, `name.${k}`, v);
      return;
    case 'name.givenname': f.givenName = text(value, 'name.givenName'); return;
    case 'name.familyname': f.familyName = text(value, 'name.familyName'); return;
    case 'name.formatted': f.formatted = text(value, 'name.formatted'); return;
    case 'emails': { const e = primaryEmail(value); if (e) f.email = e; return; }
    default:
      // emails[type eq "work"].value, as Entra ID and Okta send it.
      if (/^emails\[.*\]\.value$/.test(p) || p === 'emails.value') { f.email = email(value, 'emails.value'); return; }
      // schemas, id, externalId, meta, groups, phoneNumbers, locale…: not kept here.
  }
}

export interface PatchOperation { op: string; path?: string; value?: unknown }

export function operationsOf(body: unknown): PatchOperation[] {
  if (!isObject(body) || !Array.isArray(body.Operations) || !body.Operations.length || body.Operations.length > 1000) {
    throw scimErrors.invalid_value('A PATCH body has Operations: a list of {op, path, value}.', { field: 'Operations' });
  }
  return body.Operations.map((o, i) => {
    if (!isObject(o) || typeof o.op !== 'string' || !/^(add|replace|remove)$/i.test(o.op)) {
      throw scimErrors.invalid_value(`Operation ${i + 1}: op must be add, replace or remove.`, { field: 'Operations' });
    }
    if (o.path !== undefined && (typeof o.path !== 'string' || o.path.length > 500)) throw scimErrors.invalid_path(`Operation ${i + 1}: path must be a string.`, { field: 'Operations' });
    return { op: o.op.toLowerCase(), path: o.path as string | undefined, value: o.value };
  });
}

/** The user fields a PATCH sets (add and replace; remove only clears the title). */
export function userPatch(ops: PatchOperation[]): UserFields {
  const f: UserFields = {};
  for (const o of ops) {
    if (o.op === 'remove') {
      if (o.path?.toLowerCase() === 'title') f.title = null;
      else throw scimErrors.mutability(`"${o.path ?? ''}" cannot be removed from a user.`, { field: 'Operations' });
      continue;
    }
    if (o.path) applyAttribute(f, o.path, o.value);
    else if (isObject(o.value)) for (const [k, v] of Object.entries(o.value)) applyAttribute(f, k, v);
    else throw scimErrors.invalid_value('An operation without path has an object value.', { field: 'Operations' });
  }
  return f;
}

/** The associate's name from the directory's fields: displayName, else name.formatted, else given and family name. */
export function displayNameOf(f: UserFields): string | undefined {
  return f.displayName ?? f.formatted ?? ([f.givenName, f.familyName].filter(Boolean).join(' ') || undefined);
}

/** `attribute eq "value"`, the filter directories send to find a user or group before creating it. */
export function parseEqFilter(filter: string | undefined, attributes: string[]): { attribute: string; value: string } | null {
  if (filter === undefined || filter.trim() === '') return null;
  const m = /^\s*([A-Za-z.:0-9]+)\s+eq\s+"((?:[^"\\]|\\.)*)"\s*$/i.exec(filter);
  const attribute = m ? attributes.find((a) => a.toLowerCase() === m[1].toLowerCase()) : undefined;
  if (!m || !attribute) throw scimErrors.invalid_filter(`Only the filter ${attributes.map((a) => `${a} eq "…"`).join(' or ')} is supported.`, { field: 'filter' });
  return { attribute, value: m[2].replace(/\\(.)/g, '$1') };
}

export function userResource(a: DirectoryAssociate, baseUrl: string) {
  return {
    schemas: [USER_SCHEMA, ENTERPRISE_SCHEMA],
    id: a.id,
    userName: a.email ?? '',
    displayName: a.displayName,
    name: { formatted: a.displayName },
    emails: a.email ? [{ value: a.email, type: 'work', primary: true }] : [],
    active: a.active,
    ...(a.jobTitle ? { title: a.jobTitle } : {}),
    groups: [
      ...a.roles.map((r) => ({ value: r.id, display: r.name, type: 'direct', $ref: `${baseUrl}/Groups/${r.id}` })),
      ...a.stores.map((s) => ({ value: s.id, display: s.name, type: 'direct', $ref: `${baseUrl}/Groups/${s.id}` })),
    ],
    [ENTERPRISE_SCHEMA]: { employeeNumber: a.personnelNumber },
    meta: { resourceType: 'User', created: new Date(a.createdAt).toISOString(), location: `${baseUrl}/Users/${a.id}` },
  };
}

export function listResponse<T>(resources: T[], total: number, startIndex: number) {
  return { schemas: [LIST_SCHEMA], totalResults: total, startIndex, itemsPerPage: resources.length, Resources: resources };
}

/** Members named in a group PATCH: `{path: "members", value: [{value}]}` or `{path: 'members[value eq "id"]'}` (remove). */
export function memberChanges(ops: PatchOperation[]): { add: string[]; remove: string[]; replace?: string[] } {
  const add: string[] = [];
  const remove: string[] = [];
  let replace: string[] | undefined;
  const ids = (v: unknown): string[] => {
    const list = Array.isArray(v) ? v : v === undefined ? [] : [v];
    return list.map((m) => {
      if (!isObject(m) || typeof m.value !== 'string' || !m.value) throw scimErrors.invalid_value('members are a list of {value: user id}.', { field: 'members' });
      return m.value;
    });
  };
  for (const o of ops) {
    const path = o.path?.trim();
    const one = path ? /^members\[\s*value\s+eq\s+"([^"]+)"\s*\]$/i.exec(path) : null;
    if (one) { if (o.op === 'remove') remove.push(one[1]); else add.push(one[1]); continue; }
    if (path && path.toLowerCase() !== 'members') {
      // displayName and externalId are the role's or store's own, set up here; a directory renaming its group changes nothing.
      if (/^(displayname|externalid)$/i.test(path)) continue;
      throw scimErrors.invalid_path(`"${path}" is not a group attribute that can change here.`, { field: 'Operations' });
    }
    if (!path) {
      if (!isObject(o.value)) throw scimErrors.invalid_value('An operation without path has an object value.', { field: 'Operations' });
      if (o.value.members === undefined) continue;
      const list = ids(o.value.members);
      if (o.op === 'replace') replace = list; else if (o.op === 'add') add.push(...list); else remove.push(...list);
      continue;
    }
    if (o.op === 'add') add.push(...ids(o.value));
    else if (o.op === 'replace') replace = ids(o.value);
    else if (o.value === undefined) replace = [];
    else remove.push(...ids(o.value));
  }
  return { add, remove, ...(replace ? { replace } : {}) };
}

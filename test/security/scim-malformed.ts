// Malformed requests for the SCIM 2.0 endpoints at /scim/v2. They are hidden from /openapi.json (RFC 7643's wire
// format, not this API's) and take any JSON body, so the malformed input is written here from RFC 7643/7644's shapes:
// a plausible User, Group, PATCH and list query, then one thing wrong at a time.
import type { Send } from './malformed.ts';
import { MEGABYTE, UNKNOWN_UUID } from './malformed.ts';

const SCIM_JSON = 'application/scim+json';
const NUL = 'a\u0000b';
const DEEP = 10_000;

const user = (email: string) => ({
  schemas: ['urn:ietf:params:scim:schemas:core:2.0:User'], userName: email, active: true, displayName: 'Léa Martin',
  emails: [{ primary: true, type: 'work', value: email }], name: { givenName: 'Léa', familyName: 'Martin' },
});
const group = { schemas: ['urn:ietf:params:scim:schemas:core:2.0:Group'], displayName: 'Sweep group', members: [] as unknown[] };
const patch = (ops: unknown) => ({ schemas: ['urn:ietf:params:scim:api:messages:2.0:PatchOp'], Operations: ops });

/** A body with one field replaced (or removed, when the value is undefined). */
const withField = (base: Record<string, unknown>, field: string, value: unknown) => {
  const out: Record<string, unknown> = { ...base };
  if (value === undefined) delete out[field]; else out[field] = value;
  return out;
};

/** The same JSON text with a lone surrogate escape where the marker string was (JSON.stringify would fix it). */
const surrogate = (body: unknown) => JSON.stringify(body).replace('__surrogate__', 'a\\ud800b');
const deep = () => `${'['.repeat(DEEP)}${']'.repeat(DEEP)}`;

function bodySends(method: string, url: string, base: Record<string, unknown>, fieldValues: Record<string, unknown[]>): Send[] {
  const send = (what: string, payload: string, contentType = SCIM_JSON): Send => ({ what, method, url, payload, headers: { 'content-type': contentType } });
  const out: Send[] = [
    send('invalid JSON', '{"userName": '),
    send('text/plain body', JSON.stringify(base), 'text/plain'),
    send('body is a list', '[]'), send('body is a string', '"x"'), send('body is a number', '1'), send('body is null', 'null'),
    send('nested 10000 deep', deep()),
    send('number too large', JSON.stringify(base).replace(/^\{/, '{"big": 1e400, ')),
  ];
  for (const [field, values] of Object.entries(fieldValues)) {
    for (const v of values) out.push(send(`${field} = ${JSON.stringify(v)?.slice(0, 40)}`, JSON.stringify(withField(base, field, v))));
    out.push(send(`${field} with NUL`, JSON.stringify(withField(base, field, NUL))));
    out.push(send(`${field} with a lone surrogate`, surrogate(withField(base, field, '__surrogate__'))));
    out.push(send(`${field} 1 MB`, JSON.stringify(withField(base, field, MEGABYTE))));
  }
  return out;
}

export interface ScimIds { user: string; group: string }

/** Every SCIM endpoint's malformed requests, with real ids of the token's legal entity where a path names one. */
export function scimMalformedRequests(ids: ScimIds, unique: () => string): Send[] {
  const sends: Send[] = [];
  const get = (what: string, url: string): Send => ({ what, method: 'GET', url });
  for (const kind of ['Users', 'Groups']) {
    for (const q of ['filter=userName%20eq', 'filter=(((', 'filter=userName%20eq%20%22a%22%20and', 'filter=displayName%20eq%20%22a%00b%22',
      'filter=emails%5Btype%20eq%20%22work%22%5D.value%20eq%20%22x%22', `filter=${encodeURIComponent(`userName eq "${'x'.repeat(490)}"`)}`,
      'startIndex=abc', 'startIndex=0', 'count=-1', 'count=1e400', 'startIndex=99999999999999999999', 'attributes=%00', 'excludedAttributes=members%ud800']) {
      sends.push(get(`list ${kind} ${q}`, `/scim/v2/${kind}?${q}`));
    }
    for (const id of [UNKNOWN_UUID, 'not-an-id', encodeURIComponent(NUL), '%ED%A0%80', 'x'.repeat(101)]) {
      sends.push(get(`get ${kind} ${id.slice(0, 20)}`, `/scim/v2/${kind}/${id}`));
      sends.push({ what: `delete ${kind} ${id.slice(0, 20)}`, method: 'DELETE', url: `/scim/v2/${kind}/${id}` });
      sends.push({ what: `patch ${kind} ${id.slice(0, 20)}`, method: 'PATCH', url: `/scim/v2/${kind}/${id}`, payload: JSON.stringify(patch([{ op: 'replace', path: 'displayName', value: 'x' }])), headers: { 'content-type': SCIM_JSON } });
    }
  }
  const userFields = {
    userName: [123, '', 'not-an-email', null, [], {}], displayName: [5, '', {}], active: ['yes', 2, null, []], emails: ['x', [1], [{ value: 5 }], [{ value: 'nope' }], {}],
    name: ['x', [], { givenName: {} }, { familyName: 7 }], title: [5, {}], schemas: ['x', [5]],
    'urn:ietf:params:scim:schemas:extension:enterprise:2.0:User': ['x', { employeeNumber: {} }, { employeeNumber: 5 }],
  };
  sends.push(...bodySends('POST', '/scim/v2/Users', user(`${unique()}@example.test`), userFields).map((s) => ({ ...s, what: `POST Users ${s.what}` })));
  sends.push(...bodySends('PUT', `/scim/v2/Users/${ids.user}`, user(`${unique()}@example.test`), userFields).map((s) => ({ ...s, what: `PUT Users ${s.what}` })));
  const groupFields = { displayName: [5, '', null, {}], members: ['x', [1], [{ value: 5 }], [{ value: 'not-an-id' }], [{ value: UNKNOWN_UUID }], {}], schemas: ['x'] };
  sends.push(...bodySends('POST', '/scim/v2/Groups', group, groupFields).map((s) => ({ ...s, what: `POST Groups ${s.what}` })));
  sends.push(...bodySends('PUT', `/scim/v2/Groups/${ids.group}`, group, groupFields).map((s) => ({ ...s, what: `PUT Groups ${s.what}` })));
  const badOps: unknown[] = [
    'x', {}, [], [1], [null], [{}], [{ op: 'explode', path: 'displayName', value: 'x' }], [{ op: 5 }],
    [{ op: 'replace', path: 'name[[', value: 'x' }], [{ op: 'replace', path: 5, value: 'x' }], [{ op: 'replace', value: 5 }], [{ op: 'replace', value: [] }],
    [{ op: 'remove' }], [{ op: 'add', path: 'members', value: 'x' }], [{ op: 'add', path: 'members', value: [{ value: 5 }] }],
    [{ op: 'remove', path: 'members[value eq' }], [{ op: 'remove', path: `members[value eq "${UNKNOWN_UUID}"]` }],
    [{ op: 'replace', path: 'emails[type eq "work"].value', value: {} }], [{ op: 'replace', path: 'active', value: 'maybe' }],
    [{ op: 'replace', path: 'userName', value: NUL }], [{ op: 'replace', path: 'displayName', value: MEGABYTE }],
    [{ op: 'replace', path: 'urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:employeeNumber', value: {} }],
  ];
  for (const [kind, id] of [['Users', ids.user], ['Groups', ids.group]] as const) {
    for (const ops of badOps) {
      sends.push({ what: `PATCH ${kind} Operations ${JSON.stringify(ops).slice(0, 60)}`, method: 'PATCH', url: `/scim/v2/${kind}/${id}`, payload: JSON.stringify(patch(ops)), headers: { 'content-type': SCIM_JSON } });
    }
    sends.push({ what: `PATCH ${kind} no Operations`, method: 'PATCH', url: `/scim/v2/${kind}/${id}`, payload: JSON.stringify({ schemas: [] }), headers: { 'content-type': SCIM_JSON } });
    sends.push({ what: `PATCH ${kind} invalid JSON`, method: 'PATCH', url: `/scim/v2/${kind}/${id}`, payload: '{"Operations": [', headers: { 'content-type': SCIM_JSON } });
    sends.push({ what: `PATCH ${kind} nested`, method: 'PATCH', url: `/scim/v2/${kind}/${id}`, payload: deep(), headers: { 'content-type': SCIM_JSON } });
  }
  return sends;
}

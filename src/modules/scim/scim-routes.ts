// SCIM 2.0 (RFC 7644) endpoints for a directory (Entra ID, Okta, Google) at /scim/v2, authenticated by an API token
// with the `scim` scope (and by nothing else). They answer application/scim+json and errors in SCIM's format, not
// problem+json: this plugin has its own error and not-found handlers. Hidden from /openapi.json: the wire format is
// RFC 7643's, not this API's.
import { Type } from '@sinclair/typebox';
import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import type { App } from '../../http/types.ts';
import { AppError } from '../../http/errors.ts';
import { ERROR_SCHEMA, GROUP_SCHEMA, USER_SCHEMA, ENTERPRISE_SCHEMA, operationsOf, userFieldsOf, userPatch } from './resources.ts';
import * as scim from './service.ts';

const SCIM_TYPE = 'application/scim+json';
const Resource = Type.Object({}, { additionalProperties: true });
const IdParams = Type.Object({ id: Type.String({ minLength: 1, maxLength: 100 }) });
const ListQuery = Type.Object({
  filter: Type.Optional(Type.String({ maxLength: 500 })),
  startIndex: Type.Optional(Type.Integer({ minimum: 1, maximum: 1_000_000 })),
  count: Type.Optional(Type.Integer({ minimum: 0, maximum: 1_000_000 })),
  attributes: Type.Optional(Type.String({ maxLength: 500 })),
  excludedAttributes: Type.Optional(Type.String({ maxLength: 500 })),
}, { additionalProperties: true });
const GetQuery = Type.Object({ attributes: Type.Optional(Type.String({ maxLength: 500 })), excludedAttributes: Type.Optional(Type.String({ maxLength: 500 })) }, { additionalProperties: true });
const Body = Type.Unknown();
const responses = (ok: number) => ({ [ok]: Resource, '4xx': Resource });

/** RFC 7644 §3.12: the error body; scimType names the kind of bad request where SCIM has one. */
function sendScimError(reply: FastifyReply, status: number, detail: string, scimType?: string) {
  return reply.status(status).type(SCIM_TYPE).send({ schemas: [ERROR_SCHEMA], status: String(status), ...(scimType ? { scimType } : {}), detail });
}

const SCIM_TYPES: Record<string, string> = {
  'scim.invalid_filter': 'invalidFilter', 'scim.invalid_path': 'invalidPath', 'scim.mutability': 'mutability',
  'scim.uniqueness': 'uniqueness', 'scim.invalid_value': 'invalidValue',
};

function scimErrorHandler(error: FastifyError & { cause?: { code?: unknown } }, req: FastifyRequest, reply: FastifyReply) {
  if (error instanceof AppError) return sendScimError(reply, error.status, error.message, SCIM_TYPES[error.code] ?? (error.kind === 'validation' ? 'invalidValue' : undefined));
  if (error.validation) return sendScimError(reply, 400, `${error.validationContext ?? 'body'} ${error.message}`, 'invalidValue');
  const state = [error.code, error.cause?.code].find((c) => typeof c === 'string' && /^[0-9A-Z]{5}$/.test(c));
  if (state === '23505') return sendScimError(reply, 409, 'A record with the same key already exists.', 'uniqueness');
  if (typeof state === 'string' && state.startsWith('22')) return sendScimError(reply, 400, 'A value is not valid.', 'invalidValue');
  if (error.statusCode && error.statusCode >= 400 && error.statusCode < 500) return sendScimError(reply, error.statusCode, error.message);
  req.log.error({ err: error }, 'SCIM request failed');
  return sendScimError(reply, 500, 'The request failed on the server.');
}

export default async function scimProtocolRoutes(app: App) {
  app.setErrorHandler(scimErrorHandler);
  app.setNotFoundHandler((req, reply) => sendScimError(reply, 404, `No SCIM endpoint ${req.method} ${req.url.split('?')[0]}.`));
  // Directories send application/scim+json (RFC 7644 §3.1); it is JSON.
  app.addContentTypeParser(SCIM_TYPE, { parseAs: 'string' }, app.getDefaultJsonParser('error', 'error'));
  // Only a SCIM token: a session or another API token is refused here, as a SCIM token is everywhere else (app.ts).
  app.addHook('onRequest', async (req, reply) => {
    if (!req.auth) return sendScimError(reply, 401, 'Send the SCIM token as a bearer token.');
    if (!req.auth.scim) return sendScimError(reply, 403, 'Only an API token with the "scim" scope may use the SCIM endpoints.');
  });
  app.addHook('onSend', async (_req, reply, payload) => {
    if (String(reply.getHeader('content-type') ?? '').startsWith('application/json')) reply.type(SCIM_TYPE);
    return payload;
  });
  const baseUrl = `${app.config.publicBaseUrl.replace(/\/$/, '')}/scim/v2`;
  const hide = { hide: true } as const;
  // Every call reads and writes the SCIM token's legal entity only (the hook above lets no other caller in).
  const cfg = {};

  app.get('/ServiceProviderConfig', { ...cfg, schema: { ...hide, response: responses(200) } }, async () => ({
    schemas: ['urn:ietf:params:scim:schemas:core:2.0:ServiceProviderConfig'],
    documentationUri: `${app.config.publicBaseUrl}/#scim`,
    patch: { supported: true }, bulk: { supported: false, maxOperations: 0, maxPayloadSize: 0 },
    filter: { supported: true, maxResults: 200 }, changePassword: { supported: false }, sort: { supported: false }, etag: { supported: false },
    authenticationSchemes: [{ type: 'oauthbearertoken', name: 'OAuth Bearer Token', description: 'An API token with the "scim" scope, created by head office.', primary: true }],
    meta: { resourceType: 'ServiceProviderConfig', location: `${baseUrl}/ServiceProviderConfig` },
  }));

  const resourceTypes = [
    { schemas: ['urn:ietf:params:scim:schemas:core:2.0:ResourceType'], id: 'User', name: 'User', endpoint: '/Users', schema: USER_SCHEMA,
      schemaExtensions: [{ schema: ENTERPRISE_SCHEMA, required: false }], meta: { resourceType: 'ResourceType', location: `${baseUrl}/ResourceTypes/User` } },
    { schemas: ['urn:ietf:params:scim:schemas:core:2.0:ResourceType'], id: 'Group', name: 'Group', endpoint: '/Groups', schema: GROUP_SCHEMA,
      meta: { resourceType: 'ResourceType', location: `${baseUrl}/ResourceTypes/Group` } },
  ];
  app.get('/ResourceTypes', { ...cfg, schema: { ...hide, response: responses(200) } },
    async () => ({ schemas: ['urn:ietf:params:scim:api:messages:2.0:ListResponse'], totalResults: 2, startIndex: 1, itemsPerPage: 2, Resources: resourceTypes }));

  const attr = (name: string, type: string, extra: Record<string, unknown> = {}) => ({
    name, type, multiValued: false, required: false, caseExact: false, mutability: 'readWrite', returned: 'default', uniqueness: 'none', ...extra,
  });
  const schemas = [
    { id: USER_SCHEMA, name: 'User', description: 'An associate of the legal entity', attributes: [
      attr('userName', 'string', { required: true, uniqueness: 'server' }), attr('displayName', 'string'), attr('title', 'string'), attr('active', 'boolean'),
      attr('name', 'complex', { subAttributes: [attr('formatted', 'string'), attr('givenName', 'string'), attr('familyName', 'string')] }),
      attr('emails', 'complex', { multiValued: true, subAttributes: [attr('value', 'string'), attr('type', 'string'), attr('primary', 'boolean')] }),
      attr('groups', 'complex', { multiValued: true, mutability: 'readOnly' }),
    ] },
    { id: ENTERPRISE_SCHEMA, name: 'EnterpriseUser', description: 'employeeNumber is the associate\'s personnel number', attributes: [attr('employeeNumber', 'string')] },
    { id: GROUP_SCHEMA, name: 'Group', description: 'A role or a store of the legal entity, by name', attributes: [
      attr('displayName', 'string', { required: true, mutability: 'immutable' }),
      attr('members', 'complex', { multiValued: true, subAttributes: [attr('value', 'string', { mutability: 'immutable' })] }),
    ] },
  ].map((s) => ({ schemas: ['urn:ietf:params:scim:schemas:core:2.0:Schema'], ...s, meta: { resourceType: 'Schema', location: `${baseUrl}/Schemas/${s.id}` } }));
  app.get('/Schemas', { ...cfg, schema: { ...hide, response: responses(200) } },
    async () => ({ schemas: ['urn:ietf:params:scim:api:messages:2.0:ListResponse'], totalResults: schemas.length, startIndex: 1, itemsPerPage: schemas.length, Resources: schemas }));

  // Users ------------------------------------------------------------------------------------------------------------
  app.get('/Users', { ...cfg, schema: { ...hide, querystring: ListQuery, response: responses(200) } },
    async (req) => scim.listUsers(app.db, req.auth!, baseUrl, req.query));
  app.get('/Users/:id', { ...cfg, schema: { ...hide, params: IdParams, querystring: GetQuery, response: responses(200) } },
    async (req) => scim.getUser(app.db, req.auth!, baseUrl, req.params.id));
  app.post('/Users', { ...cfg, schema: { ...hide, body: Body, response: responses(201) } }, async (req, reply) => {
    const user = await scim.createUser(app.db, req.auth!, baseUrl, userFieldsOf(req.body));
    return reply.status(201).header('location', user.meta.location).send(user);
  });
  app.put('/Users/:id', { ...cfg, schema: { ...hide, params: IdParams, body: Body, response: responses(200) } },
    async (req) => scim.replaceUser(app.db, req.auth!, baseUrl, req.params.id, userFieldsOf(req.body)));
  app.patch('/Users/:id', { ...cfg, schema: { ...hide, params: IdParams, body: Body, response: responses(200) } },
    async (req) => scim.patchUser(app.db, req.auth!, baseUrl, req.params.id, userPatch(operationsOf(req.body))));
  app.delete('/Users/:id', { ...cfg, schema: { ...hide, params: IdParams } }, async (req, reply) => {
    // Deleting in the directory deactivates here: the associate's history (sales, notes, audit) stays theirs.
    await scim.deactivateUser(app.db, req.auth!, req.params.id);
    return reply.status(204).send();
  });

  // Groups -----------------------------------------------------------------------------------------------------------
  app.get('/Groups', { ...cfg, schema: { ...hide, querystring: ListQuery, response: responses(200) } },
    async (req) => scim.listGroups(app.db, req.auth!, baseUrl, req.query));
  app.get('/Groups/:id', { ...cfg, schema: { ...hide, params: IdParams, querystring: GetQuery, response: responses(200) } },
    async (req) => scim.getGroup(app.db, req.auth!, baseUrl, req.params.id, req.query.excludedAttributes));
  app.post('/Groups', { ...cfg, schema: { ...hide, body: Body, response: responses(201) } }, async (req, reply) => {
    const group = await scim.createGroup(app.db, req.auth!, baseUrl, req.body);
    return reply.status(201).header('location', group.meta.location).send(group);
  });
  app.put('/Groups/:id', { ...cfg, schema: { ...hide, params: IdParams, body: Body, response: responses(200) } },
    async (req) => scim.replaceGroup(app.db, req.auth!, baseUrl, req.params.id, req.body));
  app.patch('/Groups/:id', { ...cfg, schema: { ...hide, params: IdParams, body: Body, response: responses(200) } },
    async (req) => scim.patchGroup(app.db, req.auth!, baseUrl, req.params.id, operationsOf(req.body)));
  app.delete('/Groups/:id', { ...cfg, schema: { ...hide, params: IdParams } },
    async (req) => scim.deleteGroup(app.db, req.auth!, req.params.id));
}

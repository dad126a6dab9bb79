import type { FastifyInstance } from 'fastify';

/** Head office turns clienteling on (and optionally changes other settings) through the API. */
export async function enableClienteling(app: FastifyInstance, headOfficeCookie: string, extra: Record<string, unknown> = {}) {
  const res = await app.inject({ method: 'PATCH', url: '/api/v1/setup/clienteling', headers: { cookie: headOfficeCookie }, payload: { enabled: true, ...extra } });
  if (res.statusCode !== 200) throw new Error(`enable clienteling: ${res.statusCode} ${res.body}`);
  return res.json();
}

export async function createAttribute(app: FastifyInstance, cookie: string, body: Record<string, unknown>) {
  const res = await app.inject({ method: 'POST', url: '/api/v1/customer-attributes', headers: { cookie }, payload: body });
  if (res.statusCode !== 201) throw new Error(`create attribute: ${res.statusCode} ${res.body}`);
  return res.json() as { id: string; name: string };
}

export async function createGroup(app: FastifyInstance, cookie: string, name: string) {
  const res = await app.inject({ method: 'POST', url: '/api/v1/attribute-groups', headers: { cookie }, payload: { name } });
  if (res.statusCode !== 201) throw new Error(`create group: ${res.statusCode} ${res.body}`);
  return res.json() as { id: string };
}

export async function setValues(app: FastifyInstance, cookie: string, customerId: string, values: { attributeId: string; value: unknown }[]) {
  const res = await app.inject({ method: 'PUT', url: `/api/v1/customers/${customerId}/attributes`, headers: { cookie }, payload: { values } });
  if (res.statusCode !== 200) throw new Error(`set values: ${res.statusCode} ${res.body}`);
}

export async function addToBook(app: FastifyInstance, cookie: string, customerId: string) {
  return app.inject({ method: 'POST', url: '/api/v1/client-book/customers', headers: { cookie }, payload: { customerId } });
}

export async function searchBook(app: FastifyInstance, cookie: string, body: Record<string, unknown> = {}, store = false) {
  const res = await app.inject({ method: 'POST', url: store ? '/api/v1/store-client-book/search' : '/api/v1/client-book/search', headers: { cookie }, payload: body });
  if (res.statusCode !== 200) throw new Error(`search: ${res.statusCode} ${res.body}`);
  return res.json() as { items: { customerId: string; firstName: string; lastName: string; properties: { kind: string; label: string; value: string | null }[]; owners: { associateId: string; isPrimary: boolean }[]; birthdayInDays: number | null }[]; nextCursor: string | null };
}

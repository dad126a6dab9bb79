import type { FastifyInstance } from 'fastify';
import type { Db } from '../../src/db/client.ts';
import { createLegalEntity, createStore, createAssociate } from '../../src/modules/organisation/service.ts';
import { customers } from '../../src/modules/customers/schema.ts';

import { uniq } from './unique.ts';
import { passSecondFactor } from './second-factor.ts';

// Each test builds its own legal entity, so tests never depend on seed data or on each other.

export async function buildLegalEntity(db: Db, over: Partial<{ code: string; name: string; currency: string; timeZone: string }> = {}) {
  const code = over.code ?? `LE${uniq()}`;
  return createLegalEntity(db, { code, name: over.name ?? `Legal entity ${code}`, currency: over.currency ?? 'EUR', timeZone: over.timeZone ?? 'Europe/Paris' });
}

export async function buildStore(db: Db, legalEntityId?: string, over: Partial<{ code: string; name: string; timeZone: string; addressBookId: string }> = {}) {
  legalEntityId ??= (await buildLegalEntity(db)).id;
  const code = over.code ?? `S${uniq()}`;
  return createStore(db, legalEntityId, { code, name: over.name ?? `Store ${code}`, timeZone: over.timeZone ?? 'Europe/Paris', addressBookId: over.addressBookId });
}

export const TEST_PASSWORD = 'correct horse battery staple';

export async function buildAssociate(
  db: Db,
  le: { id: string; roles: Record<string, string> },
  over: Partial<{ role: string | string[]; storeIds: string[]; displayName: string; email: string }> = {},
) {
  const id = uniq();
  const roleNames = Array.isArray(over.role) ? over.role : [over.role ?? 'Sales associate'];
  const email = over.email ?? `associate-${id}@example.test`;
  const a = await createAssociate(db, le.id, {
    email, displayName: over.displayName ?? `Associate ${id}`, password: TEST_PASSWORD, personnelNumber: `P${id}`,
    roleIds: roleNames.map((r) => le.roles[r]), storeIds: over.storeIds ?? [],
  });
  return { ...a, email };
}

export async function buildCustomer(db: Db, legalEntityId?: string, over: Partial<typeof customers.$inferInsert> = {}) {
  legalEntityId ??= over.legalEntityId ?? (await buildLegalEntity(db)).id;
  const id = uniq();
  const [c] = await db.insert(customers).values({
    legalEntityId, accountNumber: over.accountNumber ?? `C${id}`, firstName: 'Ada', lastName: `Customer ${id}`,
    email: `customer-${id}@example.test`, ...over,
  }).returning();
  return c;
}

/** Signs in through the API (with the second factor when the role requires one) and returns the cookie header to send with later requests. */
export async function signInAs(app: FastifyInstance, email: string, password = TEST_PASSWORD, extra: Record<string, string> = {}) {
  let res = await app.inject({ method: 'POST', url: '/api/v1/auth/sign-in', payload: { email, password, ...extra } });
  // Head office (and any role that requires it) passes the second factor: enrolling on the first sign-in.
  if (res.statusCode === 202) res = await passSecondFactor(app, email, res.json());
  if (res.statusCode !== 200) throw new Error(`sign-in failed: ${res.statusCode} ${res.body}`);
  const cookie = res.cookies.find((c) => c.name === 'clt_session')!;
  return { cookie: `clt_session=${cookie.value}` };
}

/** A legal entity with one store, a sales associate, a store manager and a head-office user, all signed in. */
export async function buildRetailer(app: FastifyInstance, db: Db) {
  const le = await buildLegalEntity(db);
  const store = await buildStore(db, le.id);
  const associate = await buildAssociate(db, le, { storeIds: [store.id] });
  const manager = await buildAssociate(db, le, { role: 'Store manager', storeIds: [store.id] });
  const headOffice = await buildAssociate(db, le, { role: 'Head office', storeIds: [store.id] });
  return {
    le, store, associate, manager, headOffice,
    as: {
      associate: (await signInAs(app, associate.email)).cookie,
      manager: (await signInAs(app, manager.email)).cookie,
      headOffice: (await signInAs(app, headOffice.email)).cookie,
    },
  };
}

import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { randomUUID } from 'node:crypto';
import { sql } from 'drizzle-orm';
import { testApp } from '../../../test/app.ts';
import { startSmtpSink } from '../../../test/smtp-sink.ts';
import { buildRetailer, buildAssociate, signInAs, passSecondFactor, TEST_PASSWORD } from '../../../test/factories.ts';
import { query } from '../../db/client.ts';
import { DEFAULT_ROLES } from './permissions.ts';
import { authErrors } from './errors.ts';

let app: Awaited<ReturnType<typeof testApp>>;
let sink: Awaited<ReturnType<typeof startSmtpSink>>;
beforeAll(async () => {
  sink = await startSmtpSink();
  app = await testApp({ smtpUrl: sink.url, publicBaseUrl: 'https://clienteling.example' });
});
afterAll(async () => { await app?.close(); await sink?.close(); });

const newAddress = () => `10.${Math.floor(Math.random() * 250)}.${Math.floor(Math.random() * 250)}.${Math.floor(Math.random() * 250)}`;
/** A password sign-in; head office passes its second factor as a person would (test/factories/second-factor.ts). */
const signIn = async (email: string, password: string, extra: Record<string, string> = {}) => {
  const res = await app.inject({ method: 'POST', url: '/api/v1/auth/sign-in', payload: { email, password, ...extra }, remoteAddress: newAddress() });
  return res.statusCode === 202 ? passSecondFactor(app, email, res.json()) : res;
};

function invitationLink(to: string): string {
  const mail = sink.messages.filter((m) => m.to.includes(to)).at(-1);
  if (!mail) throw new Error(`no email to ${to}`);
  return mail.text.match(/https:\/\/clienteling\.example\/invitations\/(inv_[A-Za-z0-9_-]+)/)![1];
}

async function userOf(email: string) {
  const [u] = await query<{ id: string; displayName: string; passwordHash: string }>(app.db, sql`
    select id, display_name as "displayName", password_hash as "passwordHash" from users where email = ${email}`);
  return u;
}

const storeManagerPermissions = [...DEFAULT_ROLES.find((r) => r.name === 'Store manager')!.permissions].sort();

describe('creating an associate for an address that already has an account (issue #14)', () => {
  it('answers as for a new address, attaches nothing until the person accepts, and changes nothing of their profile', async () => {
    const fr = await buildRetailer(app, app.db);
    const uk = await buildRetailer(app, app.db);
    const camilleEmail = `camille-${randomUUID().slice(0, 8)}@aurelle.example`;
    const camille = await buildAssociate(app.db, fr.le, { email: camilleEmail, displayName: 'Camille Aurelle', role: 'Head office', storeIds: [fr.store.id] });
    const before = await userOf(camilleEmail);
    const newcomer = `newcomer-${randomUUID().slice(0, 8)}@example.test`;

    const invite = (email: string, displayName: string, personnelNumber: string) => app.inject({
      method: 'POST', url: '/api/v1/associates', headers: { cookie: uk.as.headOffice },
      payload: { email, displayName, personnelNumber, roleIds: [uk.le.roles['Store manager']], storeIds: [uk.store.id] },
    });
    const forCamille = await invite(camilleEmail, 'Camille A. (UK)', 'UK-77');
    const forNewcomer = await invite(newcomer, 'Nina Newcomer', 'UK-78');
    // The same status and shape whether or not the address has an account.
    for (const res of [forCamille, forNewcomer]) {
      expect(res.statusCode).toBe(201);
      expect(Object.keys(res.json()).sort()).toEqual(['expiresAt', 'id', 'status']);
      expect(res.json().status).toBe('invited');
    }
    const list = (await app.inject({ method: 'GET', url: '/api/v1/associates', headers: { cookie: uk.as.headOffice } })).json();
    const row = (id: string) => { const { id: _i, email: _e, displayName: _d, personnelNumber: _p, invitationExpiresAt: _x, ...rest } = list.find((a: any) => a.id === id); return rest; };
    expect(row(forCamille.json().id)).toEqual(row(forNewcomer.json().id));
    expect(row(forCamille.json().id)).toMatchObject({ status: 'invited', active: false });

    // Not attached: camille can't sign in to the UK, and can't be switched on by the UK head office.
    const toUk = await signIn(camilleEmail, TEST_PASSWORD, { legalEntityId: uk.le.id });
    expect(toUk.statusCode).toBe(403);
    expect(toUk.json().code).toBe(authErrors.not_associate_of_legal_entity.code);
    const plain = await signIn(camilleEmail, TEST_PASSWORD);
    expect(plain.statusCode).toBe(200);
    expect(plain.json().legalEntity.id).toBe(fr.le.id);
    const activate = await app.inject({ method: 'PUT', url: `/api/v1/associates/${forCamille.json().id}/active`, headers: { cookie: uk.as.headOffice }, payload: { active: true } });
    expect(activate.statusCode).toBe(409);
    const [pending] = await query<{ userId: string | null }>(app.db, sql`select user_id as "userId" from associates where id = ${forCamille.json().id}`);
    expect(pending.userId).toBeNull();
    // Her name, password and her French associate are as they were.
    expect(await userOf(camilleEmail)).toEqual(before);
    const frList = (await app.inject({ method: 'GET', url: '/api/v1/associates', headers: { cookie: fr.as.headOffice } })).json();
    expect(frList.find((a: any) => a.id === camille.id).displayName).toBe('Camille Aurelle');

    // Each address got an invitation email with a link; the link tells its holder whether they have an account.
    const token = invitationLink(camilleEmail);
    invitationLink(newcomer);
    const shown = await app.inject({ method: 'GET', url: `/api/v1/invitations/${token}` });
    expect(shown.json()).toMatchObject({ legalEntity: uk.le.name, displayName: 'Camille A. (UK)', email: camilleEmail, hasAccount: true });

    // Accepting needs her: neither the link alone nor a wrong password will do; her own session does.
    const bare = await app.inject({ method: 'POST', url: `/api/v1/invitations/${token}/accept`, payload: {}, remoteAddress: newAddress() });
    expect(bare.statusCode).toBe(401);
    expect(bare.json().code).toBe(authErrors.invitation_needs_account_owner.code);
    const wrong = await app.inject({ method: 'POST', url: `/api/v1/invitations/${token}/accept`, payload: { password: 'a wrong password' }, remoteAddress: newAddress() });
    expect(wrong.statusCode).toBe(401);
    expect(wrong.json()).toMatchObject({ code: authErrors.wrong_password.code, field: 'password' });
    const someoneElse = await app.inject({ method: 'POST', url: `/api/v1/invitations/${token}/accept`, headers: { cookie: uk.as.associate }, payload: {}, remoteAddress: newAddress() });
    expect(someoneElse.statusCode).toBe(401);
    expect(someoneElse.json().code).toBe(authErrors.invitation_needs_account_owner.code);
    const cookie = plain.cookies.find((c) => c.name === 'clt_session')!;
    const answer = await app.inject({ method: 'POST', url: `/api/v1/invitations/${token}/accept`, headers: { cookie: `clt_session=${cookie.value}` }, payload: {} });
    // Her account has a second factor (head office in France): accepting leads to its code step, then the UK session.
    expect(answer.statusCode).toBe(202);
    const accepted = await passSecondFactor(app, camilleEmail, answer.json());
    expect(accepted.statusCode).toBe(200);
    expect(accepted.json()).toMatchObject({ legalEntity: { id: uk.le.id }, name: 'Camille A. (UK)', storeId: uk.store.id });
    expect(accepted.json().permissions).toEqual(storeManagerPermissions);
    // The link works once.
    const again = await app.inject({ method: 'POST', url: `/api/v1/invitations/${token}/accept`, headers: { cookie: `clt_session=${cookie.value}` }, payload: {} });
    expect(again.statusCode).toBe(404);
    expect(again.json().code).toBe(authErrors.invitation_link_invalid.code);

    // Now she is in both: a sign-in without a legal entity asks, every time; naming the UK gives the UK's permissions.
    for (let i = 0; i < 2; i++) {
      const choose = await signIn(camilleEmail, TEST_PASSWORD);
      expect(choose.statusCode).toBe(409);
      expect(choose.json().code).toBe(authErrors.choose_legal_entity.code);
      expect(choose.json().legalEntities.map((l: any) => l.id).sort()).toEqual([fr.le.id, uk.le.id].sort());
    }
    const inUk = await signIn(camilleEmail, TEST_PASSWORD, { legalEntityId: uk.le.id });
    expect(inUk.statusCode).toBe(200);
    expect(inUk.json().permissions).toEqual(storeManagerPermissions);
    const inFr = await signIn(camilleEmail, TEST_PASSWORD, { legalEntityId: fr.le.id });
    expect(inFr.json().permissions.length).toBeGreaterThan(storeManagerPermissions.length);
    expect(inFr.json().name).toBe('Camille Aurelle');
    expect(await userOf(camilleEmail)).toEqual(before);
  });

  it('accepts with the existing account\'s password, without a session', async () => {
    const fr = await buildRetailer(app, app.db);
    const uk = await buildRetailer(app, app.db);
    const res = await app.inject({
      method: 'POST', url: '/api/v1/associates', headers: { cookie: uk.as.headOffice },
      payload: { email: fr.associate.email, displayName: 'Borrowed', personnelNumber: 'UK-1', roleIds: [uk.le.roles['Sales associate']], storeIds: [] },
    });
    expect(res.statusCode).toBe(201);
    const accepted = await app.inject({ method: 'POST', url: `/api/v1/invitations/${invitationLink(fr.associate.email)}/accept`, payload: { password: TEST_PASSWORD }, remoteAddress: newAddress() });
    expect(accepted.statusCode).toBe(200);
    expect(accepted.json().legalEntity.id).toBe(uk.le.id);
    expect(accepted.cookies.find((c) => c.name === 'clt_session')).toBeDefined();
  });

  it('lets a new address choose its password, then sign in straight to its one legal entity', async () => {
    const uk = await buildRetailer(app, app.db);
    const email = `new-${randomUUID().slice(0, 8)}@example.test`;
    const res = await app.inject({
      method: 'POST', url: '/api/v1/associates', headers: { cookie: uk.as.headOffice },
      payload: { email, displayName: 'Nia New', personnelNumber: 'N-1', roleIds: [uk.le.roles['Sales associate']], storeIds: [uk.store.id] },
    });
    const token = invitationLink(email);
    expect((await app.inject({ method: 'GET', url: `/api/v1/invitations/${token}` })).json().hasAccount).toBe(false);
    const short = await app.inject({ method: 'POST', url: `/api/v1/invitations/${token}/accept`, payload: { password: 'short' } });
    expect(short.statusCode).toBe(400);
    expect(short.json()).toMatchObject({ code: authErrors.password_too_short.code, field: 'password' });
    const accepted = await app.inject({ method: 'POST', url: `/api/v1/invitations/${token}/accept`, payload: { password: 'a long new password' } });
    expect(accepted.statusCode).toBe(200);
    expect(accepted.json()).toMatchObject({ associateId: res.json().id, name: 'Nia New', legalEntity: { id: uk.le.id } });
    const again = await signIn(email, 'a long new password');
    expect(again.statusCode).toBe(200);
    expect(again.json().associateId).toBe(res.json().id);
    const list = (await app.inject({ method: 'GET', url: '/api/v1/associates', headers: { cookie: uk.as.headOffice } })).json();
    expect(list.find((a: any) => a.id === res.json().id)).toMatchObject({ status: 'active', active: true, invitationExpiresAt: null });
  });

  it('lists pending invitations, which can be declined, sent again, cancelled, and expire', async () => {
    const uk = await buildRetailer(app, app.db);
    const email = `pending-${randomUUID().slice(0, 8)}@example.test`;
    const created = await app.inject({
      method: 'POST', url: '/api/v1/associates', headers: { cookie: uk.as.headOffice },
      payload: { email, displayName: 'Pat Pending', personnelNumber: 'P-1', roleIds: [], storeIds: [] },
    });
    const id = created.json().id;
    const status = async () => (await app.inject({ method: 'GET', url: '/api/v1/associates', headers: { cookie: uk.as.headOffice } })).json().find((a: any) => a.id === id)?.status;
    expect(await status()).toBe('invited');
    const first = invitationLink(email);
    expect((await app.inject({ method: 'POST', url: `/api/v1/invitations/${first}/decline`, payload: {} })).statusCode).toBe(200);
    expect(await status()).toBe('declined');
    const declined = await app.inject({ method: 'GET', url: `/api/v1/invitations/${first}` });
    expect(declined.statusCode).toBe(404);
    expect(declined.json().code).toBe(authErrors.invitation_link_invalid.code);

    const resent = await app.inject({ method: 'POST', url: `/api/v1/associates/${id}/invitation`, headers: { cookie: uk.as.headOffice }, payload: {} });
    expect(resent.statusCode).toBe(200);
    const second = invitationLink(email);
    expect(second).not.toBe(first);
    expect(await status()).toBe('invited');
    await app.db.execute(sql`update associate_invitations set expires_at = now() - interval '1 minute' where associate_id = ${id}`);
    expect(await status()).toBe('expired');
    const expired = await app.inject({ method: 'POST', url: `/api/v1/invitations/${second}/accept`, payload: { password: 'a long new password' } });
    expect(expired.statusCode).toBe(404);
    expect(expired.json().code).toBe(authErrors.invitation_link_invalid.code);

    const cancelled = await app.inject({ method: 'DELETE', url: `/api/v1/associates/${id}/invitation`, headers: { cookie: uk.as.headOffice } });
    expect(cancelled.statusCode).toBe(200);
    expect(await status()).toBeUndefined();
    // An accepted associate is not an invitation to cancel.
    const member = await app.inject({ method: 'DELETE', url: `/api/v1/associates/${uk.associate.id}/invitation`, headers: { cookie: uk.as.headOffice } });
    expect(member.statusCode).toBe(404);
    expect(member.json().code).toBe(authErrors.open_invitation_not_found.code);
  });

  it('refuses duplicates within the legal entity, other legal entities\' invitations, and callers without the permission', async () => {
    const uk = await buildRetailer(app, app.db);
    const other = await buildRetailer(app, app.db);
    const body = (email: string, personnelNumber: string) => ({ email, displayName: 'Dup', personnelNumber, roleIds: [], storeIds: [] });
    const dup = await app.inject({ method: 'POST', url: '/api/v1/associates', headers: { cookie: uk.as.headOffice }, payload: body(uk.associate.email, 'D-1') });
    expect(dup.statusCode).toBe(409);
    expect(dup.json()).toMatchObject({ code: authErrors.associate_email_taken.code, field: 'email' });
    const sent = sink.messages.length;
    const denied = await app.inject({ method: 'POST', url: '/api/v1/associates', headers: { cookie: uk.as.associate }, payload: body(`x-${randomUUID()}@example.test`, 'D-2') });
    expect(denied.statusCode).toBe(403);
    expect(denied.json().code).toBe('forbidden');
    const foreignRole = await app.inject({ method: 'POST', url: '/api/v1/associates', headers: { cookie: uk.as.headOffice }, payload: { ...body(`y-${randomUUID()}@example.test`, 'D-3'), roleIds: [other.le.roles['Head office']] } });
    expect(foreignRole.statusCode).toBe(400);
    expect(sink.messages.length).toBe(sent);
    // Another legal entity's pending associate can't be cancelled or re-sent from here.
    const theirs = await app.inject({ method: 'POST', url: '/api/v1/associates', headers: { cookie: other.as.headOffice }, payload: body(`z-${randomUUID()}@example.test`, 'Z-1') });
    for (const method of ['DELETE', 'POST'] as const) {
      const res = await app.inject({ method, url: `/api/v1/associates/${theirs.json().id}/invitation`, headers: { cookie: uk.as.headOffice }, ...(method === 'POST' ? { payload: {} } : {}) });
      expect(res.statusCode).toBe(404);
      expect(res.json().code).toBe(authErrors.open_invitation_not_found.code);
    }
  });

  it('saves nothing when the invitation email can\'t be sent, or email is not configured', async () => {
    const uk = await buildRetailer(app, app.db);
    const count = async () => (await query<{ n: number }>(app.db, sql`select count(*)::int as n from associates where legal_entity_id = ${uk.le.id}`))[0].n;
    const before = await count();
    sink.failNext(1);
    const failed = await app.inject({
      method: 'POST', url: '/api/v1/associates', headers: { cookie: uk.as.headOffice },
      payload: { email: `f-${randomUUID()}@example.test`, displayName: 'F', personnelNumber: 'F-1', roleIds: [], storeIds: [] },
    });
    expect(failed.statusCode).toBe(422);
    expect(failed.json().code).toBe(authErrors.invitation_email_failed.code);
    const noMail = await testApp();
    try {
      const headOffice = await signInAs(noMail, uk.headOffice.email);
      const res = await noMail.inject({
        method: 'POST', url: '/api/v1/associates', headers: { cookie: headOffice.cookie },
        payload: { email: `g-${randomUUID()}@example.test`, displayName: 'G', personnelNumber: 'G-1', roleIds: [], storeIds: [] },
      });
      expect(res.statusCode).toBe(409);
      expect(res.json().code).toBe(authErrors.email_not_configured.code);
      // The administrator is told what to configure.
      expect(res.json().detail).toMatch(/SMTP_URL/);
    } finally { await noMail.close(); }
    expect(await count()).toBe(before);
  });
});

import { randomBytes } from 'node:crypto';
import { and, eq, gt, inArray, isNull, isNotNull, lt, or, sql } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import { encryptSecret, decryptSecret } from '../../db/secret-key.ts';
import { listRoles, rolesInLegalEntity, rolesOfAssociate } from '../organisation/queries.ts';
import { authErrors } from './errors.ts';
import { secondFactors, recoveryCodes, signInChallenges, secondFactorRoles, users, type FirstFactor } from './schema.ts';
import { newToken, sha256 } from './passwords.ts';
import { base32Decode, newTotpSecret, otpauthUri, matchingStep } from './totp.ts';

/*
 * TOTP second factor for password sign-in, and for an OpenID Connect sign-in whose provider did not use several factors. With a confirmed factor, a right password yields only a pending token
 * (5 minutes); the code (or a recovery code) turns it into a session. An associate whose role requires a factor and
 * who has none gets a pending token that is good for enrolling only: no session until the factor is confirmed.
 * Roles granting users.manage (head office) always require one; others when listed in second_factor_roles. A head
 * office without one is led to enrol at sign-in, never locked out.
 */

const PENDING_MINUTES = 5;
const RECOVERY_CODES = 10;
const ISSUER = 'Clienteling';

export interface SignInTarget { userId: string; associateId: string; legalEntityId: string; storeId: string | null }

export async function hasSecondFactor(db: Db, userId: string): Promise<boolean> {
  const [row] = await db.select({ userId: secondFactors.userId }).from(secondFactors)
    .where(and(eq(secondFactors.userId, userId), isNotNull(secondFactors.confirmedAt)));
  return !!row;
}

/** Whether one of the associate's roles requires a second factor: head office (users.manage) always, others as set. */
export async function secondFactorRequired(db: Db, associateId: string): Promise<boolean> {
  const mine = await rolesOfAssociate(db, associateId);
  if (mine.some((r) => r.permissions.includes('users.manage'))) return true;
  if (!mine.length) return false;
  const [row] = await db.select({ roleId: secondFactorRoles.roleId }).from(secondFactorRoles)
    .where(inArray(secondFactorRoles.roleId, mine.map((r) => r.id))).limit(1);
  return !!row;
}

/** What a right password leads to: a session (null), the code step ('verify') or enrolment first ('enrol'). */
export async function nextStep(db: Db, target: SignInTarget): Promise<'verify' | 'enrol' | null> {
  if (await hasSecondFactor(db, target.userId)) return 'verify';
  return (await secondFactorRequired(db, target.associateId)) ? 'enrol' : null;
}

export async function createChallenge(db: Db, target: SignInTarget, step: 'verify' | 'enrol', firstFactor: FirstFactor = 'password') {
  const pendingToken = newToken('pnd');
  const expiresAt = new Date(Date.now() + PENDING_MINUTES * 60_000).toISOString();
  await db.delete(signInChallenges).where(lt(signInChallenges.expiresAt, sql`now()`));
  await db.insert(signInChallenges).values({ tokenHash: sha256(pendingToken), ...target, enrol: step === 'enrol', firstFactor, expiresAt });
  // The code step is shown before any session exists: it speaks the account's language, not the browser's.
  const [u] = await db.select({ language: users.language }).from(users).where(eq(users.id, target.userId));
  const language = u?.language === 'en' ? 'en' as const : u?.language === 'fr' ? 'fr' as const : null;
  return { secondFactor: step, pendingToken, expiresAt, language };
}

/** The sign-in a pending token stands for, if it is still open and meant for this step. */
export async function openChallenge(db: Db, pendingToken: string, step: 'verify' | 'enrol'): Promise<SignInTarget & { firstFactor: FirstFactor }> {
  const c = signInChallenges;
  const [row] = await db.select({ userId: c.userId, associateId: c.associateId, legalEntityId: c.legalEntityId, storeId: c.storeId, firstFactor: c.firstFactor })
    .from(c).where(and(eq(c.tokenHash, sha256(pendingToken)), gt(c.expiresAt, sql`now()`), eq(c.enrol, step === 'enrol')));
  if (!row) throw authErrors.sign_in_pending_invalid('This sign-in has expired or was completed: sign in with your password again.');
  return row;
}

/** Ends a pending sign-in; false when another request ended it first (so one pending token gives one session). */
export async function closeChallenge(db: Db, pendingToken: string): Promise<boolean> {
  const rows = await db.delete(signInChallenges).where(eq(signInChallenges.tokenHash, sha256(pendingToken))).returning({ userId: signInChallenges.userId });
  return rows.length > 0;
}

/** A new (unconfirmed) secret for the user, replacing an unconfirmed one; refused while a confirmed one exists. */
export async function beginEnrolment(db: Db, key: string, userId: string, accountLabel?: string) {
  if (await hasSecondFactor(db, userId)) throw authErrors.second_factor_exists('A second factor is already set up; turn it off first to set up another.');
  const [u] = await db.select({ email: users.email }).from(users).where(eq(users.id, userId));
  const secret = newTotpSecret();
  const secretEncrypted = encryptSecret(key, secret);
  await db.insert(secondFactors).values({ userId, secretEncrypted })
    .onConflictDoUpdate({ target: secondFactors.userId, set: { secretEncrypted, lastStep: null, createdAt: sql`now()` }, setWhere: isNull(secondFactors.confirmedAt) });
  return { secret, otpauthUri: otpauthUri(ISSUER, accountLabel ?? u.email, secret) };
}

/**
 * Takes a code once: the step it belongs to must be later than the last one accepted, and the update that records
 * it is the check, so two requests racing with one code can't both pass. 'reused' when the code was right but taken.
 */
export async function takeCode(db: Db, key: string, userId: string, code: string, confirmed: boolean): Promise<'ok' | 'wrong' | 'reused'> {
  const f = secondFactors;
  const [row] = await db.select({ secret: f.secretEncrypted }).from(f)
    .where(and(eq(f.userId, userId), confirmed ? isNotNull(f.confirmedAt) : isNull(f.confirmedAt)));
  if (!row) return 'wrong';
  const step = matchingStep(base32Decode(decryptSecret(key, row.secret)), code, Date.now());
  if (step === null) return 'wrong';
  const taken = await db.update(f).set({ lastStep: step, ...(confirmed ? {} : { confirmedAt: sql`now()` }) })
    .where(and(eq(f.userId, userId), or(isNull(f.lastStep), lt(f.lastStep, step))))
    .returning({ userId: f.userId });
  return taken.length ? 'ok' : 'reused';
}

/** Confirms enrolment with a first code; returns the ten recovery codes, shown this once. */
export async function confirmEnrolment(db: Db, key: string, userId: string, code: string): Promise<string[]> {
  const result = await takeCode(db, key, userId, code, false);
  if (result !== 'ok') throw authErrors.wrong_code('That code is not right: enter the code your authenticator app shows now.', { field: 'code' });
  return newRecoveryCodes(db, userId);
}

export async function newRecoveryCodes(db: Db, userId: string): Promise<string[]> {
  const codes = Array.from({ length: RECOVERY_CODES }, () => {
    const hex = randomBytes(5).toString('hex');
    return `${hex.slice(0, 5)}-${hex.slice(5)}`;
  });
  await db.delete(recoveryCodes).where(eq(recoveryCodes.userId, userId));
  await db.insert(recoveryCodes).values(codes.map((c) => ({ userId, codeHash: sha256(normaliseRecoveryCode(c)) })));
  return codes;
}

const normaliseRecoveryCode = (code: string) => code.toLowerCase().replace(/[^0-9a-f]/g, '');

/** Uses a recovery code once (the update is the check). */
export async function takeRecoveryCode(db: Db, userId: string, code: string): Promise<boolean> {
  const r = recoveryCodes;
  const rows = await db.update(r).set({ usedAt: sql`now()` })
    .where(and(eq(r.userId, userId), eq(r.codeHash, sha256(normaliseRecoveryCode(code))), isNull(r.usedAt)))
    .returning({ id: r.id });
  return rows.length > 0;
}

export async function describeSecondFactor(db: Db, userId: string, associateId: string) {
  const [left] = await db.select({ n: sql<number>`count(*)::int` }).from(recoveryCodes)
    .where(and(eq(recoveryCodes.userId, userId), isNull(recoveryCodes.usedAt)));
  return { enabled: await hasSecondFactor(db, userId), required: await secondFactorRequired(db, associateId), recoveryCodesLeft: left.n };
}

export async function removeSecondFactor(db: Db, userId: string) {
  await db.delete(secondFactors).where(eq(secondFactors.userId, userId));
  await db.delete(recoveryCodes).where(eq(recoveryCodes.userId, userId));
}

/** Sets whether a role of the legal entity requires a second factor; false when the role is not theirs. */
export async function setRoleRequirement(db: Db, legalEntityId: string, roleId: string, required: boolean): Promise<boolean> {
  if (!(await rolesInLegalEntity(db, legalEntityId, [roleId])).length) return false;
  if (required) await db.insert(secondFactorRoles).values({ roleId }).onConflictDoNothing();
  else await db.delete(secondFactorRoles).where(eq(secondFactorRoles.roleId, roleId));
  return true;
}

export async function requiringRoles(db: Db, legalEntityId: string): Promise<string[]> {
  const all = await listRoles(db, legalEntityId);
  const set = all.length ? await db.select({ roleId: secondFactorRoles.roleId }).from(secondFactorRoles)
    .where(inArray(secondFactorRoles.roleId, all.map((r) => r.id))) : [];
  const required = new Set(set.map((r) => r.roleId));
  return all.filter((r) => required.has(r.id) || r.permissions.includes('users.manage')).map((r) => r.id);
}

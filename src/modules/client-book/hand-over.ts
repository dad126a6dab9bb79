import { and, eq, sql } from 'drizzle-orm';
import { query, type Db } from '../../db/client.ts';
import { associates } from '../organisation/schema.ts';
import { customers } from '../customers/schema.ts';
import { clientBooks, clientBookMembers as members } from './schema.ts';
import { clientBookErrors } from './errors.ts';
import { audit } from '../audit/service.ts';
import type { AuthContext } from '../auth/context.ts';
import { requireClienteling } from '../setup/service.ts';
import { checkIntroduction, recordIntroductions, writeIntroductions, type IntroductionInput } from '../outreach/introductions.ts';
import { reassign } from './books.ts';
import type { HandOverInput, HandOverResult } from './client-book-schemas.ts';

/**
 * Hands a leaving (or moving) associate's client book over to named colleagues in one transaction: each move names
 * its customers, and at most one move takes "the rest". Optionally each new associate introduces themself to the
 * customers they receive: the transaction only records the introductions (outbox rows, one per new associate and
 * customer ever, so a retried hand-over adds none); they are written and queued after commit, through outreach's
 * normal send path (consent and contact rules apply). All or nothing: a customer not in the leaving associate's book,
 * or an inactive colleague, changes nothing and records no introduction.
 */
export async function handOver(db: Db, auth: AuthContext, input: HandOverInput & { introduction?: IntroductionInput }): Promise<HandOverResult> {
  await requireClienteling(db, auth.legalEntityId);
  const [from] = await db.select({ name: associates.displayName }).from(associates)
    .where(and(eq(associates.id, input.fromAssociateId), eq(associates.legalEntityId, auth.legalEntityId)));
  if (!from) throw clientBookErrors.associate_not_found('Associate was not found.', { field: 'fromAssociateId' });
  if (input.moves.filter((m) => !m.customerIds).length > 1) {
    throw clientBookErrors.hand_over_rest_twice('Only one colleague can take "the rest" of the client book.', { field: 'moves' });
  }
  const listed = input.moves.flatMap((m) => m.customerIds ?? []);
  if (new Set(listed).size !== listed.length) throw clientBookErrors.hand_over_customer_twice('A customer can go to one colleague only.', { field: 'moves' });
  if (input.introduction) await checkIntroduction(db, auth.legalEntityId, input.introduction);
  // Named customers first, then "the rest", so the rest is what the others did not take.
  const ordered = [...input.moves.filter((m) => m.customerIds), ...input.moves.filter((m) => !m.customerIds)];
  const done = await db.transaction(async (tx) => {
    const moves: HandOverResult['moves'] = [];
    const received = new Map<string, string[]>();
    for (const m of ordered) {
      const before = new Set(await customersOf(tx, auth.legalEntityId, m.toAssociateId));
      const r = await reassign(tx, auth, { toAssociateId: m.toAssociateId, fromAssociateId: input.fromAssociateId, ...(m.customerIds ? { customerIds: m.customerIds } : {}) });
      const after = await customersOf(tx, auth.legalEntityId, m.toAssociateId);
      received.set(m.toAssociateId, [...(received.get(m.toAssociateId) ?? []), ...after.filter((id) => !before.has(id))]);
      const [to] = await tx.select({ name: associates.displayName }).from(associates).where(eq(associates.id, m.toAssociateId));
      moves.push({ toAssociateId: m.toAssociateId, toAssociateName: to.name, moved: r.moved });
    }
    const remaining = (await customersOf(tx, auth.legalEntityId, input.fromAssociateId)).length;
    await audit(tx, auth, 'reassign', 'associate', input.fromAssociateId, {
      handOver: moves.map((m) => ({ toAssociateId: m.toAssociateId, moved: m.moved })), remaining, introduction: !!input.introduction,
    });
    const introductionIds = input.introduction ? await recordIntroductions(tx, auth, received, input.introduction) : [];
    return { result: { fromAssociateName: from.name, moves, remaining }, introductionIds };
  });
  if (!input.introduction) return { ...done.result, introductions: null };
  // Committed: now each introduction is written and queued (a process stopping here leaves them to the outbox sender).
  const { queued, notSent } = await writeIntroductions(db, done.introductionIds);
  const names = await namesOf(db, auth.legalEntityId, notSent.map((n) => n.customerId));
  return { ...done.result, introductions: { queued, notSent: notSent.map((n) => ({ ...n, customerName: names.get(n.customerId) ?? '' })) } };
}

async function customersOf(db: Db, legalEntityId: string, associateId: string): Promise<string[]> {
  const rows = await query<{ customerId: string }>(db, sql`select ${members.customerId} as "customerId" from ${members}
    join ${clientBooks} on ${clientBooks.id} = ${members.clientBookId}
    where ${clientBooks.legalEntityId} = ${legalEntityId} and ${clientBooks.associateId} = ${associateId}`);
  return rows.map((r) => r.customerId);
}

async function namesOf(db: Db, legalEntityId: string, ids: string[]): Promise<Map<string, string>> {
  if (!ids.length) return new Map();
  const rows = await query<{ id: string; name: string }>(db, sql`select ${customers.id}, ${customers.firstName} || ' ' || ${customers.lastName} as name
    from ${customers} where ${customers.legalEntityId} = ${legalEntityId} and ${customers.id} = any(${sql.param(ids)}::uuid[])`);
  return new Map(rows.map((r) => [r.id, r.name]));
}

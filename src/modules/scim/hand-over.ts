// The hand-over when an associate is deactivated (by the directory, or by hand by head office): their client book goes to the legal entity's named
// successor, or stays in the store client book (the store queue) for the store manager to share out; either way the
// store manager gets a task.
import { and, desc, eq, inArray, isNull, or, sql } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import type { AuthContext } from '../auth/context.ts';
import type { Permission } from '../auth/permissions.ts';
import { can } from '../auth/context.ts';
import { storesOfAssociate } from '../auth/service.ts';
import { audit } from '../audit/service.ts';
import { bookSize, reassign } from '../client-book/books.ts';
import { associateNames, directoryAssociates } from '../organisation/directory.ts';
import { listStores } from '../organisation/queries.ts';
import { handOverRules, handOverTasks, type HandOverRule, type HandOverTaskStatus } from './schema.ts';
import { scimErrors } from './errors.ts';
import { SYSTEM_ACTORS } from '../../../shared/system-actors.ts';

/** Who the directory acts as: the SCIM token's legal entity, audited as "SCIM", with only the operations a hand-over needs. */
export function scimActor(token: AuthContext): AuthContext {
  const permissions: Permission[] = ['client-book.reassign', 'client-book.view-store'];
  return {
    userId: token.userId, associateId: token.associateId, associateName: SYSTEM_ACTORS.scim, legalEntityId: token.legalEntityId, storeId: null,
    permissions: new Set(permissions), via: 'token',
  };
}

export interface HandOverRuleView { rule: HandOverRule; successorAssociateId: string | null; successorName: string | null }

export async function getHandOverRule(db: Db, legalEntityId: string): Promise<HandOverRuleView> {
  const [row] = await db.select({ rule: handOverRules.rule, successorAssociateId: handOverRules.successorAssociateId })
    .from(handOverRules).where(eq(handOverRules.legalEntityId, legalEntityId));
  if (!row) return { rule: 'store-queue', successorAssociateId: null, successorName: null };
  const names = await associateNames(db, legalEntityId, row.successorAssociateId ? [row.successorAssociateId] : []);
  return { ...row, successorName: row.successorAssociateId ? names.get(row.successorAssociateId) ?? null : null };
}

export async function setHandOverRule(db: Db, legalEntityId: string, input: { rule: HandOverRule; successorAssociateId?: string | null }) {
  const successorAssociateId = input.rule === 'successor' ? input.successorAssociateId ?? null : null;
  if (input.rule === 'successor') {
    if (!successorAssociateId) throw scimErrors.successor_required('The successor rule names the associate who receives the books.', { field: 'successorAssociateId' });
    const found = await directoryAssociates(db, legalEntityId, { id: successorAssociateId, offset: 0, limit: 1 });
    if (!found.items[0]) throw scimErrors.associate_not_found('Associate was not found.', { field: 'successorAssociateId' });
    if (!found.items[0].active) throw scimErrors.successor_inactive(`${found.items[0].displayName} is not active; choose an active associate.`, { field: 'successorAssociateId' });
  }
  await db.insert(handOverRules).values({ legalEntityId, rule: input.rule, successorAssociateId })
    .onConflictDoUpdate({ target: handOverRules.legalEntityId, set: { rule: input.rule, successorAssociateId, updatedAt: sql`now()` } });
  return getHandOverRule(db, legalEntityId);
}

/** Whether an associate can receive a leaver's book: one of the legal entity's, active, not the leaver. */
async function checkSuccessor(db: Db, legalEntityId: string, successorAssociateId: string, leavingAssociateId: string) {
  if (successorAssociateId === leavingAssociateId) throw scimErrors.successor_is_leaving('Choose someone other than the associate who is leaving.', { field: 'successorAssociateId' });
  const found = await directoryAssociates(db, legalEntityId, { id: successorAssociateId, offset: 0, limit: 1 });
  if (!found.items[0]) throw scimErrors.associate_not_found('Associate was not found.', { field: 'successorAssociateId' });
  if (!found.items[0].active) throw scimErrors.successor_inactive(`${found.items[0].displayName} is not active; choose an active associate.`, { field: 'successorAssociateId' });
}

/**
 * Hands over the book of an associate who is being deactivated (call it inside the deactivation's transaction), by
 * the legal entity's rule: to the successor when the rule names an active one other than the leaver, else it stays in
 * the store client book. Whoever deactivates by hand may name another successor, when the rule is 'successor'.
 */
export async function handOverBook(tx: Db, actor: AuthContext, leavingAssociateId: string, choice: { successorAssociateId?: string } = {}) {
  const rule = await getHandOverRule(tx, actor.legalEntityId);
  const customerCount = await bookSize(tx, actor.legalEntityId, leavingAssociateId);
  let successorId: string | null = null;
  if (choice.successorAssociateId) {
    if (rule.rule !== 'successor') throw scimErrors.successor_not_allowed('The hand-over rule keeps a leaver\'s book in the store client book for the store manager; no successor can be chosen.', { field: 'successorAssociateId' });
    await checkSuccessor(tx, actor.legalEntityId, choice.successorAssociateId, leavingAssociateId);
    successorId = choice.successorAssociateId;
  } else if (rule.rule === 'successor' && rule.successorAssociateId && rule.successorAssociateId !== leavingAssociateId) {
    const successor = await directoryAssociates(tx, actor.legalEntityId, { id: rule.successorAssociateId, offset: 0, limit: 1 });
    if (successor.items[0]?.active) successorId = rule.successorAssociateId;
  }
  if (successorId && customerCount > 0) await reassign(tx, actor, { toAssociateId: successorId, fromAssociateId: leavingAssociateId });
  const [storeId] = await storesOfAssociate(tx, leavingAssociateId);
  const [task] = await tx.insert(handOverTasks).values({
    legalEntityId: actor.legalEntityId, storeId: storeId ?? null, leavingAssociateId, successorAssociateId: successorId, customerCount,
  }).returning({ id: handOverTasks.id });
  await audit(tx, actor, 'create', 'hand_over_task', task.id, { leavingAssociateId, successorAssociateId: successorId, customerCount, rule: rule.rule });
  return { taskId: task.id, successorAssociateId: successorId, customerCount };
}

export interface HandOverPreview {
  rule: HandOverRule; customerCount: number; destination: 'successor' | 'store-queue';
  successorAssociateId: string | null; successorName: string | null; canChooseSuccessor: boolean;
}

/**
 * What deactivating this associate now would do with their book (for the screen that asks): the same choice as
 * handOverBook makes without a chosen successor. A successor can be chosen when the rule is 'successor'.
 */
export async function previewHandOver(db: Db, legalEntityId: string, associateId: string): Promise<HandOverPreview> {
  const found = await directoryAssociates(db, legalEntityId, { id: associateId, offset: 0, limit: 1 });
  if (!found.items[0]) throw scimErrors.associate_not_found('Associate was not found.');
  const rule = await getHandOverRule(db, legalEntityId);
  const customerCount = await bookSize(db, legalEntityId, associateId);
  let successor: { id: string; name: string | null } | null = null;
  if (rule.rule === 'successor' && rule.successorAssociateId && rule.successorAssociateId !== associateId) {
    const s = await directoryAssociates(db, legalEntityId, { id: rule.successorAssociateId, offset: 0, limit: 1 });
    if (s.items[0]?.active) successor = { id: s.items[0].id, name: s.items[0].displayName };
  }
  return {
    rule: rule.rule, customerCount, destination: successor ? 'successor' : 'store-queue',
    successorAssociateId: successor?.id ?? null, successorName: successor?.name ?? null, canChooseSuccessor: rule.rule === 'successor',
  };
}

export interface HandOverTaskView {
  id: string; storeId: string | null; storeName: string | null; leavingAssociateId: string; leavingAssociateName: string;
  successorAssociateId: string | null; successorName: string | null; destination: 'successor' | 'store-queue';
  customerCount: number; status: HandOverTaskStatus; createdAt: string; doneAt: string | null;
}

/** Head office sees every hand-over; a store manager those of their stores (and of associates who worked at none). */
async function visibleStores(db: Db, auth: AuthContext): Promise<string[] | null> {
  return can(auth, 'users.manage') ? null : storesOfAssociate(db, auth.associateId);
}

export async function listHandOverTasks(db: Db, auth: AuthContext, status?: HandOverTaskStatus): Promise<HandOverTaskView[]> {
  const mine = await visibleStores(db, auth);
  const rows = await db.select().from(handOverTasks)
    .where(and(eq(handOverTasks.legalEntityId, auth.legalEntityId), status ? eq(handOverTasks.status, status) : undefined,
      mine ? or(isNull(handOverTasks.storeId), mine.length ? inArray(handOverTasks.storeId, mine) : undefined) : undefined))
    .orderBy(desc(handOverTasks.createdAt), handOverTasks.id).limit(500);
  const names = await associateNames(db, auth.legalEntityId, rows.flatMap((r) => [r.leavingAssociateId, ...(r.successorAssociateId ? [r.successorAssociateId] : [])]));
  const storeNames = new Map((await listStores(db, auth.legalEntityId)).map((s) => [s.id, s.name]));
  return rows.map((r) => ({
    id: r.id, storeId: r.storeId, storeName: r.storeId ? storeNames.get(r.storeId) ?? null : null,
    leavingAssociateId: r.leavingAssociateId, leavingAssociateName: names.get(r.leavingAssociateId) ?? '',
    successorAssociateId: r.successorAssociateId, successorName: r.successorAssociateId ? names.get(r.successorAssociateId) ?? null : null,
    destination: r.successorAssociateId ? 'successor' : 'store-queue', customerCount: r.customerCount, status: r.status, createdAt: r.createdAt, doneAt: r.doneAt,
  }));
}

export async function completeHandOverTask(db: Db, auth: AuthContext, taskId: string): Promise<HandOverTaskView> {
  const visible = (await listHandOverTasks(db, auth)).find((t) => t.id === taskId);
  if (!visible) throw scimErrors.task_not_found('Hand-over task was not found.');
  if (visible.status === 'open') {
    await db.update(handOverTasks).set({ status: 'done', doneAt: sql`now()`, doneBy: auth.associateId })
      .where(and(eq(handOverTasks.id, taskId), eq(handOverTasks.legalEntityId, auth.legalEntityId)));
    await audit(db, auth, 'update', 'hand_over_task', taskId, { status: 'done' });
  }
  return (await listHandOverTasks(db, auth)).find((t) => t.id === taskId)!;
}

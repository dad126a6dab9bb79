import { and, desc, eq, inArray, lt, sql } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import type { Db } from '../../db/client.ts';
import { activityErrors } from './errors.ts';
import { audit } from '../audit/service.ts';
import type { AuthContext } from '../auth/context.ts';
import { getCustomer } from '../customers/service.ts';
import { listActivityTypes } from './activity-types.ts';
import type { ActivityInput, ActivityPatch, ActivityRow, NoteInput, NotePatch, NoteRow } from './activity-schemas.ts';
import { activities, activityTypes, customerNotes, customerNoteRevisions, type NoteVisibility } from './schema.ts';
import { associates, stores, addressBookMembers } from '../organisation/schema.ts';

export type { ActivityInput, ActivityRow, NoteRow };

/**
 * A write sent again with the clientId of one already stored (an offline write replayed after a lost answer) gets
 * the stored row's id; a clientId used by someone else is refused rather than answered with their row.
 */
function sameWriter(existing: { id: string; writer: string | null } | undefined, auth: AuthContext): string {
  if (!existing || existing.writer !== auth.associateId) throw activityErrors.client_id_taken('This clientId was already used for another write; choose a new one.', { field: 'clientId' });
  return existing.id;
}

export async function recordActivity(db: Db, auth: AuthContext, customerId: string, input: ActivityInput) {
  const customer = await getCustomer(db, auth.legalEntityId, customerId);
  if (customer.erasedAt) throw activityErrors.customer_erased('This customer was erased on request; nothing more can be recorded.');
  const type = (await listActivityTypes(db, auth.legalEntityId)).find((t) => t.id === input.activityTypeId);
  if (!type) throw activityErrors.unknown_activity_type('That activity type does not exist.', { field: 'activityTypeId' });
  if (!type.active) throw activityErrors.activity_type_retired(`"${type.name}" is no longer in use; choose another activity type.`, { field: 'activityTypeId' });
  const occurredAt = input.occurredAt ?? new Date().toISOString();
  if (Date.parse(occurredAt) > Date.now() + 366 * 86400_000) throw activityErrors.date_too_far_ahead('The date is more than a year ahead.', { field: 'occurredAt' });
  const rows = await db.insert(activities).values({
    legalEntityId: auth.legalEntityId, customerId, activityTypeId: type.id, associateId: auth.associateId, storeId: auth.storeId, occurredAt,
    notes: input.notes?.trim() || null, outcome: input.outcome?.trim() || null, clientId: input.clientId ?? null,
  }).onConflictDoNothing({ target: [activities.legalEntityId, activities.clientId] }).returning({ id: activities.id });
  if (!rows[0]) {
    const [existing] = await db.select({ id: activities.id, writer: activities.associateId, customerId: activities.customerId }).from(activities)
      .where(and(eq(activities.legalEntityId, auth.legalEntityId), eq(activities.clientId, input.clientId!)));
    const id = sameWriter(existing && existing.customerId === customerId ? existing : undefined, auth);
    return (await listActivities(db, auth.legalEntityId, customerId, { ids: [id] }))[0];
  }
  await audit(db, auth, 'create', 'activity', rows[0].id, { customerId });
  return (await listActivities(db, auth.legalEntityId, customerId, { ids: [rows[0].id] }))[0];
}

/**
 * Corrects an activity: only the associate who recorded it, as with notes. The values before the change go into the
 * audit log, so what was first written is never lost.
 */
export async function editActivity(db: Db, auth: AuthContext, activityId: string, patch: ActivityPatch) {
  const [row] = await db.select({
    customerId: activities.customerId, associateId: activities.associateId, activityTypeId: activities.activityTypeId,
    occurredAt: sql<string>`${activities.occurredAt}::text`, notes: activities.notes, outcome: activities.outcome,
  }).from(activities).where(and(eq(activities.id, activityId), eq(activities.legalEntityId, auth.legalEntityId)));
  if (!row) throw activityErrors.activity_not_found('Activity was not found.');
  if (row.associateId !== auth.associateId) throw activityErrors.not_your_activity('Only the associate who recorded an activity can change it; record a new one instead.');
  if (patch.activityTypeId && patch.activityTypeId !== row.activityTypeId) {
    const type = (await listActivityTypes(db, auth.legalEntityId)).find((t) => t.id === patch.activityTypeId);
    if (!type) throw activityErrors.unknown_activity_type('That activity type does not exist.', { field: 'activityTypeId' });
    if (!type.active) throw activityErrors.activity_type_retired(`"${type.name}" is no longer in use; choose another activity type.`, { field: 'activityTypeId' });
  }
  if (patch.occurredAt && Date.parse(patch.occurredAt) > Date.now() + 366 * 86400_000) throw activityErrors.date_too_far_ahead('The date is more than a year ahead.', { field: 'occurredAt' });
  const next = {
    activityTypeId: patch.activityTypeId ?? row.activityTypeId,
    occurredAt: patch.occurredAt ?? row.occurredAt,
    notes: patch.notes === undefined ? row.notes : patch.notes?.trim() || null,
    outcome: patch.outcome === undefined ? row.outcome : patch.outcome?.trim() || null,
  };
  await db.transaction(async (txRaw) => {
    const tx: Db = txRaw;
    const x = activities;
    const changed = await tx.update(x).set(next)
      .where(and(eq(x.id, activityId), sql`(${x.activityTypeId}, ${x.occurredAt}, ${x.notes}, ${x.outcome}) is distinct from (${next.activityTypeId}::uuid, ${next.occurredAt}::timestamptz, ${next.notes}::text, ${next.outcome}::text)`))
      .returning({ id: x.id });
    if (changed.length) {
      const { customerId: _c, associateId: _a, ...before } = row;
      await audit(tx, auth, 'update', 'activity', activityId, { customerId: row.customerId, before });
    }
  });
  return (await listActivities(db, auth.legalEntityId, row.customerId, { ids: [activityId] }))[0];
}


export async function listActivities(db: Db, legalEntityId: string, customerId: string, opts: { ids?: string[]; before?: string | null; limit?: number } = {}): Promise<ActivityRow[]> {
  const x = activities;
  return db.select({
    id: x.id, customerId: x.customerId, activityTypeId: x.activityTypeId, activityType: activityTypes.name, associateId: x.associateId,
    associateName: associates.displayName, storeId: x.storeId, storeName: stores.name, occurredAt: sql<string>`${x.occurredAt}::text`,
    notes: x.notes, outcome: x.outcome, createdAt: sql<string>`${x.createdAt}::text`,
  }).from(x).innerJoin(activityTypes, eq(activityTypes.id, x.activityTypeId))
    .leftJoin(associates, eq(associates.id, x.associateId)).leftJoin(stores, eq(stores.id, x.storeId))
    .where(and(
      eq(x.legalEntityId, legalEntityId), eq(x.customerId, customerId),
      opts.ids ? inArray(x.id, opts.ids) : undefined,
      opts.before ? lt(x.occurredAt, sql`${opts.before}::timestamptz`) : undefined,
    ))
    .orderBy(sql`${x.occurredAt} desc nulls last`, x.id).limit(opts.limit ?? 100);
}


/**
 * Who may read a note: everyone in the legal entity (as the seed), only the author (private), or the associates
 * who work at the store where it was written (store).
 */
export function noteVisibleTo(auth: AuthContext) {
  const n = customerNotes;
  const ns = alias(stores, 'ns');
  const abm = alias(addressBookMembers, 'abm');
  return sql`(${n.visibility} = 'everyone' or ${n.authorId} = ${auth.associateId}
    or (${n.visibility} = 'store' and exists (select 1 from ${stores} as ${ns} join ${addressBookMembers} as ${abm} on ${abm.addressBookId} = ${ns.addressBookId}
          where ${ns.id} = ${n.storeId} and ${abm.associateId} = ${auth.associateId})))`;
}

export async function listNotes(db: Db, auth: AuthContext, customerId: string, opts: { ids?: string[]; before?: string | null; limit?: number } = {}): Promise<NoteRow[]> {
  const n = customerNotes;
  const r = customerNoteRevisions;
  return db.select({
    id: n.id, customerId: n.customerId, authorId: n.authorId, authorName: associates.displayName, storeId: n.storeId, storeName: stores.name,
    visibility: n.visibility, body: n.body, createdAt: sql<string>`${n.createdAt}::text`, updatedAt: sql<string>`${n.updatedAt}::text`,
    revisions: sql<number>`(select count(*)::int from ${r} where ${r.noteId} = ${n.id})`,
  }).from(n).innerJoin(associates, eq(associates.id, n.authorId)).leftJoin(stores, eq(stores.id, n.storeId))
    .where(and(
      eq(n.legalEntityId, auth.legalEntityId), eq(n.customerId, customerId), noteVisibleTo(auth),
      opts.ids ? inArray(n.id, opts.ids) : undefined,
      opts.before ? lt(n.createdAt, sql`${opts.before}::timestamptz`) : undefined,
    ))
    .orderBy(sql`${n.createdAt} desc nulls last`, n.id).limit(opts.limit ?? 100);
}

export async function addNote(db: Db, auth: AuthContext, customerId: string, input: NoteInput) {
  const customer = await getCustomer(db, auth.legalEntityId, customerId);
  if (customer.erasedAt) throw activityErrors.customer_erased('This customer was erased on request; nothing more can be recorded.');
  const visibility = input.visibility ?? 'everyone';
  if (visibility === 'store' && !auth.storeId) throw activityErrors.store_only_needs_store('You are not signed in at a store, so the note cannot be store-only.', { field: 'visibility' });
  const rows = await db.insert(customerNotes).values({
    legalEntityId: auth.legalEntityId, customerId, authorId: auth.associateId, storeId: auth.storeId, visibility, body: input.body.trim(),
    clientId: input.clientId ?? null,
  }).onConflictDoNothing({ target: [customerNotes.legalEntityId, customerNotes.clientId] }).returning({ id: customerNotes.id });
  if (!rows[0]) {
    const [existing] = await db.select({ id: customerNotes.id, writer: customerNotes.authorId, customerId: customerNotes.customerId }).from(customerNotes)
      .where(and(eq(customerNotes.legalEntityId, auth.legalEntityId), eq(customerNotes.clientId, input.clientId!)));
    const id = sameWriter(existing && existing.customerId === customerId ? existing : undefined, auth);
    return (await listNotes(db, auth, customerId, { ids: [id] }))[0];
  }
  await audit(db, auth, 'create', 'note', rows[0].id, { customerId, visibility });
  return (await listNotes(db, auth, customerId, { ids: [rows[0].id] }))[0];
}

async function loadNote(db: Db, auth: AuthContext, noteId: string) {
  const n = customerNotes;
  const rows = await db.select({ customerId: n.customerId, authorId: n.authorId, body: n.body, visibility: n.visibility }).from(n)
    .where(and(eq(n.id, noteId), eq(n.legalEntityId, auth.legalEntityId), noteVisibleTo(auth)));
  if (!rows[0]) throw activityErrors.note_not_found('Note was not found.');
  return rows[0];
}

/** Only the author edits a note; the text before each edit is kept as a revision. */
export async function editNote(db: Db, auth: AuthContext, noteId: string, patch: NotePatch) {
  const note = await loadNote(db, auth, noteId);
  if (note.authorId !== auth.associateId) throw activityErrors.not_your_note('Only the author can edit a note; add a new note instead.');
  if (patch.visibility === 'store' && !auth.storeId) throw activityErrors.store_only_needs_store('You are not signed in at a store, so the note cannot be store-only.', { field: 'visibility' });
  const body = patch.body?.trim() ?? note.body;
  const visibility = patch.visibility ?? note.visibility;
  if (body === note.body && visibility === note.visibility) return (await listNotes(db, auth, note.customerId, { ids: [noteId] }))[0];
  await db.transaction(async (txRaw) => {
    const tx: Db = txRaw;
    const n = customerNotes;
    await tx.insert(customerNoteRevisions).values({ noteId, body: note.body, visibility: note.visibility, editedBy: auth.associateId });
    await tx.update(n).set({
      body, visibility,
      // A note made store-only belongs to the store the author is signed in at now.
      storeId: sql`case when ${visibility} = 'store' and ${n.visibility} <> 'store' then ${auth.storeId}::uuid else ${n.storeId} end`, updatedAt: sql`now()`,
    }).where(eq(n.id, noteId));
    await audit(tx, auth, 'update', 'note', noteId, { customerId: note.customerId, visibility });
  });
  return (await listNotes(db, auth, note.customerId, { ids: [noteId] }))[0];
}

export async function noteHistory(db: Db, auth: AuthContext, noteId: string) {
  await loadNote(db, auth, noteId);
  const r = customerNoteRevisions;
  return db.select({ id: r.id, body: r.body, visibility: r.visibility, editedBy: associates.displayName, editedAt: sql<string>`${r.editedAt}::text` })
    .from(r).innerJoin(associates, eq(associates.id, r.editedBy)).where(eq(r.noteId, noteId)).orderBy(desc(r.editedAt), r.id);
}

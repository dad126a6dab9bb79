import { sql } from 'drizzle-orm';
import { query, type Db } from '../../db/client.ts';
import { activityErrors } from './errors.ts';
import { audit } from '../audit/service.ts';
import type { AuthContext } from '../auth/context.ts';
import { getCustomer } from '../customers/service.ts';
import { listActivityTypes } from './activity-types.ts';
import type { NoteVisibility } from './schema.ts';

export interface ActivityInput { activityTypeId: string; occurredAt?: string; notes?: string | null; outcome?: string | null }

export async function recordActivity(db: Db, auth: AuthContext, customerId: string, input: ActivityInput) {
  const customer = await getCustomer(db, auth.legalEntityId, customerId);
  if (customer.erasedAt) throw activityErrors.customer_erased('This customer was erased on request; nothing more can be recorded.');
  const type = (await listActivityTypes(db, auth.legalEntityId)).find((t) => t.id === input.activityTypeId);
  if (!type) throw activityErrors.unknown_activity_type('That activity type does not exist.', { field: 'activityTypeId' });
  if (!type.active) throw activityErrors.activity_type_retired(`"${type.name}" is no longer in use; choose another activity type.`, { field: 'activityTypeId' });
  const occurredAt = input.occurredAt ?? new Date().toISOString();
  if (Date.parse(occurredAt) > Date.now() + 366 * 86400_000) throw activityErrors.date_too_far_ahead('The date is more than a year ahead.', { field: 'occurredAt' });
  const rows = await query<{ id: string }>(db, sql`insert into activities (legal_entity_id, customer_id, activity_type_id, associate_id, store_id, occurred_at, notes, outcome)
    values (${auth.legalEntityId}, ${customerId}, ${type.id}, ${auth.associateId}, ${auth.storeId}, ${occurredAt}, ${input.notes?.trim() || null}, ${input.outcome?.trim() || null})
    returning id`);
  await audit(db, auth, 'create', 'activity', rows[0].id, { customerId });
  return (await listActivities(db, auth.legalEntityId, customerId, { ids: [rows[0].id] }))[0];
}

/**
 * Corrects an activity: only the associate who recorded it, as with notes. The values before the change go into the
 * audit log, so what was first written is never lost.
 */
export async function editActivity(db: Db, auth: AuthContext, activityId: string, patch: Partial<ActivityInput>) {
  const [row] = await query<{ customerId: string; associateId: string | null; activityTypeId: string; occurredAt: string; notes: string | null; outcome: string | null }>(db, sql`
    select customer_id as "customerId", associate_id as "associateId", activity_type_id as "activityTypeId", occurred_at::text as "occurredAt", notes, outcome
    from activities where id = ${activityId} and legal_entity_id = ${auth.legalEntityId}`);
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
    const changed = await query<{ id: string }>(tx, sql`update activities set activity_type_id = ${next.activityTypeId}, occurred_at = ${next.occurredAt},
        notes = ${next.notes}, outcome = ${next.outcome}
      where id = ${activityId} and (activity_type_id, occurred_at, notes, outcome) is distinct from (${next.activityTypeId}::uuid, ${next.occurredAt}::timestamptz, ${next.notes}::text, ${next.outcome}::text)
      returning id`);
    if (changed.length) {
      const { customerId: _c, associateId: _a, ...before } = row;
      await audit(tx, auth, 'update', 'activity', activityId, { customerId: row.customerId, before });
    }
  });
  return (await listActivities(db, auth.legalEntityId, row.customerId, { ids: [activityId] }))[0];
}

export interface ActivityRow {
  id: string; customerId: string; activityTypeId: string; activityType: string; associateId: string | null; associateName: string | null;
  storeId: string | null; storeName: string | null; occurredAt: string; notes: string | null; outcome: string | null; createdAt: string;
}

export async function listActivities(db: Db, legalEntityId: string, customerId: string, opts: { ids?: string[]; before?: string | null; limit?: number } = {}) {
  return query<ActivityRow>(db, sql`
    select x.id, x.customer_id as "customerId", x.activity_type_id as "activityTypeId", t.name as "activityType", x.associate_id as "associateId",
      a.display_name as "associateName", x.store_id as "storeId", s.name as "storeName", x.occurred_at::text as "occurredAt",
      x.notes, x.outcome, x.created_at::text as "createdAt"
    from activities x join activity_types t on t.id = x.activity_type_id
    left join associates a on a.id = x.associate_id left join stores s on s.id = x.store_id
    where x.legal_entity_id = ${legalEntityId} and x.customer_id = ${customerId}
      ${opts.ids ? sql`and x.id in (${sql.join(opts.ids.map((i) => sql`${i}`), sql`, `)})` : sql``}
      ${opts.before ? sql`and x.occurred_at < ${opts.before}::timestamptz` : sql``}
    order by x.occurred_at desc nulls last, x.id limit ${opts.limit ?? 100}`);
}

export interface NoteRow {
  id: string; customerId: string; authorId: string; authorName: string; storeId: string | null; storeName: string | null;
  visibility: NoteVisibility; body: string; createdAt: string; updatedAt: string; revisions: number;
}

/**
 * Who may read a note: everyone in the legal entity (as the seed), only the author (private), or the associates
 * who work at the store where it was written (store).
 */
export function noteVisibleTo(auth: AuthContext) {
  return sql`(n.visibility = 'everyone' or n.author_id = ${auth.associateId}
    or (n.visibility = 'store' and exists (select 1 from stores ns join address_book_members abm on abm.address_book_id = ns.address_book_id
          where ns.id = n.store_id and abm.associate_id = ${auth.associateId})))`;
}

export async function listNotes(db: Db, auth: AuthContext, customerId: string, opts: { ids?: string[]; before?: string | null; limit?: number } = {}) {
  return query<NoteRow>(db, sql`
    select n.id, n.customer_id as "customerId", n.author_id as "authorId", a.display_name as "authorName", n.store_id as "storeId", s.name as "storeName",
      n.visibility, n.body, n.created_at::text as "createdAt", n.updated_at::text as "updatedAt",
      (select count(*)::int from customer_note_revisions r where r.note_id = n.id) as revisions
    from customer_notes n join associates a on a.id = n.author_id left join stores s on s.id = n.store_id
    where n.legal_entity_id = ${auth.legalEntityId} and n.customer_id = ${customerId} and ${noteVisibleTo(auth)}
      ${opts.ids ? sql`and n.id in (${sql.join(opts.ids.map((i) => sql`${i}`), sql`, `)})` : sql``}
      ${opts.before ? sql`and n.created_at < ${opts.before}::timestamptz` : sql``}
    order by n.created_at desc nulls last, n.id limit ${opts.limit ?? 100}`);
}

export async function addNote(db: Db, auth: AuthContext, customerId: string, input: { body: string; visibility?: NoteVisibility }) {
  const customer = await getCustomer(db, auth.legalEntityId, customerId);
  if (customer.erasedAt) throw activityErrors.customer_erased('This customer was erased on request; nothing more can be recorded.');
  const visibility = input.visibility ?? 'everyone';
  if (visibility === 'store' && !auth.storeId) throw activityErrors.store_only_needs_store('You are not signed in at a store, so the note cannot be store-only.', { field: 'visibility' });
  const rows = await query<{ id: string }>(db, sql`insert into customer_notes (legal_entity_id, customer_id, author_id, store_id, visibility, body)
    values (${auth.legalEntityId}, ${customerId}, ${auth.associateId}, ${auth.storeId}, ${visibility}, ${input.body.trim()}) returning id`);
  await audit(db, auth, 'create', 'note', rows[0].id, { customerId, visibility });
  return (await listNotes(db, auth, customerId, { ids: [rows[0].id] }))[0];
}

async function loadNote(db: Db, auth: AuthContext, noteId: string) {
  const rows = await query<{ customerId: string; authorId: string; body: string; visibility: NoteVisibility }>(db, sql`
    select n.customer_id as "customerId", n.author_id as "authorId", n.body, n.visibility from customer_notes n
    where n.id = ${noteId} and n.legal_entity_id = ${auth.legalEntityId} and ${noteVisibleTo(auth)}`);
  if (!rows[0]) throw activityErrors.note_not_found('Note was not found.');
  return rows[0];
}

/** Only the author edits a note; the text before each edit is kept as a revision. */
export async function editNote(db: Db, auth: AuthContext, noteId: string, patch: { body?: string; visibility?: NoteVisibility }) {
  const note = await loadNote(db, auth, noteId);
  if (note.authorId !== auth.associateId) throw activityErrors.not_your_note('Only the author can edit a note; add a new note instead.');
  if (patch.visibility === 'store' && !auth.storeId) throw activityErrors.store_only_needs_store('You are not signed in at a store, so the note cannot be store-only.', { field: 'visibility' });
  const body = patch.body?.trim() ?? note.body;
  const visibility = patch.visibility ?? note.visibility;
  if (body === note.body && visibility === note.visibility) return (await listNotes(db, auth, note.customerId, { ids: [noteId] }))[0];
  await db.transaction(async (txRaw) => {
    const tx: Db = txRaw;
    await tx.execute(sql`insert into customer_note_revisions (note_id, body, visibility, edited_by) values (${noteId}, ${note.body}, ${note.visibility}, ${auth.associateId})`);
    await tx.execute(sql`update customer_notes set body = ${body}, visibility = ${visibility},
      store_id = case when ${visibility} = 'store' and visibility <> 'store' then ${auth.storeId}::uuid else store_id end, updated_at = now()
      where id = ${noteId}`);
    await audit(tx, auth, 'update', 'note', noteId, { customerId: note.customerId, visibility });
  });
  return (await listNotes(db, auth, note.customerId, { ids: [noteId] }))[0];
}

export async function noteHistory(db: Db, auth: AuthContext, noteId: string) {
  await loadNote(db, auth, noteId);
  return query<{ id: string; body: string; visibility: NoteVisibility; editedBy: string; editedAt: string }>(db, sql`
    select r.id, r.body, r.visibility, a.display_name as "editedBy", r.edited_at::text as "editedAt"
    from customer_note_revisions r join associates a on a.id = r.edited_by where r.note_id = ${noteId} order by r.edited_at desc, r.id`);
}

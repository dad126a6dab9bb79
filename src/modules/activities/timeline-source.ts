import type { TimelineSource, TimelineEvent } from '../customers/timeline.ts';
import { listActivities, listNotes } from './service.ts';

/** Activities and the notes the caller may read, on the customer timeline. */
export const timelineSource: TimelineSource = async (db, auth, customerId, page) => {
  const [acts, notes] = await Promise.all([
    listActivities(db, auth.legalEntityId, customerId, { before: page.before, limit: page.limit }),
    listNotes(db, auth, customerId, { before: page.before, limit: page.limit }),
  ]);
  const events: TimelineEvent[] = [
    ...acts.map((a) => ({
      id: `activity:${a.id}`, kind: 'activity', occurredAt: new Date(a.occurredAt).toISOString(), title: a.activityType,
      detail: [a.notes, a.outcome ? `Outcome: ${a.outcome}` : null].filter(Boolean).join('\n') || null,
      ...(a.outcome ? (a.notes ? { detailKey: 'activityNotesOutcome' as const, detailParams: { notes: a.notes, outcome: a.outcome } } : { detailKey: 'activityOutcome' as const, detailParams: { outcome: a.outcome } }) : {}),
      actor: a.associateName, storeId: a.storeId,
      data: { activityId: a.id, activityTypeId: a.activityTypeId, associateId: a.associateId, notes: a.notes, outcome: a.outcome, storeName: a.storeName },
    })),
    ...notes.map((n) => ({
      id: `note:${n.id}`, kind: 'note', occurredAt: new Date(n.createdAt).toISOString(), title: n.visibility === 'everyone' ? 'Note' : n.visibility === 'private' ? 'Private note' : 'Store note',
      titleKey: n.visibility === 'everyone' ? 'note' as const : n.visibility === 'private' ? 'privateNote' as const : 'storeNote' as const,
      detail: n.body, actor: n.authorName, storeId: n.storeId,
      data: { noteId: n.id, visibility: n.visibility, authorId: n.authorId, edited: n.revisions > 0, updatedAt: n.updatedAt },
    })),
  ];
  return events;
};

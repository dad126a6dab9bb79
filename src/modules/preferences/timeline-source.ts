import type { TimelineSource, TimelineEvent } from '../customers/timeline.ts';
import { associateRequestsPage } from './queries.ts';

/** A customer asking, from their preference page, for another associate: the store sees it on the timeline. */
export const timelineSource: TimelineSource = async (db, auth, customerId, page) => {
  const rows = await associateRequestsPage(db, auth.legalEntityId, customerId, page.before, page.limit);
  return rows.map((r): TimelineEvent => ({
    id: `associate-request:${r.id}`, kind: 'associate-change-request', occurredAt: new Date(r.requestedAt).toISOString(),
    title: 'Asked for another associate', titleKey: 'askedForAnotherAssociate', detail: r.message, actor: 'Customer (preference page)', actorKey: 'customerPreferencePage', storeId: null, data: {},
  }));
};

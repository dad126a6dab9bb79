import { infiniteQueryOptions, useInfiniteQuery, useQuery } from '@tanstack/react-query';
import { client, unwrap, type ApiBody, type ApiResult } from '../../lib/api.ts';
import { useApiMutation } from '../../lib/query.tsx';
import { customerKey } from '../customers/queries.ts';
import { useSession } from '../../lib/session.tsx';
import { sendOrQueue } from '../../lib/outbox.ts';

export type ActivityType = ApiResult<'/api/v1/activity-types', 'get'>[number];
export type TimelineEvent = ApiResult<'/api/v1/customers/{id}/timeline', 'get'>['items'][number];
export type Visibility = ApiBody<'/api/v1/customers/{id}/notes', 'post'>['visibility'] & string;

/** Shared with set-up, which changes the list. */
export const activityTypesKey = ['activity-types'] as const;

export function useActivityTypes() {
  return useQuery({ queryKey: activityTypesKey, queryFn: () => unwrap(client.GET('/api/v1/activity-types')) });
}

/** The customer timeline, newest first, a page of 30 at a time. */
export function useTimeline(customerId: string) {
  return useInfiniteQuery(timelineOptions(customerId));
}

/** Also what the offline copy loads ahead for each customer of the book (lib/offline.tsx). */
export function timelineOptions(customerId: string) {
  return infiniteQueryOptions({
    queryKey: [...customerKey(customerId), 'timeline'],
    initialPageParam: undefined as string | undefined,
    queryFn: ({ pageParam }) => unwrap(client.GET('/api/v1/customers/{id}/timeline', { params: { path: { id: customerId }, query: { before: pageParam, limit: 30 } } })),
    getNextPageParam: (last) => last.nextCursor ?? undefined,
  });
}

export function useNoteRevisions(noteId: string | null, customerId: string) {
  return useQuery({
    queryKey: [...customerKey(customerId), 'note-revisions', noteId],
    enabled: !!noteId,
    queryFn: () => unwrap(client.GET('/api/v1/notes/{id}/revisions', { params: { path: { id: noteId! } } })),
  });
}

/** Sent at once, or kept on the device while offline and sent on reconnect (answers null then). */
export function useRecordActivity(customerId: string) {
  const { me } = useSession();
  return useApiMutation(
    (body: ApiBody<'/api/v1/customers/{id}/activities', 'post'>) => sendOrQueue(me!.associateId, customerId, { kind: 'activity', body }),
    () => [customerKey(customerId)],
    { networkMode: 'always' },
  );
}

export function useCorrectActivity(customerId: string) {
  return useApiMutation(
    ({ id, ...body }: { id: string } & ApiBody<'/api/v1/activities/{id}', 'patch'>) => unwrap(client.PATCH('/api/v1/activities/{id}', { params: { path: { id } }, body })),
    () => [customerKey(customerId)],
  );
}

/** Sent at once, or kept on the device while offline and sent on reconnect (answers null then). */
export function useAddNote(customerId: string) {
  const { me } = useSession();
  return useApiMutation(
    (body: ApiBody<'/api/v1/customers/{id}/notes', 'post'>) => sendOrQueue(me!.associateId, customerId, { kind: 'note', body }),
    () => [customerKey(customerId)],
    { networkMode: 'always' },
  );
}

export function useEditNote(customerId: string) {
  return useApiMutation(
    ({ id, ...body }: { id: string } & ApiBody<'/api/v1/notes/{id}', 'patch'>) => unwrap(client.PATCH('/api/v1/notes/{id}', { params: { path: { id } }, body })),
    () => [customerKey(customerId)],
  );
}

export function useClientBookMembership(customerId: string) {
  return useQuery({
    queryKey: [...customerKey(customerId), 'client-books'],
    queryFn: () => unwrap(client.GET('/api/v1/customers/{id}/client-books', { params: { path: { id: customerId } } })),
  });
}

export function useAddToMyClientBook(customerId: string) {
  return useApiMutation(() => unwrap(client.POST('/api/v1/client-book/customers', { body: { customerId } })), () => [customerKey(customerId), ['client-book']]);
}

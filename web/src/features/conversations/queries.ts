import { useQuery } from '@tanstack/react-query';
import { client, unwrap, type ApiBody, type ApiResult } from '../../lib/api.ts';
import { useApiMutation } from '../../lib/query.tsx';
import { customerKey } from '../customers/queries.ts';

export type ConversationSummary = ApiResult<'/api/v1/conversations', 'get'>[number];
export type Thread = ApiResult<'/api/v1/customers/{customerId}/conversation', 'get'>;
export type ThreadMessage = Thread['messages'][number];
export type Reply = ApiBody<'/api/v1/customers/{customerId}/conversation/messages', 'post'>;
export type InboxScope = 'mine' | 'queue';

/** Inbox lists and unread counts: reading a thread or replying refetches them. */
export const conversationsKey = ['conversations'] as const;
const threadKey = (customerId: string) => [...customerKey(customerId), 'conversation'] as const;

export function useConversations(scope: InboxScope) {
  return useQuery({
    queryKey: [...conversationsKey, 'list', scope],
    queryFn: () => unwrap(client.GET('/api/v1/conversations', { params: { query: { scope } } })),
  });
}
export function useUnreadCounts() {
  return useQuery({ queryKey: [...conversationsKey, 'unread'], queryFn: () => unwrap(client.GET('/api/v1/conversations/unread')) });
}

export function useThread(customerId: string) {
  return useQuery({
    queryKey: threadKey(customerId),
    queryFn: () => unwrap(client.GET('/api/v1/customers/{customerId}/conversation', { params: { path: { customerId } } })),
  });
}
export function useMarkRead(customerId: string) {
  return useApiMutation(
    (id: string) => unwrap(client.POST('/api/v1/conversations/{id}/read', { params: { path: { id } } })),
    () => [threadKey(customerId), conversationsKey],
  );
}
export function useReply(customerId: string) {
  return useApiMutation(
    (body: Reply) => unwrap(client.POST('/api/v1/customers/{customerId}/conversation/messages', { params: { path: { customerId } }, body })),
    () => [threadKey(customerId), conversationsKey],
  );
}

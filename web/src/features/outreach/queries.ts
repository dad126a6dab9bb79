import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { client, unwrap, type ApiBody, type ApiQuery, type ApiResult } from '../../lib/api.ts';
import { useApiMutation } from '../../lib/query.tsx';
import { customerKey } from '../customers/queries.ts';

export type Template = ApiResult<'/api/v1/outreach/templates', 'get'>[number];
export type TemplateBody = ApiBody<'/api/v1/outreach/templates', 'post'>;
export type Channel = Template['channel'];
export type ReachOut = ApiResult<'/api/v1/outreach/customers/{customerId}/reach-out', 'get'>;
export type Preview = ApiResult<'/api/v1/outreach/preview', 'post'>;
export type Message = ApiResult<'/api/v1/outreach/customers/{customerId}/messages', 'get'>[number];
export type Inbox = ApiResult<'/api/v1/outreach/tasks', 'get'>;
export type Task = Inbox['items'][number];
export type TaskWhose = keyof Inbox['whose'];
export type TaskKind = NonNullable<ApiQuery<'/api/v1/outreach/tasks', 'get'>['kind']>;
export type Settings = ApiResult<'/api/v1/outreach/settings', 'get'>;
export type ProviderChannel = ApiResult<'/api/v1/outreach/providers', 'get'>[number]['channel'];
export type TaskScope = 'mine' | 'store';

/** Every outreach query starts here: a send, a task done or a set-up change refetches them. */
export const outreachKey = ['outreach'] as const;

/** One page of today's tasks, ranked by the server; the counts per whose and kind come with it. */
export function useTasks(scope: TaskScope, whose: TaskWhose = 'mine', kind: TaskKind | null = null, page = 0, pageSize = 20) {
  return useQuery({
    queryKey: [...outreachKey, 'tasks', { scope, whose, kind, page, pageSize }],
    placeholderData: keepPreviousData,
    queryFn: () => unwrap(client.GET('/api/v1/outreach/tasks', {
      params: { query: { scope, whose, limit: pageSize, offset: page * pageSize, ...(kind ? { kind } : {}) } },
    })),
  });
}
export function useSetTaskStatus() {
  return useApiMutation(
    ({ id, status }: { id: string; status: ApiBody<'/api/v1/outreach/tasks/{id}/status', 'post'>['status'] }) =>
      unwrap(client.POST('/api/v1/outreach/tasks/{id}/status', { params: { path: { id } }, body: { status } })),
    () => [[...outreachKey, 'tasks']],
  );
}

export function useTemplates(activeOnly = false) {
  return useQuery({
    queryKey: [...outreachKey, 'templates', { activeOnly }],
    queryFn: () => unwrap(client.GET('/api/v1/outreach/templates', { params: { query: activeOnly ? { activeOnly } : {} } })),
  });
}
export function useSaveTemplate() {
  return useApiMutation(
    ({ id, body }: { id: string | null; body: TemplateBody }) => id
      ? unwrap(client.PATCH('/api/v1/outreach/templates/{id}', { params: { path: { id } }, body }))
      : unwrap(client.POST('/api/v1/outreach/templates', { body })),
    () => [[...outreachKey, 'templates']],
  );
}
export function useDeleteTemplate() {
  return useApiMutation((id: string) => unwrap(client.DELETE('/api/v1/outreach/templates/{id}', { params: { path: { id } } })), () => [[...outreachKey, 'templates']]);
}

export function useOutreachSettings() {
  return useQuery({ queryKey: [...outreachKey, 'settings'], queryFn: () => unwrap(client.GET('/api/v1/outreach/settings')) });
}
export function useSaveOutreachSettings() {
  return useApiMutation((body: Settings) => unwrap(client.PUT('/api/v1/outreach/settings', { body })), () => [[...outreachKey, 'settings'], [...outreachKey, 'tasks']]);
}

export function useProviders() {
  return useQuery({ queryKey: [...outreachKey, 'providers'], queryFn: () => unwrap(client.GET('/api/v1/outreach/providers')) });
}
export function useSaveProvider() {
  return useApiMutation(
    ({ channel, body }: { channel: ProviderChannel; body: ApiBody<'/api/v1/outreach/providers/{channel}', 'put'> }) =>
      unwrap(client.PUT('/api/v1/outreach/providers/{channel}', { params: { path: { channel } }, body })),
    () => [[...outreachKey, 'providers']],
  );
}
export function usePrintLetters() {
  return useApiMutation(() => unwrap(client.POST('/api/v1/outreach/letters/batches')), () => [outreachKey]);
}

export function useReachOut(customerId: string) {
  return useQuery({
    queryKey: [...customerKey(customerId), 'reach-out'],
    queryFn: () => unwrap(client.GET('/api/v1/outreach/customers/{customerId}/reach-out', { params: { path: { customerId } } })),
  });
}
export function useMessages(customerId: string) {
  return useQuery({
    queryKey: [...customerKey(customerId), 'messages'],
    queryFn: () => unwrap(client.GET('/api/v1/outreach/customers/{customerId}/messages', { params: { path: { customerId }, query: { limit: 10 } } })),
  });
}
export function usePreview() {
  return useApiMutation((body: ApiBody<'/api/v1/outreach/preview', 'post'>) => unwrap(client.POST('/api/v1/outreach/preview', { body })), () => []);
}
export function useSend(customerId: string) {
  return useApiMutation(
    (body: ApiBody<'/api/v1/outreach/messages', 'post'>) => unwrap(client.POST('/api/v1/outreach/messages', { body })),
    () => [customerKey(customerId), [...outreachKey, 'tasks']],
  );
}

export type ChannelStatus = ApiResult<'/api/v1/outreach/channel-status', 'get'>[number];
/** Which channels can send, and recent failures: the set-up warning and the compose dialog's note. */
export function useChannelStatus(enabled = true) {
  return useQuery({ queryKey: [...outreachKey, 'channel-status'], enabled, queryFn: () => unwrap(client.GET('/api/v1/outreach/channel-status')) });
}

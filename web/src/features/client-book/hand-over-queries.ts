import { useQuery } from '@tanstack/react-query';
import { client, unwrap } from '../../lib/api.ts';
import { useApiMutation } from '../../lib/query.tsx';
import { clientBookKey } from './queries.ts';

const handOverKey = [...clientBookKey, 'hand-overs'] as const;

/** Open hand-overs of associates who left, for the store manager (their stores) or head office (all). */
export function useHandOverTasks() {
  return useQuery({ queryKey: handOverKey, queryFn: () => unwrap(client.GET('/api/v1/hand-over-tasks', { params: { query: { status: 'open' } } })) });
}

export function useCompleteHandOver() {
  return useApiMutation(
    (id: string) => unwrap(client.POST('/api/v1/hand-over-tasks/{id}/done', { params: { path: { id } } })),
    () => [handOverKey],
  );
}

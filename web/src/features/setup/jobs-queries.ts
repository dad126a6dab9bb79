import { useQuery } from '@tanstack/react-query';
import { client, unwrap, type ApiResult } from '../../lib/api.ts';
import { useApiMutation } from '../../lib/query.tsx';

export type JobRun = ApiResult<'/api/v1/setup/jobs/runs', 'get'>[number];
export type JobOutcome = JobRun['outcome'];
const jobsKey = ['setup', 'jobs'] as const;

export function useJobs() {
  return useQuery({ queryKey: [...jobsKey, 'list'], queryFn: () => unwrap(client.GET('/api/v1/setup/jobs')) });
}

/** Recent runs, refreshed while the page is open (a retry shows up within seconds). */
export function useJobRuns(outcome: JobOutcome | undefined) {
  return useQuery({
    queryKey: [...jobsKey, 'runs', outcome ?? 'all'],
    queryFn: () => unwrap(client.GET('/api/v1/setup/jobs/runs', { params: { query: { outcome, limit: 200 } } })),
    refetchInterval: 5_000,
  });
}

export function useRetryJobRun() {
  return useApiMutation((id: string) => unwrap(client.POST('/api/v1/setup/jobs/runs/{id}/retry', { params: { path: { id } } })), () => [jobsKey]);
}

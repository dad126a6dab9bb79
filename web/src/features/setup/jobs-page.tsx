import { useState } from 'react';
import { ErrorNote } from '../../lib/error-note.tsx';
import { useJobRuns, useJobs, useRetryJobRun, type JobOutcome, type JobRun } from './jobs-queries.ts';

const OUTCOME_LABEL: Record<JobOutcome, string> = { running: 'Running', ok: 'Done', failed: 'Failed, will retry', dead: 'Failed' };
const when = (iso: string | null) => (iso ? new Date(iso).toLocaleString() : '—');

function RunRow({ run, onRetry, retrying }: { run: JobRun; onRetry(id: string): void; retrying: boolean }) {
  return (
    <tr>
      <td>{run.job}{run.platform && <span className="muted"> (platform)</span>}</td>
      <td>{when(run.startedAt)}</td>
      <td>{when(run.finishedAt)}</td>
      <td>{run.attempt} of {run.maxAttempts}</td>
      <td>{run.trigger}</td>
      <td>{OUTCOME_LABEL[run.outcome]}{run.error && <div className="muted">{run.error}</div>}</td>
      <td>{run.outcome === 'dead' && <button type="button" disabled={retrying} onClick={() => onRetry(run.id)}>Retry</button>}</td>
    </tr>
  );
}

/** Head office sees the background jobs, their schedules, recent runs and failures, and retries a failed one. */
export function JobsPage() {
  const [outcome, setOutcome] = useState<JobOutcome | ''>('');
  const jobs = useJobs();
  const runs = useJobRuns(outcome || undefined);
  const retry = useRetryJobRun();
  const [message, setMessage] = useState<string | null>(null);
  const onRetry = (id: string) => {
    setMessage(null);
    retry.mutate(id, { onSuccess: (r) => setMessage(r.queued ? 'Queued: the job runs again in a moment.' : 'A run of this job is already waiting.') });
  };
  return (
    <div className="setup">
      <h1>Background jobs</h1>
      <ErrorNote error={jobs.error ?? runs.error ?? retry.error} />
      {message && <p role="status" className="ok">{message}</p>}
      <section className="card" aria-label="Schedules">
        <h2>Schedules</h2>
        <table>
          <thead><tr><th>Job</th><th>When (cron)</th><th>Time zone</th><th>Attempts</th></tr></thead>
          <tbody>
            {(jobs.data ?? []).map((j) => <tr key={j.name}><td>{j.name}</td><td><code>{j.cron}</code></td><td>{j.timeZone}</td><td>{j.attempts}</td></tr>)}
          </tbody>
        </table>
      </section>
      <section className="card" aria-label="Runs">
        <h2>Runs</h2>
        <label>Show
          <select value={outcome} onChange={(e) => setOutcome(e.target.value as JobOutcome | '')}>
            <option value="">All runs</option>
            <option value="dead">Failures</option>
            <option value="failed">Failed attempts to be retried</option>
            <option value="running">Running</option>
          </select>
        </label>
        {runs.data && runs.data.length === 0 ? <p className="muted">No runs.</p> : (
          <table>
            <thead><tr><th>Job</th><th>Started</th><th>Finished</th><th>Attempt</th><th>Trigger</th><th>Outcome</th><th /></tr></thead>
            <tbody>{(runs.data ?? []).map((r) => <RunRow key={r.id} run={r} onRetry={onRetry} retrying={retry.isPending} />)}</tbody>
          </table>
        )}
      </section>
    </div>
  );
}

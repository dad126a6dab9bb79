import type { TFunction } from 'i18next';
import { serverText } from '../../i18n/server-text.ts';
import { useState } from 'react';
import { ErrorNote } from '../../lib/error-note.tsx';
import { useT } from '../../i18n/i18n.ts';
import { useJobRuns, useJobs, useRetryJobRun, type JobOutcome, type JobRun } from './jobs-queries.ts';

function RunRow({ run, onRetry, retrying }: { run: JobRun; onRetry(id: string): void; retrying: boolean }) {
  const { t, format } = useT();
  const when = (iso: string | null) => (iso ? format.dateTime(iso) : t('common.none'));
  return (
    <tr>
      <td>{jobName(t, run.job)}{run.platform && <span className="muted"> {t('jobs.platform')}</span>}</td>
      <td>{when(run.startedAt)}</td>
      <td>{when(run.finishedAt)}</td>
      <td>{t('jobs.attemptOf', { attempt: run.attempt, max: run.maxAttempts })}</td>
      <td>{t(`jobs.trigger.${run.trigger}`)}</td>
      <td>{t(`jobs.outcome.${run.outcome}`)}{run.error && <div className="muted">{run.error}</div>}</td>
      <td>{run.outcome === 'dead' && <button type="button" disabled={retrying} onClick={() => onRetry(run.id)}>{t('jobs.retry')}</button>}</td>
    </tr>
  );
}

/** Head office sees the background jobs, their schedules, recent runs and failures, and retries a failed one. */
export function JobsPage() {
  const { t } = useT();
  const [outcome, setOutcome] = useState<JobOutcome | ''>('');
  const jobs = useJobs();
  const runs = useJobRuns(outcome || undefined);
  const retry = useRetryJobRun();
  const [message, setMessage] = useState<string | null>(null);
  const onRetry = (id: string) => {
    setMessage(null);
    retry.mutate(id, { onSuccess: (r) => setMessage(r.queued ? t('jobs.queued') : t('jobs.alreadyWaiting')) });
  };
  return (
    <div className="setup">
      <h1>{t('jobs.title')}</h1>
      <ErrorNote error={jobs.error ?? runs.error ?? retry.error} />
      {message && <p role="status" className="ok">{message}</p>}
      <section className="card" aria-label={t('jobs.schedules')}>
        <h2>{t('jobs.schedules')}</h2>
        <table>
          <thead><tr><th>{t('jobs.job')}</th><th>{t('jobs.cron')}</th><th>{t('jobs.timeZone')}</th><th>{t('jobs.attempts')}</th></tr></thead>
          <tbody>
            {(jobs.data ?? []).map((j) => <tr key={j.name}><td>{jobName(t, j.name)}</td><td><code>{j.cron}</code></td><td>{j.timeZone}</td><td>{j.attempts}</td></tr>)}
          </tbody>
        </table>
      </section>
      <section className="card" aria-label={t('jobs.runs')}>
        <h2>{t('jobs.runs')}</h2>
        <label>{t('jobs.show')}
          <select value={outcome} onChange={(e) => setOutcome(e.target.value as JobOutcome | '')}>
            <option value="">{t('jobs.allRuns')}</option>
            <option value="dead">{t('jobs.failures')}</option>
            <option value="failed">{t('jobs.toRetry')}</option>
            <option value="running">{t('jobs.outcome.running')}</option>
          </select>
        </label>
        {runs.data && runs.data.length === 0 ? <p className="muted">{t('jobs.noRuns')}</p> : (
          <table>
            <thead><tr><th>{t('jobs.job')}</th><th>{t('jobs.started')}</th><th>{t('jobs.finished')}</th><th>{t('jobs.attempt')}</th><th>{t('jobs.triggerHeading')}</th><th>{t('jobs.outcomeHeading')}</th><th /></tr></thead>
            <tbody>{(runs.data ?? []).map((r) => <RunRow key={r.id} run={r} onRetry={onRetry} retrying={retry.isPending} />)}</tbody>
          </table>
        )}
      </section>
    </div>
  );
}

/** A job in the reader's words, its name beside for operators (logs and metrics use the name); a job the catalogue does not know shows its name. */
export function jobName(t: TFunction, name: string): string {
  const words = serverText(t, 'jobs.names', { key: name.replace(/\./g, '_') }, '');
  return words ? `${words} (${name})` : name;
}

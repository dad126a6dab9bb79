import { useState, type FormEvent } from 'react';
import { ErrorNote } from '../../lib/error-note.tsx';
import { useAddComplement, useMineNow, useRecommendationSetup, useRemoveComplement, useSaveRecommendationSettings, type Overview } from './queries.ts';
import './recommendations.css';
import { useT } from '../../i18n/i18n.ts';

/** Head office: category complement rules, mining thresholds, the last runs and a button to mine now. */
export function RecommendationSetupPage() {
  const { t, format } = useT();
  const dateTime = (iso: string) => format.dateTime(iso);
  const seconds = (ms: number) => format.number(ms / 1000, { minimumFractionDigits: 1, maximumFractionDigits: 1 });
  const setup = useRecommendationSetup();
  const data = setup.data;
  const [message, setMessage] = useState<string | null>(null);
  const [actionError, setActionError] = useState<unknown>(null);
  const miner = useMineNow();
  const mining = miner.isPending;
  const error = actionError ?? setup.error;
  const run: Run = (send, ok, then) => {
    setMessage(null); setActionError(null);
    send({ onSuccess: () => { setMessage(ok); then?.(); }, onError: setActionError });
  };
  const mineNow = () => {
    setMessage(null); setActionError(null);
    miner.mutate(undefined, {
      onSuccess: (r) => setMessage(t('recSetup.mined', { rules: r.rules, baskets: r.baskets, seconds: seconds(r.durationMs ?? 0) })),
      onError: setActionError,
    });
  };

  return (
    <div className="rec-setup">
      <h1>{t('recSetup.title')}</h1>
      <p className="muted">{t('recSetup.intro')}</p>
      {message && <p className="ok" role="status">{message}</p>}
      <ErrorNote error={error} />
      {data && (
        <>
          <section aria-label={t('recSetup.alsoBoughtRules')}>
            <h2>{t('recSetup.alsoBoughtHeading')}</h2>
            <dl className="figures">
              <div><dt>{t('recSetup.rulesInUse')}</dt><dd data-testid="rule-count">{format.number(data.ruleCount)}</dd></div>
              <div><dt>{t('recSetup.lastRun')}</dt><dd>{data.lastRun ? dateTime(data.lastRun.startedAt) : t('recSetup.never')}</dd></div>
              <div><dt>{t('recSetup.ordersMined')}</dt><dd>{data.lastSuccessfulRun?.baskets != null ? format.number(data.lastSuccessfulRun.baskets) : '—'}</dd></div>
              <div><dt>{t('recSetup.statusHeading')}</dt><dd>{data.lastRun ? t(`recSetup.status.${data.lastRun.status}` as 'recSetup.status.failed', { defaultValue: data.lastRun.status }) : '—'}</dd></div>
            </dl>
            {data.lastRun?.status === 'failed' && <p className="error">{t('recSetup.lastFailed', { error: data.lastRun.error })}</p>}
            <p className="muted">{t('recSetup.nightly')}</p>
            <button onClick={mineNow} disabled={mining}>{mining ? t('recSetup.mining') : t('recSetup.mineNow')}</button>
          </section>
          <SettingsSection key={JSON.stringify(data.settings)} data={data} run={run} />
          <ComplementsSection data={data} run={run} />
          {data.recentRuns.length > 0 && (
            <section aria-label={t('recSetup.recentRuns')}>
              <h2>{t('recSetup.recentRuns')}</h2>
              <table>
                <thead><tr><th>{t('recSetup.started')}</th><th>{t('recSetup.trigger')}</th><th>{t('recSetup.statusHeading')}</th><th>{t('recSetup.orders')}</th><th>{t('recSetup.rules')}</th><th>{t('recSetup.duration')}</th></tr></thead>
                <tbody>
                  {data.recentRuns.map((r) => (
                    <tr key={r.id}>
                      <td>{dateTime(r.startedAt)}</td><td>{r.trigger}</td><td>{r.status}</td>
                      <td>{r.baskets != null ? format.number(r.baskets) : '—'}</td><td>{r.rules != null ? format.number(r.rules) : '—'}</td>
                      <td>{r.durationMs !== null ? t('recSetup.seconds', { seconds: seconds(r.durationMs) }) : '—'}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </section>
          )}
        </>
      )}
    </div>
  );
}

type Outcome = { onSuccess(): void; onError(e: unknown): void };
/** Sends one change (given the callbacks to pass to its mutation); shows `ok` once the set-up has been re-read. */
type Run = (send: (outcome: Outcome) => void, ok: string, then?: () => void) => void;

function SettingsSection({ data, run }: { data: Overview; run: Run }) {
  const { t } = useT();
  const saver = useSaveRecommendationSettings();
  const [minSupportCount, setCount] = useState(String(data.settings.minSupportCount));
  const [minConfidence, setConfidence] = useState(String(Math.round(data.settings.minConfidence * 1000) / 10));
  const [lookbackDays, setLookback] = useState(String(data.settings.lookbackDays));
  const save = (e: FormEvent) => {
    e.preventDefault();
    run((outcome) => saver.mutate({ minSupportCount: Number(minSupportCount), minConfidence: Number(minConfidence) / 100, lookbackDays: Number(lookbackDays) }, outcome),
      t('recSetup.settingsSaved'));
  };
  return (
    <section aria-label={t('recSetup.miningSettings')}>
      <h2>{t('recSetup.miningSettings')}</h2>
      <form className="row" onSubmit={save}>
        <label>{t('recSetup.minSupport')}
          <input type="number" min={1} step={1} required value={minSupportCount} onChange={(e) => setCount(e.target.value)} />
        </label>
        <label>{t('recSetup.minConfidence')}
          <input type="number" min={0} max={100} step={0.1} required value={minConfidence} onChange={(e) => setConfidence(e.target.value)} />
        </label>
        <label>{t('recSetup.lookback')}
          <input type="number" min={1} max={3650} step={1} required value={lookbackDays} onChange={(e) => setLookback(e.target.value)} />
        </label>
        <button type="submit">{t('recSetup.saveSettings')}</button>
      </form>
    </section>
  );
}

function ComplementsSection({ data, run }: { data: Overview; run: Run }) {
  const { t } = useT();
  const adder = useAddComplement();
  const remover = useRemoveComplement();
  const [from, setFrom] = useState('');
  const [to, setTo] = useState('');
  const [note, setNote] = useState('');
  const add = (e: FormEvent) => {
    e.preventDefault();
    run((outcome) => adder.mutate({ fromCategory: from, toCategory: to, note: note || null }, outcome), t('recSetup.added', { from, to }), () => { setFrom(''); setTo(''); setNote(''); });
  };
  return (
    <section aria-label={t('recSetup.complements')}>
      <h2>{t('recSetup.complements')}</h2>
      <p className="muted">{t('recSetup.complementsHelp')}</p>
      {data.complements.length === 0 ? <p className="muted">{t('recSetup.noComplements')}</p> : (
        <table>
          <thead><tr><th>{t('recSetup.bought')}</th><th>{t('recSetup.suggest')}</th><th>{t('recSetup.note')}</th><th /></tr></thead>
          <tbody>
            {data.complements.map((c) => (
              <tr key={c.id}>
                <td>{c.fromCategory}</td><td>{c.toCategory}</td><td>{c.note ?? ''}</td>
                <td><button className="secondary" aria-label={t('recSetup.removeLabel', { from: c.fromCategory, to: c.toCategory })}
                  onClick={() => run((outcome) => remover.mutate(c.id, outcome), t('recSetup.removed', { from: c.fromCategory, to: c.toCategory }))}>{t('recSetup.remove')}</button></td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <datalist id="rec-categories">{data.categories.map((c) => <option key={c} value={c} />)}</datalist>
      <form className="row" onSubmit={add}>
        <label>{t('recSetup.boughtCategory')}
          <input list="rec-categories" required value={from} onChange={(e) => setFrom(e.target.value)} />
        </label>
        <label>{t('recSetup.complementaryCategory')}
          <input list="rec-categories" required value={to} onChange={(e) => setTo(e.target.value)} />
        </label>
        <label>{t('recSetup.noteForAssociates')}
          <input value={note} maxLength={300} onChange={(e) => setNote(e.target.value)} />
        </label>
        <button type="submit">{t('recSetup.addComplement')}</button>
      </form>
    </section>
  );
}

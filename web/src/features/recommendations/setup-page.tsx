import { useState, type FormEvent } from 'react';
import { ErrorNote } from '../../lib/error-note.tsx';
import { dateTime } from './types.ts';
import { useAddComplement, useMineNow, useRecommendationSetup, useRemoveComplement, useSaveRecommendationSettings, type Overview } from './queries.ts';
import './recommendations.css';

/** Head office: category complement rules, mining thresholds, the last runs and a button to mine now. */
export function RecommendationSetupPage() {
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
      onSuccess: (r) => setMessage(`Mined ${r.rules} rules from ${r.baskets} orders in ${((r.durationMs ?? 0) / 1000).toFixed(1)} s.`),
      onError: setActionError,
    });
  };

  return (
    <div className="rec-setup">
      <h1>Recommendation set-up</h1>
      <p className="muted">Associates see conversation starters on the customer profile: products other customers also bought,
        what the customer viewed online, complements of recent purchases and products due for replenishment.</p>
      {message && <p className="ok" role="status">{message}</p>}
      <ErrorNote error={error} />
      {data && (
        <>
          <section aria-label="Also bought rules">
            <h2>"Also bought" rules</h2>
            <dl className="figures">
              <div><dt>Rules in use</dt><dd data-testid="rule-count">{data.ruleCount.toLocaleString()}</dd></div>
              <div><dt>Last run</dt><dd>{data.lastRun ? dateTime(data.lastRun.startedAt) : 'Never'}</dd></div>
              <div><dt>Orders mined</dt><dd>{data.lastSuccessfulRun?.baskets?.toLocaleString() ?? '—'}</dd></div>
              <div><dt>Status</dt><dd>{data.lastRun ? ({ succeeded: 'Succeeded', failed: 'Failed', running: 'Running' }[data.lastRun.status]) : '—'}</dd></div>
            </dl>
            {data.lastRun?.status === 'failed' && <p className="error">The last run failed: {data.lastRun.error}</p>}
            <p className="muted">Rules are mined every night from the orders (one order is one basket; cancelled orders are left out).</p>
            <button onClick={mineNow} disabled={mining}>{mining ? 'Mining…' : 'Mine now'}</button>
          </section>
          <SettingsSection key={JSON.stringify(data.settings)} data={data} run={run} />
          <ComplementsSection data={data} run={run} />
          {data.recentRuns.length > 0 && (
            <section aria-label="Recent runs">
              <h2>Recent runs</h2>
              <table>
                <thead><tr><th>Started</th><th>Trigger</th><th>Status</th><th>Orders</th><th>Rules</th><th>Duration</th></tr></thead>
                <tbody>
                  {data.recentRuns.map((r) => (
                    <tr key={r.id}>
                      <td>{dateTime(r.startedAt)}</td><td>{r.trigger}</td><td>{r.status}</td>
                      <td>{r.baskets?.toLocaleString() ?? '—'}</td><td>{r.rules?.toLocaleString() ?? '—'}</td>
                      <td>{r.durationMs !== null ? `${(r.durationMs / 1000).toFixed(1)} s` : '—'}</td>
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
  const saver = useSaveRecommendationSettings();
  const [minSupportCount, setCount] = useState(String(data.settings.minSupportCount));
  const [minConfidence, setConfidence] = useState(String(Math.round(data.settings.minConfidence * 1000) / 10));
  const [lookbackDays, setLookback] = useState(String(data.settings.lookbackDays));
  const save = (e: FormEvent) => {
    e.preventDefault();
    run((outcome) => saver.mutate({ minSupportCount: Number(minSupportCount), minConfidence: Number(minConfidence) / 100, lookbackDays: Number(lookbackDays) }, outcome),
      'Settings saved; they apply from the next run.');
  };
  return (
    <section aria-label="Mining settings">
      <h2>Mining settings</h2>
      <form className="row" onSubmit={save}>
        <label>Minimum support (orders with both products)
          <input type="number" min={1} step={1} required value={minSupportCount} onChange={(e) => setCount(e.target.value)} />
        </label>
        <label>Minimum confidence (%)
          <input type="number" min={0} max={100} step={0.1} required value={minConfidence} onChange={(e) => setConfidence(e.target.value)} />
        </label>
        <label>Orders of the last (days)
          <input type="number" min={1} max={3650} step={1} required value={lookbackDays} onChange={(e) => setLookback(e.target.value)} />
        </label>
        <button type="submit">Save settings</button>
      </form>
    </section>
  );
}

function ComplementsSection({ data, run }: { data: Overview; run: Run }) {
  const adder = useAddComplement();
  const remover = useRemoveComplement();
  const [from, setFrom] = useState('');
  const [to, setTo] = useState('');
  const [note, setNote] = useState('');
  const add = (e: FormEvent) => {
    e.preventDefault();
    run((outcome) => adder.mutate({ fromCategory: from, toCategory: to, note: note || null }, outcome), `Added ${from} → ${to}.`, () => { setFrom(''); setTo(''); setNote(''); });
  };
  return (
    <section aria-label="Category complements">
      <h2>Category complements</h2>
      <p className="muted">When a customer bought in the first category recently, associates are offered the best sellers of the second.</p>
      {data.complements.length === 0 ? <p className="muted">No complement rules yet.</p> : (
        <table>
          <thead><tr><th>Bought</th><th>Suggest</th><th>Note</th><th /></tr></thead>
          <tbody>
            {data.complements.map((c) => (
              <tr key={c.id}>
                <td>{c.fromCategory}</td><td>{c.toCategory}</td><td>{c.note ?? ''}</td>
                <td><button className="secondary" aria-label={`Remove ${c.fromCategory} → ${c.toCategory}`}
                  onClick={() => run((outcome) => remover.mutate(c.id, outcome), `Removed ${c.fromCategory} → ${c.toCategory}.`)}>Remove</button></td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <datalist id="rec-categories">{data.categories.map((c) => <option key={c} value={c} />)}</datalist>
      <form className="row" onSubmit={add}>
        <label>Bought category
          <input list="rec-categories" required value={from} onChange={(e) => setFrom(e.target.value)} />
        </label>
        <label>Complementary category
          <input list="rec-categories" required value={to} onChange={(e) => setTo(e.target.value)} />
        </label>
        <label>Note for associates
          <input value={note} maxLength={300} onChange={(e) => setNote(e.target.value)} />
        </label>
        <button type="submit">Add complement</button>
      </form>
    </section>
  );
}

import { useState } from 'react';
import { ErrorNote } from '../../lib/error-note.tsx';
import { FORMATS } from './types.ts';
import { useSaveSqlMeasure, useValidateSql, type MeasureFormat } from './queries.ts';

const EXAMPLE = `select o.customer_id, count(*) as value
from orders o
where o.legal_entity_id = :legal_entity_id and o.status <> 'cancelled'
group by o.customer_id`;

/** Define a SQL measure: "Validate" runs it read-only with a limit; saving validates again and computes the values. */
export function SqlMeasureForm({ onSaved }: { onSaved(message: string): void }) {
  const [key, setKey] = useState('');
  const [name, setName] = useState('');
  const [format, setFormat] = useState<MeasureFormat>('number');
  const [sqlText, setSqlText] = useState(EXAMPLE);
  const validator = useValidateSql();
  const saver = useSaveSqlMeasure();
  const result = validator.data ?? null;
  const busy = validator.isPending || saver.isPending;
  const error = validator.error ?? saver.error;
  const validate = () => { saver.reset(); validator.mutate({ sqlText, format }); };
  const save = () => {
    validator.reset();
    saver.mutate({ key, name, format, sqlText }, {
      onSuccess: (r) => { setKey(''); setName(''); onSaved(`Measure "${name}" saved: ${r.customers} customers have a value.`); },
    });
  };
  return (
    <form className="card" onSubmit={(e) => { e.preventDefault(); save(); }}>
      <h3>Define a SQL measure</h3>
      <p className="muted">A SELECT returning <code>customer_id</code> and <code>value</code>, filtered with <code>:legal_entity_id</code>. It runs read-only; only this legal entity's customers get values.</p>
      <div className="form-grid">
        <label>Key<input value={key} onChange={(e) => setKey(e.target.value)} placeholder="orders_12m" pattern="[a-z][a-z0-9_]{1,49}" required /></label>
        <label>Name<input value={name} onChange={(e) => setName(e.target.value)} required /></label>
        <label>Format<select value={format} onChange={(e) => setFormat(e.target.value as MeasureFormat)}>{FORMATS.map(([v, l]) => <option key={v} value={v}>{l}</option>)}</select></label>
      </div>
      <label>SQL query<textarea className="sql" value={sqlText} onChange={(e) => { setSqlText(e.target.value); validator.reset(); }} spellCheck={false} /></label>
      <div className="row">
        <button type="button" className="secondary" onClick={validate} disabled={busy}>Validate</button>
        <button type="submit" disabled={busy}>Save measure</button>
      </div>
      {result && (
        <div role="status" className={result.ok ? 'ok' : 'error'}>
          {result.ok ? `Valid: ${result.rowCount}${result.truncated ? '+' : ''} customers would get a value.` : `Not valid: ${result.errors.join(' ')}`}
          {result.ok && result.sample.length > 0 && <span className="muted"> Example values: {result.sample.map((s) => String(s.value)).join(', ')}.</span>}
        </div>
      )}
      <ErrorNote error={error} />
    </form>
  );
}

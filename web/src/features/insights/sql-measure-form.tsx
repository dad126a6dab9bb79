import { serverTexts, type KeyedText } from '../../i18n/server-text.ts';
import { useState } from 'react';
import { Trans } from 'react-i18next';
import { ErrorNote } from '../../lib/error-note.tsx';
import { useT } from '../../i18n/i18n.ts';
import { FORMATS } from './types.ts';
import { useSaveSqlMeasure, useValidateSql, type MeasureFormat } from './queries.ts';

const EXAMPLE = `select o.customer_id, count(*) as value
from orders o
where o.legal_entity_id = :legal_entity_id and o.status <> 'cancelled'
group by o.customer_id`;
const KEY_EXAMPLE = 'orders_12m';

/** Define a SQL measure: "Validate" runs it read-only with a limit; saving validates again and computes the values. */
export function SqlMeasureForm({ onSaved }: { onSaved(message: string): void }) {
  const { t, format: numbers } = useT();
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
      onSuccess: (r) => { setKey(''); setName(''); onSaved(t('sqlMeasure.saved', { name, customers: numbers.number(r.customers) })); },
    });
  };
  return (
    <form className="card" onSubmit={(e) => { e.preventDefault(); save(); }}>
      <h3>{t('sqlMeasure.title')}</h3>
      <p className="muted"><Trans i18nKey="sqlMeasure.help" components={[<code key="id" />, <code key="value" />, <code key="le" />]} /></p>
      <div className="form-grid">
        <label>{t('sqlMeasure.key')}<input value={key} onChange={(e) => setKey(e.target.value)} placeholder={KEY_EXAMPLE} pattern="[a-z][a-z0-9_]{1,49}" required /></label>
        <label>{t('sqlMeasure.name')}<input value={name} onChange={(e) => setName(e.target.value)} required /></label>
        <label>{t('sqlMeasure.format')}<select value={format} onChange={(e) => setFormat(e.target.value as MeasureFormat)}>{FORMATS.map(([v]) => <option key={v} value={v}>{t(`measureFormats.${v}`)}</option>)}</select></label>
      </div>
      <label>{t('sqlMeasure.query')}<textarea className="sql" value={sqlText} onChange={(e) => { setSqlText(e.target.value); validator.reset(); }} spellCheck={false} /></label>
      <div className="row">
        <button type="button" className="secondary" onClick={validate} disabled={busy}>{t('sqlMeasure.validate')}</button>
        <button type="submit" disabled={busy}>{t('sqlMeasure.save')}</button>
      </div>
      {result && (
        <div role="status" className={result.ok ? 'ok' : 'error'}>
          {result.ok ? t('sqlMeasure.valid', { rows: `${numbers.number(result.rowCount)}${result.truncated ? '+' : ''}` }) : t('sqlMeasure.invalid', { errors: serverTexts(t, 'measureNote', result.notes as KeyedText[], result.errors.join(' ')) })}
          {result.ok && result.sample.length > 0 && <span className="muted">{t('sqlMeasure.examples', { values: result.sample.map((s) => String(s.value)).join(', ') })}</span>}
        </div>
      )}
      <ErrorNote error={error} />
    </form>
  );
}

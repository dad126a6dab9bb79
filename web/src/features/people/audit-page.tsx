import { useState } from 'react';
import { ErrorNote } from '../../lib/error-note.tsx';
import { useAuditLog } from './queries.ts';
import { useT } from '../../i18n/i18n.ts';

export function AuditPage() {
  const { t, format } = useT();
  const [entityType, setEntityType] = useState('');
  const log = useAuditLog(entityType);
  const entries = log.data?.pages.flat() ?? [];
  return (
    <div>
      <h1>{t('audit.title')}</h1>
      <p className="muted">{t('audit.intro')}</p>
      <label style={{ maxWidth: 300 }}>{t('audit.kind')}
        <select value={entityType} onChange={(e) => setEntityType(e.target.value)}>
          <option value="">{t('audit.all')}</option>
          {['customer', 'customer_profile', 'note', 'activity', 'client_book', 'associate', 'api_token', 'session', 'user'].map((k) => <option key={k} value={k}>{k}</option>)}
        </select>
      </label>
      <ErrorNote error={log.error} />
      <table aria-label={t('audit.entries')}>
        <thead><tr><th>{t('audit.when')}</th><th>{t('audit.who')}</th><th>{t('audit.action')}</th><th>{t('audit.record')}</th></tr></thead>
        <tbody>{entries.map((e) => <tr key={e.id}><td>{format.dateTime(e.at)}</td><td>{e.actorLabel ?? t('audit.system')}</td><td>{e.action}</td><td>{e.entityType} <span className="muted">{e.entityId}</span></td></tr>)}</tbody>
      </table>
      {log.hasNextPage && <button className="secondary" disabled={log.isFetchingNextPage} onClick={() => log.fetchNextPage()}>{t('audit.loadMore')}</button>}
    </div>
  );
}

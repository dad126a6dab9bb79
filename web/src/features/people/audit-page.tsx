import { useState } from 'react';
import { ErrorNote } from '../../lib/error-note.tsx';
import { useAuditLog } from './queries.ts';

export function AuditPage() {
  const [entityType, setEntityType] = useState('');
  const log = useAuditLog(entityType);
  const entries = log.data?.pages.flat() ?? [];
  return (
    <div>
      <h1>Audit log</h1>
      <p className="muted">Who read or changed customer data, newest first.</p>
      <label style={{ maxWidth: 300 }}>Kind of record
        <select value={entityType} onChange={(e) => setEntityType(e.target.value)}>
          <option value="">All</option>
          {['customer', 'customer_profile', 'note', 'activity', 'client_book', 'associate', 'api_token', 'session', 'user'].map((t) => <option key={t} value={t}>{t}</option>)}
        </select>
      </label>
      <ErrorNote error={log.error} />
      <table aria-label="Audit entries">
        <thead><tr><th>When</th><th>Who</th><th>Action</th><th>Record</th></tr></thead>
        <tbody>{entries.map((e) => <tr key={e.id}><td>{new Date(e.at).toLocaleString()}</td><td>{e.actorLabel ?? 'System'}</td><td>{e.action}</td><td>{e.entityType} <span className="muted">{e.entityId}</span></td></tr>)}</tbody>
      </table>
      {log.hasNextPage && <button className="secondary" disabled={log.isFetchingNextPage} onClick={() => log.fetchNextPage()}>Load more</button>}
    </div>
  );
}

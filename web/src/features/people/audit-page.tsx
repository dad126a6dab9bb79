import { useEffect, useState } from 'react';
import { api } from '../../lib/api.ts';

interface Entry { id: number; actorLabel: string | null; action: string; entityType: string; entityId: string | null; at: string; detail: unknown }

export function AuditPage() {
  const [entries, setEntries] = useState<Entry[]>([]);
  const [entityType, setEntityType] = useState('');
  const [error, setError] = useState<string | null>(null);
  const load = (before?: number) => api<Entry[]>('audit', { query: { entityType: entityType || undefined, limit: 100, beforeId: before } })
    .then((rows) => setEntries((prev) => (before ? [...prev, ...rows] : rows))).catch((e) => setError(e.message));
  useEffect(() => { void load(); }, [entityType]);
  return (
    <div>
      <h1>Audit log</h1>
      <p className="muted">Who read or changed customer data, newest first.</p>
      <label style={{ maxWidth: 300 }}>Kind of record
        <select value={entityType} onChange={(e) => setEntityType(e.target.value)}>
          <option value="">All</option>
          {['customer', 'customer_profile', 'note', 'activity', 'client_book', 'associate', 'api_token'].map((t) => <option key={t} value={t}>{t}</option>)}
        </select>
      </label>
      {error && <p role="alert" className="error">{error}</p>}
      <table aria-label="Audit entries">
        <thead><tr><th>When</th><th>Who</th><th>Action</th><th>Record</th></tr></thead>
        <tbody>{entries.map((e) => <tr key={e.id}><td>{new Date(e.at).toLocaleString()}</td><td>{e.actorLabel ?? 'System'}</td><td>{e.action}</td><td>{e.entityType} <span className="muted">{e.entityId}</span></td></tr>)}</tbody>
      </table>
      {entries.length > 0 && entries.length % 100 === 0 && <button className="secondary" onClick={() => load(entries[entries.length - 1].id)}>Load more</button>}
    </div>
  );
}

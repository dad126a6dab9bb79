import { useCallback, useEffect, useState } from 'react';
import { api } from '../../lib/api.ts';

interface ActivityType { id: string; name: string; displayOrder: number; active: boolean }

export function ActivityTypesSection({ onError, onMessage }: { onError(m: string | null): void; onMessage(m: string | null): void }) {
  const [types, setTypes] = useState<ActivityType[]>([]);
  const [name, setName] = useState('');
  const load = useCallback(() => api<ActivityType[]>('activity-types').then(setTypes), []);
  useEffect(() => { load().catch(() => {}); }, [load]);
  const run = (fn: () => Promise<unknown>, done: string) => { onError(null); fn().then(() => { onMessage(done); return load(); }).catch((e) => onError(e.message)); };
  return (
    <section className="card" aria-label="Activity types">
      <h2>Activity types</h2>
      <ul>
        {types.map((t) => (
          <li key={t.id} className="row">
            <span>{t.name}</span>{!t.active && <span className="badge">retired</span>}
            {t.active
              ? <button className="secondary" onClick={() => run(() => api(`activity-types/${t.id}`, { method: 'DELETE' }), `${t.name} removed.`)}>Remove {t.name}</button>
              : <button className="secondary" onClick={() => run(() => api(`activity-types/${t.id}`, { method: 'PATCH', body: { active: true } }), `${t.name} is back.`)}>Bring back {t.name}</button>}
          </li>
        ))}
      </ul>
      <form className="row" onSubmit={(e) => { e.preventDefault(); run(() => api('activity-types', { body: { name, displayOrder: types.length + 1 } }).then(() => setName('')), 'Activity type added.'); }}>
        <label>New activity type<input value={name} onChange={(e) => setName(e.target.value)} required /></label>
        <button type="submit">Add activity type</button>
      </form>
    </section>
  );
}

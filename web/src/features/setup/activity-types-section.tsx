import { useState } from 'react';
import { ErrorNote } from '../../lib/error-note.tsx';
import { useActivityTypes } from '../activities/queries.ts';
import { useCreateActivityType, useRestoreActivityType, useRetireActivityType } from './queries.ts';
import { useT } from '../../i18n/i18n.ts';

export function ActivityTypesSection({ onError, onMessage }: { onError(e: unknown): void; onMessage(m: string | null): void }) {
  const { t: tr } = useT();
  const query = useActivityTypes();
  const types = query.data ?? [];
  const [name, setName] = useState('');
  const create = useCreateActivityType();
  const retire = useRetireActivityType();
  const restore = useRestoreActivityType();
  const after = (done: string, then?: () => void) => ({ onSuccess: () => { onMessage(done); then?.(); }, onError });
  return (
    <section className="card" aria-label={tr('setup.activityTypes')}>
      <h2>{tr('setup.activityTypes')}</h2>
      <ErrorNote error={query.error} />
      <ul>
        {types.map((t) => (
          <li key={t.id} className="row">
            <span>{t.name}</span>{!t.active && <span className="badge">{tr('setup.retired')}</span>}
            {t.active
              ? <button className="secondary" onClick={() => { onError(null); retire.mutate(t.id, after(tr('setup.removed', { name: t.name }))); }}>{tr('setup.remove', { name: t.name })}</button>
              : <button className="secondary" onClick={() => { onError(null); restore.mutate(t.id, after(tr('setup.back', { name: t.name }))); }}>{tr('setup.bringBack', { name: t.name })}</button>}
          </li>
        ))}
      </ul>
      <form className="row" onSubmit={(e) => { e.preventDefault(); onError(null); create.mutate({ name, displayOrder: types.length + 1 }, after(tr('setup.typeAdded'), () => setName(''))); }}>
        <label>{tr('setup.newType')}<input value={name} onChange={(e) => setName(e.target.value)} required /></label>
        <button type="submit">{tr('setup.addType')}</button>
      </form>
    </section>
  );
}

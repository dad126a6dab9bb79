import { useCallback, useEffect, useState } from 'react';
import { api } from '../../lib/api.ts';
import { Link } from '../../lib/router.tsx';
import { useSession } from '../../lib/session.tsx';
import { ComposeDialog } from './compose-dialog.tsx';
import { PROMPT_LABEL, type Task } from './types.ts';
import './outreach.css';

/** "Today": the associate's prompts — carts left online, birthdays, new arrivals, follow-ups — each one tap from a message. */
export function TasksPage() {
  const { can } = useSession();
  const [scope, setScope] = useState<'mine' | 'store'>('mine');
  const [tasks, setTasks] = useState<Task[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [composing, setComposing] = useState<Task | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const load = useCallback(() => {
    setError(null);
    api<Task[]>('outreach/tasks', { query: { scope } }).then(setTasks).catch((e) => setError(e.message));
  }, [scope]);
  useEffect(load, [load]);

  const mark = async (t: Task, status: 'done' | 'dismissed') => {
    try {
      await api(`outreach/tasks/${t.id}/status`, { body: { status } });
      setNotice(`${PROMPT_LABEL[t.promptType] ?? t.promptType} for ${t.customerName} ${status === 'done' ? 'done' : 'dismissed'}.`);
      load();
    } catch (e) { setError((e as Error).message); }
  };

  return (
    <div>
      <h1>Today</h1>
      <div className="row">
        {can('client-book.view-store') && (
          <label>Show
            <select value={scope} onChange={(e) => setScope(e.target.value as 'mine' | 'store')}>
              <option value="mine">My prompts</option>
              <option value="store">Everyone at this store</option>
            </select>
          </label>
        )}
      </div>
      {notice && <p className="ok" role="status">{notice}</p>}
      {error && <p className="error" role="alert">{error}</p>}
      {!tasks && !error && <p className="muted">Loading…</p>}
      {tasks && !tasks.length && <p className="empty">Nothing to follow up today.</p>}
      <div className="task-list">
        {tasks?.map((t) => (
          <article key={t.id} className="card task-card" aria-label={`${PROMPT_LABEL[t.promptType] ?? t.promptType}: ${t.customerName}`}>
            <div className="head">
              <span className="badge">{PROMPT_LABEL[t.promptType] ?? t.promptType}</span>
              <Link to={`/customers/${t.customerId}`}><strong>{t.customerName}</strong></Link>
              {t.isVip && <span className="badge">VIP</span>}
              {scope === 'store' && <span className="muted">{t.associateName ? `for ${t.associateName}` : 'unassigned'}</span>}
            </div>
            <p>{t.title}</p>
            {t.detail && <p className="muted">{t.detail}</p>}
            <div className="actions">
              <button onClick={() => setComposing(t)}>Reach out</button>
              <button className="secondary" onClick={() => mark(t, 'done')}>Done</button>
              <button className="secondary" onClick={() => mark(t, 'dismissed')}>Dismiss</button>
            </div>
          </article>
        ))}
      </div>
      {composing && (
        <ComposeDialog
          customerId={composing.customerId} customerName={composing.customerName} task={composing}
          onClose={() => setComposing(null)}
          onSent={() => { setNotice(`Message to ${composing.customerName} is on its way.`); setComposing(null); load(); }}
        />
      )}
    </div>
  );
}

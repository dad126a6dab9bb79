import { useState } from 'react';
import { ErrorNote } from '../../lib/error-note.tsx';
import { Link } from '../../lib/router.tsx';
import { useSession } from '../../lib/session.tsx';
import { ComposeDialog } from './compose-dialog.tsx';
import { PROMPT_LABEL } from './types.ts';
import { useSetTaskStatus, useTasks, type Task, type TaskScope } from './queries.ts';
import './outreach.css';

/** "Today": the associate's prompts — carts left online, birthdays, new arrivals, follow-ups — each one tap from a message. */
export function TasksPage() {
  const { me, can } = useSession();
  const [scope, setScope] = useState<TaskScope>('mine');
  // A busy day has hundreds of prompts: narrow them by kind and by whose customer it is, on the list already loaded.
  const [kind, setKind] = useState<string>('all');
  const [whose, setWhose] = useState<'all' | 'mine' | 'unassigned'>('all');
  const tasksQuery = useTasks(scope);
  const tasks = tasksQuery.data ?? null;
  const setStatus = useSetTaskStatus();
  const error = tasksQuery.error ?? setStatus.error;
  const [composing, setComposing] = useState<Task | null>(null);
  const [notice, setNotice] = useState<string | null>(null);

  const mark = (t: Task, status: 'done' | 'dismissed') => setStatus.mutate({ id: t.id, status }, {
    onSuccess: () => setNotice(`${PROMPT_LABEL[t.promptType] ?? t.promptType} for ${t.customerName} ${status === 'done' ? 'done' : 'dismissed'}.`),
  });

  const ofWhose = (tasks ?? []).filter((t) => whose === 'all' || (whose === 'mine' ? t.associateId === me!.associateId : t.associateId === null));
  const kinds = [...new Set(ofWhose.map((t) => t.promptType))].sort((a, b) => (PROMPT_LABEL[a] ?? a).localeCompare(PROMPT_LABEL[b] ?? b));
  const shown = ofWhose.filter((t) => kind === 'all' || t.promptType === kind);
  const countOf = (k: string) => ofWhose.filter((t) => t.promptType === k).length;
  const mineCount = tasks?.filter((t) => t.associateId === me!.associateId).length ?? 0;
  const unassignedCount = tasks?.filter((t) => t.associateId === null).length ?? 0;

  return (
    <div>
      <h1>Today</h1>
      <div className="row">
        {can('client-book.view-store') && (
          <label>Show
            <select value={scope} onChange={(e) => setScope(e.target.value as TaskScope)}>
              <option value="mine">My prompts</option>
              <option value="store">Everyone at this store</option>
            </select>
          </label>
        )}
        {tasks && scope === 'mine' && unassignedCount > 0 && (
          <label>For
            <select value={whose} onChange={(e) => setWhose(e.target.value as 'all' | 'mine' | 'unassigned')}>
              <option value="all">Everyone ({tasks.length})</option>
              <option value="mine">My client book ({mineCount})</option>
              <option value="unassigned">Customers without an associate ({unassignedCount})</option>
            </select>
          </label>
        )}
      </div>
      {tasks && tasks.length > 0 && (
        <div className="row task-kinds" role="group" aria-label="Kind of prompt">
          <button type="button" className={kind === 'all' ? '' : 'secondary'} aria-pressed={kind === 'all'} onClick={() => setKind('all')}>All ({ofWhose.length})</button>
          {kinds.map((k) => (
            <button key={k} type="button" className={kind === k ? '' : 'secondary'} aria-pressed={kind === k} onClick={() => setKind(k)}>{PROMPT_LABEL[k] ?? k} ({countOf(k)})</button>
          ))}
        </div>
      )}
      {notice && <p className="ok" role="status">{notice}</p>}
      <ErrorNote error={error} />
      {!tasks && !error && <p className="muted">Loading…</p>}
      {tasks && !tasks.length && <p className="empty">Nothing to follow up today.</p>}
      {tasks && tasks.length > 0 && !shown.length && <p className="empty">No prompts of this kind.</p>}
      <div className="task-list">
        {shown.map((t) => (
          <article key={t.id} className="card task-card" aria-label={`${PROMPT_LABEL[t.promptType] ?? t.promptType}: ${t.customerName}`}>
            <div className="head">
              <span className="badge">{PROMPT_LABEL[t.promptType] ?? t.promptType}</span>
              <Link to={`/customers/${t.customerId}`}><strong>{t.customerName}</strong></Link>
              {t.isVip && <span className="badge">VIP</span>}
              {(scope === 'store' || t.associateId !== me!.associateId) && <span className="muted">{t.associateName ? `for ${t.associateName}` : 'no associate yet'}</span>}
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
          onSent={() => { setNotice(`Message to ${composing.customerName} is on its way.`); setComposing(null); }}
        />
      )}
    </div>
  );
}

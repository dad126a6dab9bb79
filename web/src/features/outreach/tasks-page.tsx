import { useState } from 'react';
import { ErrorNote } from '../../lib/error-note.tsx';
import { Link } from '../../lib/router.tsx';
import { useSession } from '../../lib/session.tsx';
import { ComposeDialog } from './compose-dialog.tsx';
import { PROMPT_LABEL } from './types.ts';
import { useSetTaskStatus, useTasks, type Task, type TaskKind, type TaskScope, type TaskWhose } from './queries.ts';
import './outreach.css';

const PAGE_SIZE = 20;

/**
 * "Today": the associate's prompts — appointments today, replies waiting, carts left online, birthdays — each one tap
 * from a message. A page at a time, ranked by the server; my own customers first (customers without an associate on asking).
 */
export function TasksPage() {
  const { me, can } = useSession();
  const [scope, setScope] = useState<TaskScope>('mine');
  const [kind, setKind] = useState<TaskKind | null>(null);
  const [whose, setWhose] = useState<TaskWhose>('mine');
  const [page, setPage] = useState(0);
  const tasksQuery = useTasks(scope, whose, kind, page, PAGE_SIZE);
  const inbox = tasksQuery.data ?? null;
  const tasks = inbox?.items ?? null;
  const setStatus = useSetTaskStatus();
  const error = tasksQuery.error ?? setStatus.error;
  const [composing, setComposing] = useState<Task | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  // Any change of what is shown starts again at the first page.
  const choose = (f: () => void) => { f(); setPage(0); };

  const mark = (t: Task, status: 'done' | 'dismissed') => setStatus.mutate({ id: t.id, status }, {
    onSuccess: () => setNotice(`${PROMPT_LABEL[t.promptType] ?? t.promptType} for ${t.customerName} ${status === 'done' ? 'done' : 'dismissed'}.`),
  });
  const kinds = [...(inbox?.kinds ?? [])].sort((a, b) => (PROMPT_LABEL[a.promptType] ?? a.promptType).localeCompare(PROMPT_LABEL[b.promptType] ?? b.promptType));
  const ofWhose = inbox ? inbox.whose[whose] : 0;
  const pages = inbox ? Math.max(1, Math.ceil(inbox.total / PAGE_SIZE)) : 1;

  return (
    <div>
      <h1>Today</h1>
      <div className="row">
        {can('client-book.view-store') && (
          <label>Show
            <select value={scope} onChange={(e) => choose(() => setScope(e.target.value as TaskScope))}>
              <option value="mine">My prompts</option>
              <option value="store">Everyone at this store</option>
            </select>
          </label>
        )}
        {inbox && (
          <label>For
            <select value={whose} onChange={(e) => choose(() => setWhose(e.target.value as TaskWhose))}>
              <option value="mine">My client book ({inbox.whose.mine})</option>
              <option value="unassigned">Customers without an associate ({inbox.whose.unassigned})</option>
              <option value="all">Everyone ({inbox.whose.all})</option>
            </select>
          </label>
        )}
      </div>
      {inbox && ofWhose > 0 && (
        <div className="row task-kinds" role="group" aria-label="Kind of prompt">
          <button type="button" className={kind === null ? '' : 'secondary'} aria-pressed={kind === null} onClick={() => choose(() => setKind(null))}>All ({ofWhose})</button>
          {kinds.map((k) => (
            <button key={k.promptType} type="button" className={kind === k.promptType ? '' : 'secondary'} aria-pressed={kind === k.promptType}
              onClick={() => choose(() => setKind(k.promptType as TaskKind))}>{PROMPT_LABEL[k.promptType] ?? k.promptType} ({k.count})</button>
          ))}
        </div>
      )}
      {notice && <p className="ok" role="status">{notice}</p>}
      <ErrorNote error={error} />
      {!tasks && !error && <p className="muted">Loading…</p>}
      {inbox && !inbox.items.length && (
        <p className="empty">
          {kind ? 'No prompts of this kind.' : whose === 'mine' ? 'Nothing to follow up in your client book today.' : 'Nothing to follow up today.'}
          {whose === 'mine' && inbox.whose.unassigned > 0 && <> <button type="button" className="link" onClick={() => choose(() => setWhose('unassigned'))}>
            Show {inbox.whose.unassigned} for customers without an associate</button></>}
        </p>
      )}
      <div className="task-list">
        {(tasks ?? []).map((t) => (
          <article key={t.id} className="card task-card" aria-label={`${PROMPT_LABEL[t.promptType] ?? t.promptType}: ${t.customerName}`}>
            <div className="head">
              {t.appointmentToday && <span className="badge ok">Appointment today</span>}
              {t.replyWaiting && <span className="badge ok">Reply waiting</span>}
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
      {inbox && pages > 1 && (
        <nav className="row pager" aria-label="Pages of tasks">
          <button type="button" className="secondary" disabled={page === 0} onClick={() => setPage(page - 1)}>Previous</button>
          <span>Page {page + 1} of {pages} · {inbox.total} tasks</span>
          <button type="button" className="secondary" disabled={page + 1 >= pages} onClick={() => setPage(page + 1)}>Next</button>
        </nav>
      )}
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

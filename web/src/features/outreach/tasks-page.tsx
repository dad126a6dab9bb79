import { useState } from 'react';
import { ErrorNote } from '../../lib/error-note.tsx';
import { Link } from '../../lib/router.tsx';
import { useSession } from '../../lib/session.tsx';
import { ComposeDialog } from './compose-dialog.tsx';
import { PROMPT_LABEL } from './types.ts';
import { useSetTaskStatus, useTasks, type Task, type TaskKind, type TaskScope, type TaskWhose } from './queries.ts';
import './outreach.css';
import { useT } from '../../i18n/i18n.ts';
import { serverText } from '../../i18n/server-text.ts';

const PAGE_SIZE = 20;

/**
 * "Today": the associate's prompts — appointments today, replies waiting, carts left online, birthdays — each one tap
 * from a message. A page at a time, ranked by the server; my own customers first (customers without an associate on asking).
 */
export function TasksPage() {
  const { me, can } = useSession();
  const { t } = useT();
  const promptLabel = (k: string) => t(`outreach.prompt.${k}` as 'outreach.prompt.birthday', { defaultValue: PROMPT_LABEL[k] ?? k });
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

  const mark = (task: Task, status: 'done' | 'dismissed') => setStatus.mutate({ id: task.id, status }, {
    onSuccess: () => setNotice(t(status === 'done' ? 'outreach.taskDone' : 'outreach.taskDismissed', { prompt: promptLabel(task.promptType), name: task.customerName })),
  });
  const kinds = [...(inbox?.kinds ?? [])].sort((a, b) => promptLabel(a.promptType).localeCompare(promptLabel(b.promptType)));
  const ofWhose = inbox ? inbox.whose[whose] : 0;
  const pages = inbox ? Math.max(1, Math.ceil(inbox.total / PAGE_SIZE)) : 1;

  return (
    <div>
      <h1>{t('outreach.today')}</h1>
      <div className="row">
        {can('client-book.view-store') && (
          <label>{t('outreach.show')}
            <select value={scope} onChange={(e) => choose(() => setScope(e.target.value as TaskScope))}>
              <option value="mine">{t('outreach.myPrompts')}</option>
              <option value="store">{t('outreach.everyoneStore')}</option>
            </select>
          </label>
        )}
        {inbox && (
          <label>{t('outreach.for')}
            <select value={whose} onChange={(e) => choose(() => setWhose(e.target.value as TaskWhose))}>
              <option value="mine">{t('outreach.myBook', { count: inbox.whose.mine })}</option>
              <option value="unassigned">{t('outreach.unassigned', { count: inbox.whose.unassigned })}</option>
              <option value="all">{t('outreach.everyone', { count: inbox.whose.all })}</option>
            </select>
          </label>
        )}
      </div>
      {inbox && ofWhose > 0 && (
        <div className="row task-kinds" role="group" aria-label={t('outreach.kindOfPrompt')}>
          <button type="button" className={kind === null ? '' : 'secondary'} aria-pressed={kind === null} onClick={() => choose(() => setKind(null))}>{t('outreach.all', { count: ofWhose })}</button>
          {kinds.map((k) => (
            <button key={k.promptType} type="button" className={kind === k.promptType ? '' : 'secondary'} aria-pressed={kind === k.promptType}
              onClick={() => choose(() => setKind(k.promptType as TaskKind))}>{t('outreach.withCount', { label: promptLabel(k.promptType), count: k.count })}</button>
          ))}
        </div>
      )}
      {notice && <p className="ok" role="status">{notice}</p>}
      <ErrorNote error={error} />
      {!tasks && !error && <p className="muted">{t('common.loading')}</p>}
      {inbox && !inbox.items.length && (
        <p className="empty">
          {kind ? t('outreach.noneOfKind') : whose === 'mine' ? t('outreach.nothingInMyBook') : t('outreach.nothingToday')}
          {whose === 'mine' && inbox.whose.unassigned > 0 && <> <button type="button" className="link" onClick={() => choose(() => setWhose('unassigned'))}>
            {t('outreach.showUnassigned', { count: inbox.whose.unassigned })}</button></>}
        </p>
      )}
      <div className="task-list">
        {(tasks ?? []).map((task) => (
          <article key={task.id} className="card task-card" aria-label={`${promptLabel(task.promptType)}: ${task.customerName}`}>
            <div className="head">
              {task.appointmentToday && <span className="badge ok">{t('outreach.appointmentToday')}</span>}
              {task.replyWaiting && <span className="badge ok">{t('outreach.replyWaiting')}</span>}
              <span className="badge">{promptLabel(task.promptType)}</span>
              <Link to={`/customers/${task.customerId}`}><strong>{task.customerName}</strong></Link>
              {task.isVip && <span className="badge">{t('common.vip')}</span>}
              {(scope === 'store' || task.associateId !== me!.associateId) && <span className="muted">{task.associateName ? t('outreach.forAssociate', { name: task.associateName }) : t('outreach.noAssociate')}</span>}
            </div>
            <p>{serverText(t, 'task.title', task.titleText, task.title)}</p>
            {task.detail && <p className="muted">{serverText(t, 'task.detail', task.detailText, task.detail)}</p>}
            <div className="actions">
              <button onClick={() => setComposing(task)}>{t('outreach.reachOut')}</button>
              <button className="secondary" onClick={() => mark(task, 'done')}>{t('outreach.done')}</button>
              <button className="secondary" onClick={() => mark(task, 'dismissed')}>{t('outreach.dismiss')}</button>
            </div>
          </article>
        ))}
      </div>
      {inbox && pages > 1 && (
        <nav className="row pager" aria-label={t('outreach.pagesOfTasks')}>
          <button type="button" className="secondary" disabled={page === 0} onClick={() => setPage(page - 1)}>{t('outreach.previous')}</button>
          <span>{t('outreach.pageOf', { page: page + 1, pages, count: inbox.total })}</span>
          <button type="button" className="secondary" disabled={page + 1 >= pages} onClick={() => setPage(page + 1)}>{t('outreach.next')}</button>
        </nav>
      )}
      {composing && (
        <ComposeDialog
          customerId={composing.customerId} customerName={composing.customerName} task={composing}
          onClose={() => setComposing(null)}
          onSent={() => { setNotice(t('outreach.sentTo', { name: composing.customerName })); setComposing(null); }}
        />
      )}
    </div>
  );
}

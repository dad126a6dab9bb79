import { useState } from 'react';
import { ErrorNote } from '../../lib/error-note.tsx';
import { Link } from '../../lib/router.tsx';
import { useSession } from '../../lib/session.tsx';
import { ComposeDialog } from './compose-dialog.tsx';
import { PROMPT_LABEL } from './types.ts';
import { useSetTaskStatus, useTasks, type Task, type TaskScope } from './queries.ts';
import './outreach.css';
import { useT } from '../../i18n/i18n.ts';

/** "Today": the associate's prompts — carts left online, birthdays, new arrivals, follow-ups — each one tap from a message. */
export function TasksPage() {
  const { me, can } = useSession();
  const { t } = useT();
  const promptLabel = (k: string) => t(`outreach.prompt.${k}` as 'outreach.prompt.birthday', { defaultValue: PROMPT_LABEL[k] ?? k });
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

  const mark = (task: Task, status: 'done' | 'dismissed') => setStatus.mutate({ id: task.id, status }, {
    onSuccess: () => setNotice(t(status === 'done' ? 'outreach.taskDone' : 'outreach.taskDismissed', { prompt: promptLabel(task.promptType), name: task.customerName })),
  });

  const ofWhose = (tasks ?? []).filter((x) => whose === 'all' || (whose === 'mine' ? x.associateId === me!.associateId : x.associateId === null));
  const kinds = [...new Set(ofWhose.map((x) => x.promptType))].sort((a, b) => promptLabel(a).localeCompare(promptLabel(b)));
  const shown = ofWhose.filter((x) => kind === 'all' || x.promptType === kind);
  const countOf = (k: string) => ofWhose.filter((x) => x.promptType === k).length;
  const mineCount = tasks?.filter((x) => x.associateId === me!.associateId).length ?? 0;
  const unassignedCount = tasks?.filter((x) => x.associateId === null).length ?? 0;

  return (
    <div>
      <h1>{t('outreach.today')}</h1>
      <div className="row">
        {can('client-book.view-store') && (
          <label>{t('outreach.show')}
            <select value={scope} onChange={(e) => setScope(e.target.value as TaskScope)}>
              <option value="mine">{t('outreach.myPrompts')}</option>
              <option value="store">{t('outreach.everyoneStore')}</option>
            </select>
          </label>
        )}
        {tasks && scope === 'mine' && unassignedCount > 0 && (
          <label>{t('outreach.for')}
            <select value={whose} onChange={(e) => setWhose(e.target.value as 'all' | 'mine' | 'unassigned')}>
              <option value="all">{t('outreach.everyone', { count: tasks.length })}</option>
              <option value="mine">{t('outreach.myBook', { count: mineCount })}</option>
              <option value="unassigned">{t('outreach.unassigned', { count: unassignedCount })}</option>
            </select>
          </label>
        )}
      </div>
      {tasks && tasks.length > 0 && (
        <div className="row task-kinds" role="group" aria-label={t('outreach.kindOfPrompt')}>
          <button type="button" className={kind === 'all' ? '' : 'secondary'} aria-pressed={kind === 'all'} onClick={() => setKind('all')}>{t('outreach.all', { count: ofWhose.length })}</button>
          {kinds.map((k) => (
            <button key={k} type="button" className={kind === k ? '' : 'secondary'} aria-pressed={kind === k} onClick={() => setKind(k)}>{t('outreach.withCount', { label: promptLabel(k), count: countOf(k) })}</button>
          ))}
        </div>
      )}
      {notice && <p className="ok" role="status">{notice}</p>}
      <ErrorNote error={error} />
      {!tasks && !error && <p className="muted">{t('common.loading')}</p>}
      {tasks && !tasks.length && <p className="empty">{t('outreach.nothingToday')}</p>}
      {tasks && tasks.length > 0 && !shown.length && <p className="empty">{t('outreach.noneOfKind')}</p>}
      <div className="task-list">
        {shown.map((task) => (
          <article key={task.id} className="card task-card" aria-label={`${promptLabel(task.promptType)}: ${task.customerName}`}>
            <div className="head">
              <span className="badge">{promptLabel(task.promptType)}</span>
              <Link to={`/customers/${task.customerId}`}><strong>{task.customerName}</strong></Link>
              {task.isVip && <span className="badge">{t('common.vip')}</span>}
              {(scope === 'store' || task.associateId !== me!.associateId) && <span className="muted">{task.associateName ? t('outreach.forAssociate', { name: task.associateName }) : t('outreach.noAssociate')}</span>}
            </div>
            <p>{task.title}</p>
            {task.detail && <p className="muted">{task.detail}</p>}
            <div className="actions">
              <button onClick={() => setComposing(task)}>{t('outreach.reachOut')}</button>
              <button className="secondary" onClick={() => mark(task, 'done')}>{t('outreach.done')}</button>
              <button className="secondary" onClick={() => mark(task, 'dismissed')}>{t('outreach.dismiss')}</button>
            </div>
          </article>
        ))}
      </div>
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

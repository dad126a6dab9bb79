import { useState } from 'react';
import { useSession } from '../../lib/session.tsx';
import { ErrorNote } from '../../lib/error-note.tsx';
import { discardPending, usePendingWrites } from '../../lib/outbox.ts';
import type { CustomerPanel } from '../../lib/feature.ts';
import {
  useActivityTypes, useAddNote, useAddToMyClientBook, useClientBookMembership, useCorrectActivity, useEditNote, useNoteRevisions,
  useRecordActivity, useTimeline, type ActivityType, type Visibility,
} from './queries.ts';
import { useT } from '../../i18n/i18n.ts';
import { timelineActor, timelineDetail, timelineTitle } from './timeline-title.ts';

const VISIBILITIES: Visibility[] = ['everyone', 'store', 'private'];

function NoteEditor({ customerId, noteId, body, visibility, onDone }: { customerId: string; noteId: string; body: string; visibility: Visibility; onDone(): void }) {
  const { t } = useT();
  const [text, setText] = useState(body);
  const [vis, setVis] = useState(visibility);
  const edit = useEditNote(customerId);
  return (
    <div className="row">
      <textarea aria-label={t('activities.editNote')} value={text} onChange={(e) => setText(e.target.value)} />
      <select aria-label={t('activities.editedVisibleTo')} value={vis} onChange={(e) => setVis(e.target.value as Visibility)}>
        {VISIBILITIES.map((k) => <option key={k} value={k}>{t(`activities.visibility.${k}`)}</option>)}
      </select>
      <button onClick={() => edit.mutate({ id: noteId, body: text, visibility: vis }, { onSuccess: onDone })}>{t('activities.saveNote')}</button>
      <ErrorNote error={edit.error} fields={{ body: t('activities.editNote'), visibility: t('activities.editedVisibleTo') }} />
    </div>
  );
}

function ActivityEditor({ customerId, activityId, types, typeId, notes, outcome, onDone }: { customerId: string; activityId: string; types: ActivityType[]; typeId: string; notes: string; outcome: string; onDone(): void }) {
  const { t } = useT();
  const [type, setType] = useState(typeId);
  const [text, setText] = useState(notes);
  const [result, setResult] = useState(outcome);
  const correct = useCorrectActivity(customerId);
  return (
    <form className="row" aria-label={t('activities.editActivity')} onSubmit={(e) => {
      e.preventDefault();
      correct.mutate({ id: activityId, activityTypeId: type, notes: text || null, outcome: result || null }, { onSuccess: onDone });
    }}>
      <label>{t('activities.type')}
        <select value={type} onChange={(e) => setType(e.target.value)}>
          {!types.some((x) => x.id === typeId) && <option value={typeId}>{t('activities.retiredType')}</option>}
          {types.map((x) => <option key={x.id} value={x.id}>{x.name}</option>)}
        </select>
      </label>
      <label>{t('activities.notes')}<input value={text} onChange={(e) => setText(e.target.value)} /></label>
      <label>{t('activities.outcome')}<input value={result} onChange={(e) => setResult(e.target.value)} /></label>
      <button type="submit">{t('activities.saveActivity')}</button>
      <button type="button" className="secondary" onClick={onDone}>{t('common.cancel')}</button>
      <ErrorNote error={correct.error} fields={{ activityTypeId: t('activities.type'), notes: t('activities.notes'), outcome: t('activities.outcome') }} />
    </form>
  );
}

/** Activities and notes: the customer timeline, recording an activity, adding and editing notes with their history. */
function ActivitiesAndNotes({ customerId }: { customerId: string }) {
  const { me, can } = useSession();
  const { t, format } = useT();
  const timeline = useTimeline(customerId);
  const events = timeline.data?.pages.flatMap((p) => p.items) ?? [];
  const types = (useActivityTypes().data ?? []).filter((x) => x.active);
  const [typeId, setTypeId] = useState('');
  const [notes, setNotes] = useState('');
  const [outcome, setOutcome] = useState('');
  const [occurredAt, setOccurredAt] = useState('');
  const [note, setNote] = useState('');
  const [visibility, setVisibility] = useState<Visibility>('everyone');
  const [editing, setEditing] = useState<string | null>(null);
  const [historyOf, setHistoryOf] = useState<string | null>(null);
  const history = useNoteRevisions(historyOf, customerId);
  const record = useRecordActivity(customerId);
  const addNote = useAddNote(customerId);
  const error = timeline.error ?? record.error ?? addNote.error ?? history.error;
  // The fields of both forms below, as they are labelled there.
  const fields = {
    activityTypeId: t('activities.activityType'), occurredAt: t('activities.when'), notes: t('activities.activityNotes'), outcome: t('activities.outcome'),
    body: t('activities.note'), visibility: t('activities.visibleTo'),
  };

  return (
    <div className="activities-panel">
      <ErrorNote error={error} fields={fields} />
      {can('activities.edit') && (
        <form className="row" aria-label={t('activities.recordActivity')} onSubmit={(e) => {
          e.preventDefault();
          record.mutate({ activityTypeId: typeId, notes: notes || null, outcome: outcome || null, ...(occurredAt ? { occurredAt: new Date(occurredAt).toISOString() } : {}) },
            { onSuccess: () => { setNotes(''); setOutcome(''); setOccurredAt(''); } });
        }}>
          <label>{t('activities.activityType')}
            <select value={typeId} onChange={(e) => setTypeId(e.target.value)} required>
              <option value="">{t('clientBook.choose')}</option>
              {types.map((x) => <option key={x.id} value={x.id}>{x.name}</option>)}
            </select>
          </label>
          <label>{t('activities.when')}<input type="datetime-local" value={occurredAt} onChange={(e) => setOccurredAt(e.target.value)} /></label>
          <label>{t('activities.activityNotes')}<input value={notes} onChange={(e) => setNotes(e.target.value)} /></label>
          <label>{t('activities.outcome')}<input value={outcome} onChange={(e) => setOutcome(e.target.value)} /></label>
          <button type="submit" disabled={!typeId}>{t('activities.recordActivity')}</button>
        </form>
      )}
      {can('notes.edit') && (
        <form className="row" aria-label={t('activities.addNote')} onSubmit={(e) => { e.preventDefault(); addNote.mutate({ body: note, visibility }, { onSuccess: () => setNote('') }); }}>
          <label>{t('activities.note')}<textarea value={note} onChange={(e) => setNote(e.target.value)} required /></label>
          <label>{t('activities.visibleTo')}
            <select value={visibility} onChange={(e) => setVisibility(e.target.value as Visibility)}>
              {VISIBILITIES.map((k) => <option key={k} value={k}>{t(`activities.visibility.${k}`)}</option>)}
            </select>
          </label>
          <button type="submit" disabled={!note.trim()}>{t('activities.addNote')}</button>
        </form>
      )}
      <PendingWrites customerId={customerId} />
      <ol className="timeline" aria-label={t('activities.timeline')}>
        {events.map((e) => {
          const noteId = e.kind === 'note' ? String(e.data.noteId) : null;
          const mine = noteId && e.data.authorId === me?.associateId;
          const activityId = e.kind === 'activity' ? String(e.data.activityId) : null;
          const myActivity = activityId && e.data.associateId === me?.associateId && can('activities.edit');
          return (
            <li key={e.id} className="card">
              <div className="row">
                <strong>{timelineTitle(e, t)}</strong>
                <span className="muted">{format.dateTime(e.occurredAt)}</span>
                {e.actor && <span className="muted">· {timelineActor(e, t)}</span>}
                {e.data.edited === true && <span className="badge">{t('activities.edited')}</span>}
              </div>
              {activityId && editing === activityId
                ? <ActivityEditor customerId={customerId} activityId={activityId} types={types} typeId={String(e.data.activityTypeId)} notes={String(e.data.notes ?? '')} outcome={String(e.data.outcome ?? '')}
                    onDone={() => setEditing(null)} />
                : editing === noteId && noteId
                ? <NoteEditor customerId={customerId} noteId={noteId} body={e.detail ?? ''} visibility={String(e.data.visibility) as Visibility} onDone={() => setEditing(null)} />
                : <p style={{ whiteSpace: 'pre-wrap' }}>{timelineDetail(e, t)}</p>}
              {myActivity && editing !== activityId && (
                <div className="row"><button className="secondary" onClick={() => setEditing(activityId)}>{t('activities.editActivity')}</button></div>
              )}
              {noteId && (
                <div className="row">
                  {mine && editing !== noteId && <button className="secondary" onClick={() => setEditing(noteId)}>{t('activities.editNote')}</button>}
                  {e.data.edited === true && (
                    <button className="secondary" onClick={() => setHistoryOf(noteId)}>{t('activities.showHistory')}</button>
                  )}
                </div>
              )}
              {noteId && historyOf === noteId && history.data && (
                <ul aria-label={t('activities.noteHistory')}>
                  {history.data.map((r) => <li key={r.id} className="muted">{format.dateTime(r.editedAt)} — {r.body}</li>)}
                </ul>
              )}
            </li>
          );
        })}
      </ol>
      {timeline.isSuccess && events.length === 0 && <p className="muted">{t('activities.emptyTimeline')}</p>}
      {timeline.hasNextPage && <button className="secondary" disabled={timeline.isFetchingNextPage} onClick={() => timeline.fetchNextPage()}>{t('activities.olderEvents')}</button>}
    </div>
  );
}

/** "Add to my client book" on the customer page, with whose books already hold the customer. */
function ClientBookMembership({ customerId }: { customerId: string }) {
  const { can } = useSession();
  const { t } = useT();
  const { data: state, error } = useClientBookMembership(customerId);
  const add = useAddToMyClientBook(customerId);
  const [message, setMessage] = useState<string | null>(null);
  if (error && !state) return <ErrorNote error={error} className="muted" />;
  if (!state) return <p className="loading">{t('common.loading')}</p>;
  return (
    <div>
      {state.owners.length === 0 ? <p>{t('activities.notInBook')}</p> : (
        <ul>{state.owners.map((o) => <li key={o.bookNumber}>{o.associateName} ({o.bookNumber}){o.isPrimary && state.owners.length > 1 ? t('activities.owner') : ''}</li>)}</ul>
      )}
      {message && <p role="status" className="ok">{message}</p>}
      <ErrorNote error={add.error ?? error} />
      {state.inMyBook ? <p className="ok">{t('activities.inYourBook')}</p> : can('client-book.add') && (
        <button onClick={() => add.mutate(undefined, { onSuccess: (r) => setMessage(t('activities.addedToBook', { book: r.bookNumber })) })}>{t('activities.addToBook')}</button>
      )}
    </div>
  );
}

export const customerPanels: CustomerPanel[] = [
  { key: 'client-book', title: 'Client book', order: 45, permission: 'customers.view', component: ClientBookMembership },
  { key: 'activities-notes', title: 'Activities & notes', order: 50, permission: 'customers.view', component: ActivitiesAndNotes },
];

/** Notes and activities written offline, still on this device: sent when the connection is back. */
function PendingWrites({ customerId }: { customerId: string }) {
  const pending = usePendingWrites(customerId);
  const { t } = useT();
  if (!pending.length) return null;
  return (
    <ul className="pending-writes" aria-label={t('offline.notSentYet')}>
      {pending.map((p) => (
        <li key={p.clientId} className="card">
          <span className="badge">{p.refused ? t('offline.refused') : t('offline.notSentYet')}</span>{' '}
          <span style={{ whiteSpace: 'pre-wrap' }}>{p.kind === 'note' ? p.body.body : p.body.notes || t('offline.activity')}</span>
          {p.refused && <><p className="error">{p.refused}</p><button className="secondary" onClick={() => void discardPending(p.clientId)}>{t('offline.discard')}</button></>}
        </li>
      ))}
    </ul>
  );
}

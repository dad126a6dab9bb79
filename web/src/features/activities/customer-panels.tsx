import { useState } from 'react';
import { useSession } from '../../lib/session.tsx';
import { ErrorNote } from '../../lib/error-note.tsx';
import { discardPending, usePendingWrites } from '../../lib/outbox.ts';
import type { CustomerPanel } from '../../lib/feature.ts';
import {
  useActivityTypes, useAddNote, useAddToMyClientBook, useClientBookMembership, useCorrectActivity, useEditNote, useNoteRevisions,
  useRecordActivity, useTimeline, type ActivityType, type Visibility,
} from './queries.ts';

const VISIBILITY: Record<Visibility, string> = { everyone: 'Everyone', store: 'My store only', private: 'Only me' };
const VISIBILITIES = Object.entries(VISIBILITY) as [Visibility, string][];

function NoteEditor({ customerId, noteId, body, visibility, onDone }: { customerId: string; noteId: string; body: string; visibility: Visibility; onDone(): void }) {
  const [text, setText] = useState(body);
  const [vis, setVis] = useState(visibility);
  const edit = useEditNote(customerId);
  return (
    <div className="row">
      <textarea aria-label="Edit note" value={text} onChange={(e) => setText(e.target.value)} />
      <select aria-label="Edited note visible to" value={vis} onChange={(e) => setVis(e.target.value as Visibility)}>
        {VISIBILITIES.map(([k, v]) => <option key={k} value={k}>{v}</option>)}
      </select>
      <button onClick={() => edit.mutate({ id: noteId, body: text, visibility: vis }, { onSuccess: onDone })}>Save note</button>
      <ErrorNote error={edit.error} />
    </div>
  );
}

function ActivityEditor({ customerId, activityId, types, typeId, notes, outcome, onDone }: { customerId: string; activityId: string; types: ActivityType[]; typeId: string; notes: string; outcome: string; onDone(): void }) {
  const [type, setType] = useState(typeId);
  const [text, setText] = useState(notes);
  const [result, setResult] = useState(outcome);
  const correct = useCorrectActivity(customerId);
  return (
    <form className="row" aria-label="Edit activity" onSubmit={(e) => {
      e.preventDefault();
      correct.mutate({ id: activityId, activityTypeId: type, notes: text || null, outcome: result || null }, { onSuccess: onDone });
    }}>
      <label>Type
        <select value={type} onChange={(e) => setType(e.target.value)}>
          {!types.some((t) => t.id === typeId) && <option value={typeId}>(retired type)</option>}
          {types.map((t) => <option key={t.id} value={t.id}>{t.name}</option>)}
        </select>
      </label>
      <label>Notes<input value={text} onChange={(e) => setText(e.target.value)} /></label>
      <label>Outcome<input value={result} onChange={(e) => setResult(e.target.value)} /></label>
      <button type="submit">Save activity</button>
      <button type="button" className="secondary" onClick={onDone}>Cancel</button>
      <ErrorNote error={correct.error} />
    </form>
  );
}

/** Activities and notes: the customer timeline, recording an activity, adding and editing notes with their history. */
function ActivitiesAndNotes({ customerId }: { customerId: string }) {
  const { me, can } = useSession();
  const timeline = useTimeline(customerId);
  const events = timeline.data?.pages.flatMap((p) => p.items) ?? [];
  const types = (useActivityTypes().data ?? []).filter((t) => t.active);
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

  return (
    <div className="activities-panel">
      <ErrorNote error={error} />
      {can('activities.edit') && (
        <form className="row" aria-label="Record activity" onSubmit={(e) => {
          e.preventDefault();
          record.mutate({ activityTypeId: typeId, notes: notes || null, outcome: outcome || null, ...(occurredAt ? { occurredAt: new Date(occurredAt).toISOString() } : {}) },
            { onSuccess: () => { setNotes(''); setOutcome(''); setOccurredAt(''); } });
        }}>
          <label>Activity type
            <select value={typeId} onChange={(e) => setTypeId(e.target.value)} required>
              <option value="">Choose…</option>
              {types.map((t) => <option key={t.id} value={t.id}>{t.name}</option>)}
            </select>
          </label>
          <label>When<input type="datetime-local" value={occurredAt} onChange={(e) => setOccurredAt(e.target.value)} /></label>
          <label>Activity notes<input value={notes} onChange={(e) => setNotes(e.target.value)} /></label>
          <label>Outcome<input value={outcome} onChange={(e) => setOutcome(e.target.value)} /></label>
          <button type="submit" disabled={!typeId}>Record activity</button>
        </form>
      )}
      {can('notes.edit') && (
        <form className="row" aria-label="Add note" onSubmit={(e) => { e.preventDefault(); addNote.mutate({ body: note, visibility }, { onSuccess: () => setNote('') }); }}>
          <label>Note<textarea value={note} onChange={(e) => setNote(e.target.value)} required /></label>
          <label>Visible to
            <select value={visibility} onChange={(e) => setVisibility(e.target.value as Visibility)}>
              {VISIBILITIES.map(([k, v]) => <option key={k} value={k}>{v}</option>)}
            </select>
          </label>
          <button type="submit" disabled={!note.trim()}>Add note</button>
        </form>
      )}
      <PendingWrites customerId={customerId} />
      <ol className="timeline" aria-label="Timeline">
        {events.map((e) => {
          const noteId = e.kind === 'note' ? String(e.data.noteId) : null;
          const mine = noteId && e.data.authorId === me?.associateId;
          const activityId = e.kind === 'activity' ? String(e.data.activityId) : null;
          const myActivity = activityId && e.data.associateId === me?.associateId && can('activities.edit');
          return (
            <li key={e.id} className="card">
              <div className="row">
                <strong>{e.title}</strong>
                <span className="muted">{new Date(e.occurredAt).toLocaleString()}</span>
                {e.actor && <span className="muted">· {e.actor}</span>}
                {e.data.edited === true && <span className="badge">edited</span>}
              </div>
              {activityId && editing === activityId
                ? <ActivityEditor customerId={customerId} activityId={activityId} types={types} typeId={String(e.data.activityTypeId)} notes={String(e.data.notes ?? '')} outcome={String(e.data.outcome ?? '')}
                    onDone={() => setEditing(null)} />
                : editing === noteId && noteId
                ? <NoteEditor customerId={customerId} noteId={noteId} body={e.detail ?? ''} visibility={String(e.data.visibility) as Visibility} onDone={() => setEditing(null)} />
                : <p style={{ whiteSpace: 'pre-wrap' }}>{e.detail}</p>}
              {myActivity && editing !== activityId && (
                <div className="row"><button className="secondary" onClick={() => setEditing(activityId)}>Edit activity</button></div>
              )}
              {noteId && (
                <div className="row">
                  {mine && editing !== noteId && <button className="secondary" onClick={() => setEditing(noteId)}>Edit note</button>}
                  {e.data.edited === true && (
                    <button className="secondary" onClick={() => setHistoryOf(noteId)}>Show history</button>
                  )}
                </div>
              )}
              {noteId && historyOf === noteId && history.data && (
                <ul aria-label="Note history">
                  {history.data.map((r) => <li key={r.id} className="muted">{new Date(r.editedAt).toLocaleString()} — {r.body}</li>)}
                </ul>
              )}
            </li>
          );
        })}
      </ol>
      {timeline.isSuccess && events.length === 0 && <p className="muted">Nothing on the timeline yet.</p>}
      {timeline.hasNextPage && <button className="secondary" disabled={timeline.isFetchingNextPage} onClick={() => timeline.fetchNextPage()}>Older events</button>}
    </div>
  );
}

/** "Add to my client book" on the customer page, with whose books already hold the customer. */
function ClientBookMembership({ customerId }: { customerId: string }) {
  const { can } = useSession();
  const { data: state, error } = useClientBookMembership(customerId);
  const add = useAddToMyClientBook(customerId);
  const [message, setMessage] = useState<string | null>(null);
  if (error && !state) return <ErrorNote error={error} className="muted" />;
  if (!state) return <p className="loading">Loading…</p>;
  return (
    <div>
      {state.owners.length === 0 ? <p>Not in any client book.</p> : (
        <ul>{state.owners.map((o) => <li key={o.bookNumber}>{o.associateName} ({o.bookNumber}){o.isPrimary && state.owners.length > 1 ? ' — owner' : ''}</li>)}</ul>
      )}
      {message && <p role="status" className="ok">{message}</p>}
      <ErrorNote error={add.error ?? error} />
      {state.inMyBook ? <p className="ok">In your client book.</p> : can('client-book.add') && (
        <button onClick={() => add.mutate(undefined, { onSuccess: (r) => setMessage(`Added to your client book ${r.bookNumber}.`) })}>Add to my client book</button>
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
  if (!pending.length) return null;
  return (
    <ul className="pending-writes" aria-label="Not sent yet">
      {pending.map((p) => (
        <li key={p.clientId} className="card">
          <span className="badge">{p.refused ? 'Refused' : 'Not sent yet'}</span>{' '}
          <span style={{ whiteSpace: 'pre-wrap' }}>{p.kind === 'note' ? p.body.body : p.body.notes || 'Activity'}</span>
          {p.refused && <><p className="error">{p.refused}</p><button className="secondary" onClick={() => void discardPending(p.clientId)}>Discard</button></>}
        </li>
      ))}
    </ul>
  );
}

import { useCallback, useEffect, useState } from 'react';
import { api, ApiError } from '../../lib/api.ts';
import { useSession } from '../../lib/session.tsx';
import type { CustomerPanel } from '../../lib/feature.ts';

interface TimelineEvent { id: string; kind: string; occurredAt: string; title: string; detail: string | null; actor: string | null; data: Record<string, unknown> }
interface ActivityType { id: string; name: string; active: boolean }
interface Revision { id: string; body: string; visibility: string; editedBy: string; editedAt: string }
const VISIBILITY: Record<string, string> = { everyone: 'Everyone', store: 'My store only', private: 'Only me' };

function NoteEditor({ noteId, body, visibility, onDone }: { noteId: string; body: string; visibility: string; onDone(): void }) {
  const [text, setText] = useState(body);
  const [vis, setVis] = useState(visibility);
  const [error, setError] = useState<string | null>(null);
  return (
    <div className="row">
      <textarea aria-label="Edit note" value={text} onChange={(e) => setText(e.target.value)} />
      <select aria-label="Edited note visible to" value={vis} onChange={(e) => setVis(e.target.value)}>
        {Object.entries(VISIBILITY).map(([k, v]) => <option key={k} value={k}>{v}</option>)}
      </select>
      <button onClick={() => api(`notes/${noteId}`, { method: 'PATCH', body: { body: text, visibility: vis } }).then(onDone).catch((e) => setError(e.message))}>Save note</button>
      {error && <span role="alert" className="error">{error}</span>}
    </div>
  );
}

function ActivityEditor({ activityId, types, typeId, notes, outcome, onDone }: { activityId: string; types: ActivityType[]; typeId: string; notes: string; outcome: string; onDone(): void }) {
  const [type, setType] = useState(typeId);
  const [text, setText] = useState(notes);
  const [result, setResult] = useState(outcome);
  const [error, setError] = useState<string | null>(null);
  return (
    <form className="row" aria-label="Edit activity" onSubmit={(e) => {
      e.preventDefault();
      api(`activities/${activityId}`, { method: 'PATCH', body: { activityTypeId: type, notes: text || null, outcome: result || null } }).then(onDone).catch((err) => setError(err.message));
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
      {error && <span role="alert" className="error">{error}</span>}
    </form>
  );
}

/** Activities and notes: the customer timeline, recording an activity, adding and editing notes with their history. */
function ActivitiesAndNotes({ customerId }: { customerId: string }) {
  const { me, can } = useSession();
  const [events, setEvents] = useState<TimelineEvent[]>([]);
  const [cursor, setCursor] = useState<string | null>(null);
  const [types, setTypes] = useState<ActivityType[]>([]);
  const [typeId, setTypeId] = useState('');
  const [notes, setNotes] = useState('');
  const [outcome, setOutcome] = useState('');
  const [occurredAt, setOccurredAt] = useState('');
  const [note, setNote] = useState('');
  const [visibility, setVisibility] = useState('everyone');
  const [editing, setEditing] = useState<string | null>(null);
  const [history, setHistory] = useState<Record<string, Revision[]>>({});
  const [error, setError] = useState<string | null>(null);

  const load = useCallback(async (before: string | null) => {
    const page = await api<{ items: TimelineEvent[]; nextCursor: string | null }>(`customers/${customerId}/timeline`, { query: { before, limit: 30 } });
    setEvents((prev) => (before ? [...prev, ...page.items] : page.items));
    setCursor(page.nextCursor);
  }, [customerId]);
  useEffect(() => { load(null).catch((e) => setError(e.message)); api<ActivityType[]>('activity-types').then((t) => setTypes(t.filter((x) => x.active))).catch(() => {}); }, [load]);

  const run = async (fn: () => Promise<unknown>) => {
    setError(null);
    try { await fn(); await load(null); } catch (e) { setError(e instanceof ApiError ? e.message : String(e)); }
  };

  return (
    <div className="activities-panel">
      {error && <p role="alert" className="error">{error}</p>}
      {can('activities.edit') && (
        <form className="row" aria-label="Record activity" onSubmit={(e) => { e.preventDefault(); run(async () => {
          await api(`customers/${customerId}/activities`, { body: { activityTypeId: typeId, notes: notes || null, outcome: outcome || null, ...(occurredAt ? { occurredAt: new Date(occurredAt).toISOString() } : {}) } });
          setNotes(''); setOutcome(''); setOccurredAt('');
        }); }}>
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
        <form className="row" aria-label="Add note" onSubmit={(e) => { e.preventDefault(); run(async () => {
          await api(`customers/${customerId}/notes`, { body: { body: note, visibility } }); setNote('');
        }); }}>
          <label>Note<textarea value={note} onChange={(e) => setNote(e.target.value)} required /></label>
          <label>Visible to
            <select value={visibility} onChange={(e) => setVisibility(e.target.value)}>
              {Object.entries(VISIBILITY).map(([k, v]) => <option key={k} value={k}>{v}</option>)}
            </select>
          </label>
          <button type="submit" disabled={!note.trim()}>Add note</button>
        </form>
      )}
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
                ? <ActivityEditor activityId={activityId} types={types} typeId={String(e.data.activityTypeId)} notes={String(e.data.notes ?? '')} outcome={String(e.data.outcome ?? '')}
                    onDone={() => { setEditing(null); load(null); }} />
                : editing === noteId && noteId
                ? <NoteEditor noteId={noteId} body={e.detail ?? ''} visibility={String(e.data.visibility)} onDone={() => { setEditing(null); load(null); }} />
                : <p style={{ whiteSpace: 'pre-wrap' }}>{e.detail}</p>}
              {myActivity && editing !== activityId && (
                <div className="row"><button className="secondary" onClick={() => setEditing(activityId)}>Edit activity</button></div>
              )}
              {noteId && (
                <div className="row">
                  {mine && editing !== noteId && <button className="secondary" onClick={() => setEditing(noteId)}>Edit note</button>}
                  {e.data.edited === true && (
                    <button className="secondary" onClick={() => api<Revision[]>(`notes/${noteId}/revisions`).then((r) => setHistory((h) => ({ ...h, [noteId]: r })))}>Show history</button>
                  )}
                </div>
              )}
              {noteId && history[noteId] && (
                <ul aria-label="Note history">
                  {history[noteId].map((r) => <li key={r.id} className="muted">{new Date(r.editedAt).toLocaleString()} — {r.body}</li>)}
                </ul>
              )}
            </li>
          );
        })}
      </ol>
      {events.length === 0 && <p className="muted">Nothing on the timeline yet.</p>}
      {cursor && <button className="secondary" onClick={() => load(cursor)}>Older events</button>}
    </div>
  );
}

/** "Add to my client book" on the customer page, with whose books already hold the customer. */
function ClientBookMembership({ customerId }: { customerId: string }) {
  const { can } = useSession();
  const [state, setState] = useState<{ inMyBook: boolean; owners: { associateName: string; bookNumber: string; isPrimary: boolean }[] } | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [message, setMessage] = useState<string | null>(null);
  const load = useCallback(() => api<typeof state>(`customers/${customerId}/client-books`).then(setState).catch((e) => setError(e.message)), [customerId]);
  useEffect(() => { load(); }, [load]);
  if (error && !state) return <p className="muted">{error}</p>;
  if (!state) return <p className="loading">Loading…</p>;
  return (
    <div>
      {state.owners.length === 0 ? <p>Not in any client book.</p> : (
        <ul>{state.owners.map((o) => <li key={o.bookNumber}>{o.associateName} ({o.bookNumber}){o.isPrimary && state.owners.length > 1 ? ' — owner' : ''}</li>)}</ul>
      )}
      {message && <p role="status" className="ok">{message}</p>}
      {error && <p role="alert" className="error">{error}</p>}
      {state.inMyBook ? <p className="ok">In your client book.</p> : can('client-book.add') && (
        <button onClick={() => api<{ bookNumber: string }>('client-book/customers', { body: { customerId } })
          .then((r) => { setError(null); setMessage(`Added to your client book ${r.bookNumber}.`); return load(); })
          .catch((e) => setError(e.message))}>Add to my client book</button>
      )}
    </div>
  );
}

export const customerPanels: CustomerPanel[] = [
  { key: 'client-book', title: 'Client book', order: 45, permission: 'customers.view', component: ClientBookMembership },
  { key: 'activities-notes', title: 'Activities & notes', order: 50, permission: 'customers.view', component: ActivitiesAndNotes },
];

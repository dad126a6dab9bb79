import { useEffect, useState } from 'react';
import { api } from '../../lib/api.ts';
import { SlotPicker } from './slot-picker.tsx';
import { formatWhen, type PublicAppointment, type PublicAssociate, type PublicSlot } from './types.ts';
import './appointments.css';

/** Reached from the link in the confirmation email: see, move or cancel one's appointment. */
export function ManagePage({ params }: { params: Record<string, string> }) {
  const base = `public/appointments/manage/${encodeURIComponent(params.token)}`;
  const [apt, setApt] = useState<PublicAppointment | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const [moving, setMoving] = useState(false);
  const [slot, setSlot] = useState<PublicSlot | null>(null);
  const [busy, setBusy] = useState(false);
  const [associates, setAssociates] = useState<PublicAssociate[]>([]);
  const [associateId, setAssociateId] = useState('');
  useEffect(() => { api<PublicAppointment>(base).then(setApt).catch((e) => setError(e.message)); }, [base]);
  const storeId = apt?.storeId;
  useEffect(() => {
    if (!storeId || !moving) return;
    api<PublicAssociate[]>(`public/appointments/stores/${storeId}/associates`).then(setAssociates).catch(() => setAssociates([]));
  }, [storeId, moving]);
  const startMoving = () => { setAssociateId(apt?.associateId ?? ''); setMoving(true); };

  const act = async (path: string, body: unknown, message: string) => {
    setBusy(true); setError(null);
    try { setApt(await api<PublicAppointment>(`${base}/${path}`, { body })); setNotice(message); setMoving(false); setSlot(null); }
    catch (e) { setError((e as Error).message); }
    finally { setBusy(false); }
  };

  if (!apt) return <main className="booking">{error ? <p className="error" role="alert">{error}</p> : <p className="muted">Loading…</p>}</main>;
  const upcoming = apt.status === 'booked' && Date.parse(apt.startsAt) > Date.now();
  return (
    <main className="booking">
      <h1>Your appointment</h1>
      <div className="card">
        <p><strong>{apt.typeName}</strong> at {apt.storeName}{apt.storeAddress ? `, ${apt.storeAddress}` : ''}</p>
        <p>{formatWhen(apt.startsAt, apt.timeZone)}{apt.associateName ? ` with ${apt.associateName}` : ''}</p>
        <p>Status: <span className={`badge ${apt.status === 'booked' ? 'ok' : 'danger'}`}>{apt.status === 'booked' ? 'Booked' : apt.status === 'cancelled' ? 'Cancelled' : apt.status}</span></p>
        {notice && <p className="ok" role="status">{notice}</p>}
        {upcoming && !moving && (
          <div className="row">
            <button onClick={startMoving}>Change time</button>
            <button className="danger" disabled={busy} onClick={() => { if (window.confirm('Cancel this appointment?')) void act('cancel', {}, 'Your appointment is cancelled. A confirmation is on its way.'); }}>Cancel appointment</button>
          </div>
        )}
      </div>
      {moving && (
        <section className="card">
          <h2>Choose a new time</h2>
          {/* The same associate first: their times are shown; another associate of the store or "any" widens the choice.
              The times come through the link, so the appointment's own time does not hide the times around it. */}
          {associates.length > 1 && (
            <label>Associate
              <select value={associateId} onChange={(e) => setAssociateId(e.target.value)}>
                <option value="">Any available associate</option>
                {associates.map((a) => <option key={a.id} value={a.id}>{a.name}{a.id === apt.associateId ? ' (current)' : ''}</option>)}
              </select>
            </label>
          )}
          <SlotPicker endpoint={`${base}/slots`} associateId={associateId} value={slot} onChange={setSlot} />
          <div className="row">
            <button disabled={!slot || busy} onClick={() => slot && act('reschedule', { startsAt: slot.startsAt, associateId: associateId || undefined }, 'Your appointment has moved. A new confirmation is on its way.')}>Move to this time</button>
            <button className="secondary" onClick={() => { setMoving(false); setSlot(null); }}>Keep current time</button>
          </div>
        </section>
      )}
      {error && <p className="error" role="alert">{error}</p>}
    </main>
  );
}

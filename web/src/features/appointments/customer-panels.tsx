import { useCallback, useEffect, useState, type FormEvent } from 'react';
import { api } from '../../lib/api.ts';
import type { CustomerPanel } from '../../lib/feature.ts';
import { useSession } from '../../lib/session.tsx';
import { SlotPicker } from './slot-picker.tsx';
import { formatWhen, type PublicSlot } from './types.ts';
import './appointments.css';

interface CustomerAppointment {
  id: string; publicId: string; status: string; startsAt: string; endsAt: string; storeId: string; storeName: string; timeZone: string;
  appointmentTypeId: string; typeName: string; associateId: string; associateName: string; bookedVia: string; customerMessage: string | null;
}
interface Options { timeZone: string; types: { id: string; name: string; description: string | null; durationMinutes: number }[]; associates: { id: string; name: string }[] }

const STATUS: Record<string, string> = { booked: 'Booked', completed: 'Attended', 'no-show': 'No-show', cancelled: 'Cancelled' };

/** "Appointments" on the customer page: what is coming up, what happened, and booking one for the customer. */
function AppointmentsPanel({ customerId }: { customerId: string }) {
  const { me, can } = useSession();
  const [list, setList] = useState<{ upcoming: CustomerAppointment[]; past: CustomerAppointment[] } | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const [booking, setBooking] = useState(false);
  const load = useCallback(() => {
    api<{ upcoming: CustomerAppointment[]; past: CustomerAppointment[] }>('appointments', { query: { customerId } }).then(setList).catch((e) => setError(e.message));
  }, [customerId]);
  useEffect(load, [load]);

  const cancel = async (a: CustomerAppointment) => {
    if (!window.confirm('Cancel this appointment? The customer is told by email.')) return;
    setError(null); setNotice(null);
    try { await api(`appointments/${a.id}/status`, { body: { status: 'cancelled' } }); setNotice('Appointment cancelled.'); load(); }
    catch (e) { setError((e as Error).message); }
  };

  return (
    <div className="customer-appointments">
      {notice && <p className="ok" role="status">{notice}</p>}
      {error && <p className="error" role="alert">{error}</p>}
      {!list && !error && <p className="muted">Loading…</p>}
      {list && (
        <>
          <h3>Upcoming</h3>
          {list.upcoming.length ? (
            <ul aria-label="Upcoming appointments">
              {list.upcoming.map((a) => (
                <li key={a.id}>
                  <strong>{formatWhen(a.startsAt, a.timeZone)}</strong> · {a.typeName} at {a.storeName} with {a.associateName}
                  {a.customerMessage && <span className="muted"> — “{a.customerMessage}”</span>}{' '}
                  {(a.associateId === me?.associateId || can('appointments.manage')) && Date.parse(a.startsAt) > Date.now() && (
                    <button className="secondary" onClick={() => void cancel(a)}>Cancel</button>
                  )}
                </li>
              ))}
            </ul>
          ) : <p className="muted">No upcoming appointments.</p>}
          <h3>Past</h3>
          {list.past.length ? (
            <ul aria-label="Past appointments">
              {list.past.map((a) => (
                <li key={a.id}>{formatWhen(a.startsAt, a.timeZone)} · {a.typeName} at {a.storeName} with {a.associateName} ·{' '}
                  <span className={`badge ${a.status === 'completed' ? 'ok' : a.status === 'booked' ? '' : 'danger'}`}>{STATUS[a.status] ?? a.status}</span></li>
              ))}
            </ul>
          ) : <p className="muted">No past appointments.</p>}
        </>
      )}
      {booking
        ? <BookForm customerId={customerId} onCancel={() => setBooking(false)} onBooked={(text) => { setBooking(false); setNotice(text); load(); }} />
        : <button onClick={() => { setNotice(null); setBooking(true); }}>Book an appointment</button>}
    </div>
  );
}

function BookForm({ customerId, onCancel, onBooked }: { customerId: string; onCancel(): void; onBooked(text: string): void }) {
  const { me } = useSession();
  const [storeId, setStoreId] = useState(me?.storeId ?? me?.stores[0]?.id ?? '');
  const [options, setOptions] = useState<Options | null>(null);
  const [typeId, setTypeId] = useState('');
  const [associateId, setAssociateId] = useState('');
  const [slot, setSlot] = useState<PublicSlot | null>(null);
  const [message, setMessage] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    setOptions(null); setTypeId(''); setSlot(null);
    if (!storeId) return;
    api<Options>('appointments/booking-options', { query: { storeId } }).then((o) => {
      setOptions(o);
      if (o.types.length === 1) setTypeId(o.types[0].id);
      // The associate booking takes the appointment themselves when they work there; else whoever is free.
      setAssociateId(o.associates.some((a) => a.id === me?.associateId) ? me!.associateId : '');
    }).catch((e) => setError(e.message));
  }, [storeId, me]);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (!slot) return;
    setBusy(true); setError(null);
    try {
      const booked = await api<{ startsAt: string; timeZone: string; typeName: string; associateName: string; confirmationQueued: boolean }>('appointments', {
        body: { customerId, storeId, appointmentTypeId: typeId, startsAt: slot.startsAt, associateId: associateId || null, message: message || null },
      });
      onBooked(`Booked: ${booked.typeName}, ${formatWhen(booked.startsAt, booked.timeZone)} with ${booked.associateName}. `
        + (booked.confirmationQueued ? 'The customer gets a confirmation by email.' : 'No email address on file: tell the customer yourself.'));
    } catch (err) {
      setError((err as Error).message);
      if ((err as { status?: number }).status === 409) setSlot(null);
    } finally { setBusy(false); }
  };

  return (
    <form className="card" onSubmit={submit} aria-label="Book an appointment">
      <h3>Book an appointment</h3>
      <label>Appointment store
        <select value={storeId} onChange={(e) => setStoreId(e.target.value)} required>
          {!storeId && <option value="">Choose a store</option>}
          {me?.stores.map((s) => <option key={s.id} value={s.id}>{s.name}</option>)}
        </select>
      </label>
      {options && !options.types.length && <p className="muted">This store takes no appointments yet (see Appointment set-up).</p>}
      {options && options.types.length > 0 && (
        <>
          <label>Appointment type
            <select value={typeId} onChange={(e) => setTypeId(e.target.value)} required>
              <option value="">Choose a type</option>
              {options.types.map((t) => <option key={t.id} value={t.id}>{t.name} ({t.durationMinutes} min)</option>)}
            </select>
          </label>
          <label>With associate
            <select value={associateId} onChange={(e) => setAssociateId(e.target.value)}>
              <option value="">Any available associate</option>
              {options.associates.map((a) => <option key={a.id} value={a.id}>{a.name}{a.id === me?.associateId ? ' (me)' : ''}</option>)}
            </select>
          </label>
        </>
      )}
      {options && typeId && (
        <>
          <p className="muted">Times are the store's local time ({options.timeZone}).</p>
          <SlotPicker endpoint="appointments/slots" storeId={storeId} typeId={typeId} associateId={associateId} value={slot} onChange={setSlot} />
        </>
      )}
      {slot && (
        <>
          <p>{formatWhen(slot.startsAt, options!.timeZone)}</p>
          <label>Note for the appointment (optional)<textarea value={message} maxLength={1000} onChange={(e) => setMessage(e.target.value)} /></label>
        </>
      )}
      {error && <p className="error" role="alert">{error}</p>}
      <div className="row">
        <button type="submit" disabled={!slot || busy}>Book appointment</button>
        <button type="button" className="secondary" onClick={onCancel}>Close</button>
      </div>
    </form>
  );
}

export const customerPanels: CustomerPanel[] = [
  { key: 'appointments', title: 'Appointments', order: 80, permission: 'appointments.view', component: AppointmentsPanel },
];

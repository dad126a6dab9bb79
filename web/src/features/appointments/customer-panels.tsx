import { useEffect, useState, type FormEvent } from 'react';
import { ApiError } from '../../lib/api.ts';
import { ErrorNote } from '../../lib/error-note.tsx';
import type { CustomerPanel } from '../../lib/feature.ts';
import { useSession } from '../../lib/session.tsx';
import { SlotPicker } from './slot-picker.tsx';
import { formatWhen } from './types.ts';
import { useBookForCustomer, useBookingOptions, useCustomerAppointments, useSetAppointmentStatus, type CustomerAppointment, type Slot } from './queries.ts';
import './appointments.css';

const STATUS: Record<string, string> = { booked: 'Booked', completed: 'Attended', 'no-show': 'No-show', cancelled: 'Cancelled' };

/** "Appointments" on the customer page: what is coming up, what happened, and booking one for the customer. */
function AppointmentsPanel({ customerId }: { customerId: string }) {
  const { me, can } = useSession();
  const { data: list, error: loadError } = useCustomerAppointments(customerId);
  const setStatus = useSetAppointmentStatus();
  const error = loadError ?? setStatus.error;
  const [notice, setNotice] = useState<string | null>(null);
  const [booking, setBooking] = useState(false);

  const cancel = (a: CustomerAppointment) => {
    if (!window.confirm('Cancel this appointment? The customer is told by email.')) return;
    setNotice(null);
    setStatus.mutate({ id: a.id, status: 'cancelled', customerId }, { onSuccess: () => setNotice('Appointment cancelled.') });
  };

  return (
    <div className="customer-appointments">
      {notice && <p className="ok" role="status">{notice}</p>}
      <ErrorNote error={error} />
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
                    <button className="secondary" onClick={() => cancel(a)}>Cancel</button>
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
        ? <BookForm customerId={customerId} onCancel={() => setBooking(false)} onBooked={(text) => { setBooking(false); setNotice(text); }} />
        : <button onClick={() => { setNotice(null); setBooking(true); }}>Book an appointment</button>}
    </div>
  );
}

function BookForm({ customerId, onCancel, onBooked }: { customerId: string; onCancel(): void; onBooked(text: string): void }) {
  const { me } = useSession();
  const [storeId, setStoreId] = useState(me?.storeId ?? me?.stores[0]?.id ?? '');
  const optionsQuery = useBookingOptions(storeId);
  const options = optionsQuery.data;
  const [typeId, setTypeId] = useState('');
  const [associateId, setAssociateId] = useState('');
  const [slot, setSlot] = useState<Slot | null>(null);
  const [message, setMessage] = useState('');
  const book = useBookForCustomer();
  const error = optionsQuery.error ?? book.error;

  useEffect(() => {
    setTypeId(''); setSlot(null);
    if (!options) return;
    if (options.types.length === 1) setTypeId(options.types[0].id);
    // The associate booking takes the appointment themselves when they work there; else whoever is free.
    setAssociateId(options.associates.some((a) => a.id === me?.associateId) ? me!.associateId : '');
  }, [options, me]);

  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (!slot) return;
    book.mutate({ customerId, storeId, appointmentTypeId: typeId, startsAt: slot.startsAt, associateId: associateId || null, message: message || null }, {
      onSuccess: (booked) => onBooked(`Booked: ${booked.typeName}, ${formatWhen(booked.startsAt, booked.timeZone)} with ${booked.associateName}. `
        + (booked.confirmationQueued ? 'The customer gets a confirmation by email.' : 'No email address on file: tell the customer yourself.')),
      onError: (err) => { if (err instanceof ApiError && err.status === 409) setSlot(null); },
    });
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
          <SlotPicker source={{ kind: 'associate', storeId, typeId }} associateId={associateId} value={slot} onChange={setSlot} />
        </>
      )}
      {slot && (
        <>
          <p>{formatWhen(slot.startsAt, options!.timeZone)}</p>
          <label>Note for the appointment (optional)<textarea value={message} maxLength={1000} onChange={(e) => setMessage(e.target.value)} /></label>
        </>
      )}
      <ErrorNote error={error} />
      <div className="row">
        <button type="submit" disabled={!slot || book.isPending}>Book appointment</button>
        <button type="button" className="secondary" onClick={onCancel}>Close</button>
      </div>
    </form>
  );
}

export const customerPanels: CustomerPanel[] = [
  { key: 'appointments', title: 'Appointments', order: 80, permission: 'appointments.view', component: AppointmentsPanel },
];

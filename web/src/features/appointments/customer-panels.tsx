import { useEffect, useState, type FormEvent } from 'react';
import { ApiError } from '../../lib/api.ts';
import { ErrorNote } from '../../lib/error-note.tsx';
import type { CustomerPanel } from '../../lib/feature.ts';
import { useSession } from '../../lib/session.tsx';
import { SlotPicker } from './slot-picker.tsx';
import { formatWhen } from './types.ts';
import { useBookForCustomer, useBookingOptions, useCustomerAppointments, useSetAppointmentStatus, type CustomerAppointment, type Slot } from './queries.ts';
import './appointments.css';
import { useT } from '../../i18n/i18n.ts';


/** "Appointments" on the customer page: what is coming up, what happened, and booking one for the customer. */
function AppointmentsPanel({ customerId }: { customerId: string }) {
  const { me, can } = useSession();
  const { t, language } = useT();
  const { data: list, error: loadError } = useCustomerAppointments(customerId);
  const setStatus = useSetAppointmentStatus();
  const error = loadError ?? setStatus.error;
  const [notice, setNotice] = useState<string | null>(null);
  const [booking, setBooking] = useState(false);

  const cancel = (a: CustomerAppointment) => {
    if (!window.confirm(t('customerAppointments.confirmCancel'))) return;
    setNotice(null);
    setStatus.mutate({ id: a.id, status: 'cancelled', customerId }, { onSuccess: () => setNotice(t('customerAppointments.cancelled')) });
  };

  return (
    <div className="customer-appointments">
      {notice && <p className="ok" role="status">{notice}</p>}
      <ErrorNote error={error} />
      {!list && !error && <p className="muted">{t('common.loading')}</p>}
      {list && (
        <>
          <h3>{t('customerAppointments.upcoming')}</h3>
          {list.upcoming.length ? (
            <ul aria-label={t('customerAppointments.upcomingList')}>
              {list.upcoming.map((a) => (
                <li key={a.id}>
                  <strong>{formatWhen(a.startsAt, a.timeZone, language)}</strong> · {t('customerAppointments.line', { type: a.typeName, store: a.storeName, associate: a.associateName })}
                  {a.customerMessage && <span className="muted"> — “{a.customerMessage}”</span>}{' '}
                  {(a.associateId === me?.associateId || can('appointments.manage')) && Date.parse(a.startsAt) > Date.now() && (
                    <button className="secondary" onClick={() => cancel(a)}>{t('customerAppointments.cancel')}</button>
                  )}
                </li>
              ))}
            </ul>
          ) : <p className="muted">{t('customerAppointments.noUpcoming')}</p>}
          <h3>{t('customerAppointments.past')}</h3>
          {list.past.length ? (
            <ul aria-label={t('customerAppointments.pastList')}>
              {list.past.map((a) => (
                <li key={a.id}>{formatWhen(a.startsAt, a.timeZone, language)} · {t('customerAppointments.line', { type: a.typeName, store: a.storeName, associate: a.associateName })} ·{' '}
                  <span className={`badge ${a.status === 'completed' ? 'ok' : a.status === 'booked' ? '' : 'danger'}`}>{t(`customerAppointments.status.${a.status}` as 'customerAppointments.status.booked', { defaultValue: a.status })}</span></li>
              ))}
            </ul>
          ) : <p className="muted">{t('customerAppointments.noPast')}</p>}
        </>
      )}
      {booking
        ? <BookForm customerId={customerId} onCancel={() => setBooking(false)} onBooked={(text) => { setBooking(false); setNotice(text); }} />
        : <button onClick={() => { setNotice(null); setBooking(true); }}>{t('customerAppointments.book')}</button>}
    </div>
  );
}

function BookForm({ customerId, onCancel, onBooked }: { customerId: string; onCancel(): void; onBooked(text: string): void }) {
  const { me } = useSession();
  const { t, language } = useT();
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
      onSuccess: (booked) => onBooked(t('customerAppointments.booked', { type: booked.typeName, when: formatWhen(booked.startsAt, booked.timeZone, language), associate: booked.associateName })
        + (booked.confirmationQueued ? t('customerAppointments.confirmationQueued') : t('customerAppointments.noEmail'))),
      onError: (err) => { if (err instanceof ApiError && err.status === 409) setSlot(null); },
    });
  };

  return (
    <form className="card" onSubmit={submit} aria-label={t('customerAppointments.book')}>
      <h3>{t('customerAppointments.book')}</h3>
      <label>{t('customerAppointments.store')}
        <select value={storeId} onChange={(e) => setStoreId(e.target.value)} required>
          {!storeId && <option value="">{t('customerAppointments.chooseStore')}</option>}
          {me?.stores.map((s) => <option key={s.id} value={s.id}>{s.name}</option>)}
        </select>
      </label>
      {options && !options.types.length && <p className="muted">{t('customerAppointments.noTypes')}</p>}
      {options && options.types.length > 0 && (
        <>
          <label>{t('customerAppointments.type')}
            <select value={typeId} onChange={(e) => setTypeId(e.target.value)} required>
              <option value="">{t('customerAppointments.chooseType')}</option>
              {options.types.map((x) => <option key={x.id} value={x.id}>{t('booking.typeOption', { name: x.name, minutes: x.durationMinutes })}</option>)}
            </select>
          </label>
          <label>{t('customerAppointments.withAssociate')}
            <select value={associateId} onChange={(e) => setAssociateId(e.target.value)}>
              <option value="">{t('customerAppointments.anyAssociate')}</option>
              {options.associates.map((a) => <option key={a.id} value={a.id}>{a.id === me?.associateId ? t('customerAppointments.me', { name: a.name }) : a.name}</option>)}
            </select>
          </label>
        </>
      )}
      {options && typeId && (
        <>
          <p className="muted">{t('customerAppointments.localTimes', { timeZone: options.timeZone })}</p>
          <SlotPicker source={{ kind: 'associate', storeId, typeId }} associateId={associateId} value={slot} onChange={setSlot} />
        </>
      )}
      {slot && (
        <>
          <p>{formatWhen(slot.startsAt, options!.timeZone, language)}</p>
          <label>{t('customerAppointments.note')}<textarea value={message} maxLength={1000} onChange={(e) => setMessage(e.target.value)} /></label>
        </>
      )}
      <ErrorNote error={error} fields={{
        storeId: t('customerAppointments.store'), appointmentTypeId: t('customerAppointments.type'), associateId: t('customerAppointments.withAssociate'),
        startsAt: t('booking.time'), message: t('customerAppointments.note'),
      }} />
      <div className="row">
        <button type="submit" disabled={!slot || book.isPending}>{t('customerAppointments.submit')}</button>
        <button type="button" className="secondary" onClick={onCancel}>{t('customerAppointments.close')}</button>
      </div>
    </form>
  );
}

export const customerPanels: CustomerPanel[] = [
  { key: 'appointments', title: 'Appointments', order: 80, permission: 'appointments.view', component: AppointmentsPanel },
];

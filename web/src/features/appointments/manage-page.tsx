import { useState } from 'react';
import { ErrorNote } from '../../lib/error-note.tsx';
import { SlotPicker } from './slot-picker.tsx';
import { formatWhen } from './types.ts';
import { useCancelManaged, useManagedAppointment, usePublicAssociates, useRescheduleManaged, type Slot } from './queries.ts';
import { browserLanguage, useCustomerT } from '../../i18n/i18n.ts';
import './appointments.css';

/** Reached from the link in the confirmation email: see, move or cancel one's appointment. */
export function ManagePage({ params }: { params: Record<string, string> }) {
  const token = params.token;
  const { data: apt, error: loadError } = useManagedAppointment(token);
  const { t, language } = useCustomerT(apt?.language ?? browserLanguage());
  const [notice, setNotice] = useState<string | null>(null);
  const [moving, setMoving] = useState(false);
  const [slot, setSlot] = useState<Slot | null>(null);
  const [associateId, setAssociateId] = useState('');
  const associatesQuery = usePublicAssociates(apt?.storeId, undefined, moving);
  const associates = associatesQuery.data ?? [];
  const cancel = useCancelManaged(token);
  const reschedule = useRescheduleManaged(token);
  const busy = cancel.isPending || reschedule.isPending;
  const error = loadError ?? cancel.error ?? reschedule.error ?? associatesQuery.error;
  const startMoving = () => { setAssociateId(apt?.associateId ?? ''); setMoving(true); };
  const moved = (message: string) => { setNotice(message); setMoving(false); setSlot(null); };

  if (!apt) return <main className="booking">{error ? <ErrorNote error={error} /> : <p className="muted">{t('common.loading')}</p>}</main>;
  const upcoming = apt.status === 'booked' && Date.parse(apt.startsAt) > Date.now();
  return (
    <main className="booking" lang={language}>
      <h1>{t('booking.manageTitle')}</h1>
      <div className="card">
        <p><strong>{apt.typeName}</strong> {t('booking.atStore', { store: apt.storeName })}{apt.storeAddress ? `, ${apt.storeAddress}` : ''}</p>
        <p>{formatWhen(apt.startsAt, apt.timeZone, language)}{apt.associateName ? ` ${t('booking.withAssociate', { name: apt.associateName })}` : ''}</p>
        <p>{t('booking.status')} <span className={`badge ${apt.status === 'booked' ? 'ok' : 'danger'}`}>{apt.status === 'booked' ? t('booking.statusBooked') : apt.status === 'cancelled' ? t('booking.statusCancelled') : apt.status}</span></p>
        {notice && <p className="ok" role="status">{notice}</p>}
        {upcoming && !moving && (
          <div className="row">
            <button onClick={startMoving}>{t('booking.changeTime')}</button>
            <button className="danger" disabled={busy} onClick={() => { if (window.confirm(t('booking.confirmCancel'))) cancel.mutate(undefined, { onSuccess: () => moved(t('booking.cancelledNotice')) }); }}>{t('booking.cancelAppointment')}</button>
          </div>
        )}
      </div>
      {moving && (
        <section className="card">
          <h2>{t('booking.chooseNewTime')}</h2>
          {/* The same associate first: their times are shown; another associate of the store or "any" widens the choice.
              The times come through the link, so the appointment's own time does not hide the times around it. */}
          {associates.length > 1 && (
            <label>{t('booking.associate')}
              <select value={associateId} onChange={(e) => setAssociateId(e.target.value)}>
                <option value="">{t('booking.anyAssociate')}</option>
                {associates.map((a) => <option key={a.id} value={a.id}>{a.id === apt.associateId ? t('booking.currentAssociate', { name: a.name }) : a.name}</option>)}
              </select>
            </label>
          )}
          <SlotPicker source={{ kind: 'manage', token }} associateId={associateId} value={slot} onChange={setSlot} />
          <div className="row">
            <button disabled={!slot || busy} onClick={() => slot && reschedule.mutate({ startsAt: slot.startsAt, associateId: associateId || undefined }, { onSuccess: () => moved(t('booking.movedNotice')) })}>{t('booking.moveHere')}</button>
            <button className="secondary" onClick={() => { setMoving(false); setSlot(null); }}>{t('booking.keepTime')}</button>
          </div>
        </section>
      )}
      <ErrorNote error={error} />
    </main>
  );
}

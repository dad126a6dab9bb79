import { useEffect, useState, type FormEvent } from 'react';
import { api } from '../../lib/api.ts';
import { useQueryParams } from '../../lib/router.tsx';
import { SlotPicker } from './slot-picker.tsx';
import { formatWhen, type PublicAppointment, type PublicAssociate, type PublicSlot, type PublicStore, type PublicType } from './types.ts';
import './appointments.css';

/**
 * The customer's booking page: no sign-in. A personal link (?for=…) puts the customer's own associate first.
 * One booking stays within one retailer (legal entity): opened without ?entity= on an installation with
 * several, the customer picks the retailer first and only its stores are offered.
 */
export function BookPage() {
  const params = useQueryParams();
  const forToken = params.get('for') ?? undefined;
  const [stores, setStores] = useState<PublicStore[] | null>(null);
  const [entity, setEntity] = useState('');
  const [storeId, setStoreId] = useState('');
  const [types, setTypes] = useState<PublicType[]>([]);
  const [typeId, setTypeId] = useState('');
  const [associates, setAssociates] = useState<PublicAssociate[]>([]);
  const [associateId, setAssociateId] = useState('');
  const [slot, setSlot] = useState<PublicSlot | null>(null);
  const [form, setForm] = useState({ name: '', email: '', phone: '', message: '' });
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [done, setDone] = useState<PublicAppointment | null>(null);

  useEffect(() => {
    api<PublicStore[]>('public/appointments/stores', { query: { entity: params.get('entity') ?? undefined, for: forToken } }).then((s) => {
      setStores(s);
      const wanted = s.find((x) => x.id === params.get('store'));
      const entities = [...new Set(s.map((x) => x.entity))];
      const chosenEntity = wanted?.entity ?? (entities.length === 1 ? entities[0] : '');
      setEntity(chosenEntity);
      const ofEntity = s.filter((x) => x.entity === chosenEntity);
      setStoreId(wanted?.id ?? (ofEntity.length === 1 ? ofEntity[0].id : ''));
    }).catch((e) => setError(e.message));
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, []);
  useEffect(() => {
    setTypes([]); setTypeId(''); setAssociates([]); setAssociateId('');
    if (!storeId) return;
    api<PublicType[]>(`public/appointments/stores/${storeId}/types`).then((t) => { setTypes(t); if (t.length === 1) setTypeId(t[0].id); });
    api<PublicAssociate[]>(`public/appointments/stores/${storeId}/associates`, { query: { for: forToken } }).then((a) => {
      setAssociates(a);
      const own = a.find((x) => x.yours);
      if (own) setAssociateId(own.id);
    });
  }, [storeId, forToken]);

  const store = stores?.find((s) => s.id === storeId);
  const retailers = stores ? [...new Map(stores.map((s) => [s.entity, s.brand])).entries()].map(([code, brand]) => ({ code, brand })) : [];
  const entityStores = stores?.filter((s) => s.entity === entity) ?? [];
  const brand = retailers.find((x) => x.code === entity)?.brand ?? '';
  const chooseEntity = (code: string) => {
    setEntity(code);
    const ofEntity = stores?.filter((s) => s.entity === code) ?? [];
    setStoreId(ofEntity.length === 1 ? ofEntity[0].id : '');
    setSlot(null);
  };
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (!slot) return;
    setBusy(true); setError(null);
    try {
      setDone(await api<PublicAppointment>('public/appointments/bookings', { body: {
        storeId, appointmentTypeId: typeId, startsAt: slot.startsAt, associateId: associateId || undefined,
        name: form.name, email: form.email, phone: form.phone || null, message: form.message || null, for: forToken,
      } }));
    } catch (err) {
      setError((err as Error).message);
      if ((err as { status?: number }).status === 409) setSlot(null);
    } finally { setBusy(false); }
  };

  if (done) {
    return (
      <main className="booking">
        <p className="brand">{brand}</p>
        <div className="card" role="status">
          <h1>You're booked</h1>
          <p><strong>{done.typeName}</strong> at {done.storeName}{done.storeAddress ? `, ${done.storeAddress}` : ''}</p>
          <p>{formatWhen(done.startsAt, done.timeZone)}{done.associateName ? ` with ${done.associateName}` : ''}</p>
          <p className="muted">We have sent a confirmation to {form.email}, with a calendar invitation and a link to change or cancel your appointment.</p>
        </div>
      </main>
    );
  }

  return (
    <main className="booking">
      <header>
        <p className="brand">{brand}</p>
        <h1>Book an appointment</h1>
        <p className="muted">Personal shopping, a consultation or a fitting, with one of our associates.</p>
      </header>
      {!stores && !error && <p className="muted">Loading…</p>}
      {stores && !stores.length && <p>Appointments cannot be booked online at the moment.</p>}
      {stores && stores.length > 0 && (
        <form onSubmit={submit}>
          <section className="card">
            {retailers.length > 1 && (
              <label>Retailer
                <select value={entity} onChange={(e) => chooseEntity(e.target.value)} required>
                  <option value="">Choose where you would like to book</option>
                  {retailers.map((x) => <option key={x.code} value={x.code}>{x.brand}</option>)}
                </select>
              </label>
            )}
            {entity && (
              <label>Store
                <select value={storeId} onChange={(e) => setStoreId(e.target.value)} required>
                  <option value="">Choose a store</option>
                  {entityStores.map((s) => <option key={s.id} value={s.id}>{s.name}{s.city ? ` (${s.city})` : ''}</option>)}
                </select>
              </label>
            )}
            {storeId && (
              <label>Appointment type
                <select value={typeId} onChange={(e) => setTypeId(e.target.value)} required>
                  <option value="">Choose what you would like</option>
                  {types.map((t) => <option key={t.id} value={t.id}>{t.name} ({t.durationMinutes} min)</option>)}
                </select>
              </label>
            )}
            {types.find((t) => t.id === typeId)?.description && <p className="muted">{types.find((t) => t.id === typeId)!.description}</p>}
            {storeId && associates.length > 0 && (
              <label>Associate
                <select value={associateId} onChange={(e) => setAssociateId(e.target.value)}>
                  <option value="">Any available associate</option>
                  {associates.map((a) => <option key={a.id} value={a.id}>{a.name}{a.yours ? ' (your associate)' : ''}</option>)}
                </select>
              </label>
            )}
          </section>
          {storeId && typeId && (
            <section className="card">
              <h2>Choose a time</h2>
              {store && <p className="muted">Times are in the store's local time ({store.timeZone}).</p>}
              <SlotPicker storeId={storeId} typeId={typeId} associateId={associateId} value={slot} onChange={setSlot} />
            </section>
          )}
          {slot && (
            <section className="card">
              <h2>Your details</h2>
              <p>{formatWhen(slot.startsAt, store!.timeZone)}</p>
              <label>Name<input value={form.name} onChange={(e) => setForm({ ...form, name: e.target.value })} required minLength={2} autoComplete="name" /></label>
              <label>Email<input type="email" value={form.email} onChange={(e) => setForm({ ...form, email: e.target.value })} required autoComplete="email" /></label>
              <label>Phone (optional)<input type="tel" value={form.phone} onChange={(e) => setForm({ ...form, phone: e.target.value })} autoComplete="tel" /></label>
              <label>Anything we should know? (optional)<textarea value={form.message} maxLength={1000} onChange={(e) => setForm({ ...form, message: e.target.value })} /></label>
              <button type="submit" disabled={busy}>Book appointment</button>
            </section>
          )}
          {error && <p className="error" role="alert">{error}</p>}
        </form>
      )}
    </main>
  );
}

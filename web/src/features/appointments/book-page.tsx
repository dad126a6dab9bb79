import { useEffect, useState, type FormEvent } from 'react';
import { ApiError } from '../../lib/api.ts';
import { ErrorNote } from '../../lib/error-note.tsx';
import { useQueryParams } from '../../lib/router.tsx';
import { SlotPicker } from './slot-picker.tsx';
import { formatWhen } from './types.ts';
import { useBookPublic, usePublicAssociates, usePublicStores, usePublicTypes, type PublicStore, type Slot } from './queries.ts';
import './appointments.css';

/**
 * The customer's booking page: no sign-in. A personal link (?for=…) puts the customer's own associate first.
 * One booking stays within one retailer (legal entity): opened without ?entity= on an installation with
 * several, the customer picks the retailer first and only its stores are offered.
 */
export function BookPage() {
  const params = useQueryParams();
  const forToken = params.get('for') ?? undefined;
  const storesQuery = usePublicStores(params.get('entity') ?? undefined, forToken);
  const stores = storesQuery.data ?? null;
  const [entity, setEntity] = useState('');
  const [storeId, setStoreId] = useState('');
  const typesQuery = usePublicTypes(storeId);
  const types = storeId ? typesQuery.data ?? [] : [];
  const [typeId, setTypeId] = useState('');
  const associatesQuery = usePublicAssociates(storeId || undefined, forToken);
  const associates = storeId ? associatesQuery.data ?? [] : [];
  const [associateId, setAssociateId] = useState('');
  const [slot, setSlot] = useState<Slot | null>(null);
  const [form, setForm] = useState({ name: '', email: '', phone: '', message: '' });
  const book = useBookPublic();
  const error = storesQuery.error ?? typesQuery.error ?? associatesQuery.error ?? book.error;
  const done = book.data;

  // The stores once known: the one asked for in the link, or the only one there is.
  useEffect(() => {
    if (!stores) return;
    const wanted = stores.find((x) => x.id === params.get('store'));
    const entities = [...new Set(stores.map((x) => x.entity))];
    const chosenEntity = wanted?.entity ?? (entities.length === 1 ? entities[0] : '');
    setEntity(chosenEntity);
    const ofEntity = stores.filter((x: PublicStore) => x.entity === chosenEntity);
    setStoreId(wanted?.id ?? (ofEntity.length === 1 ? ofEntity[0].id : ''));
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [stores]);
  // Another store: its types and associates, the only type preselected, the customer's own associate first.
  useEffect(() => { setTypeId(''); setAssociateId(''); }, [storeId]);
  useEffect(() => { if (typesQuery.data?.length === 1) setTypeId(typesQuery.data[0].id); }, [typesQuery.data]);
  useEffect(() => { const own = associatesQuery.data?.find((x) => x.yours); if (own) setAssociateId(own.id); }, [associatesQuery.data]);

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
  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (!slot) return;
    book.mutate({
      storeId, appointmentTypeId: typeId, startsAt: slot.startsAt, associateId: associateId || undefined,
      name: form.name, email: form.email, phone: form.phone || null, message: form.message || null, for: forToken,
    }, { onError: (err) => { if (err instanceof ApiError && err.status === 409) setSlot(null); } });
  };

  if (done) {
    return (
      <main className="booking">
        <p className="brand">{brand}</p>
        <div className="card" role="status">
          <h1>You're booked</h1>
          <p><strong>{done.typeName}</strong> at {done.storeName}{done.storeAddress ? `, ${done.storeAddress}` : ''}</p>
          <p>{formatWhen(done.startsAt, done.timeZone)}{done.associateName ? ` with ${done.associateName}` : ''}</p>
          {done.confirmationSent
            ? <p className="muted">We have sent a confirmation to {form.email}, with a calendar invitation and a link to change or cancel your appointment.</p>
            : <p>We could not send you a confirmation email. Please note the time of your appointment; to change or cancel it, contact {done.storeName}.</p>}
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
      {!stores && <ErrorNote error={error} />}
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
              <SlotPicker source={{ kind: 'public', storeId, typeId }} associateId={associateId} value={slot} onChange={setSlot} />
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
              <button type="submit" disabled={book.isPending}>Book appointment</button>
            </section>
          )}
          <ErrorNote error={error} />
        </form>
      )}
    </main>
  );
}

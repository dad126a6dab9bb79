import { useEffect, useState, type FormEvent } from 'react';
import { ApiError } from '../../lib/api.ts';
import { ErrorNote } from '../../lib/error-note.tsx';
import { useQueryParams } from '../../lib/router.tsx';
import { SlotPicker } from './slot-picker.tsx';
import { formatWhen } from './types.ts';
import { useBookPublic, usePublicAssociates, usePublicStores, usePublicTypes, type PublicStore, type Slot } from './queries.ts';
import { browserLanguage, languageOf, useCustomerT } from '../../i18n/i18n.ts';
import './appointments.css';

/**
 * The customer's booking page: no sign-in. A personal link (?for=…) puts the customer's own associate first.
 * One booking stays within one retailer (legal entity): opened without ?entity= on an installation with
 * several, the customer picks the retailer first and only its stores are offered.
 */
export function BookPage() {
  const params = useQueryParams();
  const forToken = params.get('for') ?? undefined;
  // The customer's language: the personal link names it (?lang=), else the browser's (its Accept-Language).
  const { t, language } = useCustomerT(params.get('lang') ? languageOf(params.get('lang')) : browserLanguage());
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
      <main className="booking" lang={language}>
        <p className="brand">{brand}</p>
        <div className="card" role="status">
          <h1>{t('booking.booked')}</h1>
          <p><strong>{done.typeName}</strong> {t('booking.atStore', { store: done.storeName })}{done.storeAddress ? `, ${done.storeAddress}` : ''}</p>
          <p>{formatWhen(done.startsAt, done.timeZone, language)}{done.associateName ? ` ${t('booking.withAssociate', { name: done.associateName })}` : ''}</p>
          {done.confirmationSent
            ? <p className="muted">{t('booking.confirmationSent', { email: form.email })}</p>
            : <p>{t('booking.confirmationNotSent', { store: done.storeName })}</p>}
        </div>
      </main>
    );
  }

  return (
    <main className="booking" lang={language}>
      <header>
        <p className="brand">{brand}</p>
        <h1>{t('booking.title')}</h1>
        <p className="muted">{t('booking.intro')}</p>
      </header>
      {!stores && !error && <p className="muted">{t('common.loading')}</p>}
      {!stores && <ErrorNote error={error} />}
      {stores && !stores.length && <p>{t('booking.unavailable')}</p>}
      {stores && stores.length > 0 && (
        <form onSubmit={submit}>
          <section className="card">
            {retailers.length > 1 && (
              <label>{t('booking.retailer')}
                <select value={entity} onChange={(e) => chooseEntity(e.target.value)} required>
                  <option value="">{t('booking.chooseRetailer')}</option>
                  {retailers.map((x) => <option key={x.code} value={x.code}>{x.brand}</option>)}
                </select>
              </label>
            )}
            {entity && (
              <label>{t('booking.store')}
                <select value={storeId} onChange={(e) => setStoreId(e.target.value)} required>
                  <option value="">{t('booking.chooseStore')}</option>
                  {entityStores.map((s) => <option key={s.id} value={s.id}>{s.name}{s.city ? ` (${s.city})` : ''}</option>)}
                </select>
              </label>
            )}
            {storeId && (
              <label>{t('booking.type')}
                <select value={typeId} onChange={(e) => setTypeId(e.target.value)} required>
                  <option value="">{t('booking.chooseType')}</option>
                  {types.map((x) => <option key={x.id} value={x.id}>{t('booking.typeOption', { name: x.name, minutes: x.durationMinutes })}</option>)}
                </select>
              </label>
            )}
            {types.find((x) => x.id === typeId)?.description && <p className="muted">{types.find((x) => x.id === typeId)!.description}</p>}
            {storeId && associates.length > 0 && (
              <label>{t('booking.associate')}
                <select value={associateId} onChange={(e) => setAssociateId(e.target.value)}>
                  <option value="">{t('booking.anyAssociate')}</option>
                  {associates.map((a) => <option key={a.id} value={a.id}>{a.yours ? t('booking.yourAssociate', { name: a.name }) : a.name}</option>)}
                </select>
              </label>
            )}
          </section>
          {storeId && typeId && (
            <section className="card">
              <h2>{t('booking.chooseTime')}</h2>
              {store && <p className="muted">{t('booking.localTimes', { timeZone: store.timeZone })}</p>}
              <SlotPicker source={{ kind: 'public', storeId, typeId }} associateId={associateId} value={slot} onChange={setSlot} />
            </section>
          )}
          {slot && (
            <section className="card">
              <h2>{t('booking.yourDetails')}</h2>
              <p>{formatWhen(slot.startsAt, store!.timeZone, language)}</p>
              <label>{t('booking.name')}<input value={form.name} onChange={(e) => setForm({ ...form, name: e.target.value })} required minLength={2} autoComplete="name" /></label>
              <label>{t('booking.email')}<input type="email" value={form.email} onChange={(e) => setForm({ ...form, email: e.target.value })} required autoComplete="email" /></label>
              <label>{t('booking.phone')}<input type="tel" value={form.phone} onChange={(e) => setForm({ ...form, phone: e.target.value })} autoComplete="tel" /></label>
              <label>{t('booking.message')}<textarea value={form.message} maxLength={1000} onChange={(e) => setForm({ ...form, message: e.target.value })} /></label>
              <button type="submit" disabled={book.isPending}>{t('booking.book')}</button>
            </section>
          )}
          <ErrorNote error={error} fields={{
            storeId: t('booking.store'), appointmentTypeId: t('booking.type'), associateId: t('booking.associate'), startsAt: t('booking.time'),
            name: t('booking.name'), email: t('booking.email'), phone: t('booking.phone'), message: t('booking.message'),
          }} />
        </form>
      )}
    </main>
  );
}

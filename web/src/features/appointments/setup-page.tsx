import { useEffect, useState, type FormEvent } from 'react';
import { ErrorNote } from '../../lib/error-note.tsx';
import { useSession } from '../../lib/session.tsx';
import { formatWhen } from './types.ts';
import { setupCalls, useSetupChange, useStoreAssociates, useStoreSetup, type StoreSetup as Setup } from './queries.ts';
import './appointments.css';
import { useT } from '../../i18n/i18n.ts';
import { formatter, type Language } from '../../../../shared/format.ts';

type Associate = { id: string; displayName: string; active: boolean };

// Monday first, as a store's week is read.
const DAYS = [1, 2, 3, 4, 5, 6, 0].map((d) => ({ d }));
// 7 January 2024 was a Sunday: its week gives each weekday's name in the screen's language.
const dayName = (d: number, language: Language) => formatter(language).day(`2024-01-${String(7 + d).padStart(2, '0')}`, { weekday: 'long' });
type Week = Record<number, { on: boolean; from: string; to: string }>;
const emptyWeek = (): Week => Object.fromEntries(DAYS.map(({ d }) => [d, { on: false, from: '10:00', to: '19:00' }]));

/** Store set-up for appointments: what can be booked, when the store opens, who works when, time off. */
export function AppointmentSetupPage() {
  const { me } = useSession();
  const { t } = useT();
  const [storeId, setStoreId] = useState(me!.storeId ?? me!.stores[0]?.id ?? '');
  const setupQuery = useStoreSetup(storeId);
  const setup = setupQuery.data;
  const associatesQuery = useStoreAssociates(storeId);
  const associates = (associatesQuery.data ?? []).filter((x) => x.active);
  const [message, setMessage] = useState<string | null>(null);
  const change = useSetupChange(storeId, (fn: () => Promise<unknown>) => fn());
  const run: Run = (fn, ok) => { setMessage(null); change.mutate(fn, { onSuccess: () => setMessage(ok) }); };
  const error = change.error ?? setupQuery.error ?? associatesQuery.error;

  return (
    <div>
      <h1>{t('appointmentSetup.title')}</h1>
      <label>{t('appointmentSetup.store')}
        <select value={storeId} onChange={(e) => setStoreId(e.target.value)}>
          {me!.stores.map((s) => <option key={s.id} value={s.id}>{s.name}</option>)}
        </select>
      </label>
      {message && <p className="ok" role="status">{message}</p>}
      <ErrorNote error={error} />
      {setup && (
        <>
          <TypesSection setup={setup} storeId={storeId} run={run} />
          <HoursSection key={`h${storeId}`} setup={setup} storeId={storeId} run={run} />
          <ScheduleSection key={`s${storeId}`} setup={setup} storeId={storeId} associates={associates} run={run} />
          <TimeOffSection setup={setup} storeId={storeId} associates={associates} run={run} />
        </>
      )}
    </div>
  );
}

/** Sends one set-up change; on success shows `ok` and the set-up is read again. */
type Run = (fn: () => Promise<unknown>, ok: string) => void;

function TypesSection({ setup, storeId, run }: { setup: Setup; storeId: string; run: Run }) {
  const { t } = useT();
  const [form, setForm] = useState({ name: '', durationMinutes: '60', bufferMinutes: '15', description: '' });
  const add = (e: FormEvent) => {
    e.preventDefault();
    run(() => setupCalls.addType(storeId, { name: form.name, durationMinutes: Number(form.durationMinutes), bufferMinutes: Number(form.bufferMinutes), description: form.description || null })
      .then(() => setForm({ ...form, name: '', description: '' })), t('appointmentSetup.typeAdded', { name: form.name }));
  };
  return (
    <section className="card" style={{ marginTop: '1rem' }}>
      <h2>{t('appointmentSetup.types')}</h2>
      <table>
        <thead><tr><th>{t('appointmentSetup.name')}</th><th>{t('appointmentSetup.duration')}</th><th>{t('appointmentSetup.bufferAfter')}</th><th>{t('appointmentSetup.bookable')}</th></tr></thead>
        <tbody>
          {setup.types.map((x) => (
            <tr key={x.id}>
              <td>{x.name}{x.description && <div className="muted">{x.description}</div>}</td>
              <td>{t('appointmentSetup.minutes', { count: x.durationMinutes })}</td><td>{t('appointmentSetup.minutes', { count: x.bufferMinutes })}</td>
              <td><label className="inline"><input type="checkbox" checked={x.active} aria-label={t('appointmentSetup.bookableLabel', { name: x.name })}
                onChange={(e) => run(() => setupCalls.setTypeActive(x.id, e.target.checked), e.target.checked ? t('appointmentSetup.canBeBooked', { name: x.name }) : t('appointmentSetup.isRetired', { name: x.name }))} /></label></td>
            </tr>
          ))}
          {!setup.types.length && <tr><td colSpan={4} className="muted">{t('appointmentSetup.noTypes')}</td></tr>}
        </tbody>
      </table>
      <form onSubmit={add} className="row" style={{ marginTop: '.75rem', alignItems: 'flex-end' }}>
        <label style={{ flex: 2 }}>{t('appointmentSetup.typeName')}<input value={form.name} onChange={(e) => setForm({ ...form, name: e.target.value })} required /></label>
        <label style={{ flex: 1 }}>{t('appointmentSetup.durationMinutes')}<input type="number" min={5} max={480} value={form.durationMinutes} onChange={(e) => setForm({ ...form, durationMinutes: e.target.value })} required /></label>
        <label style={{ flex: 1 }}>{t('appointmentSetup.bufferMinutes')}<input type="number" min={0} max={240} value={form.bufferMinutes} onChange={(e) => setForm({ ...form, bufferMinutes: e.target.value })} /></label>
        <label style={{ flex: 3 }}>{t('appointmentSetup.description')}<input value={form.description} onChange={(e) => setForm({ ...form, description: e.target.value })} /></label>
        <button type="submit">{t('appointmentSetup.addType')}</button>
      </form>
    </section>
  );
}

function WeekEditor({ week, setWeek, label }: { week: Week; setWeek(w: Week): void; label: string }) {
  const { t, language } = useT();
  return (
    <div className="hours-grid">
      {DAYS.map(({ d }) => { const name = dayName(d, language); return (
        <div key={d} style={{ display: 'contents' }}>
          <label className="inline"><input type="checkbox" checked={week[d].on} onChange={(e) => setWeek({ ...week, [d]: { ...week[d], on: e.target.checked } })} />{label} {name}</label>
          <label>{t('appointmentSetup.from')}<input type="time" aria-label={t('appointmentSetup.dayFrom', { day: name })} value={week[d].from} disabled={!week[d].on} onChange={(e) => setWeek({ ...week, [d]: { ...week[d], from: e.target.value } })} /></label>
          <label>{t('appointmentSetup.to')}<input type="time" aria-label={t('appointmentSetup.dayTo', { day: name })} value={week[d].to} disabled={!week[d].on} onChange={(e) => setWeek({ ...week, [d]: { ...week[d], to: e.target.value } })} /></label>
        </div>
      ); })}
    </div>
  );
}

function HoursSection({ setup, storeId, run }: { setup: Setup; storeId: string; run: Run }) {
  const { t } = useT();
  const [week, setWeek] = useState<Week>(() => {
    const w = emptyWeek();
    for (const h of setup.openingHours) w[h.weekday] = { on: true, from: h.opens, to: h.closes };
    return w;
  });
  const save = () => run(() => setupCalls.saveHours(storeId, { days: DAYS.filter(({ d }) => week[d].on).map(({ d }) => ({ weekday: d, opens: week[d].from, closes: week[d].to })) }), t('appointmentSetup.hoursSaved'));
  return (
    <section className="card" style={{ marginTop: '1rem' }}>
      <h2>{t('appointmentSetup.hours')}</h2>
      <WeekEditor week={week} setWeek={setWeek} label={t('appointmentSetup.openOn')} />
      <button style={{ marginTop: '.75rem' }} onClick={save}>{t('appointmentSetup.saveHours')}</button>
    </section>
  );
}

function ScheduleSection({ setup, storeId, associates, run }: { setup: Setup; storeId: string; associates: Associate[]; run: Run }) {
  const { t } = useT();
  const [associateId, setAssociateId] = useState('');
  const [week, setWeek] = useState<Week>(emptyWeek);
  useEffect(() => {
    const w = emptyWeek();
    for (const s of setup.schedules.filter((x) => x.associateId === associateId)) w[s.weekday] = { on: true, from: s.start, to: s.end };
    setWeek(w);
  }, [associateId, setup]);
  const save = () => run(() => setupCalls.saveSchedule(storeId, associateId, { shifts: DAYS.filter(({ d }) => week[d].on).map(({ d }) => ({ weekday: d, start: week[d].from, end: week[d].to })) }), t('appointmentSetup.scheduleSaved'));
  const scheduled = new Set(setup.schedules.map((s) => s.associateId));
  return (
    <section className="card" style={{ marginTop: '1rem' }}>
      <h2>{t('appointmentSetup.schedules')}</h2>
      <p className="muted">{t('appointmentSetup.schedulesHelp')}</p>
      <label>{t('appointmentSetup.associateForSchedule')}
        <select value={associateId} onChange={(e) => setAssociateId(e.target.value)}>
          <option value="">{t('appointmentSetup.chooseAssociate')}</option>
          {associates.map((a) => <option key={a.id} value={a.id}>{a.displayName}{scheduled.has(a.id) ? '' : t('appointmentSetup.noShifts')}</option>)}
        </select>
      </label>
      {associateId && <><WeekEditor week={week} setWeek={setWeek} label={t('appointmentSetup.worksOn')} /><button style={{ marginTop: '.75rem' }} onClick={save}>{t('appointmentSetup.saveSchedule')}</button></>}
    </section>
  );
}

function TimeOffSection({ setup, storeId, associates, run }: { setup: Setup; storeId: string; associates: Associate[]; run: Run }) {
  const { t, language } = useT();
  const [form, setForm] = useState({ associateId: '', from: '', to: '', reason: '' });
  const add = (e: FormEvent) => {
    e.preventDefault();
    // The times typed are the store's clock, whatever the zone of the device (head office may be elsewhere):
    // they go as wall-clock times and the server reads them in the store's time zone.
    run(() => setupCalls.addTimeOff({ associateId: form.associateId, storeId, localStart: form.from.slice(0, 16), localEnd: form.to.slice(0, 16), reason: form.reason || null }), t('appointmentSetup.timeOffRecorded'));
  };
  const show = (iso: string) => formatWhen(iso, setup.timeZone, language);
  return (
    <section className="card" style={{ marginTop: '1rem' }}>
      <h2>{t('appointmentSetup.timeOff')}</h2>
      <p className="muted">{t('appointmentSetup.localTimes', { timeZone: setup.timeZone })}</p>
      <ul>
        {setup.timeOff.map((x) => (
          <li key={x.id}>{x.associateName}: {show(x.startsAt)} – {show(x.endsAt)} {x.reason && `(${x.reason})`}{' '}
            <button className="secondary" onClick={() => run(() => setupCalls.removeTimeOff(x.id), t('appointmentSetup.timeOffRemoved'))}>{t('appointmentSetup.remove')}</button></li>
        ))}
        {!setup.timeOff.length && <li className="muted">{t('appointmentSetup.noTimeOff')}</li>}
      </ul>
      <form onSubmit={add} className="row" style={{ alignItems: 'flex-end' }}>
        <label>{t('appointmentSetup.associateOff')}<select value={form.associateId} onChange={(e) => setForm({ ...form, associateId: e.target.value })} required>
          <option value="">{t('appointmentSetup.choose')}</option>{associates.map((a) => <option key={a.id} value={a.id}>{a.displayName}</option>)}
        </select></label>
        <label>{t('appointmentSetup.offFrom')}<input type="datetime-local" value={form.from} onChange={(e) => setForm({ ...form, from: e.target.value })} required /></label>
        <label>{t('appointmentSetup.offUntil')}<input type="datetime-local" value={form.to} onChange={(e) => setForm({ ...form, to: e.target.value })} required /></label>
        <label>{t('appointmentSetup.reason')}<input value={form.reason} onChange={(e) => setForm({ ...form, reason: e.target.value })} /></label>
        <button type="submit">{t('appointmentSetup.addTimeOff')}</button>
      </form>
    </section>
  );
}

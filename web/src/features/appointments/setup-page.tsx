import { useEffect, useState, type FormEvent } from 'react';
import { ErrorNote } from '../../lib/error-note.tsx';
import { useSession } from '../../lib/session.tsx';
import { formatWhen } from './types.ts';
import { setupCalls, useSetupChange, useStoreAssociates, useStoreSetup, type StoreSetup as Setup } from './queries.ts';
import './appointments.css';

type Associate = { id: string; displayName: string; active: boolean };

// Monday first, as a store's week is read.
const DAYS = [1, 2, 3, 4, 5, 6, 0].map((d) => ({ d, name: ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'][d] }));
type Week = Record<number, { on: boolean; from: string; to: string }>;
const emptyWeek = (): Week => Object.fromEntries(DAYS.map(({ d }) => [d, { on: false, from: '10:00', to: '19:00' }]));

/** Store set-up for appointments: what can be booked, when the store opens, who works when, time off. */
export function AppointmentSetupPage() {
  const { me } = useSession();
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
      <h1>Appointment set-up</h1>
      <label>Store
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
  const [form, setForm] = useState({ name: '', durationMinutes: '60', bufferMinutes: '15', description: '' });
  const add = (e: FormEvent) => {
    e.preventDefault();
    run(() => setupCalls.addType(storeId, { name: form.name, durationMinutes: Number(form.durationMinutes), bufferMinutes: Number(form.bufferMinutes), description: form.description || null })
      .then(() => setForm({ ...form, name: '', description: '' })), `Appointment type "${form.name}" added.`);
  };
  return (
    <section className="card" style={{ marginTop: '1rem' }}>
      <h2>Appointment types</h2>
      <table>
        <thead><tr><th>Name</th><th>Duration</th><th>Buffer after</th><th>Bookable</th></tr></thead>
        <tbody>
          {setup.types.map((t) => (
            <tr key={t.id}>
              <td>{t.name}{t.description && <div className="muted">{t.description}</div>}</td>
              <td>{t.durationMinutes} min</td><td>{t.bufferMinutes} min</td>
              <td><label className="inline"><input type="checkbox" checked={t.active} aria-label={`${t.name} bookable`}
                onChange={(e) => run(() => setupCalls.setTypeActive(t.id, e.target.checked), `${t.name} ${e.target.checked ? 'can be booked' : 'is retired'}.`)} /></label></td>
            </tr>
          ))}
          {!setup.types.length && <tr><td colSpan={4} className="muted">No appointment types yet.</td></tr>}
        </tbody>
      </table>
      <form onSubmit={add} className="row" style={{ marginTop: '.75rem', alignItems: 'flex-end' }}>
        <label style={{ flex: 2 }}>Type name<input value={form.name} onChange={(e) => setForm({ ...form, name: e.target.value })} required /></label>
        <label style={{ flex: 1 }}>Duration (minutes)<input type="number" min={5} max={480} value={form.durationMinutes} onChange={(e) => setForm({ ...form, durationMinutes: e.target.value })} required /></label>
        <label style={{ flex: 1 }}>Buffer (minutes)<input type="number" min={0} max={240} value={form.bufferMinutes} onChange={(e) => setForm({ ...form, bufferMinutes: e.target.value })} /></label>
        <label style={{ flex: 3 }}>Description<input value={form.description} onChange={(e) => setForm({ ...form, description: e.target.value })} /></label>
        <button type="submit">Add type</button>
      </form>
    </section>
  );
}

function WeekEditor({ week, setWeek, label }: { week: Week; setWeek(w: Week): void; label: string }) {
  return (
    <div className="hours-grid">
      {DAYS.map(({ d, name }) => (
        <div key={d} style={{ display: 'contents' }}>
          <label className="inline"><input type="checkbox" checked={week[d].on} onChange={(e) => setWeek({ ...week, [d]: { ...week[d], on: e.target.checked } })} />{label} {name}</label>
          <label>From<input type="time" aria-label={`${name} from`} value={week[d].from} disabled={!week[d].on} onChange={(e) => setWeek({ ...week, [d]: { ...week[d], from: e.target.value } })} /></label>
          <label>To<input type="time" aria-label={`${name} to`} value={week[d].to} disabled={!week[d].on} onChange={(e) => setWeek({ ...week, [d]: { ...week[d], to: e.target.value } })} /></label>
        </div>
      ))}
    </div>
  );
}

function HoursSection({ setup, storeId, run }: { setup: Setup; storeId: string; run: Run }) {
  const [week, setWeek] = useState<Week>(() => {
    const w = emptyWeek();
    for (const h of setup.openingHours) w[h.weekday] = { on: true, from: h.opens, to: h.closes };
    return w;
  });
  const save = () => run(() => setupCalls.saveHours(storeId, { days: DAYS.filter(({ d }) => week[d].on).map(({ d }) => ({ weekday: d, opens: week[d].from, closes: week[d].to })) }), 'Opening hours saved.');
  return (
    <section className="card" style={{ marginTop: '1rem' }}>
      <h2>Opening hours</h2>
      <WeekEditor week={week} setWeek={setWeek} label="Open on" />
      <button style={{ marginTop: '.75rem' }} onClick={save}>Save opening hours</button>
    </section>
  );
}

function ScheduleSection({ setup, storeId, associates, run }: { setup: Setup; storeId: string; associates: Associate[]; run: Run }) {
  const [associateId, setAssociateId] = useState('');
  const [week, setWeek] = useState<Week>(emptyWeek);
  useEffect(() => {
    const w = emptyWeek();
    for (const s of setup.schedules.filter((x) => x.associateId === associateId)) w[s.weekday] = { on: true, from: s.start, to: s.end };
    setWeek(w);
  }, [associateId, setup]);
  const save = () => run(() => setupCalls.saveSchedule(storeId, associateId, { shifts: DAYS.filter(({ d }) => week[d].on).map(({ d }) => ({ weekday: d, start: week[d].from, end: week[d].to })) }), 'Schedule saved.');
  const scheduled = new Set(setup.schedules.map((s) => s.associateId));
  return (
    <section className="card" style={{ marginTop: '1rem' }}>
      <h2>Associate schedules</h2>
      <p className="muted">Customers can book an associate during their shifts, inside opening hours.</p>
      <label>Associate for schedule
        <select value={associateId} onChange={(e) => setAssociateId(e.target.value)}>
          <option value="">Choose an associate</option>
          {associates.map((a) => <option key={a.id} value={a.id}>{a.displayName}{scheduled.has(a.id) ? '' : ' (no shifts)'}</option>)}
        </select>
      </label>
      {associateId && <><WeekEditor week={week} setWeek={setWeek} label="Works on" /><button style={{ marginTop: '.75rem' }} onClick={save}>Save schedule</button></>}
    </section>
  );
}

function TimeOffSection({ setup, storeId, associates, run }: { setup: Setup; storeId: string; associates: Associate[]; run: Run }) {
  const [form, setForm] = useState({ associateId: '', from: '', to: '', reason: '' });
  const add = (e: FormEvent) => {
    e.preventDefault();
    // The times typed are the store's clock, whatever the zone of the device (head office may be elsewhere):
    // they go as wall-clock times and the server reads them in the store's time zone.
    run(() => setupCalls.addTimeOff({ associateId: form.associateId, storeId, localStart: form.from.slice(0, 16), localEnd: form.to.slice(0, 16), reason: form.reason || null }), 'Time off recorded.');
  };
  const show = (iso: string) => formatWhen(iso, setup.timeZone);
  return (
    <section className="card" style={{ marginTop: '1rem' }}>
      <h2>Time off</h2>
      <p className="muted">Times are the store's local time ({setup.timeZone}).</p>
      <ul>
        {setup.timeOff.map((t) => (
          <li key={t.id}>{t.associateName}: {show(t.startsAt)} – {show(t.endsAt)} {t.reason && `(${t.reason})`}{' '}
            <button className="secondary" onClick={() => run(() => setupCalls.removeTimeOff(t.id), 'Time off removed.')}>Remove</button></li>
        ))}
        {!setup.timeOff.length && <li className="muted">No upcoming time off.</li>}
      </ul>
      <form onSubmit={add} className="row" style={{ alignItems: 'flex-end' }}>
        <label>Associate off<select value={form.associateId} onChange={(e) => setForm({ ...form, associateId: e.target.value })} required>
          <option value="">Choose</option>{associates.map((a) => <option key={a.id} value={a.id}>{a.displayName}</option>)}
        </select></label>
        <label>Off from<input type="datetime-local" value={form.from} onChange={(e) => setForm({ ...form, from: e.target.value })} required /></label>
        <label>Off until<input type="datetime-local" value={form.to} onChange={(e) => setForm({ ...form, to: e.target.value })} required /></label>
        <label>Reason<input value={form.reason} onChange={(e) => setForm({ ...form, reason: e.target.value })} /></label>
        <button type="submit">Add time off</button>
      </form>
    </section>
  );
}

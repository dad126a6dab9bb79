import { useEffect, useState } from 'react';
import { ErrorNote } from '../../lib/error-note.tsx';
import { useSession } from '../../lib/session.tsx';
import { currentMonth } from './format.ts';
import {
  useActiveAssociates, useAttributionSettings, useDeletePlan, useDeleteSalesGroup, usePlans, useRunAttribution, useSalesGroups, useSaveAttributionSettings,
  useSavePlan, useSaveSalesGroup, useStores, type PlanBody,
} from './queries.ts';
import './attribution.css';

type PlanDraft = PlanBody & { id?: string };
type GroupDraft = { id?: string; name: string; storeId: string | null; active: boolean; members: { associateId: string; sharePercent: number }[] };

// Head office set-up: the outreach attribution window, commission plans (rates by store and category)
// and commission sales groups (associates who share the credit for their sales).
export function CommissionSetupPage() {
  const { me } = useSession();
  const storesQuery = useStores();
  const stores = storesQuery.data ?? [];
  const associatesQuery = useActiveAssociates();
  const associates = associatesQuery.data ?? [];
  const plansQuery = usePlans();
  const plans = plansQuery.data ?? [];
  const groupsQuery = useSalesGroups();
  const groups = groupsQuery.data ?? [];
  const settings = useAttributionSettings();
  const [windowDays, setWindowDays] = useState('14');
  useEffect(() => { if (settings.data) setWindowDays(String(settings.data.outreachWindowDays)); }, [settings.data]);
  const lastRunAt = settings.data?.lastRunAt ?? null;
  const [plan, setPlan] = useState<PlanDraft | null>(null);
  const [group, setGroup] = useState<GroupDraft | null>(null);
  const [message, setMessage] = useState<string | null>(null);
  const [actionError, setActionError] = useState<unknown>(null);
  const error = actionError ?? storesQuery.error ?? associatesQuery.error ?? plansQuery.error ?? groupsQuery.error ?? settings.error;

  // Each change shows its confirmation or the server's refusal in one place at the top.
  const outcome = (ok: string | ((r: never) => string), then?: () => void) => {
    setMessage(null); setActionError(null);
    return { onSuccess: (r: unknown) => { setMessage(typeof ok === 'string' ? ok : ok(r as never)); then?.(); }, onError: setActionError };
  };
  const savePlanCall = useSavePlan();
  const deletePlan = useDeletePlan();
  const saveGroupCall = useSaveSalesGroup();
  const deleteGroup = useDeleteSalesGroup();
  const saveSettings = useSaveAttributionSettings();
  const run = useRunAttribution();
  const runNow = () => run.mutate(undefined, outcome((r: { attributedLines: number; reversalEntries: number; otherCurrencyLines: number }) =>
    `Attribution run: ${r.attributedLines} sale lines credited, ${r.reversalEntries} return reversals.`
    + (r.otherCurrencyLines ? ` ${r.otherCurrencyLines} lines in other currencies were not credited (commission is in ${me!.legalEntity.currency}).` : '')));
  const storeName = (id: string | null) => (id ? stores.find((s) => s.id === id)?.name ?? 'Unknown store' : 'All stores');

  const savePlan = () => {
    const { id, ...body } = plan!;
    savePlanCall.mutate({ id, body }, outcome('Commission plan saved.', () => setPlan(null)));
  };
  const saveGroup = () => {
    const { id, ...body } = group!;
    saveGroupCall.mutate({ id, body }, outcome('Sales group saved.', () => setGroup(null)));
  };

  return (
    <div className="attribution">
      <h1>Commission and attribution</h1>
      {message && <p role="status" className="ok">{message}</p>}
      <ErrorNote error={error} />

      <section className="card">
        <h2>Outreach attribution window</h2>
        <p className="muted">A sale without an associate at the till or a remote-order creator is credited to the associate whose outreach most recently reached the customer within this many days before the order.</p>
        <div className="row">
          <label>Window in days<input type="number" min={1} max={365} value={windowDays} onChange={(e) => setWindowDays(e.target.value)} /></label>
          <button onClick={() => saveSettings.mutate({ outreachWindowDays: Number(windowDays) }, outcome('Attribution window saved.'))}>Save window</button>
          <button className="secondary" onClick={runNow}>Run attribution now</button>
        </div>
        <p className="muted small">{lastRunAt ? `Last run ${new Date(lastRunAt).toLocaleString()}.` : 'Attribution has not run yet.'}</p>
      </section>

      <section className="card">
        <div className="row"><h2>Commission plans</h2><span className="spacer" />
          <button className="secondary" onClick={() => setPlan({ name: '', validFrom: currentMonth(), validTo: null, defaultRatePercent: 3, rates: [] })}>New plan</button>
        </div>
        {plans.length === 0 && <p className="muted">No commission plan yet.</p>}
        <ul className="plain">
          {plans.map((p) => (
            <li key={p.id} className="row">
              <strong>{p.name}</strong>
              <span className="muted">{p.validFrom} – {p.validTo ?? 'open'} · default {p.defaultRatePercent}% · {p.rates.map((r) => `${r.category ?? 'any category'} at ${storeName(r.storeId)} ${r.ratePercent}%`).join('; ')}</span>
              <span className="spacer" />
              <button className="secondary" onClick={() => setPlan({ ...p, rates: p.rates.map((r) => ({ ...r })) })}>Edit {p.name}</button>
              <button className="secondary" onClick={() => deletePlan.mutate(p.id, outcome('Commission plan deleted.'))}>Delete {p.name}</button>
            </li>
          ))}
        </ul>
        {plan && (
          <form className="editor" aria-label="Commission plan" onSubmit={(e) => { e.preventDefault(); savePlan(); }}>
            <div className="row">
              <label>Plan name<input required value={plan.name} onChange={(e) => setPlan({ ...plan, name: e.target.value })} /></label>
              <label>First month<input type="month" required value={plan.validFrom} onChange={(e) => setPlan({ ...plan, validFrom: e.target.value })} /></label>
              <label>Last month<input type="month" value={plan.validTo ?? ''} onChange={(e) => setPlan({ ...plan, validTo: e.target.value || null })} /></label>
              <label>Default rate %<input type="number" step="0.01" min={0} max={100} value={plan.defaultRatePercent} onChange={(e) => setPlan({ ...plan, defaultRatePercent: Number(e.target.value) })} /></label>
            </div>
            <p className="muted small">The most specific rate wins: store and category, then category, then store, then the default.</p>
            {plan.rates.map((r, i) => {
              const set = (patch: Partial<typeof r>) => setPlan({ ...plan, rates: plan.rates.map((x, k) => (k === i ? { ...x, ...patch } : x)) });
              return (
                <div className="row" key={i}>
                  <label>Rate {i + 1} store
                    <select aria-label={`Rate ${i + 1} store`} value={r.storeId ?? ''} onChange={(e) => set({ storeId: e.target.value || null })}>
                      <option value="">All stores</option>
                      {stores.map((s) => <option key={s.id} value={s.id}>{s.name}</option>)}
                    </select>
                  </label>
                  <label>Rate {i + 1} category<input value={r.category ?? ''} onChange={(e) => set({ category: e.target.value || null })} /></label>
                  <label>Rate {i + 1} %<input type="number" step="0.01" min={0} max={100} value={r.ratePercent} onChange={(e) => set({ ratePercent: Number(e.target.value) })} /></label>
                  <button type="button" className="secondary" onClick={() => setPlan({ ...plan, rates: plan.rates.filter((_, k) => k !== i) })}>Remove rate {i + 1}</button>
                </div>
              );
            })}
            <div className="row">
              <button type="button" className="secondary" onClick={() => setPlan({ ...plan, rates: [...plan.rates, { storeId: null, category: '', ratePercent: plan.defaultRatePercent }] })}>Add rate</button>
              <span className="spacer" />
              <button type="button" className="secondary" onClick={() => setPlan(null)}>Cancel</button>
              <button type="submit">Save plan</button>
            </div>
          </form>
        )}
      </section>

      <section className="card">
        <div className="row"><h2>Sales groups</h2><span className="spacer" />
          <button className="secondary" onClick={() => setGroup({ name: '', storeId: null, active: true, members: [] })}>New sales group</button>
        </div>
        <p className="muted">Associates who sell together share the credit for each other's sales by fixed shares that add up to 100%.</p>
        {groups.length === 0 && <p className="muted">No sales group yet.</p>}
        <ul className="plain">
          {groups.map((g) => (
            <li key={g.id} className="row">
              <strong>{g.name}</strong>
              <span className="muted">{storeName(g.storeId)}{g.active ? '' : ' · inactive'} · {g.members.map((m) => `${m.name} ${m.sharePercent}%`).join(', ')}</span>
              <span className="spacer" />
              <button className="secondary" onClick={() => setGroup({ id: g.id, name: g.name, storeId: g.storeId, active: g.active, members: g.members.map((m) => ({ associateId: m.associateId, sharePercent: m.sharePercent })) })}>Edit {g.name}</button>
              <button className="secondary" onClick={() => deleteGroup.mutate(g.id, outcome('Sales group deleted.'))}>Delete {g.name}</button>
            </li>
          ))}
        </ul>
        {group && (
          <form className="editor" aria-label="Sales group" onSubmit={(e) => { e.preventDefault(); saveGroup(); }}>
            <div className="row">
              <label>Group name<input required value={group.name} onChange={(e) => setGroup({ ...group, name: e.target.value })} /></label>
              <label>Group store
                <select aria-label="Group store" value={group.storeId ?? ''} onChange={(e) => setGroup({ ...group, storeId: e.target.value || null })}>
                  <option value="">All stores</option>
                  {stores.map((s) => <option key={s.id} value={s.id}>{s.name}</option>)}
                </select>
              </label>
              <label className="inline"><input type="checkbox" checked={group.active} onChange={(e) => setGroup({ ...group, active: e.target.checked })} />Active</label>
            </div>
            {group.members.map((m, i) => {
              const set = (patch: Partial<typeof m>) => setGroup({ ...group, members: group.members.map((x, k) => (k === i ? { ...x, ...patch } : x)) });
              return (
                <div className="row" key={i}>
                  <label>Member {i + 1}
                    <select aria-label={`Member ${i + 1}`} required value={m.associateId} onChange={(e) => set({ associateId: e.target.value })}>
                      <option value="">Choose an associate</option>
                      {associates.map((a) => <option key={a.id} value={a.id}>{a.displayName}</option>)}
                    </select>
                  </label>
                  <label>Member {i + 1} share %<input type="number" step="0.01" min={0.01} max={100} value={m.sharePercent} onChange={(e) => set({ sharePercent: Number(e.target.value) })} /></label>
                  <button type="button" className="secondary" onClick={() => setGroup({ ...group, members: group.members.filter((_, k) => k !== i) })}>Remove member {i + 1}</button>
                </div>
              );
            })}
            <p className="muted small">Shares add up to {group.members.reduce((a, m) => a + (m.sharePercent || 0), 0).toFixed(2)}%. The first member receives any rounding remainder.</p>
            <div className="row">
              <button type="button" className="secondary" onClick={() => setGroup({ ...group, members: [...group.members, { associateId: '', sharePercent: 0 }] })}>Add member</button>
              <span className="spacer" />
              <button type="button" className="secondary" onClick={() => setGroup(null)}>Cancel</button>
              <button type="submit">Save group</button>
            </div>
          </form>
        )}
      </section>
    </div>
  );
}

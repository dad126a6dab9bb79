import { useEffect, useState } from 'react';
import { ErrorNote } from '../../lib/error-note.tsx';
import { useSession } from '../../lib/session.tsx';
import { useT } from '../../i18n/i18n.ts';
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
  const { t, format } = useT();
  // Rates and shares are percentages as typed (3 → 3%); months are "2026-03".
  const pct = (percent: number) => format.number(percent / 100, { style: 'percent', maximumFractionDigits: 2 });
  const month = (m: string) => format.day(`${m}-01`, { month: 'short', year: 'numeric' });
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
    t('commissionSetup.ran', { lines: format.number(r.attributedLines), reversals: format.number(r.reversalEntries) })
    + (r.otherCurrencyLines ? t('commissionSetup.otherCurrency', { lines: format.number(r.otherCurrencyLines), currency: me!.legalEntity.currency }) : '')));
  const storeName = (id: string | null) => (id ? stores.find((s) => s.id === id)?.name ?? t('commissionSetup.unknownStore') : t('commissionSetup.allStores'));

  const savePlan = () => {
    const { id, ...body } = plan!;
    savePlanCall.mutate({ id, body }, outcome(t('commissionSetup.planSaved'), () => setPlan(null)));
  };
  const saveGroup = () => {
    const { id, ...body } = group!;
    saveGroupCall.mutate({ id, body }, outcome(t('commissionSetup.groupSaved'), () => setGroup(null)));
  };

  return (
    <div className="attribution">
      <h1>{t('commissionSetup.title')}</h1>
      {message && <p role="status" className="ok">{message}</p>}
      <ErrorNote error={error} />

      <section className="card">
        <h2>{t('commissionSetup.window')}</h2>
        <p className="muted">{t('commissionSetup.windowHelp')}</p>
        <div className="row">
          <label>{t('commissionSetup.windowDays')}<input type="number" min={1} max={365} value={windowDays} onChange={(e) => setWindowDays(e.target.value)} /></label>
          <button onClick={() => saveSettings.mutate({ outreachWindowDays: Number(windowDays) }, outcome(t('commissionSetup.windowSaved')))}>{t('commissionSetup.saveWindow')}</button>
          <button className="secondary" onClick={runNow}>{t('commissionSetup.runNow')}</button>
        </div>
        <p className="muted small">{lastRunAt ? t('commissionSetup.lastRun', { time: format.dateTime(lastRunAt) }) : t('commissionSetup.notRun')}</p>
      </section>

      <section className="card">
        <div className="row"><h2>{t('commissionSetup.plans')}</h2><span className="spacer" />
          <button className="secondary" onClick={() => setPlan({ name: '', validFrom: currentMonth(), validTo: null, defaultRatePercent: 3, rates: [] })}>{t('commissionSetup.newPlan')}</button>
        </div>
        {plans.length === 0 && <p className="muted">{t('commissionSetup.noPlan')}</p>}
        <ul className="plain">
          {plans.map((p) => (
            <li key={p.id} className="row">
              <strong>{p.name}</strong>
              <span className="muted">{t('commissionSetup.planLine', {
                from: month(p.validFrom), to: p.validTo ? month(p.validTo) : t('commissionSetup.open'), rate: pct(p.defaultRatePercent),
                rates: p.rates.map((r) => t('commissionSetup.rateLine', { category: r.category ?? t('commissionSetup.anyCategory'), store: storeName(r.storeId), rate: pct(r.ratePercent) })).join('; '),
              })}</span>
              <span className="spacer" />
              <button className="secondary" onClick={() => setPlan({ ...p, rates: p.rates.map((r) => ({ ...r })) })}>{t('commissionSetup.edit', { name: p.name })}</button>
              <button className="secondary" onClick={() => deletePlan.mutate(p.id, outcome(t('commissionSetup.planDeleted')))}>{t('commissionSetup.delete', { name: p.name })}</button>
            </li>
          ))}
        </ul>
        {plan && (
          <form className="editor" aria-label={t('commissionSetup.plan')} onSubmit={(e) => { e.preventDefault(); savePlan(); }}>
            <div className="row">
              <label>{t('commissionSetup.planName')}<input required value={plan.name} onChange={(e) => setPlan({ ...plan, name: e.target.value })} /></label>
              <label>{t('commissionSetup.firstMonth')}<input type="month" required value={plan.validFrom} onChange={(e) => setPlan({ ...plan, validFrom: e.target.value })} /></label>
              <label>{t('commissionSetup.lastMonth')}<input type="month" value={plan.validTo ?? ''} onChange={(e) => setPlan({ ...plan, validTo: e.target.value || null })} /></label>
              <label>{t('commissionSetup.defaultRate')}<input type="number" step="0.01" min={0} max={100} value={plan.defaultRatePercent} onChange={(e) => setPlan({ ...plan, defaultRatePercent: Number(e.target.value) })} /></label>
            </div>
            <p className="muted small">{t('commissionSetup.mostSpecific')}</p>
            {plan.rates.map((r, i) => {
              const set = (patch: Partial<typeof r>) => setPlan({ ...plan, rates: plan.rates.map((x, k) => (k === i ? { ...x, ...patch } : x)) });
              return (
                <div className="row" key={i}>
                  <label>{t('commissionSetup.rateStore', { n: i + 1 })}
                    <select aria-label={t('commissionSetup.rateStore', { n: i + 1 })} value={r.storeId ?? ''} onChange={(e) => set({ storeId: e.target.value || null })}>
                      <option value="">{t('commissionSetup.allStores')}</option>
                      {stores.map((s) => <option key={s.id} value={s.id}>{s.name}</option>)}
                    </select>
                  </label>
                  <label>{t('commissionSetup.rateCategory', { n: i + 1 })}<input value={r.category ?? ''} onChange={(e) => set({ category: e.target.value || null })} /></label>
                  <label>{t('commissionSetup.ratePercent', { n: i + 1 })}<input type="number" step="0.01" min={0} max={100} value={r.ratePercent} onChange={(e) => set({ ratePercent: Number(e.target.value) })} /></label>
                  <button type="button" className="secondary" onClick={() => setPlan({ ...plan, rates: plan.rates.filter((_, k) => k !== i) })}>{t('commissionSetup.removeRate', { n: i + 1 })}</button>
                </div>
              );
            })}
            <div className="row">
              <button type="button" className="secondary" onClick={() => setPlan({ ...plan, rates: [...plan.rates, { storeId: null, category: '', ratePercent: plan.defaultRatePercent }] })}>{t('commissionSetup.addRate')}</button>
              <span className="spacer" />
              <button type="button" className="secondary" onClick={() => setPlan(null)}>{t('common.cancel')}</button>
              <button type="submit">{t('commissionSetup.savePlan')}</button>
            </div>
          </form>
        )}
      </section>

      <section className="card">
        <div className="row"><h2>{t('commissionSetup.groups')}</h2><span className="spacer" />
          <button className="secondary" onClick={() => setGroup({ name: '', storeId: null, active: true, members: [] })}>{t('commissionSetup.newGroup')}</button>
        </div>
        <p className="muted">{t('commissionSetup.groupsHelp')}</p>
        {groups.length === 0 && <p className="muted">{t('commissionSetup.noGroup')}</p>}
        <ul className="plain">
          {groups.map((g) => (
            <li key={g.id} className="row">
              <strong>{g.name}</strong>
              <span className="muted">{storeName(g.storeId)}{g.active ? '' : t('commissionSetup.inactive')} · {g.members.map((m) => `${m.name} ${pct(m.sharePercent)}`).join(', ')}</span>
              <span className="spacer" />
              <button className="secondary" onClick={() => setGroup({ id: g.id, name: g.name, storeId: g.storeId, active: g.active, members: g.members.map((m) => ({ associateId: m.associateId, sharePercent: m.sharePercent })) })}>{t('commissionSetup.edit', { name: g.name })}</button>
              <button className="secondary" onClick={() => deleteGroup.mutate(g.id, outcome(t('commissionSetup.groupDeleted')))}>{t('commissionSetup.delete', { name: g.name })}</button>
            </li>
          ))}
        </ul>
        {group && (
          <form className="editor" aria-label={t('commissionSetup.group')} onSubmit={(e) => { e.preventDefault(); saveGroup(); }}>
            <div className="row">
              <label>{t('commissionSetup.groupName')}<input required value={group.name} onChange={(e) => setGroup({ ...group, name: e.target.value })} /></label>
              <label>{t('commissionSetup.groupStore')}
                <select aria-label={t('commissionSetup.groupStore')} value={group.storeId ?? ''} onChange={(e) => setGroup({ ...group, storeId: e.target.value || null })}>
                  <option value="">{t('commissionSetup.allStores')}</option>
                  {stores.map((s) => <option key={s.id} value={s.id}>{s.name}</option>)}
                </select>
              </label>
              <label className="inline"><input type="checkbox" checked={group.active} onChange={(e) => setGroup({ ...group, active: e.target.checked })} />{t('commissionSetup.active')}</label>
            </div>
            {group.members.map((m, i) => {
              const set = (patch: Partial<typeof m>) => setGroup({ ...group, members: group.members.map((x, k) => (k === i ? { ...x, ...patch } : x)) });
              return (
                <div className="row" key={i}>
                  <label>{t('commissionSetup.member', { n: i + 1 })}
                    <select aria-label={t('commissionSetup.member', { n: i + 1 })} required value={m.associateId} onChange={(e) => set({ associateId: e.target.value })}>
                      <option value="">{t('commissionSetup.chooseAssociate')}</option>
                      {associates.map((a) => <option key={a.id} value={a.id}>{a.displayName}</option>)}
                    </select>
                  </label>
                  <label>{t('commissionSetup.memberShare', { n: i + 1 })}<input type="number" step="0.01" min={0.01} max={100} value={m.sharePercent} onChange={(e) => set({ sharePercent: Number(e.target.value) })} /></label>
                  <button type="button" className="secondary" onClick={() => setGroup({ ...group, members: group.members.filter((_, k) => k !== i) })}>{t('commissionSetup.removeMember', { n: i + 1 })}</button>
                </div>
              );
            })}
            <p className="muted small">{t('commissionSetup.sharesAddUp', { total: format.number(group.members.reduce((a, m) => a + (m.sharePercent || 0), 0) / 100, { style: 'percent', minimumFractionDigits: 2, maximumFractionDigits: 2 }) })}</p>
            <div className="row">
              <button type="button" className="secondary" onClick={() => setGroup({ ...group, members: [...group.members, { associateId: '', sharePercent: 0 }] })}>{t('commissionSetup.addMember')}</button>
              <span className="spacer" />
              <button type="button" className="secondary" onClick={() => setGroup(null)}>{t('common.cancel')}</button>
              <button type="submit">{t('commissionSetup.saveGroup')}</button>
            </div>
          </form>
        )}
      </section>
    </div>
  );
}

import { useMemo, useState } from 'react';
import { ErrorNote } from '../../lib/error-note.tsx';
import { Link, useQueryParams } from '../../lib/router.tsx';
import { useTemplates } from '../outreach/queries.ts';
import { useAssociates, useBookOwners, useClientBookSearch, useHandOver, type HandOverBody, type HandOverResult } from './queries.ts';
import './client-book.css';

const NOBODY = '';

/**
 * Handing over a client book (an associate leaves or moves): pick whose book, see it, give chosen customers to named
 * colleagues and "the rest" to one, optionally with an introduction from each new associate, then confirm.
 */
export function HandOverPage() {
  const params = useQueryParams();
  const [fromId, setFromId] = useState(params.get('from') ?? '');
  const owners = useBookOwners();
  const colleagues = (useAssociates().data ?? []).filter((a) => a.active && a.id !== fromId);
  const from = owners.data?.find((o) => o.associateId === fromId) ?? null;
  const book = useClientBookSearch('store', { ownerAssociateId: fromId || undefined, sort: 'name' }, 'all');
  const cards = useMemo(() => (fromId ? book.data?.pages.flatMap((p) => p.items) ?? [] : []), [book.data, fromId]);
  // The plan: customer → colleague, and who takes the rest.
  const [plan, setPlan] = useState<Map<string, string>>(new Map());
  const [selected, setSelected] = useState<Set<string>>(new Set());
  const [giveTo, setGiveTo] = useState(NOBODY);
  const [restTo, setRestTo] = useState(NOBODY);
  const [introduce, setIntroduce] = useState(false);
  const [templateId, setTemplateId] = useState('');
  const [body, setBody] = useState('');
  const [confirming, setConfirming] = useState(false);
  const [result, setResult] = useState<HandOverResult | null>(null);
  const templates = useTemplates(true).data ?? [];
  const handOver = useHandOver();

  const nameOf = (id: string) => colleagues.find((c) => c.id === id)?.displayName ?? '';
  const total = from?.customerCount ?? 0;
  const named = [...plan.values()];
  const restCount = Math.max(0, total - plan.size);
  const summary = [...new Set(named)].map((id) => `${named.filter((x) => x === id).length} to ${nameOf(id)}`);
  if (restTo && restCount > 0) summary.push(`the other ${restCount} to ${nameOf(restTo)}`);
  const willMove = plan.size + (restTo ? restCount : 0);

  const pick = (id: string) => { setFromId(id); setPlan(new Map()); setSelected(new Set()); setRestTo(NOBODY); setResult(null); setConfirming(false); };
  const give = () => {
    if (!giveTo) return;
    setPlan((p) => { const n = new Map(p); for (const id of selected) n.set(id, giveTo); return n; });
    setSelected(new Set());
  };
  const submit = () => {
    const byColleague = new Map<string, string[]>();
    for (const [customerId, to] of plan) byColleague.set(to, [...(byColleague.get(to) ?? []), customerId]);
    const moves: HandOverBody['moves'] = [...byColleague].map(([toAssociateId, customerIds]) => ({ toAssociateId, customerIds }));
    if (restTo && restCount > 0) moves.push({ toAssociateId: restTo });
    const introduction = introduce ? (templateId ? { templateId } : { body }) : undefined;
    handOver.mutate({ fromAssociateId: fromId, moves, ...(introduction ? { introduction } : {}) }, {
      onSuccess: (r) => { setResult(r); setPlan(new Map()); setRestTo(NOBODY); setConfirming(false); },
    });
  };

  return (
    <div>
      <h1>Hand over a client book</h1>
      <p className="muted">When an associate leaves or moves, give their customers to named colleagues. Nothing changes until you confirm.</p>
      <label>Whose client book
        <select aria-label="Whose client book" value={fromId} onChange={(e) => pick(e.target.value)}>
          <option value="">Choose an associate…</option>
          {(owners.data ?? []).filter((o) => (o.customerCount ?? 0) > 0).map((o) => (
            <option key={o.associateId} value={o.associateId}>{o.associateName}{o.active ? '' : ' (inactive)'} — {o.customerCount} customers</option>
          ))}
        </select>
      </label>
      <ErrorNote error={owners.error ?? book.error ?? handOver.error} />
      {result && (
        <div role="status" className="card ok" aria-label="Hand-over result">
          <p>{result.fromAssociateName}'s customers were handed over: {result.moves.map((m) => `${m.moved} to ${m.toAssociateName}`).join(', ')}.
            {result.remaining > 0 ? ` ${result.remaining} stay in ${result.fromAssociateName}'s client book.` : ''}</p>
          {result.introductions && (
            <>
              <p>{result.introductions.queued} introduction{result.introductions.queued === 1 ? '' : 's'} on the way.</p>
              {result.introductions.notSent.length > 0 && (
                <details>
                  <summary>{result.introductions.notSent.length} customer{result.introductions.notSent.length === 1 ? '' : 's'} could not be sent an introduction</summary>
                  <ul>{result.introductions.notSent.map((n) => <li key={n.customerId}>{n.customerName}: {n.reason}</li>)}</ul>
                </details>
              )}
            </>
          )}
        </div>
      )}
      {from && (
        <section aria-label="Client book to hand over">
          <h2>{from.associateName}'s client book ({total} customers)</h2>
          <div className="bulk-bar row" aria-label="Give customers">
            <strong>{selected.size} selected</strong>
            <select aria-label="Give selected to" value={giveTo} onChange={(e) => setGiveTo(e.target.value)}>
              <option value="">Give selected to…</option>
              {colleagues.map((c) => <option key={c.id} value={c.id}>{c.displayName}</option>)}
            </select>
            <button type="button" disabled={!giveTo || !selected.size} onClick={give}>Give</button>
            <label className="inline"><input type="checkbox" checked={cards.length > 0 && cards.every((c) => selected.has(c.customerId))}
              onChange={(e) => setSelected(e.target.checked ? new Set(cards.map((c) => c.customerId)) : new Set())} /> Select all shown</label>
          </div>
          <table aria-label="Customers of the client book">
            <thead><tr><th /><th>Customer</th><th>Goes to</th></tr></thead>
            <tbody>
              {cards.map((c) => {
                const name = `${c.firstName} ${c.lastName}`;
                const to = plan.get(c.customerId);
                return (
                  <tr key={c.customerId}>
                    <td><input type="checkbox" aria-label={`Select ${name}`} checked={selected.has(c.customerId)}
                      onChange={(e) => setSelected((s) => { const n = new Set(s); if (e.target.checked) n.add(c.customerId); else n.delete(c.customerId); return n; })} /></td>
                    <td><Link to={`/customers/${c.customerId}`}>{name}</Link>{c.isVip && <span className="badge ok">VIP</span>}</td>
                    <td>{to ? <>{nameOf(to)} <button type="button" className="link" onClick={() => setPlan((p) => { const n = new Map(p); n.delete(c.customerId); return n; })}>undo</button></>
                      : restTo ? <span className="muted">{nameOf(restTo)} (the rest)</span> : <span className="muted">stays</span>}</td>
                  </tr>
                );
              })}
            </tbody>
          </table>
          {book.hasNextPage && <button type="button" className="secondary" disabled={book.isFetching} onClick={() => book.fetchNextPage()}>Show more customers</button>}
          <label>Everyone not given to someone goes to
            <select aria-label="The rest goes to" value={restTo} onChange={(e) => setRestTo(e.target.value)}>
              <option value="">Nobody: they stay</option>
              {colleagues.map((c) => <option key={c.id} value={c.id}>{c.displayName}</option>)}
            </select>
          </label>
          <fieldset>
            <legend>Introduction</legend>
            <label className="inline"><input type="checkbox" checked={introduce} onChange={(e) => setIntroduce(e.target.checked)} /> Send each customer an introduction from their new associate</label>
            {introduce && (
              <>
                <p className="muted small">Sent like any message the associate writes: only on a channel the customer agreed to, within the weekly limit and outside quiet hours.</p>
                <label>Template
                  <select aria-label="Introduction template" value={templateId} onChange={(e) => setTemplateId(e.target.value)}>
                    <option value="">No template: write the text</option>
                    {templates.map((t) => <option key={t.id} value={t.id}>{t.name} ({t.channel}, {t.language})</option>)}
                  </select>
                </label>
                {!templateId && <label>Text<textarea aria-label="Introduction text" value={body} onChange={(e) => setBody(e.target.value)} rows={4}
                  placeholder="I am your new contact at the store and look forward to seeing you." /></label>}
              </>
            )}
          </fieldset>
          <p>{willMove ? `Plan: ${summary.join(', ')}.` : 'Give customers to a colleague, or choose who takes the rest.'}</p>
          {!confirming && <button type="button" disabled={!willMove || (introduce && !templateId && !body.trim())} onClick={() => setConfirming(true)}>Hand over…</button>}
          {confirming && (
            <div role="alertdialog" aria-label="Confirm hand-over" className="card confirm">
              <p>Move {willMove} of {from.associateName}'s customers: {summary.join(', ')}?{introduce ? ' Each new associate introduces themself.' : ''}</p>
              <div className="row">
                <button type="button" disabled={handOver.isPending} onClick={submit}>Hand over {willMove} customer{willMove === 1 ? '' : 's'}</button>
                <button type="button" className="secondary" onClick={() => setConfirming(false)}>Not yet</button>
              </div>
            </div>
          )}
        </section>
      )}
    </div>
  );
}

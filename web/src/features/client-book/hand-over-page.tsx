import { useMemo, useState } from 'react';
import { ErrorNote } from '../../lib/error-note.tsx';
import { Link, useQueryParams } from '../../lib/router.tsx';
import { useTemplates } from '../outreach/queries.ts';
import { useAssociates, useBookOwners, useClientBookSearch, useHandOver, type HandOverBody, type HandOverResult } from './queries.ts';
import './client-book.css';
import { useT } from '../../i18n/i18n.ts';

const NOBODY = '';

/**
 * Handing over a client book (an associate leaves or moves): pick whose book, see it, give chosen customers to named
 * colleagues and "the rest" to one, optionally with an introduction from each new associate, then confirm.
 */
export function HandOverPage() {
  const { t } = useT();
  const params = useQueryParams();
  const [fromId, setFromId] = useState(params.get('from') ?? '');
  const owners = useBookOwners();
  const colleagues = (useAssociates().data ?? []).filter((a) => a.active && a.id !== fromId);
  const from = owners.data?.find((o) => o.associateId === fromId) ?? null;
  // Only once an associate is chosen: the whole store client book is neither needed nor read (each read is audited).
  const book = useClientBookSearch('store', { ownerAssociateId: fromId || undefined, sort: 'name' }, 'all', !!fromId);
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
  const summary = [...new Set(named)].map((id) => t('handOver.countTo', { count: named.filter((x) => x === id).length, name: nameOf(id) }));
  if (restTo && restCount > 0) summary.push(t('handOver.theOtherTo', { count: restCount, name: nameOf(restTo) }));
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
      <h1>{t('handOver.title')}</h1>
      <p className="muted">{t('handOver.intro')}</p>
      <label>{t('handOver.whose')}
        <select aria-label={t('handOver.whose')} value={fromId} onChange={(e) => pick(e.target.value)}>
          <option value="">{t('handOver.chooseAssociate')}</option>
          {(owners.data ?? []).filter((o) => (o.customerCount ?? 0) > 0).map((o) => (
            <option key={o.associateId} value={o.associateId}>{t(o.active ? 'handOver.owner' : 'handOver.ownerInactive', { name: o.associateName, count: o.customerCount ?? 0 })}</option>
          ))}
        </select>
      </label>
      <ErrorNote error={owners.error ?? book.error ?? handOver.error} />
      {result && (
        <div role="status" className="card ok" aria-label={t('handOver.resultLabel')}>
          <p>{t('handOver.result', { from: result.fromAssociateName, moves: result.moves.map((m) => t('handOver.countTo', { count: m.moved, name: m.toAssociateName })).join(', ') })}
            {result.remaining > 0 ? ` ${t('handOver.remaining', { count: result.remaining, from: result.fromAssociateName })}` : ''}</p>
          {result.introductions && (
            <>
              <p>{t('handOver.introductionsQueued', { count: result.introductions.queued })}</p>
              {result.introductions.notSent.length > 0 && (
                <details>
                  <summary>{t('handOver.notSent', { count: result.introductions.notSent.length })}</summary>
                  <ul>{result.introductions.notSent.map((n) => <li key={n.customerId}>{n.customerName}: {n.reason}</li>)}</ul>
                </details>
              )}
            </>
          )}
        </div>
      )}
      {from && (
        <section aria-label={t('handOver.bookToHandOver')}>
          <h2>{t('handOver.bookHeading', { name: from.associateName, count: total })}</h2>
          <div className="bulk-bar row" aria-label={t('handOver.giveCustomers')}>
            <strong>{t('clientBook.selectedCount', { count: selected.size })}</strong>
            <select aria-label={t('handOver.giveSelectedTo')} value={giveTo} onChange={(e) => setGiveTo(e.target.value)}>
              <option value="">{t('handOver.giveSelectedToChoose')}</option>
              {colleagues.map((c) => <option key={c.id} value={c.id}>{c.displayName}</option>)}
            </select>
            <button type="button" disabled={!giveTo || !selected.size} onClick={give}>{t('handOver.give')}</button>
            <label className="inline"><input type="checkbox" checked={cards.length > 0 && cards.every((c) => selected.has(c.customerId))}
              onChange={(e) => setSelected(e.target.checked ? new Set(cards.map((c) => c.customerId)) : new Set())} /> {t('clientBook.selectAllShown')}</label>
          </div>
          <table aria-label={t('handOver.tableLabel')}>
            <thead><tr><th /><th>{t('handOver.customer')}</th><th>{t('handOver.goesTo')}</th></tr></thead>
            <tbody>
              {cards.map((c) => {
                const name = `${c.firstName} ${c.lastName}`;
                const to = plan.get(c.customerId);
                return (
                  <tr key={c.customerId}>
                    <td><input type="checkbox" aria-label={t('clientBook.selectName', { name })} checked={selected.has(c.customerId)}
                      onChange={(e) => setSelected((s) => { const n = new Set(s); if (e.target.checked) n.add(c.customerId); else n.delete(c.customerId); return n; })} /></td>
                    <td><Link to={`/customers/${c.customerId}`}>{name}</Link>{c.isVip && <span className="badge ok">{t('common.vip')}</span>}</td>
                    <td>{to ? <>{nameOf(to)} <button type="button" className="link" onClick={() => setPlan((p) => { const n = new Map(p); n.delete(c.customerId); return n; })}>{t('handOver.undo')}</button></>
                      : restTo ? <span className="muted">{t('handOver.theRest', { name: nameOf(restTo) })}</span> : <span className="muted">{t('handOver.stays')}</span>}</td>
                  </tr>
                );
              })}
            </tbody>
          </table>
          {book.hasNextPage && <button type="button" className="secondary" disabled={book.isFetching} onClick={() => book.fetchNextPage()}>{t('handOver.showMore')}</button>}
          <label>{t('handOver.restGoesTo')}
            <select aria-label={t('handOver.restLabel')} value={restTo} onChange={(e) => setRestTo(e.target.value)}>
              <option value="">{t('handOver.nobodyStays')}</option>
              {colleagues.map((c) => <option key={c.id} value={c.id}>{c.displayName}</option>)}
            </select>
          </label>
          <fieldset>
            <legend>{t('handOver.introduction')}</legend>
            <label className="inline"><input type="checkbox" checked={introduce} onChange={(e) => setIntroduce(e.target.checked)} /> {t('handOver.sendIntroduction')}</label>
            {introduce && (
              <>
                <p className="muted small">{t('handOver.introductionRules')}</p>
                <label>{t('handOver.template')}
                  <select aria-label={t('handOver.templateLabel')} value={templateId} onChange={(e) => setTemplateId(e.target.value)}>
                    <option value="">{t('handOver.noTemplate')}</option>
                    {templates.map((tpl) => <option key={tpl.id} value={tpl.id}>{tpl.name} ({t(`channel.${tpl.channel}`)}, {tpl.language})</option>)}
                  </select>
                </label>
                {!templateId && <label>{t('handOver.text')}<textarea aria-label={t('handOver.textLabel')} value={body} onChange={(e) => setBody(e.target.value)} rows={4}
                  placeholder={t('handOver.textPlaceholder')} /></label>}
              </>
            )}
          </fieldset>
          <p>{willMove ? t('handOver.plan', { summary: summary.join(', ') }) : t('handOver.planEmpty')}</p>
          {!confirming && <button type="button" disabled={!willMove || (introduce && !templateId && !body.trim())} onClick={() => setConfirming(true)}>{t('handOver.handOverButton')}</button>}
          {confirming && (
            <div role="alertdialog" aria-label={t('handOver.confirmLabel')} className="card confirm">
              <p>{t('handOver.confirm', { count: willMove, from: from.associateName, summary: summary.join(', ') })}{introduce ? ` ${t('handOver.introducesThemself')}` : ''}</p>
              <div className="row">
                <button type="button" disabled={handOver.isPending} onClick={submit}>{t('handOver.handOverCount', { count: willMove })}</button>
                <button type="button" className="secondary" onClick={() => setConfirming(false)}>{t('handOver.notYet')}</button>
              </div>
            </div>
          )}
        </section>
      )}
    </div>
  );
}

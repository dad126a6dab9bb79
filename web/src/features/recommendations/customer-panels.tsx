import { useState } from 'react';
import { ErrorNote } from '../../lib/error-note.tsx';
import { useSession } from '../../lib/session.tsx';
import type { CustomerPanel } from '../../lib/feature.ts';
import { KIND_LABELS } from './types.ts';
import { useRecommendations } from './queries.ts';
import './recommendations.css';
import { useT } from '../../i18n/i18n.ts';
import { serverText } from '../../i18n/server-text.ts';

/** Conversation starters on the customer profile: product, price, stock at my store and why. */
function ConversationStartersPanel({ customerId }: { customerId: string }) {
  const { me } = useSession();
  const { t, format } = useT();
  const [includeOutOfStock, setIncludeOutOfStock] = useState(false);
  const { data, error } = useRecommendations(customerId, 10, includeOutOfStock);
  const items = data?.items ?? null;
  const store = me!.stores.find((s) => s.id === me!.storeId);
  return (
    <section aria-label={t('starters.list')}>
      <label className="inline">
        <input type="checkbox" checked={includeOutOfStock} onChange={(e) => setIncludeOutOfStock(e.target.checked)} />
        {t('starters.includeOutOfStock', { store: store?.name ?? t('starters.myStore') })}
      </label>
      <ErrorNote error={error} />
      {!error && !items && <p className="muted">{t('starters.loading')}</p>}
      {items && items.length === 0 && (
        <p className="muted">{t('starters.empty')}</p>
      )}
      {items && items.length > 0 && (
        <ul className="starters">
          {items.map((r) => (
            <li key={r.productId} className="starter" aria-label={r.name}>
              <span className="starter-name">{r.name}</span>
              <span className="starter-price">{format.money(r.priceMinor, me!.legalEntity.currency)}</span>
              <span className="starter-meta">
                <span className={`badge kind-${r.kind}`}>{t(`starters.kind.${r.kind}`, { defaultValue: KIND_LABELS[r.kind] })}</span>
                <span className="muted">{[r.brand, r.category, r.sku].filter(Boolean).join(' · ')}</span>
                {r.inStockAtStore
                  ? <span className="badge ok">{t('starters.inStockHere', { count: r.onHand ?? 0 })}</span>
                  : <span className="badge danger">{t('starters.notInStockHere')}</span>}
              </span>
              <span className="starter-reason">{serverText(t, 'reco.reason', r.reasonText, r.reason)}</span>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

/** The top few starters, one line each, for the customer card. */
export function ConversationStartersLine({ customerId, limit = 3 }: { customerId: string; limit?: number }) {
  const { t } = useT();
  const { data, error } = useRecommendations(customerId, limit, false);
  if (error) return <ErrorNote error={error} />;
  const items = data?.items;
  if (!items || items.length === 0) return null;
  return (
    <ul className="starters-compact" aria-label={t('starters.list')}>
      {items.map((r) => <li key={r.productId} title={serverText(t, 'reco.reason', r.reasonText, r.reason)}>{r.name} <span className="muted">— {t(`starters.kind.${r.kind}`, { defaultValue: KIND_LABELS[r.kind] }).toLowerCase()}</span></li>)}
    </ul>
  );
}

export const customerPanels: CustomerPanel[] = [
  { key: 'recommendations', title: 'Conversation starters', order: 60, permission: 'customers.view', component: ConversationStartersPanel },
];

import { useState } from 'react';
import { ErrorNote } from '../../lib/error-note.tsx';
import { useSession } from '../../lib/session.tsx';
import type { CustomerPanel } from '../../lib/feature.ts';
import { KIND_LABELS } from './types.ts';
import { useRecommendations } from './queries.ts';
import { formatMoney } from '../../../../shared/money.ts';
import './recommendations.css';

/** Conversation starters on the customer profile: product, price, stock at my store and why. */
function ConversationStartersPanel({ customerId }: { customerId: string }) {
  const { me } = useSession();
  const [includeOutOfStock, setIncludeOutOfStock] = useState(false);
  const { data, error } = useRecommendations(customerId, 10, includeOutOfStock);
  const items = data?.items ?? null;
  const store = me!.stores.find((s) => s.id === me!.storeId);
  return (
    <section aria-label="Conversation starters">
      <label className="inline">
        <input type="checkbox" checked={includeOutOfStock} onChange={(e) => setIncludeOutOfStock(e.target.checked)} />
        Include products not in stock at {store?.name ?? 'my store'}
      </label>
      <ErrorNote error={error} />
      {!error && !items && <p className="muted">Loading suggestions…</p>}
      {items && items.length === 0 && (
        <p className="muted">Nothing to suggest yet: suggestions come from the customer's purchases, what they viewed online and head office's complement rules.</p>
      )}
      {items && items.length > 0 && (
        <ul className="starters">
          {items.map((r) => (
            <li key={r.productId} className="starter" aria-label={r.name}>
              <span className="starter-name">{r.name}</span>
              <span className="starter-price">{formatMoney(r.priceMinor, me!.legalEntity.currency)}</span>
              <span className="starter-meta">
                <span className={`badge kind-${r.kind}`}>{KIND_LABELS[r.kind]}</span>
                <span className="muted">{[r.brand, r.category, r.sku].filter(Boolean).join(' · ')}</span>
                {r.inStockAtStore
                  ? <span className="badge ok">{r.onHand} in stock here</span>
                  : <span className="badge danger">Not in stock here</span>}
              </span>
              <span className="starter-reason">{r.reason}</span>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

/** The top few starters, one line each, for the customer card. */
export function ConversationStartersLine({ customerId, limit = 3 }: { customerId: string; limit?: number }) {
  const { data, error } = useRecommendations(customerId, limit, false);
  if (error) return <ErrorNote error={error} />;
  const items = data?.items;
  if (!items || items.length === 0) return null;
  return (
    <ul className="starters-compact" aria-label="Conversation starters">
      {items.map((r) => <li key={r.productId} title={r.reason}>{r.name} <span className="muted">— {KIND_LABELS[r.kind].toLowerCase()}</span></li>)}
    </ul>
  );
}

export const customerPanels: CustomerPanel[] = [
  { key: 'recommendations', title: 'Conversation starters', order: 60, permission: 'customers.view', component: ConversationStartersPanel },
];

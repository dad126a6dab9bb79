import { useState } from 'react';
import { ErrorNote } from '../../lib/error-note.tsx';
import { browserLanguage, languageOf, useCustomerT } from '../../i18n/i18n.ts';
import { usePublicLook, useRecordLookClick } from './queries.ts';
import './shares.css';

/** The page behind a look's link: the associate's note and products with prices and stock at the customer's store. */
export function LookPage({ params }: { params: Record<string, string> }) {
  const { data: look, error } = usePublicLook(params.token);
  const recordClick = useRecordLookClick(params.token);
  const [open, setOpen] = useState<string | null>(null);

  const { t } = useCustomerT(look ? languageOf(look.language) : browserLanguage());
  if (!look) return <main className="look">{error ? <ErrorNote error={error} /> : <p className="muted">{t('common.loading')}</p>}</main>;
  const choose = (productId: string) => {
    setOpen(productId);
    // Fire and forget: the click is recorded for the associate; the customer's page works the same if that fails.
    recordClick.mutate(productId);
  };
  return (
    <main className="look" lang={look.language}>
      <p className="look-brand">{look.brand}</p>
      <h1>{look.title}</h1>
      <p className="muted">{t('look.for', { name: look.customerFirstName })} {[look.associateName && t('look.byAssociate', { name: look.associateName }), look.storeName && t('look.atStore', { store: look.storeName })].filter(Boolean).join(' ')}</p>
      {look.note && <p className="look-note">{look.note}</p>}
      <ul className="look-products">
        {look.products.map((p) => (
          <li key={p.id} className={`look-product${open === p.id ? ' open' : ''}`}>
            <button type="button" className="look-product-button" aria-label={p.name} aria-expanded={open === p.id} onClick={() => choose(p.id)}>
              {p.imageUrl ? <img src={p.imageUrl} alt="" loading="lazy" /> : <span className="look-image-placeholder" aria-hidden="true" />}
              <span className="look-product-name">{p.name}</span>
              {p.brand && <span className="muted">{p.brand}</span>}
              <span className="look-price">{p.price}</span>
              <span className={`badge ${p.availability === 'in-stock' ? 'ok' : p.availability === 'unavailable' ? 'danger' : ''}`}>{t(`look.availability.${p.availability}`)}</span>
            </button>
            {open === p.id && <p role="status" className="look-chosen">{t('look.chosen', { name: look.associateName ?? t('look.yourAssociate') })}</p>}
          </li>
        ))}
      </ul>
    </main>
  );
}

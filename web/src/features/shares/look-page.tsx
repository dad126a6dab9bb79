import { useEffect, useState } from 'react';
import { api } from '../../lib/api.ts';
import { LOOK_TEXTS, type PublicLook } from './types.ts';
import './shares.css';

/** The page behind a look's link: the associate's note and products with prices and stock at the customer's store. */
export function LookPage({ params }: { params: Record<string, string> }) {
  const base = `public/looks/${encodeURIComponent(params.token)}`;
  const [look, setLook] = useState<PublicLook | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [open, setOpen] = useState<string | null>(null);
  useEffect(() => { api<PublicLook>(base).then(setLook).catch((e) => setError(e.message)); }, [base]);

  const t = LOOK_TEXTS[look?.language === 'fr' ? 'fr' : 'en'];
  if (!look) return <main className="look">{error ? <p className="error" role="alert">{error}</p> : <p className="muted">{t.loading}</p>}</main>;
  const choose = (productId: string) => {
    setOpen(productId);
    // The click is recorded for the associate; the page works the same if it fails.
    api(`${base}/clicks`, { body: { productId } }).catch(() => undefined);
  };
  return (
    <main className="look" lang={look.language}>
      <p className="look-brand">{look.brand}</p>
      <h1>{look.title}</h1>
      <p className="muted">{t.for(look.customerFirstName)} {t.by(look.associateName, look.storeName)}</p>
      {look.note && <p className="look-note">{look.note}</p>}
      <ul className="look-products">
        {look.products.map((p) => (
          <li key={p.id} className={`look-product${open === p.id ? ' open' : ''}`}>
            <button type="button" className="look-product-button" aria-label={p.name} aria-expanded={open === p.id} onClick={() => choose(p.id)}>
              {p.imageUrl ? <img src={p.imageUrl} alt="" loading="lazy" /> : <span className="look-image-placeholder" aria-hidden="true" />}
              <span className="look-product-name">{p.name}</span>
              {p.brand && <span className="muted">{p.brand}</span>}
              <span className="look-price">{p.price}</span>
              <span className={`badge ${p.availability === 'in-stock' ? 'ok' : p.availability === 'unavailable' ? 'danger' : ''}`}>{t.availability[p.availability]}</span>
            </button>
            {open === p.id && <p role="status" className="look-chosen">{t.chosen(look.associateName)}</p>}
          </li>
        ))}
      </ul>
    </main>
  );
}

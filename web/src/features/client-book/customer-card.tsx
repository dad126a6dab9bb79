import { Link } from '../../lib/router.tsx';
import type { CustomerCard } from './queries.ts';
import type { TFunction } from 'i18next';
import { useT } from '../../i18n/i18n.ts';
import { serverText } from '../../i18n/server-text.ts';
import { formatMeasureValue } from '../../../../shared/measures.ts';
import { usePhoneFormat } from '../../lib/phone.ts';

function upcoming(card: CustomerCard, t: TFunction) {
  const out: string[] = [];
  if (card.birthdayInDays !== null && card.birthdayInDays <= 30) out.push(card.birthdayInDays === 0 ? t('clientBook.birthdayToday') : t('clientBook.birthdayIn', { days: card.birthdayInDays }));
  if (card.anniversaryInDays !== null && card.anniversaryInDays <= 30) out.push(card.anniversaryInDays === 0 ? t('clientBook.anniversaryToday') : t('clientBook.anniversaryIn', { days: card.anniversaryInDays }));
  return out;
}

/** A property's value in the reader's language and locale; the server's English when it sent nothing to format. */
function propertyValue(p: CustomerCard['properties'][number], t: TFunction, locale: string): string | null {
  if (p.valueKey) return serverText(t, p.labelKey === 'next_best_action' ? 'nba.title' : 'rfmSegment', { key: p.valueKey }, p.value ?? '');
  if (p.valueNumber !== undefined && p.format && p.currency) return formatMeasureValue(p.format, { valueNumber: p.valueNumber, valueText: p.value }, p.currency, locale);
  return p.value;
}

/** The customer card of the seed: contact information and the three properties head office chose. */
export function CustomerCardView({ card, selected, onSelect, showOwner }: { card: CustomerCard; selected: boolean; onSelect(v: boolean): void; showOwner: boolean }) {
  const { t, format } = useT();
  const phone = usePhoneFormat();
  const name = `${card.firstName} ${card.lastName}`;
  const owner = card.owners.find((o) => o.isPrimary) ?? card.owners[0];
  return (
    <article className="card customer-card" aria-label={name}>
      <div className="row">
        <input type="checkbox" aria-label={t('clientBook.selectName', { name })} checked={selected} onChange={(e) => onSelect(e.target.checked)} />
        <Link to={`/customers/${card.customerId}`} className="customer-card-name">{name}</Link>
        {card.isVip && <span className="badge ok">{t('common.vip')}</span>}
      </div>
      <div className="muted small">{card.accountNumber}</div>
      <div className="small">{card.email ?? <span className="muted">{t('clientBook.noEmail')}</span>}</div>
      <div className="small">{card.phone ? phone(card.phone) : <span className="muted">{t('clientBook.noPhone')}</span>}</div>
      {upcoming(card, t).map((u) => <span key={u} className="badge danger">{u}</span>)}
      <dl className="card-properties">
        {card.properties.map((p) => (
          <div key={p.key}><dt>{serverText(t, 'measureName', p.labelKey ? { key: p.labelKey } : null, p.label)}</dt><dd>{propertyValue(p, t, format.locale) ?? '—'}</dd></div>
        ))}
      </dl>
      {showOwner && owner && <div className="muted small">{t('clientBook.bookOf', { name: owner.associateName })}{card.owners.length > 1 ? ` (+${card.owners.length - 1})` : ''}</div>}
    </article>
  );
}

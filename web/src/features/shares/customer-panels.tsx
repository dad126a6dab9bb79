import { useState } from 'react';
import { useSession } from '../../lib/session.tsx';
import { ErrorNote } from '../../lib/error-note.tsx';
import type { CustomerPanel } from '../../lib/feature.ts';
import { ShareDialog } from './share-dialog.tsx';
import { useCustomerLooks } from './queries.ts';
import './shares.css';
import { useT } from '../../i18n/i18n.ts';

/** Looks sent to the customer (opened? clicked?) and "Share a look". */
function LooksPanel({ customerId }: { customerId: string }) {
  const { me } = useSession();
  const { t, format } = useT();
  const { data: looks, error } = useCustomerLooks(customerId);
  const [sharing, setSharing] = useState(false);
  const [sent, setSent] = useState<string | null>(null);
  const canSend = me!.permissions.includes('outreach.send');
  return (
    <div>
      {canSend && !sharing && <button type="button" onClick={() => { setSharing(true); setSent(null); }}>{t('looks.share')}</button>}
      {sent && <p role="status" className="ok">{t('looks.sent')} <a href={sent} target="_blank" rel="noreferrer">{t('looks.openIt')}</a></p>}
      {sharing && (
        <ShareDialog customerId={customerId} currency={me!.legalEntity.currency} onClose={() => setSharing(false)}
          onSent={(url) => { setSharing(false); setSent(url); }} />
      )}
      <ErrorNote error={error} />
      {looks && looks.length === 0 && <p className="muted">{t('looks.none')}</p>}
      {looks && looks.length > 0 && (
        <table>
          <thead><tr><th>{t('looks.look')}</th><th>{t('looks.sentAt')}</th><th>{t('looks.products')}</th><th>{t('looks.opened')}</th><th>{t('looks.clicks')}</th></tr></thead>
          <tbody>
            {looks.map((l) => (
              <tr key={l.id}>
                <td><a href={l.url} target="_blank" rel="noreferrer">{l.title}</a></td>
                <td>{format.date(l.createdAt)} · {t(`channel.${l.channel}` as 'channel.sms', { defaultValue: l.channel })}</td>
                <td>{l.products}</td><td>{l.views}</td><td>{l.clicks}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </div>
  );
}

export const customerPanels: CustomerPanel[] = [
  { key: 'looks', title: 'Looks', order: 72, permission: 'customers.view', component: LooksPanel },
];

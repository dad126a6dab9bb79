import { useState } from 'react';
import { ErrorNote } from '../../lib/error-note.tsx';
import type { CustomerPanel } from '../../lib/feature.ts';
import { useCustomer } from '../customers/queries.ts';
import { ComposeDialog } from './compose-dialog.tsx';
import { STATUS_LABEL } from './types.ts';
import { useMessages } from './queries.ts';
import { useT } from '../../i18n/i18n.ts';
import { deliveryReason, serverText } from '../../i18n/server-text.ts';

/** "Reach out" on the customer page: the messages sent with their status, and the compose dialog. */
function ReachOutPanel({ customerId }: { customerId: string }) {
  const { t, format } = useT();
  const messagesQuery = useMessages(customerId);
  const messages = messagesQuery.data;
  const customer = useCustomer(customerId);
  const name = customer.data ? `${customer.data.firstName} ${customer.data.lastName}` : t('outreach.theCustomer');
  const [open, setOpen] = useState(false);
  const error = messagesQuery.error ?? customer.error;
  return (
    <div>
      <button onClick={() => setOpen(true)}>{t('outreach.reachOut')}</button>
      <ErrorNote error={error} />
      {messages && !messages.length && <p className="muted">{t('outreach.noMessages')}</p>}
      {messages && messages.length > 0 && (
        <ul className="message-list" aria-label={t('outreach.messages')}>
          {messages.map((m) => (
            <li key={m.id}>
              <strong>{t(`channel.${m.channel}`)}</strong> · {m.subject ?? serverText(t, 'messagePurpose', { key: m.purpose }, m.purpose.replace(/-/g, ' '))} ·{' '}
              <span className={`badge ${m.status === 'sent' ? 'ok' : m.status === 'failed' || m.status === 'suppressed' ? 'danger' : ''}`}>{t(`outreach.status.${m.status}` as 'outreach.status.sent', { defaultValue: STATUS_LABEL[m.status] ?? m.status })}</span>
              {m.reason && <div className={m.status === 'queued' ? 'muted small' : 'error small'}>{deliveryReason(t, m.reasonText, m.reason)}</div>}
              <div className="muted">{format.dateTime(m.sentAt ?? m.createdAt)} {m.associateName ? `· ${m.associateName}` : t('outreach.automatic')}</div>
            </li>
          ))}
        </ul>
      )}
      {open && <ComposeDialog customerId={customerId} customerName={name} onClose={() => setOpen(false)} onSent={() => setOpen(false)} />}
    </div>
  );
}

export const customerPanels: CustomerPanel[] = [
  { key: 'outreach', title: 'Reach out', order: 70, permission: 'outreach.send', component: ReachOutPanel },
];

import { useState } from 'react';
import { ErrorNote } from '../../lib/error-note.tsx';
import type { CustomerPanel } from '../../lib/feature.ts';
import { useCustomer } from '../customers/queries.ts';
import { ComposeDialog } from './compose-dialog.tsx';
import { CHANNEL_LABEL, STATUS_LABEL } from './types.ts';
import { useMessages } from './queries.ts';

/** "Reach out" on the customer page: the messages sent with their status, and the compose dialog. */
function ReachOutPanel({ customerId }: { customerId: string }) {
  const messagesQuery = useMessages(customerId);
  const messages = messagesQuery.data;
  const customer = useCustomer(customerId);
  const name = customer.data ? `${customer.data.firstName} ${customer.data.lastName}` : 'the customer';
  const [open, setOpen] = useState(false);
  const error = messagesQuery.error ?? customer.error;
  return (
    <div>
      <button onClick={() => setOpen(true)}>Reach out</button>
      <ErrorNote error={error} />
      {messages && !messages.length && <p className="muted">No messages yet.</p>}
      {messages && messages.length > 0 && (
        <ul className="message-list" aria-label="Messages">
          {messages.map((m) => (
            <li key={m.id}>
              <strong>{CHANNEL_LABEL[m.channel]}</strong> · {m.subject ?? m.purpose} ·{' '}
              <span className={`badge ${m.status === 'sent' ? 'ok' : m.status === 'failed' || m.status === 'suppressed' ? 'danger' : ''}`}>{STATUS_LABEL[m.status] ?? m.status}</span>
              {m.reason && <div className={m.status === 'queued' ? 'muted small' : 'error small'}>{m.reason}</div>}
              <div className="muted">{new Date(m.sentAt ?? m.createdAt).toLocaleString()} {m.associateName ? `· ${m.associateName}` : '· automatic'}</div>
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

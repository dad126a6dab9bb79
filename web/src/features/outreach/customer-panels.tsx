import { useCallback, useEffect, useState } from 'react';
import { api } from '../../lib/api.ts';
import type { CustomerPanel } from '../../lib/feature.ts';
import { ComposeDialog } from './compose-dialog.tsx';
import { CHANNEL_LABEL, STATUS_LABEL, type Message } from './types.ts';

/** "Reach out" on the customer page: the messages sent with their status, and the compose dialog. */
function ReachOutPanel({ customerId }: { customerId: string }) {
  const [messages, setMessages] = useState<Message[] | null>(null);
  const [name, setName] = useState('the customer');
  const [open, setOpen] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const load = useCallback(() => {
    api<Message[]>(`outreach/customers/${customerId}/messages`, { query: { limit: 10 } }).then(setMessages).catch((e) => setError(e.message));
  }, [customerId]);
  useEffect(load, [load]);
  useEffect(() => {
    api<{ firstName: string; lastName: string }>(`customers/${customerId}`).then((c) => setName(`${c.firstName} ${c.lastName}`)).catch(() => {});
  }, [customerId]);
  return (
    <div>
      <button onClick={() => setOpen(true)}>Reach out</button>
      {error && <p className="error" role="alert">{error}</p>}
      {messages && !messages.length && <p className="muted">No messages yet.</p>}
      {messages && messages.length > 0 && (
        <ul className="message-list" aria-label="Messages">
          {messages.map((m) => (
            <li key={m.id}>
              <strong>{CHANNEL_LABEL[m.channel]}</strong> · {m.subject ?? m.purpose} ·{' '}
              <span className={`badge ${m.status === 'sent' ? 'ok' : m.status === 'failed' || m.status === 'suppressed' ? 'danger' : ''}`}>{STATUS_LABEL[m.status] ?? m.status}</span>
              {m.suppressedReason && <span className="muted"> ({m.suppressedReason.replace(/-/g, ' ')})</span>}
              <div className="muted">{new Date(m.sentAt ?? m.createdAt).toLocaleString()} {m.associateName ? `· ${m.associateName}` : '· automatic'}</div>
            </li>
          ))}
        </ul>
      )}
      {open && <ComposeDialog customerId={customerId} customerName={name} onClose={() => setOpen(false)} onSent={() => { setOpen(false); load(); }} />}
    </div>
  );
}

export const customerPanels: CustomerPanel[] = [
  { key: 'outreach', title: 'Reach out', order: 70, permission: 'outreach.send', component: ReachOutPanel },
];

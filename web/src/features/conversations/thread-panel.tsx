import { useCallback, useEffect, useState } from 'react';
import { api } from '../../lib/api.ts';
import { CHANNEL, type Thread } from './types.ts';

const STATUS: Record<string, string> = { queued: 'queued', sending: 'sending', sent: 'sent', delivered: 'delivered', read: 'read', failed: 'failed', suppressed: 'not sent', received: '' };

/** The customer's one conversation on their page: every message of every channel, and a reply box. */
export function ThreadPanel({ customerId }: { customerId: string }) {
  const [thread, setThread] = useState<Thread | null>(null);
  const [channel, setChannel] = useState('sms');
  const [body, setBody] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const load = useCallback(async () => {
    try {
      const t = await api<Thread>(`customers/${customerId}/conversation`);
      setThread(t);
      const lastIn = [...t.messages].reverse().find((m) => m.direction === 'inbound');
      if (lastIn) setChannel(lastIn.channel);
      // Opening the thread reads it.
      if (t.conversation?.unreadCount) await api(`conversations/${t.conversation.id}/read`, { method: 'POST', body: {} });
    } catch (e) { setError((e as Error).message); }
  }, [customerId]);
  useEffect(() => { void load(); }, [load]);

  async function send(e: React.FormEvent) {
    e.preventDefault();
    setError(null);
    setNotice(null);
    try {
      await api(`customers/${customerId}/conversation/messages`, { method: 'POST', body: { channel, body, subject: channel === 'email' ? 'Re: your message' : undefined } });
      setBody('');
      setNotice('Reply is on its way.');
      const t = await api<Thread>(`customers/${customerId}/conversation`);
      setThread(t);
    } catch (err) { setError((err as Error).message); }
  }

  return (
    <div id="conversation">
      {thread && !thread.messages.length && <p className="muted">No messages yet.</p>}
      {thread && thread.messages.length > 0 && (
        <ol className="thread" aria-label="Thread">
          {thread.messages.map((m) => (
            <li key={m.id} className={m.direction} aria-label={`${m.direction === 'inbound' ? 'From the customer' : `From ${m.associateName ?? 'us'}`} by ${CHANNEL[m.channel] ?? m.channel}`}>
              <div className="muted">{CHANNEL[m.channel] ?? m.channel} · {new Date(m.createdAt).toLocaleString()}{STATUS[m.status] ? ` · ${STATUS[m.status]}` : ''}</div>
              {m.subject && <strong>{m.subject}</strong>}
              <p>{m.body}</p>
            </li>
          ))}
        </ol>
      )}
      {thread?.whatsappWindowUntil === null && channel === 'whatsapp' && (
        <p className="muted">WhatsApp: the customer has not written in the last 24 hours, so only an approved template can be sent (Reach out).</p>
      )}
      <form aria-label="Reply" onSubmit={send}>
        <label>Channel
          <select value={channel} onChange={(e) => setChannel(e.target.value)}>
            <option value="sms">SMS</option><option value="whatsapp">WhatsApp</option><option value="email">Email</option>
          </select>
        </label>
        <label>Reply<textarea value={body} onChange={(e) => setBody(e.target.value)} required rows={3} /></label>
        <button type="submit">Send reply</button>
      </form>
      {notice && <p className="ok" role="status">{notice}</p>}
      {error && <p className="error" role="alert">{error}</p>}
    </div>
  );
}

import { useEffect, useState } from 'react';
import { ErrorNote } from '../../lib/error-note.tsx';
import { CHANNEL } from './types.ts';
import { useMarkRead, useReply, useThread, type Reply } from './queries.ts';

const STATUS: Record<string, string> = { queued: 'queued', sending: 'sending', sent: 'sent', delivered: 'delivered', read: 'read', failed: 'failed', suppressed: 'not sent', received: '' };

/** The customer's one conversation on their page: every message of every channel, and a reply box. */
export function ThreadPanel({ customerId }: { customerId: string }) {
  const { data: thread, error: loadError } = useThread(customerId);
  const markRead = useMarkRead(customerId);
  const reply = useReply(customerId);
  const [channel, setChannel] = useState<Reply['channel']>('sms');
  const [body, setBody] = useState('');
  const [notice, setNotice] = useState<string | null>(null);

  // Answer on the channel the customer last wrote from; a new inbound message moves the choice, our own reply does not.
  const lastIn = thread ? [...thread.messages].reverse().find((m) => m.direction === 'inbound') : undefined;
  useEffect(() => { if (lastIn) setChannel(lastIn.channel); }, [lastIn?.id]); // eslint-disable-line react-hooks/exhaustive-deps
  // Opening the thread reads it.
  const unreadId = thread?.conversation?.unreadCount ? thread.conversation.id : null;
  useEffect(() => { if (unreadId) markRead.mutate(unreadId); }, [unreadId]); // eslint-disable-line react-hooks/exhaustive-deps

  function send(e: React.FormEvent) {
    e.preventDefault();
    setNotice(null);
    reply.mutate({ channel, body, subject: channel === 'email' ? 'Re: your message' : undefined }, {
      onSuccess: () => { setBody(''); setNotice('Reply is on its way.'); },
    });
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
          <select value={channel} onChange={(e) => setChannel(e.target.value as Reply['channel'])}>
            <option value="sms">SMS</option><option value="whatsapp">WhatsApp</option><option value="email">Email</option>
          </select>
        </label>
        <label>Reply<textarea value={body} onChange={(e) => setBody(e.target.value)} required rows={3} /></label>
        <button type="submit" disabled={reply.isPending}>Send reply</button>
      </form>
      {notice && <p className="ok" role="status">{notice}</p>}
      <ErrorNote error={loadError ?? reply.error ?? markRead.error} />
    </div>
  );
}

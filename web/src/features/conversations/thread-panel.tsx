import { useEffect, useState } from 'react';
import { ErrorNote } from '../../lib/error-note.tsx';
import { useMarkRead, useReply, useThread, type Reply } from './queries.ts';
import { useT } from '../../i18n/i18n.ts';


/** The customer's one conversation on their page: every message of every channel, and a reply box. */
export function ThreadPanel({ customerId }: { customerId: string }) {
  const { t, format } = useT();
  const { data: thread, error: loadError } = useThread(customerId);
  const channelName = (c: string) => t(`channel.${c}` as 'channel.sms', { defaultValue: c });
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
    reply.mutate({ channel, body, subject: channel === 'email' ? t('conversations.replySubject') : undefined }, {
      onSuccess: () => { setBody(''); setNotice(t('conversations.replySent')); },
    });
  }

  return (
    <div id="conversation">
      {thread && !thread.messages.length && <p className="muted">{t('conversations.noMessages')}</p>}
      {thread && thread.messages.length > 0 && (
        <ol className="thread" aria-label={t('conversations.thread')}>
          {thread.messages.map((m) => (
            <li key={m.id} className={m.direction} aria-label={m.direction === 'inbound' ? t('conversations.fromCustomer', { channel: channelName(m.channel) }) : t('conversations.fromUs', { name: m.associateName ?? t('conversations.us'), channel: channelName(m.channel) })}>
              <div className="muted">{channelName(m.channel)} · {format.dateTime(m.createdAt)}{m.status !== 'received' && t(`conversations.status.${m.status}` as 'conversations.status.sent', { defaultValue: '' }) ? ` · ${t(`conversations.status.${m.status}` as 'conversations.status.sent', { defaultValue: '' })}` : ''}</div>
              {m.subject && <strong>{m.subject}</strong>}
              <p>{m.body}</p>
            </li>
          ))}
        </ol>
      )}
      {thread?.whatsappWindowUntil === null && channel === 'whatsapp' && (
        <p className="muted">{t('conversations.whatsappWindow')}</p>
      )}
      <form aria-label={t('conversations.reply')} onSubmit={send}>
        <label>{t('conversations.channel')}
          <select value={channel} onChange={(e) => setChannel(e.target.value as Reply['channel'])}>
            <option value="sms">{t('channel.sms')}</option><option value="whatsapp">{t('channel.whatsapp')}</option><option value="email">{t('channel.email')}</option>
          </select>
        </label>
        <label>{t('conversations.reply')}<textarea value={body} onChange={(e) => setBody(e.target.value)} required rows={3} /></label>
        <button type="submit" disabled={reply.isPending}>{t('conversations.sendReply')}</button>
      </form>
      {notice && <p className="ok" role="status">{notice}</p>}
      <ErrorNote error={loadError ?? reply.error ?? markRead.error} />
    </div>
  );
}

import { useState } from 'react';
import { ErrorNote } from '../../lib/error-note.tsx';
import { useConversations, useUnreadCounts, type InboxScope } from './queries.ts';
import { useT } from '../../i18n/i18n.ts';

/** The associate's inbox: conversations routed to me (client book owner), or my stores' queue of customers without one. */
export function InboxPage() {
  const { t, format } = useT();
  const [scope, setScope] = useState<InboxScope>('mine');
  const { data: list, error } = useConversations(scope);
  const { data: unread } = useUnreadCounts();
  return (
    <div className="page inbox">
      <h1>{t('conversations.inbox')}</h1>
      <div role="tablist" aria-label={t('conversations.conversations')}>
        <button role="tab" aria-selected={scope === 'mine'} onClick={() => setScope('mine')}>{t('conversations.mine')}{unread ? t('conversations.unreadSuffix', { count: unread.mine }) : ''}</button>
        <button role="tab" aria-selected={scope === 'queue'} onClick={() => setScope('queue')}>{t('conversations.queue')}{unread ? t('conversations.unreadSuffix', { count: unread.queue }) : ''}</button>
      </div>
      <ErrorNote error={error} />
      {list && !list.length && <p className="muted">{t('conversations.none')}</p>}
      {list && list.length > 0 && (
        <ul className="conversation-list" aria-label={scope === 'mine' ? t('conversations.mine') : t('conversations.queue')}>
          {list.map((c) => (
            <li key={c.id} aria-label={c.customerName} className={c.unreadCount ? 'unread' : ''}>
              <a href={`/customers/${c.customerId}#conversation`}><strong>{c.customerName}</strong></a>
              {c.unreadCount > 0 && <span className="badge" aria-label={t('conversations.unread', { count: c.unreadCount })}>{c.unreadCount}</span>}
              <div className="muted">
                {c.lastChannel ? `${t(`channel.${c.lastChannel}` as 'channel.sms', { defaultValue: c.lastChannel })} · ` : ''}{c.lastDirection === 'outbound' ? t('conversations.you') : ''}{c.lastBody}
              </div>
              <time dateTime={c.lastMessageAt} className="muted">{format.dateTime(c.lastMessageAt)}</time>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}

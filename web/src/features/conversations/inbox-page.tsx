import { useState } from 'react';
import { ErrorNote } from '../../lib/error-note.tsx';
import { CHANNEL } from './types.ts';
import { useConversations, useUnreadCounts, type InboxScope } from './queries.ts';

/** The associate's inbox: conversations routed to me (client book owner), or my stores' queue of customers without one. */
export function InboxPage() {
  const [scope, setScope] = useState<InboxScope>('mine');
  const { data: list, error } = useConversations(scope);
  const { data: unread } = useUnreadCounts();
  return (
    <div className="page inbox">
      <h1>Inbox</h1>
      <div role="tablist" aria-label="Conversations">
        <button role="tab" aria-selected={scope === 'mine'} onClick={() => setScope('mine')}>My conversations{unread ? ` (${unread.mine} unread)` : ''}</button>
        <button role="tab" aria-selected={scope === 'queue'} onClick={() => setScope('queue')}>Store queue{unread ? ` (${unread.queue} unread)` : ''}</button>
      </div>
      <ErrorNote error={error} />
      {list && !list.length && <p className="muted">No conversations here.</p>}
      {list && list.length > 0 && (
        <ul className="conversation-list" aria-label={scope === 'mine' ? 'My conversations' : 'Store queue'}>
          {list.map((c) => (
            <li key={c.id} aria-label={c.customerName} className={c.unreadCount ? 'unread' : ''}>
              <a href={`/customers/${c.customerId}#conversation`}><strong>{c.customerName}</strong></a>
              {c.unreadCount > 0 && <span className="badge" aria-label={`${c.unreadCount} unread`}>{c.unreadCount}</span>}
              <div className="muted">
                {c.lastChannel ? `${CHANNEL[c.lastChannel] ?? c.lastChannel} · ` : ''}{c.lastDirection === 'outbound' ? 'You: ' : ''}{c.lastBody}
              </div>
              <time dateTime={c.lastMessageAt} className="muted">{new Date(c.lastMessageAt).toLocaleString()}</time>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}

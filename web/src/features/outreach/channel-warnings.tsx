import { ErrorNote } from '../../lib/error-note.tsx';
import { CHANNEL_LABEL } from './types.ts';
import { useChannelStatus, type ChannelStatus } from './queries.ts';

/** Worth telling head office: email that cannot go out at all, or any channel whose messages failed this week. */
const worthSaying = (c: ChannelStatus) => (!c.ready && (c.channel === 'email' || c.failedLastWeek > 0)) || c.failedLastWeek > 0;

/** Head office's set-up warning: a channel that is not configured, and messages that failed in the last week. */
export function ChannelWarnings() {
  const { data, error } = useChannelStatus();
  const shown = (data ?? []).filter(worthSaying);
  if (error) return <ErrorNote error={error} />;
  if (!shown.length) return null;
  return (
    <section className="card warning" role="alert" aria-label="Outreach set-up warnings">
      <h2>Messages that cannot be sent</h2>
      <ul>
        {shown.map((c) => (
          <li key={c.channel}>
            <strong>{CHANNEL_LABEL[c.channel] ?? c.channel}:</strong> {c.problem ?? 'Set up, but messages failed.'}
            {c.failedLastWeek > 0 && ` ${c.failedLastWeek} message${c.failedLastWeek === 1 ? '' : 's'} failed in the last 7 days.`}
          </li>
        ))}
      </ul>
    </section>
  );
}

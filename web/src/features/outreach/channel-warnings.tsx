import { ErrorNote } from '../../lib/error-note.tsx';
import type { TFunction } from 'i18next';
import { useT } from '../../i18n/i18n.ts';
import { useChannelStatus, type ChannelStatus } from './queries.ts';

/** Worth telling head office: email that cannot go out at all, or any channel whose messages failed this week. */
const worthSaying = (c: ChannelStatus) => (!c.ready && (c.channel === 'email' || c.failedLastWeek > 0)) || c.failedLastWeek > 0;

/** Head office's set-up warning: a channel that is not configured, and messages that failed in the last week. */
export function ChannelWarnings() {
  const { t } = useT();
  const { data, error } = useChannelStatus();
  const shown = (data ?? []).filter(worthSaying);
  if (error) return <ErrorNote error={error} />;
  if (!shown.length) return null;
  return (
    <section className="card warning" role="alert" aria-label={t('channelWarnings.label')}>
      <h2>{t('channelWarnings.title')}</h2>
      <ul>
        {shown.map((c) => (
          <li key={c.channel}>
            <strong>{t('channelWarnings.channel', { channel: t(`channel.${c.channel}`, { defaultValue: c.channel }) })}</strong>{' '}
            {c.ready ? t('channelWarnings.failedButSetUp') : channelProblem(t, c)}
            {c.failedLastWeek > 0 && ` ${t('channelWarnings.failedLastWeek', { count: c.failedLastWeek })}`}
          </li>
        ))}
      </ul>
    </section>
  );
}

/** Why a channel cannot send, in the reader's language (the server's English sentence when the channel is unknown here). */
export function channelProblem(t: TFunction, c: Pick<ChannelStatus, 'channel' | 'problem'>): string {
  return t(`channelWarnings.problem.${c.channel}` as 'channelWarnings.problem.email', { defaultValue: c.problem ?? '' });
}

import { and, count, eq, gt } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import type { Config } from '../../config.ts';
import { loadProvider } from './providers.ts';
import { OUTREACH_CHANNELS, outreachMessages, type OutreachChannel } from './schema.ts';

export interface ChannelStatus { channel: OutreachChannel; ready: boolean; problem: string | null; failedLastWeek: number }

/**
 * Whether each channel can send for the legal entity: email needs the installation's mail server (SMTP_URL), SMS and
 * WhatsApp a provider entered in Outreach set-up; letters are printed. With the failures of the last week, so head
 * office sees a channel that is not set up before customers miss their messages.
 */
export async function channelStatus(db: Db, config: Config, legalEntityId: string, now = new Date()): Promise<ChannelStatus[]> {
  const m = outreachMessages;
  const since = new Date(now.getTime() - 7 * 86_400_000).toISOString();
  const failed = await db.select({ channel: m.channel, n: count() }).from(m)
    .where(and(eq(m.legalEntityId, legalEntityId), eq(m.status, 'failed'), gt(m.createdAt, since))).groupBy(m.channel);
  const problems: Record<OutreachChannel, string | null> = {
    email: config.smtpUrl ? null : 'No mail server is configured (SMTP_URL), so no email can be sent: not to customers, not booking confirmations, not invitations.',
    sms: (await loadProvider(db, config, legalEntityId, 'sms')) ? null : 'No SMS provider is set up: text messages cannot be sent.',
    whatsapp: (await loadProvider(db, config, legalEntityId, 'whatsapp')) ? null : 'WhatsApp is not set up: WhatsApp messages cannot be sent.',
    mail: null,
  };
  return OUTREACH_CHANNELS.map((channel) => ({
    channel, ready: !problems[channel], problem: problems[channel], failedLastWeek: Number(failed.find((f) => f.channel === channel)?.n ?? 0),
  }));
}

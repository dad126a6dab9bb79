import { sendMail } from '../../../mail/mailer.ts';
import { PermanentSendError, type ChannelAdapter } from './channel.ts';
import { secretKey } from '../../../db/secret-key.ts';
import { ensureConversation } from '../conversations.ts';
import { replyAddress } from '../inbound-mail.ts';
import { preferenceMailExtras } from '../../preferences/mail-links.ts';

/** A stable Message-ID from the outbox id, so a re-send after a crash is de-duplicated downstream. */
export const outboxMessageId = (id: string) => `<${id}@outreach.clienteling>`;

export const emailChannel: ChannelAdapter = {
  async send({ db, config }, msg) {
    if (!config.smtpUrl) throw new PermanentSendError('Email is not configured: set SMTP_URL.');
    // Replies come back to the customer's conversation when a reply domain is configured.
    const replyTo = config.inboundMailDomain && msg.customerId
      ? replyAddress(await secretKey(db, config.secretKey), await ensureConversation(db, msg.legalEntityId, msg.customerId), config.inboundMailDomain)
      : undefined;
    // The customer's preference link (and, on marketing, one-click unsubscribe), made at send time so it is current.
    const extras = msg.customerId
      ? await preferenceMailExtras(db, config, { legalEntityId: msg.legalEntityId, customerId: msg.customerId, transactional: !!msg.transactional, purpose: msg.purpose ?? null })
      : null;
    try {
      const info = await sendMail(config, {
        to: msg.to, subject: msg.subject ?? '', text: msg.body + (extras?.text ?? ''), html: msg.html ? msg.html + (extras?.html ?? '') : undefined,
        headers: extras?.headers,
        messageId: outboxMessageId(msg.id), attachments: msg.attachments ?? undefined, replyTo,
      });
      return { providerMessageId: info.messageId };
    } catch (err) {
      // SMTP 5xx is a permanent rejection (unknown mailbox…); 4xx and connection errors are worth a retry.
      const code = (err as { responseCode?: number }).responseCode;
      if (code && code >= 500) throw new PermanentSendError((err as Error).message);
      throw err;
    }
  },
};

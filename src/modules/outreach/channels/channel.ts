import type { Db } from '../../../db/client.ts';
import type { Config } from '../../../config.ts';

/** What a channel adapter needs of a claimed outbox message. */
export interface ChannelMessage {
  /** The outbox id: adapters derive the Message-ID / provider idempotency key from it, so a retry is recognised. */
  id: string;
  legalEntityId: string;
  to: string;
  subject: string | null;
  body: string;
  html: string | null;
  attachments: { filename: string; content: string; contentType: string }[] | null;
  /** WhatsApp: the provider-approved template name of the message's template. */
  whatsappTemplateName: string | null;
  language: string | null;
  /** The customer and what the message is for: email adds their Reply-To (their conversation), preference link and one-click unsubscribe. */
  customerId?: string | null;
  transactional?: boolean;
  purpose?: string | null;
}

export interface ChannelContext { db: Db; config: Config }

/** One interface for every channel the outbox sends through. */
export interface ChannelAdapter {
  send(ctx: ChannelContext, msg: ChannelMessage): Promise<{ providerMessageId: string }>;
}

/** A failure retrying will not fix (bad address, rejected by the provider, channel not configured). */
export class PermanentSendError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'PermanentSendError';
  }
}

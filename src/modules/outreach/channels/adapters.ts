import type { OutreachChannel } from '../schema.ts';
import { PermanentSendError, type ChannelAdapter } from './channel.ts';
import { emailChannel } from './email.ts';
import { smsChannel } from './sms.ts';
import { whatsappChannel } from './whatsapp.ts';

/** Letters are not sent by the outbox: they wait for the next printable batch (channels/mail.ts). */
const mailNotSent: ChannelAdapter = {
  async send() { throw new PermanentSendError('Letters are printed in a batch, not sent.'); },
};

export function adapterFor(channel: OutreachChannel): ChannelAdapter {
  switch (channel) {
    case 'email': return emailChannel;
    case 'sms': return smsChannel;
    case 'whatsapp': return whatsappChannel;
    case 'mail': return mailNotSent;
  }
}

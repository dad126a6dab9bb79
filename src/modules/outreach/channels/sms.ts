import type { ChannelAdapter } from './channel.ts';
import { PermanentSendError } from './channel.ts';
import { loadProvider, webhookUrls } from '../providers.ts';
import { callProvider } from './provider-http.ts';

/**
 * Twilio Programmable Messaging: a form-encoded POST to /2010-04-01/Accounts/{AccountSid}/Messages.json with Basic auth
 * (AccountSid:AuthToken); To/From in E.164 (or MessagingServiceSid instead of From), Body, and the StatusCallback where
 * Twilio posts sent/delivered/undelivered/failed. The answer's `sid` (SM…) identifies the message in those callbacks.
 */
export const smsChannel: ChannelAdapter = {
  async send(ctx, msg) {
    const p = await loadProvider(ctx.db, ctx.config, msg.legalEntityId, 'sms');
    if (!p) throw new PermanentSendError('No SMS provider (Twilio) is set up for this legal entity.');
    const form = new URLSearchParams({ To: msg.to, Body: msg.body, StatusCallback: webhookUrls(ctx.config, msg.legalEntityId, 'sms').statusCallbackUrl });
    form.set(p.sender.startsWith('MG') ? 'MessagingServiceSid' : 'From', p.sender);
    const res = await callProvider(`${p.baseUrl}/2010-04-01/Accounts/${encodeURIComponent(p.accountId)}/Messages.json`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', authorization: `Basic ${Buffer.from(`${p.accountId}:${p.apiKey}`).toString('base64')}` },
      body: form.toString(),
    }) as { sid?: string } | null;
    if (!res?.sid) throw new Error('Twilio answered without a message sid.');
    return { providerMessageId: res.sid };
  },
};

import type { ChannelAdapter } from './channel.ts';
import { PermanentSendError } from './channel.ts';
import { loadProvider } from '../providers.ts';
import { callProvider } from './provider-http.ts';

/**
 * WhatsApp Business Cloud API: POST /{version}/{phone-number-id}/messages with a bearer token and
 * `messaging_product: "whatsapp"`. A business-initiated message is an approved template (name, language.code, the text
 * as its body parameter); inside the customer's 24-hour window (checked when the message is written) free-form text.
 * The answer's messages[0].id (wamid…) identifies the message in status webhooks.
 */
export const whatsappChannel: ChannelAdapter = {
  async send(ctx, msg) {
    const p = await loadProvider(ctx.db, ctx.config, msg.legalEntityId, 'whatsapp');
    if (!p) throw new PermanentSendError('No WhatsApp Business provider is set up for this legal entity.');
    const content = msg.whatsappTemplateName
      ? {
        type: 'template',
        template: {
          name: msg.whatsappTemplateName, language: { code: msg.language ?? 'en' },
          components: [{ type: 'body', parameters: [{ type: 'text', text: msg.body }] }],
        },
      }
      : { type: 'text', text: { preview_url: false, body: msg.body } };
    const res = await callProvider(`${p.baseUrl}/${p.apiVersion ?? 'v21.0'}/${encodeURIComponent(p.accountId)}/messages`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${p.apiKey}` },
      body: JSON.stringify({ messaging_product: 'whatsapp', recipient_type: 'individual', to: msg.to.replace(/^\+/, ''), ...content }),
    }) as { messages?: { id?: string }[] } | null;
    const id = res?.messages?.[0]?.id;
    if (!id) throw new Error('WhatsApp answered without a message id.');
    return { providerMessageId: id };
  },
};

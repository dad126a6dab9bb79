import { PermanentSendError, type ChannelAdapter } from './channel.ts';
import { postToProvider } from './provider-http.ts';

/** Business-initiated WhatsApp messages must use a template WhatsApp approved; the text is passed as its parameter. */
export const whatsappChannel: ChannelAdapter = {
  async send(ctx, msg) {
    if (!msg.whatsappTemplateName) throw new PermanentSendError('WhatsApp messages need a template approved by WhatsApp.');
    return postToProvider(ctx, 'whatsapp', msg, {
      type: 'template', template: { name: msg.whatsappTemplateName, language: msg.language ?? 'en', parameters: [msg.body] }, text: msg.body,
    });
  },
};

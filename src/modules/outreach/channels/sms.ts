import type { ChannelAdapter } from './channel.ts';
import { postToProvider } from './provider-http.ts';

export const smsChannel: ChannelAdapter = {
  send: (ctx, msg) => postToProvider(ctx, 'sms', msg, { type: 'text', text: msg.body }),
};

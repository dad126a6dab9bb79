import { PermanentSendError, type ChannelContext, type ChannelMessage } from './channel.ts';
import { loadProvider, type ProviderChannel } from '../providers.ts';

/**
 * Posts a message to the legal entity's SMS or WhatsApp provider. The outbox id goes as the Idempotency-Key,
 * so a retry after a crash between the provider's accept and our update is recognised by the provider.
 */
export async function postToProvider(ctx: ChannelContext, channel: ProviderChannel, msg: ChannelMessage, payload: Record<string, unknown>) {
  const provider = await loadProvider(ctx.db, ctx.config, msg.legalEntityId, channel);
  if (!provider) throw new PermanentSendError(`No ${channel === 'sms' ? 'SMS' : 'WhatsApp'} provider is set up for this legal entity.`);
  let res: Response;
  try {
    res = await fetch(`${provider.baseUrl}/messages`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${provider.apiKey}`, 'idempotency-key': msg.id },
      body: JSON.stringify({ from: provider.sender, to: msg.to, reference: msg.id, ...payload }),
      signal: AbortSignal.timeout(15_000),
    });
  } catch (err) {
    throw new Error(`Provider unreachable: ${(err as Error).message}`);
  }
  const text = await res.text();
  // 4xx is the provider refusing this message (bad number, unapproved template): retrying will not help. 408/429/5xx may pass later.
  if (!res.ok) {
    const detail = `Provider answered ${res.status}: ${text.slice(0, 300)}`;
    if (res.status >= 400 && res.status < 500 && res.status !== 408 && res.status !== 429) throw new PermanentSendError(detail);
    throw new Error(detail);
  }
  let id: string | undefined;
  try { id = (JSON.parse(text) as { id?: string }).id; } catch { /* a provider answering without a body */ }
  return { providerMessageId: id ?? msg.id };
}

import { PermanentSendError } from './channel.ts';

/**
 * One request to a provider's API. 4xx is the provider refusing this message (bad number, unapproved template):
 * retrying will not help. 408/429/5xx and network errors may pass later, so the outbox retries them.
 */
export async function callProvider(url: string, init: RequestInit): Promise<unknown> {
  let res: Response;
  try {
    res = await fetch(url, { ...init, signal: AbortSignal.timeout(15_000) });
  } catch (err) {
    throw new Error(`Provider unreachable: ${(err as Error).message}`);
  }
  const text = await res.text();
  if (!res.ok) {
    const detail = `Provider answered ${res.status}: ${text.slice(0, 300)}`;
    if (res.status >= 400 && res.status < 500 && res.status !== 408 && res.status !== 429) throw new PermanentSendError(detail);
    throw new Error(detail);
  }
  try { return JSON.parse(text); } catch { return null; }
}

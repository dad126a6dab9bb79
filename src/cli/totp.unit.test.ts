import { afterEach, describe, expect, it, vi } from 'vitest';
import { totpCommand } from './totp.ts';
import { base32Encode, matchingStep } from '../modules/auth/totp.ts';

afterEach(() => vi.restoreAllMocks());

describe('clienteling totp', () => {
  it('prints the code the server accepts for the key, as an authenticator app would', () => {
    const secret = Buffer.from('12345678901234567890');
    const key = base32Encode(secret);
    const log = vi.spyOn(console, 'log').mockImplementation(() => {});
    const now = Date.UTC(2026, 11, 7, 7, 0, 10);
    // The key as the page shows it, in groups of four.
    expect(totpCommand([key.match(/.{1,4}/g)!.join(' ')], now)).toBe(0);
    const code = String(log.mock.calls[0][0]).slice(0, 6);
    expect(matchingStep(secret, code, now)).not.toBeNull();
    expect(String(log.mock.calls[0][0])).toMatch(/^\d{6}  \(valid 20 s more; the next: \d{6}\)$/);
  });

  it('refuses what is not a base32 key', () => {
    const error = vi.spyOn(console, 'error').mockImplementation(() => {});
    expect(totpCommand(['not-a-key!'])).toBe(2);
    expect(error).toHaveBeenCalled();
  });
});

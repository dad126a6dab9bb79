import { describe, it, expect } from 'vitest';
import { hotp, totp, base32Encode, base32Decode, matchingStep, otpauthUri, stepAt } from './totp.ts';

// RFC 6238 Appendix B: the seeds are ASCII "1234567890" repeated to the hash's key length; 8-digit codes.
const SEED = {
  sha1: Buffer.from('12345678901234567890'),
  sha256: Buffer.from('12345678901234567890123456789012'),
  sha512: Buffer.from('1234567890123456789012345678901234567890123456789012345678901234'),
};
const VECTORS: [number, string, string, string][] = [
  [59, '94287082', '46119246', '90693936'],
  [1111111109, '07081804', '68084774', '25091201'],
  [1111111111, '14050471', '67062674', '99943326'],
  [1234567890, '89005924', '91819424', '93441116'],
  [2000000000, '69279037', '90698825', '38618901'],
  [20000000000, '65353130', '77737706', '47863826'],
];

describe('TOTP (RFC 6238)', () => {
  it('gives the published test vectors for SHA-1, SHA-256 and SHA-512', () => {
    for (const [seconds, sha1, sha256, sha512] of VECTORS) {
      expect(totp(SEED.sha1, seconds * 1000, 8, 'sha1')).toBe(sha1);
      expect(totp(SEED.sha256, seconds * 1000, 8, 'sha256')).toBe(sha256);
      expect(totp(SEED.sha512, seconds * 1000, 8, 'sha512')).toBe(sha512);
    }
  });

  it('gives RFC 4226 HOTP vectors (6 digits)', () => {
    const expected = ['755224', '287082', '359152', '969429', '338314', '254676', '287922', '162583', '399871', '520489'];
    expect(expected.map((_, i) => hotp(SEED.sha1, i))).toEqual(expected);
  });

  it('round-trips base32 and accepts a code one step either side, not two', () => {
    const secret = Buffer.from('12345678901234567890');
    expect(base32Encode(secret)).toBe('GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ');
    expect(base32Decode('gezd gnbv-gy3tqojqgezdgnbvgy3tqojq')).toEqual(secret);
    const now = 1_700_000_000_000;
    const step = stepAt(now);
    expect(matchingStep(secret, hotp(secret, step), now)).toBe(step);
    expect(matchingStep(secret, hotp(secret, step - 1), now)).toBe(step - 1);
    expect(matchingStep(secret, hotp(secret, step + 1), now)).toBe(step + 1);
    expect(matchingStep(secret, hotp(secret, step - 2), now)).toBeNull();
    expect(matchingStep(secret, 'abcdef', now)).toBeNull();
  });

  it('writes the otpauth URI apps read', () => {
    expect(otpauthUri('Clienteling LE1', 'ada@example.test', 'ABC')).toBe(
      'otpauth://totp/Clienteling%20LE1:ada%40example.test?secret=ABC&issuer=Clienteling+LE1&algorithm=SHA1&digits=6&period=30');
  });
});

import { base32Decode, stepAt, STEP_SECONDS, totp } from '../modules/auth/totp.ts';

/**
 * `clienteling totp <key>`: the current code for an authenticator key (RFC 6238, as the Security page sets up), for
 * whoever tries the demo's head office without an authenticator app at hand. It reads no database: it only does what
 * any authenticator app does with the key the sign-in page shows.
 */
export function totpCommand(args: string[], now = Date.now()): number {
  const key = args.join('').replace(/\s+/g, '').toUpperCase();
  if (!/^[A-Z2-7]{16,}=*$/.test(key)) {
    console.error('Give the key the sign-in page shows (base32, letters A-Z and digits 2-7), e.g. clienteling totp JBSW Y3DP EHPK 3PXP');
    return 2;
  }
  const secondsLeft = STEP_SECONDS - Math.floor(now / 1000) % STEP_SECONDS;
  console.log(`${totp(base32Decode(key), now)}  (valid ${secondsLeft} s more; the next: ${totp(base32Decode(key), (stepAt(now) + 1) * STEP_SECONDS * 1000)})`);
  return 0;
}

import { describe, it, expect } from 'vitest';
import { demoMobile } from './names.ts';
import { Rng } from './random.ts';
import { normalisePhone } from '../customers/phone.ts';

describe('demo mobile numbers', () => {
  it('are numbers the E.164 check accepts, so the demo starts without a list of refused phones', () => {
    const rng = new Rng(42);
    for (const country of ['FR', 'GB']) {
      const refused = Array.from({ length: 5000 }, () => demoMobile(rng, country)).filter((n) => !normalisePhone(n, country).ok);
      expect(refused, country).toEqual([]);
    }
  });
});

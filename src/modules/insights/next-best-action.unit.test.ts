import { describe, it, expect } from 'vitest';
import { consentedChannel, daysUntilNextOccurrence, rankNextBestActions, type ContactChannel, type NbaSignals } from './next-best-action.ts';

const today = new Date('2025-06-10T09:00:00Z');
const base: NbaSignals = {
  probabilityAlive: 0.9, clv12mMinor: 50_000, clvBookPercentile: 0.5, rfmSegment: 'Potential loyalist', daysSinceLastPurchase: 20, purchaseDays: 3,
  isVip: false, birthDate: null, anniversaryDate: null, preferredChannel: null, consents: ['email'], openCases: [], wishlistInStock: [], recentlyViewed: [], recommended: [],
};

describe('next best action', () => {
  it('counts days to the next birthday across the year end', () => {
    expect(daysUntilNextOccurrence('1980-06-10', today)).toBe(0);
    expect(daysUntilNextOccurrence('1980-06-15', today)).toBe(5);
    expect(daysUntilNextOccurrence('1980-06-09', today)).toBe(364);
    expect(daysUntilNextOccurrence('1990-01-02', new Date('2025-12-30T10:00:00Z'))).toBe(3);
  });

  it('puts an open case before any sales suggestion, and explains each suggestion', () => {
    const ranked = rankNextBestActions({ ...base, birthDate: '1985-06-14', wishlistInStock: ['Silk scarf'], openCases: [{ subject: 'Damaged parcel', kind: 'complaint', occurredAt: '2025-06-05T10:00:00Z' }] }, today);
    expect(ranked.map((a) => a.key)).toEqual(['follow-up-open-case', 'birthday-outreach', 'wishlist-in-stock']);
    expect(ranked[0].reasons[0]).toMatch(/Damaged parcel/);
    expect(ranked[1].reasons[0]).toBe('Birthday in 4 days');
    expect(ranked[2].reasons[0]).toMatch(/Silk scarf/);
  });

  it('suggests a win-back call for a valuable customer likely lost, a lighter check-in for others', () => {
    const valuable = rankNextBestActions({ ...base, probabilityAlive: 0.2, clvBookPercentile: 0.9, consents: ['phone', 'email'] }, today);
    expect(valuable[0]).toMatchObject({ key: 'win-back-call', channel: 'phone' });
    expect(valuable[0].reasons.join(' ')).toMatch(/Churn probability 80%/);
    const ordinary = rankNextBestActions({ ...base, probabilityAlive: 0.2, clvBookPercentile: 0.3 }, today);
    expect(ordinary[0].key).toBe('retention-check-in');
    expect(rankNextBestActions({ ...base, probabilityAlive: 0.95 }, today).find((a) => a.key.includes('win-back'))).toBeUndefined();
  });

  it('never suggests a channel the customer did not consent to', () => {
    expect(consentedChannel({ consents: ['sms'], preferredChannel: 'email' }, ['phone'])).toMatchObject({ channel: 'sms' });
    expect(consentedChannel({ consents: ['sms', 'email'], preferredChannel: 'email' }, ['phone'])).toMatchObject({ channel: 'email' });
    expect(consentedChannel({ consents: [], preferredChannel: 'email' }, ['email'])).toMatchObject({ channel: 'in-store' });
    const channels: ContactChannel[] = ['email', 'sms', 'whatsapp', 'phone', 'mail'];
    for (let mask = 0; mask < 32; mask++) {
      const consents = channels.filter((_, i) => mask & (1 << i));
      const ranked = rankNextBestActions({ ...base, consents, preferredChannel: 'whatsapp', probabilityAlive: 0.1, clvBookPercentile: 0.95, birthDate: '1970-06-12',
        wishlistInStock: ['Bag'], recentlyViewed: ['Shoes'], openCases: [{ subject: 'Late', kind: 'service-case', occurredAt: '2025-06-01T00:00:00Z' }] }, today);
      for (const a of ranked) expect(a.channel === 'in-store' || consents.includes(a.channel as ContactChannel), `${a.key} via ${a.channel} with ${consents}`).toBe(true);
    }
  });

  it('ranks a suggestion the customer cannot be contacted for below the same one with consent', () => {
    const withConsent = rankNextBestActions({ ...base, birthDate: '1980-06-12' }, today)[0];
    const without = rankNextBestActions({ ...base, consents: [], birthDate: '1980-06-12' }, today)[0];
    expect(without.channel).toBe('in-store');
    expect(without.score).toBeLessThan(withConsent.score);
  });
});

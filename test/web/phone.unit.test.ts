import { describe, expect, it } from 'vitest';
import { formatPhone, homeCountryOf, phoneHref } from '../../web/src/lib/phone.ts';

describe('phone numbers for display', () => {
  it('writes a number of the associate\'s own country nationally, any other internationally', () => {
    expect(formatPhone('+33620606651', 'FR')).toBe('06 20 60 66 51');
    expect(formatPhone('+33142000000', 'FR')).toBe('01 42 00 00 00');
    expect(formatPhone('+447400123456', 'FR')).toBe('+44 7400 123456');
    expect(formatPhone('+447400123456', 'GB')).toBe('07400 123456');
    expect(formatPhone('+33620606651', 'GB')).toBe('+33 6 20 60 66 51');
    expect(formatPhone('+33620606651', null)).toBe('+33 6 20 60 66 51');
  });
  it('leaves what is not a phone number as it was', () => {
    expect(formatPhone('call the concierge', 'FR')).toBe('call the concierge');
  });
  it('links with the E.164 value', () => {
    expect(phoneHref('+33620606651', 'FR')).toBe('tel:+33620606651');
    expect(phoneHref('+33 6 20 60 66 51')).toBe('tel:+33620606651');
  });
  it('takes the legal entity\'s country from its time zone, else the device locale\'s region', () => {
    expect(homeCountryOf('Europe/Paris', 'en-GB')).toBe('FR');
    expect(homeCountryOf('Europe/London', 'fr-FR')).toBe('GB');
    expect(homeCountryOf('Pacific/Nowhere', 'fr-BE')).toBe('BE');
    expect(homeCountryOf(null, 'fr')).toBeNull();
  });
});

import { parsePhoneNumberFromString, type CountryCode } from 'libphonenumber-js/max';
import { countryOfTimeZone } from '../../../shared/phone-country.ts';

export type PhoneResult = { ok: true; e164: string } | { ok: false; reason: 'invalid' };

/**
 * A phone number as typed (national or international) in E.164, e.g. "06 12 34 56 78" with country FR → "+33612345678".
 * `defaultCountry` is the store's (or legal entity's) country, used when the number has no +prefix. Numbers that do not
 * parse to a valid number for their country are refused, so inbound messages can be matched exactly.
 */
export function normalisePhone(raw: string, defaultCountry?: string | null): PhoneResult {
  const country = defaultCountry && /^[A-Z]{2}$/.test(defaultCountry.toUpperCase()) ? (defaultCountry.toUpperCase() as CountryCode) : undefined;
  const parsed = parsePhoneNumberFromString(raw.trim(), country ? { defaultCountry: country } : undefined);
  if (!parsed || !parsed.isValid()) return { ok: false, reason: 'invalid' };
  return { ok: true, e164: parsed.number };
}

/** A provider's sender id for a number: WhatsApp's wa_id is E.164 without the "+". */
export function e164FromDigits(digits: string): string | null {
  const parsed = parsePhoneNumberFromString(`+${digits.replace(/\D/g, '')}`);
  return parsed?.isValid() ? parsed.number : null;
}

/** The country a national number is read in: the customer's own country when known, else the store's or legal entity's (by its time zone). */
export function defaultPhoneCountry(customerCountry: string | null | undefined, timeZone: string | null | undefined): string | null {
  if (customerCountry && /^[A-Za-z]{2}$/.test(customerCountry)) return customerCountry.toUpperCase();
  return countryOfTimeZone(timeZone);
}

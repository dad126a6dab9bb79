// Phone numbers as people read them: "06 20 60 66 51" for a number of the associate's own country, "+44 7400 123456"
// for any other; links keep the E.164 value. The server stores E.164 (src/modules/customers/phone.ts).
import { parsePhoneNumberFromString, type CountryCode } from 'libphonenumber-js/min';
import { useMemo } from 'react';
import { countryOfTimeZone } from '../../../shared/phone-country.ts';
import { useSession } from './session.tsx';

/** A stored number for display: national in `homeCountry`, international elsewhere; what does not parse stays as it is. */
export function formatPhone(phone: string, homeCountry: string | null | undefined): string {
  const parsed = parsePhoneNumberFromString(phone.trim(), homeCountry ? { defaultCountry: homeCountry as CountryCode } : undefined);
  if (!parsed) return phone;
  return parsed.country && parsed.country === homeCountry ? parsed.formatNational() : parsed.formatInternational();
}

/** The number for a tel: link, E.164 when it parses. */
export function phoneHref(phone: string, homeCountry?: string | null): string {
  const parsed = parsePhoneNumberFromString(phone.trim(), homeCountry ? { defaultCountry: homeCountry as CountryCode } : undefined);
  return `tel:${parsed ? parsed.number : phone.replace(/[^\d+]/g, '')}`;
}

/** The associate's country: their legal entity's (by its time zone), else the region of the device's locale ("fr-FR" → FR). */
export function homeCountryOf(legalEntityTimeZone: string | null | undefined, locale?: string): string | null {
  const byZone = countryOfTimeZone(legalEntityTimeZone);
  if (byZone) return byZone;
  const region = /^[a-z]{2,3}[-_]([A-Z]{2})\b/i.exec(locale ?? '')?.[1];
  return region ? region.toUpperCase() : null;
}

/** formatPhone for the signed-in associate's country. */
export function usePhoneFormat(): (phone: string) => string {
  const { me } = useSession();
  const zone = me?.legalEntity.timeZone;
  return useMemo(() => {
    const home = homeCountryOf(zone, typeof navigator === 'undefined' ? undefined : navigator.language);
    return (phone: string) => formatPhone(phone, home);
  }, [zone]);
}

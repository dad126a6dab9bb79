// Legal entities and stores record a time zone, not a country: the zones of the countries this platform serves, so the
// server reads a typed national number, and the screens write one, in the same country.
const ZONE_COUNTRY: Record<string, string> = {
  'Europe/Paris': 'FR', 'Europe/London': 'GB', 'Europe/Dublin': 'IE', 'Europe/Brussels': 'BE', 'Europe/Luxembourg': 'LU', 'Europe/Monaco': 'MC',
  'Europe/Zurich': 'CH', 'Europe/Berlin': 'DE', 'Europe/Vienna': 'AT', 'Europe/Madrid': 'ES', 'Europe/Lisbon': 'PT', 'Europe/Rome': 'IT',
  'Europe/Amsterdam': 'NL', 'Europe/Copenhagen': 'DK', 'Europe/Stockholm': 'SE', 'Europe/Oslo': 'NO', 'Europe/Helsinki': 'FI', 'Europe/Warsaw': 'PL',
  'Europe/Prague': 'CZ', 'Europe/Athens': 'GR', 'America/New_York': 'US', 'America/Chicago': 'US', 'America/Denver': 'US', 'America/Los_Angeles': 'US',
  'America/Toronto': 'CA', 'America/Montreal': 'CA', 'Asia/Tokyo': 'JP', 'Asia/Hong_Kong': 'HK', 'Asia/Singapore': 'SG', 'Asia/Dubai': 'AE', 'Australia/Sydney': 'AU',
};

/** 'Europe/Paris' → 'FR'; a zone not listed (or none) → null. */
export function countryOfTimeZone(timeZone: string | null | undefined): string | null {
  return (timeZone && ZONE_COUNTRY[timeZone]) || null;
}

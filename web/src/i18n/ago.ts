// "3 minutes ago" / "il y a 3 minutes": how fresh a figure is, in the reader's language. Intl words the number and
// unit; "never" and "just now" come from the catalogue.
import type { TFunction } from 'i18next';

const UNITS: [number, Intl.RelativeTimeFormatUnit][] = [[86_400, 'day'], [3_600, 'hour'], [60, 'minute']];

export function ago(iso: string | null, t: TFunction, locale: string, now = Date.now()): string {
  if (!iso) return t('time.never');
  const s = Math.max(0, Math.round((now - Date.parse(iso)) / 1000));
  const unit = UNITS.find(([size]) => s >= size);
  if (!unit) return t('time.justNow');
  return new Intl.RelativeTimeFormat(locale, { numeric: 'always' }).format(-Math.floor(s / unit[0]), unit[1]);
}

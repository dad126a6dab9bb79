// Display helpers of the customer screens; the API's shapes come from the generated types (queries.ts).
import { i18next, languageOf } from '../../i18n/i18n.ts';
import { formatter } from '../../../../shared/format.ts';

/** A date in the screens' language (19 Nov 2026 / 19 nov. 2026); a calendar day ("1990-08-14") is never shifted by time zone. */
export const day = (iso: string | null) => {
  if (!iso) return '—';
  const f = formatter(languageOf(i18next.language));
  return /^\d{4}-\d{2}-\d{2}$/.test(iso) ? f.day(iso) : f.date(iso);
};

// Display helpers of the appointment screens; the API's shapes come from the generated types (queries.ts).
import { formatter, type Language } from '../../../../shared/format.ts';

export function formatWhen(iso: string, timeZone: string, language: Language = 'en') {
  return formatter(language).custom(iso, { timeZone, weekday: 'long', day: 'numeric', month: 'long', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' });
}

export function formatTime(iso: string, timeZone: string, language: Language = 'en') {
  return formatter(language).time(iso, timeZone);
}

export function dayLabel(localDate: string, language: Language = 'en') {
  return formatter(language).day(localDate, { weekday: 'short', day: 'numeric', month: 'short' });
}

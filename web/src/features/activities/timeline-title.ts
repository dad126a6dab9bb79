import type { TFunction } from 'i18next';
import { i18next } from '../../i18n/i18n.ts';

/** An event's title in the reader's language when the server named it by key, else the server's English title. */
export function timelineTitle(e: { title: string; titleKey?: string; titleParams?: Record<string, string> }, t: TFunction): string {
  // A key this build of the web does not know yet (a newer server) falls back to the English.
  if (!e.titleKey || !i18next.exists(`timeline.${e.titleKey}`, { lng: 'en' })) return e.title;
  // The key comes from the server at run time, so it is looked up untyped (checked by exists above).
  const byKey = t as unknown as (key: string, params: Record<string, string>) => string;
  return byKey(`timeline.${e.titleKey}`, e.titleParams ?? {});
}

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

// Parameters that are codes, worded from these parts of the catalogue (an interaction's kind, status and channel);
// a code the catalogue does not know (a source system's own status or channel) is shown as written.
const CODED_PARAMS: Record<string, string> = { kind: 'customer.interactionKinds', status: 'customer.interactionStatus', channel: 'customer.channels' };
const INTERACTION_DETAILS = new Set(['interaction', 'interactionStatus', 'interactionChannel', 'interactionStatusChannel']);

/** A code in the reader's language, or the code itself when the catalogue has no words for it. */
function word(t: TFunction, namespace: string, code: string): string {
  if (!i18next.exists(`${namespace}.${code}`, { lng: 'en' })) return code;
  return (t as unknown as (key: string) => string)(`${namespace}.${code}`);
}

/** The event's detail in the reader's language when the server named it by key (an activity's outcome, an interaction's status), else as written. */
export function timelineDetail(e: { detail: string | null; detailKey?: string; detailParams?: Record<string, string> }, t: TFunction): string | null {
  if (!e.detailKey || !i18next.exists(`timelineDetail.${e.detailKey}`, { lng: 'en' })) return e.detail;
  const byKey = t as unknown as (key: string, params: Record<string, string>) => string;
  const params = { ...e.detailParams };
  if (INTERACTION_DETAILS.has(e.detailKey)) for (const [name, namespace] of Object.entries(CODED_PARAMS)) if (params[name]) params[name] = word(t, namespace, params[name]);
  return byKey(`timelineDetail.${e.detailKey}`, params);
}

/** Who did it: a name as written, or an actor that is no one's name ("Automatic", "Online"…) in the reader's language. */
export function timelineActor(e: { actor: string | null; actorKey?: string }, t: TFunction): string | null {
  if (!e.actorKey || !i18next.exists(`timelineActor.${e.actorKey}`, { lng: 'en' })) return e.actor;
  return (t as unknown as (key: string) => string)(`timelineActor.${e.actorKey}`);
}

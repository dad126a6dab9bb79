// Texts the server writes (task titles, reasons, measure names, delivery reasons, timeline titles) arrive with a
// stable key and parameters beside the English: the reader sees the catalogue's sentence in their own language.
import type { TFunction } from 'i18next';
import { i18next } from './i18n.ts';

export interface KeyedText { key: string; params?: Record<string, string | number> }

/** Whether this build's catalogue has the text (the parameters go along so a plural key is found by its count). */
function knows(namespace: string, text: KeyedText | null | undefined): text is KeyedText {
  return !!text?.key && i18next.exists(`${namespace}.${text.key}`, { ...text.params, lng: 'en' });
}

/**
 * The catalogue's `<namespace>.<key>` filled with the parameters, or the server's English when there is no key or this
 * build of the web does not know it yet (a newer server).
 */
export function serverText(t: TFunction, namespace: string, text: KeyedText | null | undefined, english: string): string {
  if (!knows(namespace, text)) return english;
  // The key comes from the server at run time, so it is looked up untyped (checked by exists above).
  const byKey = t as unknown as (key: string, params: Record<string, string | number>) => string;
  return byKey(`${namespace}.${text.key}`, text.params ?? {});
}

/**
 * Several sentences by key, joined: all in the catalogue's words, or the server's English whole when there are none
 * or one is unknown to this build (never half of each).
 */
export function serverTexts(t: TFunction, namespace: string, texts: KeyedText[] | null | undefined, english: string): string {
  if (!texts?.length || !texts.every((x) => knows(namespace, x))) return english;
  return texts.map((x) => serverText(t, namespace, x, '')).join(' ');
}

/** Why an outreach message was not delivered; params.retrying adds that it will be tried again. */
export function deliveryReason(t: TFunction, text: KeyedText | null | undefined, english: string): string {
  if (!knows('delivery.reason', text)) return english;
  const sentence = serverText(t, 'delivery.reason', text, english);
  return text.params?.retrying ? `${sentence} ${t('delivery.willRetry')}` : sentence;
}

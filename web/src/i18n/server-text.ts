// Texts the server writes (task titles, reasons, measure names, delivery reasons, timeline titles) arrive with a
// stable key and parameters beside the English: the reader sees the catalogue's sentence in their own language.
import type { TFunction } from 'i18next';
import { i18next } from './i18n.ts';

export interface KeyedText { key: string; params?: Record<string, string | number> }

/**
 * The catalogue's `<namespace>.<key>` filled with the parameters, or the server's English when there is no key or this
 * build of the web does not know it yet (a newer server).
 */
export function serverText(t: TFunction, namespace: string, text: KeyedText | null | undefined, english: string): string {
  // The parameters go along so a plural key (its _one and _other forms) is found by its count.
  if (!text?.key || !i18next.exists(`${namespace}.${text.key}`, { ...text.params, lng: 'en' })) return english;
  // The key comes from the server at run time, so it is looked up untyped (checked by exists above).
  const byKey = t as unknown as (key: string, params: Record<string, string | number>) => string;
  return byKey(`${namespace}.${text.key}`, text.params ?? {});
}

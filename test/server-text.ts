// What a screen shows for a text the server names by key: the web's catalogue sentence in a language (server-text.ts).
import { i18next } from '../web/src/i18n/i18n.ts';

export type Keyed = { key: string; params?: Record<string, string | number> };

/** The catalogue's `<namespace>.<key>` in `lng`, filled with the parameters; throws on a key the catalogue lacks. */
export function render(lng: 'en' | 'fr', namespace: string, text: Keyed): string {
  const full = `${namespace}.${text.key}`;
  if (!i18next.exists(full, { ...text.params, lng: 'en' })) throw new Error(`No ${full} in the web catalogue`);
  return (i18next.getFixedT(lng) as unknown as (key: string, params: object) => string)(full, text.params ?? {});
}

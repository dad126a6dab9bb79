// The demo retailer's own words (template names, attributes, activity and appointment types…) are written by each
// legal entity's head office in its language: Maison Aurelle France's in French, Aurelle UK's in English.

export type DemoLanguage = 'en' | 'fr';

/** French typography: a no-break space before ':' and a narrow one before '?', '!' and ';' (written with plain spaces in the source). */
export const frenchTypography = (text: string) => text.replace(/ :/g, '\u00a0:').replace(/ ([?!;])/g, '\u202f$1');

/** The words in the legal entity's language, French typeset. Lists picked at random must keep one length in both. */
export function inLanguage<T extends string | readonly string[]>(le: { language: DemoLanguage }, words: { en: T; fr: T }): T {
  if (le.language === 'en') return words.en;
  const fr = words.fr;
  return (typeof fr === 'string' ? frenchTypography(fr) : fr.map(frenchTypography)) as T;
}

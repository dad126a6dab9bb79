/** A product the associate can put in a look, whichever list it came from. */
export interface Pick { id: string; name: string; brand: string | null; priceMinor: number; onHand: number | null }

export const LOOK_TEXTS = {
  en: {
    for: (n: string) => `Selected for you, ${n}`, by: (a: string | null, s: string | null) => [a && `by ${a}`, s && `at ${s}`].filter(Boolean).join(' '),
    availability: { 'in-stock': 'In stock at your store', 'out-of-stock': 'Not in stock at your store — we can order it', ask: 'Ask us about availability', unavailable: 'No longer available' },
    chosen: (a: string | null) => `${a ?? 'Your associate'} will be glad to set it aside or tell you more.`, loading: 'Loading…',
  },
  fr: {
    for: (n: string) => `Sélectionné pour vous, ${n}`, by: (a: string | null, s: string | null) => [a && `par ${a}`, s && `à ${s}`].filter(Boolean).join(' '),
    availability: { 'in-stock': 'En stock dans votre boutique', 'out-of-stock': 'Pas en stock dans votre boutique — nous pouvons le commander', ask: 'Demandez-nous la disponibilité', unavailable: 'N’est plus disponible' },
    chosen: (a: string | null) => `${a ?? 'Votre conseiller'} se fera un plaisir de le mettre de côté ou de vous en dire plus.`, loading: 'Chargement…',
  },
};

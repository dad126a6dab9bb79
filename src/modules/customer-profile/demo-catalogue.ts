import type { Rng } from '../demo/random.ts';
import { inLanguage, type DemoLanguage } from '../demo/language.ts';

// A fashion and jewellery house's catalogue: categories, brands, realistic price bands, arrivals and care instructions,
// written in the legal entity's language. Each product keeps its family (the English category) for the demo's own logic.

export interface DemoProduct {
  sku: string; name: string; family: string; category: string; subcategory: string; brand: string; priceMinor: number; arrivalDate: string;
  attributes: Record<string, string>; careInstructions: string;
}

type Words = { en: string; fr: string };
type Lists = { en: readonly string[]; fr: readonly string[] };

// Colours are the house's own names, French in every country.
const COLOURS = ['Noir', 'Ivoire', 'Camel', 'Bordeaux', 'Bleu nuit', 'Vert sauge', 'Rose poudré', 'Cognac', 'Gris perle', 'Rouge'];
const METALS: Lists = { en: ['Yellow gold 18k', 'White gold 18k', 'Rose gold 18k', 'Sterling silver'], fr: ['Or jaune 18 carats', 'Or blanc 18 carats', 'Or rose 18 carats', 'Argent massif'] };
const STONES: Lists = { en: ['diamond', 'sapphire', 'emerald', 'pearl', 'ruby', 'onyx'], fr: ['diamant', 'saphir', 'émeraude', 'perle', 'rubis', 'onyx'] };

/** Category names in French, also those only head office's complement rules name (recommendations/demo.ts). */
const CATEGORY_FR: Record<string, string> = {
  Handbags: 'Sacs', Shoes: 'Chaussures', Jewellery: 'Joaillerie', 'Ready-to-wear': 'Prêt-à-porter', Accessories: 'Accessoires', Beauty: 'Beauté',
  'Small leather goods': 'Petite maroquinerie', 'Leather care': 'Entretien du cuir', 'Shoe care': 'Entretien des chaussures',
  'Jewellery care': 'Entretien des bijoux', Fragrance: 'Parfums',
};

/** A demo category (its English name) as the legal entity names it. */
export function categoryName(category: string, language: DemoLanguage): string {
  return language === 'fr' ? CATEGORY_FR[category] ?? category : category;
}

interface Family { category: string; subcategory: Words; names: Lists; brands: string[]; price: [number, number]; care: Words; attrs: (rng: Rng, lang: { language: DemoLanguage }) => Record<string, string>; count: number }

const FAMILIES: Family[] = [
  { category: 'Handbags', subcategory: { en: 'Bags', fr: 'Sacs' },
    names: { en: ['Le Petit Sac', 'Tote Marais', 'Clutch Opéra', 'Bucket bag Sienne', 'Shoulder bag Camille', 'Crossbody Bellecour', 'Top handle Rivoli', 'Hobo Montaigne'],
      fr: ['Le Petit Sac', 'Cabas Marais', 'Pochette Opéra', 'Sac seau Sienne', 'Sac porté épaule Camille', 'Sac bandoulière Bellecour', 'Sac à main Rivoli', 'Sac besace Montaigne'] },
    brands: ['Maison Aurelle', 'Atelier Rivoli'], price: [850, 4800], count: 50,
    care: { en: 'Store in its dust bag, stuffed to keep its shape. Keep away from rain and direct sun; wipe with a dry soft cloth. Leather care service in store.',
      fr: 'Rangez-le dans sa housse, rembourré pour garder sa forme. Tenez-le à l’abri de la pluie et du soleil ; essuyez-le avec un chiffon doux et sec. Service d’entretien du cuir en boutique.' },
    attrs: (r, l) => ({ colour: r.pick(COLOURS), material: r.pick(inLanguage(l, { en: ['Calfskin', 'Lambskin', 'Grained leather', 'Canvas and leather', 'Suede'], fr: ['Veau', 'Agneau', 'Cuir grainé', 'Toile et cuir', 'Daim'] })) }) },
  { category: 'Shoes', subcategory: { en: 'Shoes', fr: 'Chaussures' },
    names: { en: ['Ballerina Opéra', 'Pump Vendôme', 'Loafer Saint-Germain', 'Ankle boot Lyon', 'Sandal Riviera', 'Sneaker Marais', 'Mule Palais', 'Derby Haussmann'],
      fr: ['Ballerine Opéra', 'Escarpin Vendôme', 'Mocassin Saint-Germain', 'Bottine Lyon', 'Sandale Riviera', 'Basket Marais', 'Mule Palais', 'Derby Haussmann'] },
    brands: ['Maison Aurelle', 'Céleste'], price: [390, 1250], count: 50,
    care: { en: 'Use shoe trees, let rest a day between wears. Protect leather soles before the first wear; resole at our atelier.',
      fr: 'Utilisez des embauchoirs et laissez-les reposer un jour entre deux ports. Protégez les semelles en cuir avant le premier port ; ressemelage dans notre atelier.' },
    attrs: (r, l) => ({ colour: r.pick(COLOURS), material: r.pick(inLanguage(l, { en: ['Calfskin', 'Patent leather', 'Suede', 'Satin'], fr: ['Veau', 'Cuir verni', 'Daim', 'Satin'] })), sizes: '35-42' }) },
  { category: 'Jewellery', subcategory: { en: 'Fine jewellery', fr: 'Joaillerie' },
    names: { en: ['Solitaire ring', 'Eternity band', 'Tennis bracelet', 'Drop earrings', 'Pendant necklace', 'Signet ring', 'Hoop earrings', 'Charm bracelet', 'Cocktail ring'],
      fr: ['Bague solitaire', 'Alliance tour complet', 'Bracelet rivière', 'Pendants d’oreilles', 'Collier pendentif', 'Chevalière', 'Créoles', 'Bracelet à breloques', 'Bague cocktail'] },
    brands: ['Aurelle Joaillerie', 'Vendôme Atelier'], price: [320, 14500], count: 65,
    care: { en: 'Store each piece separately in its pouch. Remove before swimming or applying perfume; clean with warm soapy water and a soft brush. Free yearly check and polish in store.',
      fr: 'Rangez chaque pièce séparément dans sa pochette. Retirez-la avant de nager ou de vous parfumer ; nettoyez-la à l’eau tiède savonneuse avec une brosse douce. Contrôle et polissage annuels offerts en boutique.' },
    attrs: (r, l) => ({ metal: r.pick(inLanguage(l, METALS)), stone: r.pick(inLanguage(l, STONES)) }) },
  { category: 'Ready-to-wear', subcategory: { en: 'Clothing', fr: 'Vêtements' },
    names: { en: ['Silk blouse', 'Cashmere sweater', 'Wool coat', 'Tailored blazer', 'Pleated skirt', 'Wide-leg trousers', 'Wrap dress', 'Trench coat', 'Shirt dress', 'Knit cardigan'],
      fr: ['Blouse en soie', 'Pull en cachemire', 'Manteau en laine', 'Blazer ajusté', 'Jupe plissée', 'Pantalon large', 'Robe portefeuille', 'Trench', 'Robe chemise', 'Cardigan en maille'] },
    brands: ['Maison Aurelle', 'Atelier Rivoli', 'Céleste'], price: [240, 3200], count: 70,
    care: { en: 'Dry clean only. Steam rather than iron; hang on a wide hanger. Store knitwear folded with cedar.',
      fr: 'Nettoyage à sec uniquement. Défroissez à la vapeur plutôt qu’au fer ; suspendez sur un cintre large. Rangez la maille pliée, avec du cèdre.' },
    attrs: (r, l) => ({ colour: r.pick(COLOURS), material: r.pick(inLanguage(l, { en: ['Silk', 'Cashmere', 'Virgin wool', 'Cotton poplin', 'Linen'], fr: ['Soie', 'Cachemire', 'Laine vierge', 'Popeline de coton', 'Lin'] })), sizes: '34-46' }) },
  { category: 'Accessories', subcategory: { en: 'Small leather goods and silk', fr: 'Petite maroquinerie et soie' },
    names: { en: ['Silk twill scarf', 'Card holder', 'Leather belt', 'Compact wallet', 'Cashmere stole', 'Sunglasses', 'Key ring', 'Leather gloves'],
      fr: ['Carré en twill de soie', 'Porte-cartes', 'Ceinture en cuir', 'Portefeuille compact', 'Étole en cachemire', 'Lunettes de soleil', 'Porte-clés', 'Gants en cuir'] },
    brands: ['Maison Aurelle', 'Atelier Rivoli'], price: [95, 650], count: 45,
    care: { en: 'Silk: dry clean, store rolled. Leather: keep away from water and heat; nourish twice a year.',
      fr: 'Soie : nettoyage à sec, à ranger roulée. Cuir : à tenir à l’écart de l’eau et de la chaleur ; à nourrir deux fois par an.' },
    attrs: (r) => ({ colour: r.pick(COLOURS) }) },
  { category: 'Beauty', subcategory: { en: 'Fragrance and skincare', fr: 'Parfums et soins' },
    names: { en: ['Eau de parfum Lumière', 'Eau de parfum Nuit', 'Hand cream', 'Face serum', 'Lipstick', 'Scented candle', 'Body lotion', 'Night cream'],
      fr: ['Eau de parfum Lumière', 'Eau de parfum Nuit', 'Crème pour les mains', 'Sérum visage', 'Rouge à lèvres', 'Bougie parfumée', 'Lait pour le corps', 'Crème de nuit'] },
    brands: ['Orsay Parfums', 'Maison Aurelle'], price: [38, 260], count: 30,
    care: { en: 'Keep away from heat and light; use within 12 months of opening.', fr: 'À conserver à l’abri de la chaleur et de la lumière ; à utiliser dans les 12\u00a0mois suivant l’ouverture.' },
    attrs: (r) => ({ volume: r.pick(['30 ml', '50 ml', '100 ml']) }) },
];

/** The families, by their English category: what the demo's customers favour and buy. */
export const CATEGORIES = FAMILIES.map((f) => f.category);

/** A jewel's variant: "yellow gold, diamond" / "or jaune, diamant". */
function jewelVariant(metal: string, stone: string, language: DemoLanguage): string {
  if (language === 'fr') return `${metal.replace(/ 18 carats$/, '').toLowerCase()}, ${stone}`;
  return `${metal.split(' ')[0].toLowerCase()} gold, ${stone}`.replace('sterling gold', 'silver');
}

export function demoCatalogue(rng: Rng, today: Date, language: DemoLanguage = 'en'): DemoProduct[] {
  const out: DemoProduct[] = [];
  const le = { language };
  for (const fam of FAMILIES) {
    const code = fam.category.slice(0, 3).toUpperCase();
    const names = inLanguage(le, fam.names);
    for (let i = 0; i < fam.count; i++) {
      const attributes = fam.attrs(rng, le);
      const base = names[i % names.length];
      const variant = attributes.colour ?? (attributes.stone ? jewelVariant(attributes.metal, attributes.stone, language) : attributes.volume);
      // Price bands lean to the low end, as real assortments do; rounded to tens (or to 5 below 100).
      const [lo, hi] = fam.price;
      const raw = lo + (hi - lo) * Math.pow(rng.next(), 2.2);
      const price = raw < 100 ? Math.round(raw / 5) * 5 : Math.round(raw / 10) * 10;
      // About one product in twelve arrived in the last two weeks: new arrival prompts need them.
      const ageDays = rng.chance(0.085) ? rng.int(0, 13) : rng.int(15, 730);
      out.push({
        sku: `${code}-${String(i + 1).padStart(4, '0')}`, name: `${base} — ${variant}`, family: fam.category, category: categoryName(fam.category, language),
        subcategory: inLanguage(le, fam.subcategory), brand: rng.pick(fam.brands), priceMinor: price * 100,
        arrivalDate: new Date(today.getTime() - ageDays * 86_400_000).toISOString().slice(0, 10), attributes, careInstructions: inLanguage(le, fam.care),
      });
    }
  }
  return out;
}

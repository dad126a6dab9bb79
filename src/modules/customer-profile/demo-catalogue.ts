import type { Rng } from '../demo/random.ts';

// A fashion and jewellery house's catalogue: categories, brands, realistic price bands, arrivals and care instructions.

export interface DemoProduct {
  sku: string; name: string; category: string; subcategory: string; brand: string; priceMinor: number; arrivalDate: string;
  attributes: Record<string, string>; careInstructions: string;
}

const COLOURS = ['Noir', 'Ivoire', 'Camel', 'Bordeaux', 'Bleu nuit', 'Vert sauge', 'Rose poudré', 'Cognac', 'Gris perle', 'Rouge'];
const METALS = ['Yellow gold 18k', 'White gold 18k', 'Rose gold 18k', 'Sterling silver'];
const STONES = ['diamond', 'sapphire', 'emerald', 'pearl', 'ruby', 'onyx'];

interface Family { category: string; subcategory: string; names: string[]; brands: string[]; price: [number, number]; care: string; attrs: (rng: Rng) => Record<string, string>; count: number }

const FAMILIES: Family[] = [
  { category: 'Handbags', subcategory: 'Bags', names: ['Le Petit Sac', 'Tote Marais', 'Clutch Opéra', 'Bucket bag Sienne', 'Shoulder bag Camille', 'Crossbody Bellecour', 'Top handle Rivoli', 'Hobo Montaigne'],
    brands: ['Maison Aurelle', 'Atelier Rivoli'], price: [850, 4800], count: 50,
    care: 'Store in its dust bag, stuffed to keep its shape. Keep away from rain and direct sun; wipe with a dry soft cloth. Leather care service in store.',
    attrs: (r) => ({ colour: r.pick(COLOURS), material: r.pick(['Calfskin', 'Lambskin', 'Grained leather', 'Canvas and leather', 'Suede']) }) },
  { category: 'Shoes', subcategory: 'Shoes', names: ['Ballerina Opéra', 'Pump Vendôme', 'Loafer Saint-Germain', 'Ankle boot Lyon', 'Sandal Riviera', 'Sneaker Marais', 'Mule Palais', 'Derby Haussmann'],
    brands: ['Maison Aurelle', 'Céleste'], price: [390, 1250], count: 50,
    care: 'Use shoe trees, let rest a day between wears. Protect leather soles before the first wear; resole at our atelier.',
    attrs: (r) => ({ colour: r.pick(COLOURS), material: r.pick(['Calfskin', 'Patent leather', 'Suede', 'Satin']), sizes: '35-42' }) },
  { category: 'Jewellery', subcategory: 'Fine jewellery', names: ['Solitaire ring', 'Eternity band', 'Tennis bracelet', 'Drop earrings', 'Pendant necklace', 'Signet ring', 'Hoop earrings', 'Charm bracelet', 'Cocktail ring'],
    brands: ['Aurelle Joaillerie', 'Vendôme Atelier'], price: [320, 14500], count: 65,
    care: 'Store each piece separately in its pouch. Remove before swimming or applying perfume; clean with warm soapy water and a soft brush. Free yearly check and polish in store.',
    attrs: (r) => ({ metal: r.pick(METALS), stone: r.pick(STONES) }) },
  { category: 'Ready-to-wear', subcategory: 'Clothing', names: ['Silk blouse', 'Cashmere sweater', 'Wool coat', 'Tailored blazer', 'Pleated skirt', 'Wide-leg trousers', 'Wrap dress', 'Trench coat', 'Shirt dress', 'Knit cardigan'],
    brands: ['Maison Aurelle', 'Atelier Rivoli', 'Céleste'], price: [240, 3200], count: 70,
    care: 'Dry clean only. Steam rather than iron; hang on a wide hanger. Store knitwear folded with cedar.',
    attrs: (r) => ({ colour: r.pick(COLOURS), material: r.pick(['Silk', 'Cashmere', 'Virgin wool', 'Cotton poplin', 'Linen']), sizes: '34-46' }) },
  { category: 'Accessories', subcategory: 'Small leather goods and silk', names: ['Silk twill scarf', 'Card holder', 'Leather belt', 'Compact wallet', 'Cashmere stole', 'Sunglasses', 'Key ring', 'Leather gloves'],
    brands: ['Maison Aurelle', 'Atelier Rivoli'], price: [95, 650], count: 45,
    care: 'Silk: dry clean, store rolled. Leather: keep away from water and heat; nourish twice a year.',
    attrs: (r) => ({ colour: r.pick(COLOURS) }) },
  { category: 'Beauty', subcategory: 'Fragrance and skincare', names: ['Eau de parfum Lumière', 'Eau de parfum Nuit', 'Hand cream', 'Face serum', 'Lipstick', 'Scented candle', 'Body lotion', 'Night cream'],
    brands: ['Orsay Parfums', 'Maison Aurelle'], price: [38, 260], count: 30,
    care: 'Keep away from heat and light; use within 12 months of opening.',
    attrs: (r) => ({ volume: r.pick(['30 ml', '50 ml', '100 ml']) }) },
];

export const CATEGORIES = FAMILIES.map((f) => f.category);

export function demoCatalogue(rng: Rng, today: Date): DemoProduct[] {
  const out: DemoProduct[] = [];
  for (const fam of FAMILIES) {
    const code = fam.category.slice(0, 3).toUpperCase();
    for (let i = 0; i < fam.count; i++) {
      const attributes = fam.attrs(rng);
      const base = fam.names[i % fam.names.length];
      const variant = attributes.colour ?? (attributes.stone ? `${attributes.metal.split(' ')[0].toLowerCase()} gold, ${attributes.stone}`.replace('sterling gold', 'silver') : attributes.volume);
      // Price bands lean to the low end, as real assortments do; rounded to tens (or to 5 below 100).
      const [lo, hi] = fam.price;
      const raw = lo + (hi - lo) * Math.pow(rng.next(), 2.2);
      const price = raw < 100 ? Math.round(raw / 5) * 5 : Math.round(raw / 10) * 10;
      // About one product in twelve arrived in the last two weeks: new arrival prompts need them.
      const ageDays = rng.chance(0.085) ? rng.int(0, 13) : rng.int(15, 730);
      out.push({
        sku: `${code}-${String(i + 1).padStart(4, '0')}`, name: `${base} — ${variant}`, category: fam.category, subcategory: fam.subcategory,
        brand: rng.pick(fam.brands), priceMinor: price * 100, arrivalDate: new Date(today.getTime() - ageDays * 86_400_000).toISOString().slice(0, 10),
        attributes, careInstructions: fam.care,
      });
    }
  }
  return out;
}

// Respecting what the customer told the associate: her sizes filter, her brands and categories lift,
// her dietary exclusions remove products whose attributes say they contain the excluded ingredient.
import type { PreferenceRow, ProductRow } from './queries.ts';

export interface PreferenceIndex {
  /** Size kind (normalised qualifier, '' = any kind) → accepted sizes (normalised). */
  sizes: Map<string, Set<string>>;
  brands: Set<string>;
  categories: Set<string>;
  /** Ingredients she avoids, normalised ("no nuts", "nut-free" → "nut"). */
  avoids: Set<string>;
}

const norm = (s: string) => s.trim().toLowerCase().normalize('NFD').replace(/[\u0300-\u036f]/g, '');
/** "Shoes" and "shoe", "Rings" and "ring" name the same size kind. */
const kind = (s: string) => norm(s).replace(/[\s_-]+/g, ' ').replace(/(e?s)$/, '');

/** "No nuts", "nut-free", "nuts free", "without gluten", "allergic to peanuts" → the ingredient. */
export function excludedIngredient(value: string): string {
  let v = norm(value).replace(/^(no|without|avoid|avoids|allergic to|allergy:?)\s+/, '').replace(/[\s-]*free$/, '');
  v = v.replace(/[\s-]+/g, ' ').trim();
  return ingredient(v);
}
const ingredient = (s: string) => norm(s).replace(/[\s-]+/g, ' ').replace(/(e?s)$/, '');

export function indexPreferences(rows: readonly PreferenceRow[]): PreferenceIndex {
  const idx: PreferenceIndex = { sizes: new Map(), brands: new Set(), categories: new Set(), avoids: new Set() };
  for (const r of rows) {
    if (r.kind === 'size') {
      const k = kind(r.qualifier);
      let set = idx.sizes.get(k);
      if (!set) idx.sizes.set(k, (set = new Set()));
      set.add(norm(r.value));
    } else if (r.kind === 'brand') idx.brands.add(norm(r.value));
    else if (r.kind === 'category') idx.categories.add(norm(r.value));
    else if (r.kind === 'dietary') {
      const what = excludedIngredient(r.value);
      if (what) idx.avoids.add(what);
      // Diets that imply exclusions products commonly declare.
      if (what === 'vegan') ['meat', 'fish', 'milk', 'egg', 'dairy', 'honey', 'gelatin'].forEach((x) => idx.avoids.add(x));
      if (what === 'vegetarian') ['meat', 'fish', 'gelatin'].forEach((x) => idx.avoids.add(x));
      if (what === 'lactose' || what === 'dairy') ['milk', 'dairy', 'lactose'].forEach((x) => idx.avoids.add(x));
    }
  }
  return idx;
}

/** The size kinds a product's size belongs to: an explicit attribute, else its subcategory and category. */
function productSizeKinds(p: Pick<ProductRow, 'category' | 'subcategory' | 'attributes'>): string[] {
  const a = p.attributes ?? {};
  const explicit = a.sizeType ?? a.sizeKind ?? a.size_type;
  if (explicit) return [kind(explicit)];
  return [p.subcategory, p.category].filter((x): x is string => !!x).map(kind);
}

/**
 * False when the product cannot suit her: a sized product in a size kind where she has sizes on record
 * but none matches, or a product containing an ingredient she avoids. Unsized products always pass.
 */
export function allowedByPreferences(p: Pick<ProductRow, 'category' | 'subcategory' | 'attributes'>, prefs: PreferenceIndex): boolean {
  const attrs = p.attributes ?? {};
  const size = attrs.size;
  if (size && prefs.sizes.size > 0) {
    const kinds = productSizeKinds(p);
    // Only sizes of the same kind apply: her ring size says nothing about her shoes.
    const accepted = kinds.map((k) => prefs.sizes.get(k)).find((s) => s !== undefined);
    if (accepted && !accepted.has(norm(size))) return false;
  }
  if (attrs.contains && prefs.avoids.size > 0) {
    const contains = attrs.contains.split(/[,;]/).map(ingredient).filter(Boolean);
    // Substring on purpose: a nut allergy excludes hazelnuts and peanuts; over-excluding is the safe side.
    if (contains.some((c) => [...prefs.avoids].some((a) => c.includes(a)))) return false;
  }
  return true;
}

/** A preferred brand or category lifts a suggestion above equally strong ones. */
export function preferenceBoost(p: Pick<ProductRow, 'brand' | 'category'>, prefs: PreferenceIndex): number {
  let boost = 0;
  if (p.brand && prefs.brands.has(norm(p.brand))) boost += 0.15;
  if (prefs.categories.has(norm(p.category))) boost += 0.1;
  return boost;
}

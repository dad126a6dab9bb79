import { describe, it, expect } from 'vitest';
import { allowedByPreferences, excludedIngredient, indexPreferences, preferenceBoost } from './preference-filter.ts';

const product = (category: string, attributes: Record<string, string> = {}, subcategory: string | null = null) => ({ category, subcategory, attributes });

describe('preference filter', () => {
  it('reads dietary exclusions the way associates write them', () => {
    expect(['No nuts', 'nut-free', 'Nuts free', 'without nuts', 'allergic to nuts'].map(excludedIngredient)).toEqual(['nut', 'nut', 'nut', 'nut', 'nut']);
  });

  it('removes products that contain what she avoids, keeps the rest', () => {
    const prefs = indexPreferences([{ kind: 'dietary', qualifier: '', value: 'No nuts' }]);
    expect(allowedByPreferences(product('Chocolate', { contains: 'milk, cocoa' }), prefs)).toBe(true);
    expect(allowedByPreferences(product('Chocolate', { contains: 'milk, nuts' }), prefs)).toBe(false);
    // A nut allergy also rules out hazelnuts and peanuts.
    expect(allowedByPreferences(product('Chocolate', { contains: 'milk; Hazelnuts' }), prefs)).toBe(false);
    expect(allowedByPreferences(product('Snacks', { contains: 'peanut' }), prefs)).toBe(false);
    const vegan = indexPreferences([{ kind: 'dietary', qualifier: '', value: 'vegan' }]);
    expect(allowedByPreferences(product('Chocolate', { contains: 'Milk' }), vegan)).toBe(false);
    expect(allowedByPreferences(product('Chocolate', { contains: 'cocoa' }), vegan)).toBe(true);
  });

  it('applies a size only to products of the same size kind', () => {
    const prefs = indexPreferences([{ kind: 'size', qualifier: 'shoes', value: '38' }, { kind: 'size', qualifier: 'ring', value: '52' }]);
    expect(allowedByPreferences(product('Shoes', { size: '38' }), prefs)).toBe(true);
    expect(allowedByPreferences(product('Shoes', { size: '39' }), prefs)).toBe(false);
    expect(allowedByPreferences(product('Jewellery', { size: '50' }, 'Rings'), prefs)).toBe(false);
    expect(allowedByPreferences(product('Jewellery', { size: '50', sizeType: 'bracelet' }), prefs)).toBe(true);
    expect(allowedByPreferences(product('Ready-to-wear', { size: 'M' }), prefs)).toBe(true);
    expect(allowedByPreferences(product('Shoes'), prefs)).toBe(true);
  });

  it('lifts her brands and categories', () => {
    const prefs = indexPreferences([{ kind: 'brand', qualifier: '', value: 'Aurelle' }, { kind: 'category', qualifier: '', value: 'Handbags' }]);
    expect(preferenceBoost({ brand: 'aurelle', category: 'Handbags' }, prefs)).toBeCloseTo(0.25);
    expect(preferenceBoost({ brand: 'Other', category: 'Shoes' }, prefs)).toBe(0);
  });
});

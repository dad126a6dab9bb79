/** The fields a template may use, as {{group.field}}; the preview shows them filled for one customer. */
export const TEMPLATE_FIELDS = {
  customer: ['firstName', 'lastName', 'fullName', 'accountNumber', 'salutation'],
  associate: ['name', 'firstName', 'jobTitle', 'email'],
  store: ['name', 'city', 'address', 'phone', 'email'],
  product: ['name', 'brand', 'category', 'price', 'careInstructions'],
} as const;

export type TemplateContext = { [G in keyof typeof TEMPLATE_FIELDS]?: Partial<Record<(typeof TEMPLATE_FIELDS)[G][number], string | null>> };

const PLACEHOLDER = /\{\{\s*([a-zA-Z]+)\.([a-zA-Z]+)\s*\}\}/g;

/**
 * A wording that depends on how the customer is addressed: {{#salutation}}formal|otherwise{{/salutation}} writes the
 * part before "|" when the customer has a salutation in their language (Mr, Ms, Mx; Monsieur, Madame) and the part
 * after it (a gender-neutral wording) when not. Without "|", the block writes nothing for a customer without one.
 */
const SALUTATION_BLOCK = /\{\{\s*#salutation\s*\}\}([\s\S]*?)\{\{\s*\/salutation\s*\}\}/g;

/** How a salutation is written in the customer's language; French has no established form of Mx, so it gets the neutral wording. */
const SALUTATION_WORDS: Record<'en' | 'fr', Record<string, string>> = {
  en: { mr: 'Mr', ms: 'Ms', mx: 'Mx' },
  fr: { mr: 'Monsieur', ms: 'Madame' },
};
export function salutationWord(salutation: string | null | undefined, language: string): string | null {
  if (!salutation) return null;
  return SALUTATION_WORDS[language.toLowerCase().startsWith('fr') ? 'fr' : 'en'][salutation] ?? null;
}

function chooseSalutationForms(text: string, ctx: TemplateContext): string {
  const formal = !!ctx.customer?.salutation;
  return text.replace(SALUTATION_BLOCK, (_all, inner: string) => {
    const bar = inner.indexOf('|');
    const [withSalutation, without] = bar < 0 ? [inner, ''] : [inner.slice(0, bar), inner.slice(bar + 1)];
    return formal ? withSalutation : without;
  });
}

/** Placeholders that are not known fields (a typo in a template would otherwise reach the customer as "{{custmer.firstName}}"). */
export function unknownFields(text: string): string[] {
  const bad: string[] = [];
  for (const m of text.matchAll(PLACEHOLDER)) {
    const fields = TEMPLATE_FIELDS[m[1] as keyof typeof TEMPLATE_FIELDS] as readonly string[] | undefined;
    if (!fields || !fields.includes(m[2])) bad.push(`${m[1]}.${m[2]}`);
  }
  // A salutation block's markers are known; an unclosed or stray one is reported as it is written.
  const stray = text.replace(SALUTATION_BLOCK, (_all, inner: string) => inner).replace(PLACEHOLDER, '').match(/\{\{[^}]*\}\}/g);
  return [...bad, ...(stray ?? [])];
}

/** Fills the placeholders; fields without a value become empty and are reported as missing. */
export function renderTemplate(text: string, ctx: TemplateContext): { text: string; missing: string[] } {
  const missing: string[] = [];
  const out = chooseSalutationForms(text, ctx).replace(PLACEHOLDER, (_all, group: string, field: string) => {
    const v = (ctx as Record<string, Record<string, string | null | undefined> | undefined>)[group]?.[field];
    if (v == null || v === '') {
      missing.push(`${group}.${field}`);
      return '';
    }
    return v;
  });
  return { text: out, missing: [...new Set(missing)] };
}

const escapeHtml = (s: string) => s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);

/** A plain HTML version of a text email: paragraphs and line breaks, everything escaped. */
export function textToHtml(text: string): string {
  return text.split(/\n{2,}/).map((p) => `<p>${escapeHtml(p).replace(/\n/g, '<br>')}</p>`).join('\n');
}


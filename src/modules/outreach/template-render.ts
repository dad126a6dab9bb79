/** The fields a template may use, as {{group.field}}; the preview shows them filled for one customer. */
export const TEMPLATE_FIELDS = {
  customer: ['firstName', 'lastName', 'fullName', 'accountNumber'],
  associate: ['name', 'firstName', 'jobTitle', 'email'],
  store: ['name', 'city', 'address', 'phone', 'email'],
  product: ['name', 'brand', 'category', 'price', 'careInstructions'],
} as const;

export type TemplateContext = { [G in keyof typeof TEMPLATE_FIELDS]?: Partial<Record<(typeof TEMPLATE_FIELDS)[G][number], string | null>> };

const PLACEHOLDER = /\{\{\s*([a-zA-Z]+)\.([a-zA-Z]+)\s*\}\}/g;

/** Placeholders that are not known fields (a typo in a template would otherwise reach the customer as "{{custmer.firstName}}"). */
export function unknownFields(text: string): string[] {
  const bad: string[] = [];
  for (const m of text.matchAll(PLACEHOLDER)) {
    const fields = TEMPLATE_FIELDS[m[1] as keyof typeof TEMPLATE_FIELDS] as readonly string[] | undefined;
    if (!fields || !fields.includes(m[2])) bad.push(`${m[1]}.${m[2]}`);
  }
  const stray = text.replace(PLACEHOLDER, '').match(/\{\{[^}]*\}\}/g);
  return [...bad, ...(stray ?? [])];
}

/** Fills the placeholders; fields without a value become empty and are reported as missing. */
export function renderTemplate(text: string, ctx: TemplateContext): { text: string; missing: string[] } {
  const missing: string[] = [];
  const out = text.replace(PLACEHOLDER, (_all, group: string, field: string) => {
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


// A field a validation problem names by its API path ("lines.0.sku", "body.email") in the words of the form the user
// is on, else in the catalogue's (formField), else spelt out: "line 1 · SKU" / "ligne 1 · référence", never the raw path.
import { i18next } from '../i18n/i18n.ts';

/** A form's own labels by API path: "email", or "lines.*.sku" for every line's SKU. */
export type FieldLabels = Record<string, string>;

// Where the server says the problem was (the request's body, query or path parameters), not a field.
const WHERE = /^(body|querystring|params|headers?)\./;
const WHOLE = new Set(['querystring', 'params', 'headers', 'header']);

const t = (key: string, params?: Record<string, string | number>) => (i18next.t as unknown as (key: string, params?: object) => string)(key, params);
const known = (key: string) => i18next.exists(key, { lng: 'en' });

/** A name no catalogue knows, spelt out: "startsAt" → "starts at", "content-type" → "content type". */
export function spelt(name: string): string {
  return name.replace(/([a-z0-9])([A-Z])/g, '$1 $2').replace(/[-_]+/g, ' ').toLowerCase().trim() || name;
}

/**
 * The words for a field path: the form's label for the path (its indices as "*"), else each part in turn, a list's
 * element numbered from 1 ("line 1"), joined by " · ". Null when the problem names no field (the whole query string).
 */
export function fieldLabel(path: string, labels: FieldLabels = {}): string | null {
  const field = path.replace(WHERE, '');
  if (!field || WHOLE.has(field)) return null;
  const starred = field.replace(/\.\d+(?=\.|$)/g, '.*');
  if (labels[field] ?? labels[starred]) return labels[field] ?? labels[starred];
  const segments = field.split('.');
  const parts: string[] = [];
  for (let i = 0; i < segments.length; i++) {
    const name = segments[i];
    const index = segments[i + 1];
    const soFar = segments.slice(0, i + 1).join('.').replace(/\.\d+(?=\.|$)/g, '.*');
    if (index !== undefined && /^\d+$/.test(index)) {
      const item = labels[`${soFar}.*`] ?? (known(`formField.item.${name}`) ? t(`formField.item.${name}`) : nameOf(name, labels[soFar]));
      parts.push(t('formField.numbered', { name: item, n: Number(index) + 1 }));
      i++;
    } else if (/^\d+$/.test(name)) {
      parts.push(t('formField.numbered', { name: '', n: Number(name) + 1 }).trim());
    } else {
      parts.push(nameOf(name, labels[soFar]));
    }
  }
  return parts.join(' · ');
}

function nameOf(name: string, label: string | undefined): string {
  if (label) return label;
  return known(`formField.name.${name}`) ? t(`formField.name.${name}`) : spelt(name);
}

import { afterEach, describe, expect, it } from 'vitest';
import { i18next } from '../../web/src/i18n/i18n.ts';
import { fieldLabel, spelt } from '../../web/src/lib/field-label.ts';
import { ApiError } from '../../web/src/lib/api.ts';
import { errorText } from '../../web/src/lib/error-note.tsx';

const refused = (field?: string) => new ApiError(400, { code: 'validation', detail: `body ${field}: must match format "email"`, ...(field ? { field } : {}) });

describe('a field a validation problem names by its API path', () => {
  afterEach(async () => { await i18next.changeLanguage('en'); });

  it('reads as words in English: the catalogue’s, a list’s element numbered from 1, any other name spelt out', () => {
    expect(fieldLabel('lines.0.sku')).toBe('line 1 · SKU');
    expect(fieldLabel('body.email')).toBe('email address');
    expect(fieldLabel('customerIds.2')).toBe('customer 3');
    expect(fieldLabel('introduction.templateId')).toBe('introduction · template');
    expect(fieldLabel('startsAt')).toBe('start');
    expect(fieldLabel('preferredStoreCode')).toBe('preferred store code');
    expect(fieldLabel('querystring.cardMeasureKeys.1')).toBe('card measure keys 2');
    expect(spelt('content-type')).toBe('content type');
  });

  it('reads as words in French', async () => {
    await i18next.changeLanguage('fr');
    expect(fieldLabel('lines.0.sku')).toBe('ligne 1 · référence');
    expect(fieldLabel('body.email')).toBe('adresse e-mail');
    expect(fieldLabel('productIds.0')).toBe('produit 1');
    expect(fieldLabel('activityTypeId')).toBe('type d’activité');
  });

  it("takes the form's own labels first, by path or with the list's indices as *", () => {
    expect(fieldLabel('body', { body: 'Note' })).toBe('Note');
    expect(fieldLabel('body.visibility', { visibility: 'Visible to' })).toBe('Visible to');
    expect(fieldLabel('lines.3.quantity', { 'lines.*.quantity': 'Quantity of the line' })).toBe('Quantity of the line');
    expect(fieldLabel('lines.3.quantity', { 'lines.*': 'Article', quantity: 'Qty' })).toBe('Article 4 · quantity');
    expect(fieldLabel('introduction.body', { introduction: 'Introduction message' })).toBe('Introduction message · text');
  });

  it('names no field when the problem is about the whole query string', () => {
    expect(fieldLabel('querystring')).toBeNull();
    expect(fieldLabel('')).toBeNull();
  });

  it('puts the label, never the path, in the sentence the user reads', async () => {
    expect(errorText(refused('lines.0.sku'))).toBe('Please check “line 1 · SKU”: it is missing or not valid.');
    expect(errorText(refused('body'), { body: 'Note' })).toBe('Please check “Note”: it is missing or not valid.');
    expect(errorText(refused('querystring'))).toBe('Please check the form: a field is missing or not valid.');
    await i18next.changeLanguage('fr');
    expect(errorText(refused('lines.0.sku'))).toBe('Vérifiez «\u00a0ligne 1 · référence\u00a0»\u00a0: ce champ manque ou n’est pas valide.');
    expect(errorText(refused('startsAt'), { startsAt: 'Heure du rendez-vous' })).toBe('Vérifiez «\u00a0Heure du rendez-vous\u00a0»\u00a0: ce champ manque ou n’est pas valide.');
  });
});

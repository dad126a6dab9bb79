import { describe, expect, it } from 'vitest';
import { renderTemplate, unknownFields, textToHtml, salutationWord } from './template-render.ts';

describe('template rendering', () => {
  it('fills customer, associate, store and product fields', () => {
    const r = renderTemplate('Dear {{customer.firstName}}, the {{ product.name }} is in at {{store.name}}. {{associate.firstName}}', {
      customer: { firstName: 'Léa' }, product: { name: 'Cashmere coat' }, store: { name: 'Aurelle Opéra' }, associate: { firstName: 'Camille' },
    });
    expect(r.text).toBe('Dear Léa, the Cashmere coat is in at Aurelle Opéra. Camille');
    expect(r.missing).toEqual([]);
  });

  it('reports fields without a value instead of sending the placeholder', () => {
    const r = renderTemplate('Hello {{customer.firstName}}, about {{product.name}} and {{product.name}}', { customer: { firstName: 'Tom' } });
    expect(r.text).toBe('Hello Tom, about  and ');
    expect(r.missing).toEqual(['product.name']);
  });

  it('finds unknown or malformed placeholders', () => {
    expect(unknownFields('Hi {{custmer.firstName}} {{customer.shoeSize}} {{ oops }} {{customer.firstName}}')).toEqual([
      'custmer.firstName', 'customer.shoeSize', '{{ oops }}',
    ]);
  });

  it('escapes HTML in the email version', () => {
    expect(textToHtml('A <b>\n\nB & C')).toBe('<p>A &lt;b&gt;</p>\n<p>B &amp; C</p>');
  });

  it('picks the formal or the neutral wording by the customer\'s salutation, in their language', () => {
    const tpl = '{{#salutation}}Dear {{customer.salutation}} {{customer.lastName}}|Hello {{customer.firstName}}{{/salutation}}, welcome{{#salutation}} back{{/salutation}}.';
    const as = (salutation: string | null, language: string) => renderTemplate(tpl, { customer: { firstName: 'Alex', lastName: 'Martin', salutation: salutationWord(salutation, language) } });
    expect(as('ms', 'en')).toEqual({ text: 'Dear Ms Martin, welcome back.', missing: [] });
    expect(as('mx', 'en')).toEqual({ text: 'Dear Mx Martin, welcome back.', missing: [] });
    expect(as(null, 'en')).toEqual({ text: 'Hello Alex, welcome.', missing: [] });
    expect(salutationWord('ms', 'fr')).toBe('Madame');
    expect(salutationWord('mr', 'fr-FR')).toBe('Monsieur');
    // French has no established title for Mx: the neutral wording.
    expect(as('mx', 'fr').text).toBe('Hello Alex, welcome.');
    expect(unknownFields(tpl)).toEqual([]);
    expect(unknownFields('{{#salutation}}Dear {{customer.salutation}}')).toEqual(['{{#salutation}}']);
    expect(unknownFields('{{#salutation}}Dear {{customr.salutation}}|Hi{{/salutation}}')).toEqual(['customr.salutation']);
  });
});

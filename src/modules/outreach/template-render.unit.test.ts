import { describe, expect, it } from 'vitest';
import { renderTemplate, unknownFields, textToHtml } from './template-render.ts';

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
});

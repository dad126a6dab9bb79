import { describe, it, expect } from 'vitest';
import { deliveryReason, deliveryReasonText, DELIVERY_REASON_KEYS, PROVIDER_REFUSAL_KEYS } from './delivery-reasons.ts';
import { render } from '../../../test/server-text.ts';
import { en } from '../../../web/src/i18n/en.ts';

describe('why a message was not delivered, in plain words', () => {
  it('says what the stored suppression reason and provider refusal code mean', () => {
    expect(deliveryReason({ status: 'suppressed', channel: 'sms', suppressedReason: 'no-consent', lastError: null }))
      .toBe('Not sent: the customer has not agreed to receive messages by text message.');
    expect(deliveryReason({ status: 'failed', channel: 'sms', suppressedReason: null, lastError: 'Provider answered 400: {"code":21211,"message":"The \'To\' number is not a valid phone number."}' }))
      .toBe('Not delivered: the mobile number is not a valid phone number.');
    expect(deliveryReason({ status: 'failed', channel: 'whatsapp', suppressedReason: null, lastError: 'Provider answered 400: {"error":{"code":131047}}' }))
      .toMatch(/24 hours/);
    expect(deliveryReason({ status: 'failed', channel: 'email', suppressedReason: null, lastError: 'Email is not configured: set SMTP_URL.' }))
      .toMatch(/no mail server is set up/);
    expect(deliveryReason({ status: 'failed', channel: 'email', suppressedReason: null, lastError: '550 5.1.1 <x@example.test>: Recipient address rejected: User unknown' }))
      .toMatch(/refused the address/);
  });
  it('is empty for a message on its way or sent, and says a retry is coming for a queued one that failed once', () => {
    expect(deliveryReason({ status: 'sent', channel: 'email', suppressedReason: null, lastError: null })).toBeNull();
    expect(deliveryReason({ status: 'queued', channel: 'email', suppressedReason: null, lastError: null })).toBeNull();
    expect(deliveryReason({ status: 'queued', channel: 'sms', suppressedReason: null, lastError: 'Provider unreachable: fetch failed' })).toMatch(/could not be reached\. It will be tried again\./);
  });

  it('names each reason by key: the English catalogue gives the same sentence, the French reads French', () => {
    expect(Object.keys(en.delivery.reason).sort()).toEqual([...DELIVERY_REASON_KEYS].sort());
    expect(Object.keys(en.delivery.provider).sort()).toEqual([...PROVIDER_REFUSAL_KEYS].sort());
    const cases = [
      { status: 'suppressed', channel: 'sms', suppressedReason: 'no-consent', lastError: null },
      { status: 'suppressed', channel: 'email', suppressedReason: 'contact-budget', lastError: null },
      { status: 'failed', channel: 'sms', suppressedReason: null, lastError: 'Provider answered 400: {"code":21211}' },
      { status: 'queued', channel: 'whatsapp', suppressedReason: null, lastError: 'Provider answered 400: {"error":{"code":131047}}' },
      { status: 'failed', channel: 'email', suppressedReason: null, lastError: '550 5.1.1 User unknown' },
      { status: 'queued', channel: 'sms', suppressedReason: null, lastError: 'Provider unreachable: fetch failed' },
      { status: 'failed', channel: 'sms', suppressedReason: null, lastError: 'Provider unreachable: fetch failed' },
      { status: 'failed', channel: 'email', suppressedReason: null, lastError: 'weird answer' },
    ] as const;
    const inLanguage = (lng: 'en' | 'fr', m: (typeof cases)[number]) => {
      const text = deliveryReasonText(m)!;
      return `${render(lng, 'delivery.reason', text)}${text.params.retrying ? ` ${render(lng, 'delivery', { key: 'willRetry' })}` : ''}`;
    };
    for (const m of cases) expect(inLanguage('en', m)).toBe(deliveryReason(m));
    expect(cases.map((m) => inLanguage('fr', m))).toEqual([
      'Non envoyé : le client n’a pas accepté de recevoir des messages par SMS.',
      'Non envoyé : le client a déjà reçu le nombre maximal de messages autorisé cette semaine.',
      'Non remis : le numéro de mobile n’est pas un numéro de téléphone valide.',
      'Non remis : plus de 24 heures se sont écoulées depuis le dernier message du client : seul un modèle WhatsApp approuvé peut être envoyé. Un nouvel essai aura lieu.',
      'Non remis : le serveur de messagerie du client a refusé l’adresse (boîte inconnue ou pleine).',
      'Pas encore envoyé : le service SMS est injoignable. Un nouvel essai aura lieu.',
      'Pas encore envoyé : le service SMS est injoignable. L’envoi a été abandonné après plusieurs tentatives.',
      'Non remis : le service e-mail l’a refusé (weird answer).',
    ]);
  });
});

import { describe, it, expect } from 'vitest';
import { deliveryReason } from './delivery-reasons.ts';

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
});

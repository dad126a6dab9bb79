import { describe, expect, it } from 'vitest';
import { i18next } from '../../web/src/i18n/i18n.ts';
import { timelineDetail } from '../../web/src/features/activities/timeline-title.ts';
import { interactionDetail } from '../../src/modules/customer-profile/timeline-source.ts';

const fr = i18next.getFixedT('fr');
const en = i18next.getFixedT('en');
const shown = (kind: string, data: Record<string, unknown>, t = fr, detail: string | null = 'as the server wrote it') => timelineDetail({ detail, ...interactionDetail(kind, data) }, t);

describe("an interaction's detail on the timeline", () => {
  it('names the kind, status and channel by key, leaving out what it does not have', () => {
    expect(interactionDetail('complaint', { status: 'open', channel: 'phone' })).toEqual({ detailKey: 'interactionStatusChannel', detailParams: { kind: 'complaint', status: 'open', channel: 'phone' } });
    expect(interactionDetail('service-case', { status: 'closed', channel: null })).toEqual({ detailKey: 'interactionStatus', detailParams: { kind: 'service-case', status: 'closed' } });
    expect(interactionDetail('marketing-touch', { status: null, channel: 'sms' })).toEqual({ detailKey: 'interactionChannel', detailParams: { kind: 'marketing-touch', channel: 'sms' } });
    expect(interactionDetail('store-visit', {})).toEqual({ detailKey: 'interaction', detailParams: { kind: 'store-visit' } });
    // An email by email says it once.
    expect(interactionDetail('email', { channel: 'email' })).toEqual({ detailKey: 'interaction', detailParams: { kind: 'email' } });
  });

  it('reads in French and in English', () => {
    expect(shown('complaint', { status: 'open', channel: 'phone' })).toBe('réclamation · ouverte · par téléphone');
    expect(shown('service-case', { status: 'resolved', channel: 'chat' })).toBe('demande de service · résolue · par messagerie en ligne');
    expect(shown('marketing-touch', { channel: 'whatsapp' })).toBe('campagne marketing · par WhatsApp');
    expect(shown('email', { channel: 'email' })).toBe('e-mail');
    expect(shown('complaint', { status: 'pending', channel: 'email' }, en)).toBe('complaint · pending · by email');
  });

  it("shows a source system's own codes as written", () => {
    expect(shown('complaint', { status: 'escalated', channel: 'fax' })).toBe('réclamation · escalated · par fax');
    expect(shown('visio', {})).toBe('visio');
  });

  it("keeps the server's words for a key this build does not know", () => {
    expect(timelineDetail({ detail: 'open · email', detailKey: 'interactionSomethingNew', detailParams: { kind: 'complaint' } }, fr)).toBe('open · email');
  });
});

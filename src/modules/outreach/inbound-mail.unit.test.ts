import { describe, expect, it } from 'vitest';
import { conversationOfAddress, replyAddress, stripQuoted } from './inbound-mail.ts';

describe('email replies', () => {
  it('strip the quoted history: On … wrote, Le … a écrit, > lines and Outlook separators', () => {
    expect(stripQuoted('Yes, Saturday works.\n\nOn Mon, 7 Dec 2026 at 10:00, Camille <camille@aurelle.example> wrote:\n> Would Saturday suit you?\n> Camille')).toBe('Yes, Saturday works.');
    expect(stripQuoted('Parfait, merci !\r\n\r\nLe lun. 7 déc. 2026 à 10:00, Camille <camille@aurelle.example> a écrit :\r\n> Samedi ?')).toBe('Parfait, merci !');
    expect(stripQuoted('See you then.\nOn Mon, 7 Dec 2026 at 10:00, Camille Martin-Delacroix\n<camille@aurelle.example> wrote:\n> Hello')).toBe('See you then.');
    expect(stripQuoted('Thanks!\n\n-----Original Message-----\nFrom: Camille\nSent: Monday\nHello')).toBe('Thanks!');
    expect(stripQuoted('Merci\n\n________________________________\nDe : Camille\nEnvoyé : lundi')).toBe('Merci');
    expect(stripQuoted('Noted.\nFrom: Camille <camille@aurelle.example>\nSent: Monday, 7 December 2026 10:00')).toBe('Noted.');
    expect(stripQuoted('Line one\n> quoted inline\nLine two')).toBe('Line one\nLine two');
  });

  it('name a conversation in a signed address that another key or a changed id does not match', () => {
    const id = '0190f1a2-3b4c-7d5e-8f60-718293a4b5c6';
    const address = replyAddress('k'.repeat(32), id, 'replies.example.test');
    expect(address).toMatch(/^reply\+[0-9a-f]{32}\.[0-9a-f]{16}@replies\.example\.test$/);
    expect(address.split('@')[0].length).toBeLessThanOrEqual(64);
    expect(conversationOfAddress('k'.repeat(32), address, 'replies.example.test')).toBe(id);
    expect(conversationOfAddress('x'.repeat(32), address, 'replies.example.test')).toBeNull();
    expect(conversationOfAddress('k'.repeat(32), address.replace('reply+0', 'reply+1'), 'replies.example.test')).toBeNull();
    expect(conversationOfAddress('k'.repeat(32), address, 'other.example.test')).toBeNull();
  });
});

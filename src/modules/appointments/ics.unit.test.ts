import { describe, it, expect } from 'vitest';
import { buildIcs, foldLine, escapeText } from './ics.ts';

describe('buildIcs', () => {
  const ics = buildIcs({
    uid: 'apt_abc123', startsAt: new Date('2025-03-30T08:00:00Z'), endsAt: new Date('2025-03-30T09:00:00Z'),
    summary: 'Personal shopping, Paris Saint-Honoré', description: 'With Camille; bring: nothing.\nSee you soon',
    location: '231 rue Saint-Honoré, Paris', now: new Date('2025-03-01T12:00:00.123Z'),
  });

  it('has one VEVENT with UTC times and the public id as UID, CRLF line ends', () => {
    expect(ics).toMatch(/^BEGIN:VCALENDAR\r\n/);
    expect(ics.match(/BEGIN:VEVENT/g)).toHaveLength(1);
    expect(ics).toContain('\r\nUID:apt_abc123\r\n');
    expect(ics).toContain('\r\nDTSTART:20250330T080000Z\r\n');
    expect(ics).toContain('\r\nDTEND:20250330T090000Z\r\n');
    expect(ics).toContain('\r\nDTSTAMP:20250301T120000Z\r\n');
    expect(ics.split('\r\n').every((l) => !l.includes('\n'))).toBe(true);
  });

  it('escapes text values', () => {
    expect(ics).toContain('DESCRIPTION:With Camille\\; bring: nothing.\\nSee you soon');
    expect(ics).toContain('LOCATION:231 rue Saint-Honoré\\, Paris');
    expect(escapeText('a\\b')).toBe('a\\\\b');
  });

  it('marks a cancellation', () => {
    const c = buildIcs({ uid: 'apt_x', startsAt: new Date(0), endsAt: new Date(3600_000), summary: 'x', method: 'CANCEL', sequence: 2 });
    expect(c).toContain('METHOD:CANCEL');
    expect(c).toContain('STATUS:CANCELLED');
    expect(c).toContain('SEQUENCE:2');
  });

  it('folds long lines at 75 octets without breaking multi-byte characters', () => {
    const folded = foldLine('DESCRIPTION:' + 'é'.repeat(100));
    const parts = folded.split('\r\n');
    expect(parts.length).toBeGreaterThan(1);
    for (const p of parts) expect(Buffer.byteLength(p)).toBeLessThanOrEqual(75);
    expect(parts.map((p, i) => (i ? p.slice(1) : p)).join('')).toBe('DESCRIPTION:' + 'é'.repeat(100));
  });
});

import { describe, it, expect } from 'vitest';
import { computeSlots, localToUtc, offsetMinutes, localDateOf, addDays, weekdayOf, hhmmToMinutes, type SlotInput } from './slots.ts';

const PARIS = 'Europe/Paris';
const iso = (ms: number | null) => (ms === null ? null : new Date(ms).toISOString());
const t = (s: string) => Date.parse(s);

function input(over: Partial<SlotInput>): SlotInput {
  const week = new Map([0, 1, 2, 3, 4, 5, 6].map((d) => [d, [{ start: 600, end: 1140 }]]));
  return {
    timeZone: PARIS, from: { year: 2025, month: 3, day: 29 }, days: 1,
    openingHours: new Map([0, 1, 2, 3, 4, 5, 6].map((d) => [d, { start: 600, end: 1140 }])),
    shifts: new Map([['a1', week]]), busy: [], durationMinutes: 60, bufferMinutes: 0, stepMinutes: 30, notBefore: 0, ...over,
  };
}

describe('local wall-clock time to UTC in Europe/Paris', () => {
  it('moves 10:00 from 09:00Z to 08:00Z across the last Sunday of March', () => {
    expect(iso(localToUtc({ year: 2025, month: 3, day: 29 }, 600, PARIS))).toBe('2025-03-29T09:00:00.000Z');
    expect(iso(localToUtc({ year: 2025, month: 3, day: 30 }, 600, PARIS))).toBe('2025-03-30T08:00:00.000Z');
    expect(offsetMinutes(t('2025-03-30T00:59:00Z'), PARIS)).toBe(60);
    expect(offsetMinutes(t('2025-03-30T01:00:00Z'), PARIS)).toBe(120);
  });

  it('moves 10:00 from 08:00Z back to 09:00Z across the last Sunday of October', () => {
    expect(iso(localToUtc({ year: 2025, month: 10, day: 25 }, 600, PARIS))).toBe('2025-10-25T08:00:00.000Z');
    expect(iso(localToUtc({ year: 2025, month: 10, day: 26 }, 600, PARIS))).toBe('2025-10-26T09:00:00.000Z');
  });

  it('has no 02:30 on the spring-forward night and takes the first 02:30 on the autumn night', () => {
    expect(localToUtc({ year: 2025, month: 3, day: 30 }, 150, PARIS)).toBeNull();
    expect(iso(localToUtc({ year: 2025, month: 3, day: 30 }, 180, PARIS))).toBe('2025-03-30T01:00:00.000Z');
    expect(iso(localToUtc({ year: 2025, month: 10, day: 26 }, 150, PARIS))).toBe('2025-10-26T00:30:00.000Z');
  });

  it('works for zones west of UTC and reads local dates back', () => {
    expect(iso(localToUtc({ year: 2025, month: 3, day: 9 }, 600, 'America/New_York'))).toBe('2025-03-09T14:00:00.000Z');
    expect(localDateOf(t('2025-03-29T23:30:00Z'), PARIS)).toEqual({ year: 2025, month: 3, day: 30 });
    expect(addDays({ year: 2024, month: 2, day: 28 }, 1)).toEqual({ year: 2024, month: 2, day: 29 });
    expect(weekdayOf({ year: 2025, month: 3, day: 30 })).toBe(0);
    expect(hhmmToMinutes('19:30')).toBe(1170);
    expect(hhmmToMinutes('25:00')).toBeNull();
  });
});

describe('computeSlots', () => {
  it('offers the same local times on each side of the March change, at shifted UTC instants', () => {
    const slots = computeSlots(input({ days: 2 }));
    const sat = slots.filter((s) => iso(s.startsAt)!.startsWith('2025-03-29'));
    const sun = slots.filter((s) => iso(s.startsAt)!.startsWith('2025-03-30'));
    // 10:00 … 18:00 every 30 minutes (a 60-minute appointment must end by 19:00).
    expect(sat).toHaveLength(17);
    expect(sun).toHaveLength(17);
    expect(iso(sat[0].startsAt)).toBe('2025-03-29T09:00:00.000Z');
    expect(iso(sun[0].startsAt)).toBe('2025-03-30T08:00:00.000Z');
    expect(iso(sun[16].endsAt)).toBe('2025-03-30T17:00:00.000Z');
  });

  it('offers the same local times on each side of the October change', () => {
    const slots = computeSlots(input({ from: { year: 2025, month: 10, day: 25 }, days: 2 }));
    expect(slots.map((s) => iso(s.startsAt)).filter((s) => s!.endsWith('T08:00:00.000Z') || s!.endsWith('T09:00:00.000Z')))
      .toEqual(['2025-10-25T08:00:00.000Z', '2025-10-25T09:00:00.000Z', '2025-10-26T09:00:00.000Z']);
    expect(slots).toHaveLength(34);
  });

  it('skips the hour that does not exist when a shop is open through the night of the change', () => {
    const hours = new Map([[0, { start: 60, end: 240 }]]);
    const shifts = new Map([['a1', new Map([[0, [{ start: 60, end: 240 }]]])]]);
    const slots = computeSlots(input({ from: { year: 2025, month: 3, day: 30 }, openingHours: hours, shifts, durationMinutes: 30 }));
    // 01:00, 01:30, then clocks jump from 02:00 to 03:00: 03:00 and 03:30 (ending at 04:00).
    expect(slots.map((s) => iso(s.startsAt))).toEqual([
      '2025-03-30T00:00:00.000Z', '2025-03-30T00:30:00.000Z', '2025-03-30T01:00:00.000Z', '2025-03-30T01:30:00.000Z',
    ]);
  });

  it('keeps the buffer after an existing booking and before a new one free', () => {
    const busy = [{ associateId: 'a1', start: t('2025-03-29T11:00:00Z'), end: t('2025-03-29T12:15:00Z') }]; // 12:00-13:00 local + 15 min buffer
    const slots = computeSlots(input({ busy, bufferMinutes: 15 }));
    const starts = slots.map((s) => iso(s.startsAt));
    // 10:30 would block until 11:45 local (10:45Z): free; 11:00 local (10:00Z) would run with buffer to 12:15 local: taken.
    expect(starts).toContain('2025-03-29T09:30:00.000Z');
    expect(starts).not.toContain('2025-03-29T10:00:00.000Z');
    expect(starts).not.toContain('2025-03-29T11:00:00.000Z');
    expect(starts).not.toContain('2025-03-29T12:00:00.000Z');
    expect(starts).toContain('2025-03-29T12:30:00.000Z');
    expect(slots.find((s) => iso(s.startsAt) === '2025-03-29T09:30:00.000Z')!.blockedUntil).toBe(t('2025-03-29T10:45:00Z'));
  });

  it('lists every free associate per start, respects shifts, closed days, time off and notice', () => {
    const shifts = new Map([
      ['a1', new Map([[6, [{ start: 600, end: 780 }]]])], // Saturday 10:00-13:00
      ['a2', new Map([[6, [{ start: 720, end: 1140 }]]])], // Saturday 12:00-19:00
    ]);
    const hours = new Map([[6, { start: 600, end: 1140 }]]); // open Saturdays only
    const busy = [{ associateId: 'a2', start: t('2025-03-29T13:00:00Z'), end: t('2025-03-29T18:00:00Z') }]; // time off 14:00-19:00 local
    const slots = computeSlots(input({ shifts, openingHours: hours, busy, days: 2, notBefore: t('2025-03-29T09:15:00Z') }));
    expect(slots.map((s) => [iso(s.startsAt)!.slice(11, 16), s.associateIds.join('+')])).toEqual([
      ['09:30', 'a1'], ['10:00', 'a1'], ['10:30', 'a1'], ['11:00', 'a1+a2'], ['11:30', 'a2'], ['12:00', 'a2'],
    ]);
  });
});

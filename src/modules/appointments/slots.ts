// Slot maths, pure: store opening hours and associate shifts are local wall-clock times in the store's
// time zone; bookings and time off are instants. Conversions use Intl only, so daylight-saving changes
// (Europe/Paris: last Sunday of March and of October) move the UTC instants, never the local times.

export interface LocalDate { year: number; month: number; day: number }
export interface MinuteRange { start: number; end: number }
export interface Busy { associateId: string; start: number; end: number }

const formatters = new Map<string, Intl.DateTimeFormat>();
function formatter(timeZone: string): Intl.DateTimeFormat {
  let f = formatters.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', {
      timeZone, hourCycle: 'h23', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', second: '2-digit', weekday: 'short',
    });
    formatters.set(timeZone, f);
  }
  return f;
}

export function isValidTimeZone(timeZone: string): boolean {
  try { formatter(timeZone); return true; } catch { return false; }
}

const WEEKDAYS: Record<string, number> = { Sun: 0, Mon: 1, Tue: 2, Wed: 3, Thu: 4, Fri: 5, Sat: 6 };

/** The wall-clock reading of an instant in a zone. */
export function zonedParts(ms: number, timeZone: string) {
  const parts: Record<string, string> = {};
  for (const p of formatter(timeZone).formatToParts(new Date(ms))) parts[p.type] = p.value;
  return {
    year: Number(parts.year), month: Number(parts.month), day: Number(parts.day),
    hour: Number(parts.hour), minute: Number(parts.minute), second: Number(parts.second), weekday: WEEKDAYS[parts.weekday],
  };
}

/** Minutes the zone is ahead of UTC at an instant (Paris: 60 in winter, 120 in summer). */
export function offsetMinutes(ms: number, timeZone: string): number {
  const p = zonedParts(ms, timeZone);
  const asUtc = Date.UTC(p.year, p.month - 1, p.day, p.hour, p.minute, p.second);
  return Math.round((asUtc - Math.floor(ms / 1000) * 1000) / 60_000);
}

/**
 * The instant at which the zone's clocks read `minute` minutes after midnight of `date`.
 * A time skipped by a spring-forward change returns null; a time that happens twice (autumn) returns the first.
 */
export function localToUtc(date: LocalDate, minute: number, timeZone: string): number | null {
  const wall = Date.UTC(date.year, date.month - 1, date.day, 0, minute);
  const candidates = new Set([wall - offsetMinutes(wall - 12 * 3600_000, timeZone) * 60_000, wall - offsetMinutes(wall + 12 * 3600_000, timeZone) * 60_000]);
  const valid = [...candidates].filter((t) => t + offsetMinutes(t, timeZone) * 60_000 === wall).sort((a, b) => a - b);
  return valid[0] ?? null;
}

/** The local calendar date of an instant in a zone. */
export function localDateOf(ms: number, timeZone: string): LocalDate {
  const p = zonedParts(ms, timeZone);
  return { year: p.year, month: p.month, day: p.day };
}

export function parseLocalDate(iso: string): LocalDate {
  const [year, month, day] = iso.split('-').map(Number);
  return { year, month, day };
}

export function formatLocalDate(d: LocalDate): string {
  return `${d.year}-${String(d.month).padStart(2, '0')}-${String(d.day).padStart(2, '0')}`;
}

export function addDays(d: LocalDate, n: number): LocalDate {
  const t = new Date(Date.UTC(d.year, d.month - 1, d.day + n));
  return { year: t.getUTCFullYear(), month: t.getUTCMonth() + 1, day: t.getUTCDate() };
}

/** 0 = Sunday … 6 = Saturday, for a calendar date (independent of any zone). */
export function weekdayOf(d: LocalDate): number {
  return new Date(Date.UTC(d.year, d.month - 1, d.day)).getUTCDay();
}

export const minutesToHhmm = (m: number) => `${String(Math.floor(m / 60)).padStart(2, '0')}:${String(m % 60).padStart(2, '0')}`;
export function hhmmToMinutes(s: string): number | null {
  const m = /^([01]\d|2[0-4]):([0-5]\d)$/.exec(s);
  if (!m) return null;
  const v = Number(m[1]) * 60 + Number(m[2]);
  return v <= 1440 ? v : null;
}

export interface SlotInput {
  timeZone: string;
  /** First local date and the number of days to cover. */
  from: LocalDate;
  days: number;
  /** Opening hours by weekday (0-6), local minutes; a missing weekday means closed. */
  openingHours: Map<number, MinuteRange>;
  /** Each associate's shifts by weekday, local minutes. */
  shifts: Map<string, Map<number, MinuteRange[]>>;
  /** Existing bookings (start … blocked until) and time off, as instants (ms). */
  busy: Busy[];
  durationMinutes: number;
  bufferMinutes: number;
  /** Start times are on this grid of local minutes (e.g. every 30 minutes from opening). */
  stepMinutes: number;
  /** No slot may start before this instant (now plus the minimum notice). */
  notBefore: number;
}

export interface Slot { startsAt: number; endsAt: number; blockedUntil: number; associateIds: string[] }

function overlaps(aStart: number, aEnd: number, bStart: number, bEnd: number) {
  return aStart < bEnd && bStart < aEnd;
}

/**
 * Free start times per associate: inside opening hours and the associate's shift on that local day,
 * the appointment itself ending by closing time, and start … end + buffer overlapping no booking or time off
 * (the same rule as the database's exclusion constraint).
 */
export function computeSlots(input: SlotInput): Slot[] {
  const out: Slot[] = [];
  const busyBy = new Map<string, Busy[]>();
  for (const b of input.busy) {
    let list = busyBy.get(b.associateId);
    if (!list) busyBy.set(b.associateId, (list = []));
    list.push(b);
  }
  const durationMs = input.durationMinutes * 60_000;
  const blockMs = (input.durationMinutes + input.bufferMinutes) * 60_000;
  for (let i = 0; i < input.days; i++) {
    const date = addDays(input.from, i);
    const weekday = weekdayOf(date);
    const open = input.openingHours.get(weekday);
    if (!open) continue;
    const byStart = new Map<number, Slot>();
    for (const [associateId, week] of input.shifts) {
      for (const shift of week.get(weekday) ?? []) {
        const from = Math.max(open.start, shift.start);
        const to = Math.min(open.end, shift.end);
        // Grid anchored at opening time so slots line up (10:00, 10:30 …) whatever the shift.
        const first = open.start + Math.ceil((from - open.start) / input.stepMinutes) * input.stepMinutes;
        for (let m = first; m + input.durationMinutes <= to; m += input.stepMinutes) {
          const start = localToUtc(date, m, input.timeZone);
          if (start === null || start < input.notBefore) continue;
          // The end is measured in real time, so a 60-minute appointment is 60 minutes across a clock change;
          // it must still end by the local closing time.
          const end = start + durationMs;
          const close = localToUtc(date, to, input.timeZone);
          if (close !== null && end > close) continue;
          const blocked = start + blockMs;
          if ((busyBy.get(associateId) ?? []).some((b) => overlaps(start, blocked, b.start, b.end))) continue;
          let slot = byStart.get(start);
          if (!slot) byStart.set(start, (slot = { startsAt: start, endsAt: end, blockedUntil: blocked, associateIds: [] }));
          if (!slot.associateIds.includes(associateId)) slot.associateIds.push(associateId);
        }
      }
    }
    out.push(...[...byStart.values()].sort((a, b) => a.startsAt - b.startsAt));
  }
  return out;
}

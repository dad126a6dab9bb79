import { eq, sql } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import { outreachSettings, type PromptType } from './schema.ts';
import type { OutreachSettings, PromptMode, PromptSetting } from './outreach-schemas.ts';

export type { PromptMode, PromptSetting, OutreachSettings };

export const DEFAULT_SETTINGS: OutreachSettings = {
  quietHours: { start: '21:00', end: '08:00' },
  frequencyCapPerWeek: 3,
  maxAttempts: 6,
  prompts: {
    'save-the-sale': { mode: 'task', days: 2, templateName: 'Save the sale' },
    birthday: { mode: 'task', days: 7, templateName: 'Birthday' },
    anniversary: { mode: 'task', days: 7, templateName: 'Anniversary' },
    'new-arrivals': { mode: 'task', days: 7, templateName: 'New arrivals' },
    'thank-you': { mode: 'task', days: 2, templateName: 'Thank you' },
    'care-instructions': { mode: 'task', days: 5, templateName: 'Care instructions' },
    'satisfaction-check': { mode: 'task', days: 21, templateName: 'Satisfaction check' },
  },
};

/** Stored settings merged over the defaults, so a new prompt type gets a sensible default. */
export async function getOutreachSettings(db: Db, legalEntityId: string): Promise<OutreachSettings> {
  const rows = await db.select({ settings: outreachSettings.settings }).from(outreachSettings).where(eq(outreachSettings.legalEntityId, legalEntityId));
  return mergeSettings((rows[0]?.settings ?? {}) as Partial<OutreachSettings>);
}

export function mergeSettings(stored: Partial<OutreachSettings>): OutreachSettings {
  const prompts = { ...DEFAULT_SETTINGS.prompts };
  for (const [k, v] of Object.entries(stored.prompts ?? {})) {
    if (k in prompts) prompts[k as PromptType] = { ...prompts[k as PromptType], ...v };
  }
  return {
    quietHours: { ...DEFAULT_SETTINGS.quietHours, ...stored.quietHours },
    frequencyCapPerWeek: stored.frequencyCapPerWeek ?? DEFAULT_SETTINGS.frequencyCapPerWeek,
    maxAttempts: stored.maxAttempts ?? DEFAULT_SETTINGS.maxAttempts,
    prompts,
  };
}

export async function saveOutreachSettings(db: Db, legalEntityId: string, settings: OutreachSettings): Promise<OutreachSettings> {
  const value = settings as unknown as Record<string, unknown>;
  await db.insert(outreachSettings).values({ legalEntityId, settings: value, updatedAt: sql`now()` })
    .onConflictDoUpdate({ target: outreachSettings.legalEntityId, set: { settings: value, updatedAt: sql`now()` } });
  return settings;
}

const minutesOf = (hhmm: string) => {
  const [h, m] = hhmm.split(':').map(Number);
  return h * 60 + m;
};

/** Minutes since local midnight in a time zone. */
export function localMinutes(at: Date, timeZone: string): number {
  const parts = new Intl.DateTimeFormat('en-GB', { timeZone, hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).formatToParts(at);
  const get = (t: string) => Number(parts.find((p) => p.type === t)!.value);
  return get('hour') * 60 + get('minute');
}

/** When quiet hours are on at `at`, the instant they end; otherwise null. */
export function quietHoursEnd(at: Date, timeZone: string, quiet: { start: string; end: string }): Date | null {
  const s = minutesOf(quiet.start);
  const e = minutesOf(quiet.end);
  if (s === e) return null;
  const m = localMinutes(at, timeZone);
  const inQuiet = s < e ? m >= s && m < e : m >= s || m < e;
  if (!inQuiet) return null;
  const wait = (e - m + 1440) % 1440;
  const end = new Date(at.getTime() + wait * 60_000);
  end.setUTCSeconds(0, 0);
  return end;
}

export { localDate } from '../organisation/calendar.ts';

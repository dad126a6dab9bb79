import { useEffect, useState } from 'react';
import { ErrorNote } from '../../lib/error-note.tsx';
import { dayLabel } from './types.ts';
import { useT } from '../../i18n/i18n.ts';
import { useSlots, type Slot, type SlotSource } from './queries.ts';

/**
 * Free times over the next two weeks: pick a day, then a time. Times are the store's local times.
 * `source` is where the times come from: the public page, a signed manage link (which does not count the
 * appointment's own time as taken) or the signed-in associate's API.
 */
export function SlotPicker({ source, associateId, value, onChange }: {
  source: SlotSource; associateId: string; value: Slot | null; onChange(slot: Slot | null): void;
}) {
  const { t, language } = useT();
  const { data, error } = useSlots(source, associateId);
  const [day, setDay] = useState<string | null>(null);
  const sourceKey = JSON.stringify([source, associateId]);
  // Another store, type or associate: the chosen time no longer applies.
  useEffect(() => { onChange(null); setDay(null); /* eslint-disable-next-line react-hooks/exhaustive-deps */ }, [sourceKey]);
  if (error) return <ErrorNote error={error} />;
  if (!data) return <p className="muted">{t('booking.findingTimes')}</p>;
  const slots = data.slots;
  if (!slots.length) return <p className="muted">{t('booking.noTimes')}</p>;
  const days = [...new Set(slots.map((s) => s.localDate))];
  const shown = day && days.includes(day) ? day : days[0];
  return (
    <div>
      <div className="slot-days" role="group" aria-label={t('booking.day')}>
        {days.map((d) => <button type="button" key={d} aria-pressed={d === shown} onClick={() => { setDay(d); onChange(null); }}>{dayLabel(d, language)}</button>)}
      </div>
      <div className="slot-times" role="group" aria-label={t('booking.time')}>
        {slots.filter((s) => s.localDate === shown).map((s) => (
          <button type="button" key={s.startsAt} aria-pressed={value?.startsAt === s.startsAt} onClick={() => onChange(s)}>{s.localTime}</button>
        ))}
      </div>
    </div>
  );
}

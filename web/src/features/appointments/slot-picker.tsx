import { useEffect, useState } from 'react';
import { api } from '../../lib/api.ts';
import { dayLabel, type PublicSlot } from './types.ts';

/**
 * Free times over the next two weeks: pick a day, then a time. Times are the store's local times.
 * `endpoint` is where the times come from: the public page (default), a signed manage link (which does not count
 * the appointment's own time as taken) or the signed-in associate's API.
 */
export function SlotPicker({ storeId, typeId, associateId, value, onChange, endpoint = 'public/appointments/slots' }: {
  storeId?: string; typeId?: string; associateId: string; value: PublicSlot | null; onChange(slot: PublicSlot | null): void; endpoint?: string;
}) {
  const [slots, setSlots] = useState<PublicSlot[] | null>(null);
  const [day, setDay] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    setSlots(null); setError(null); onChange(null);
    api<{ slots: PublicSlot[] }>(endpoint, { query: { storeId, appointmentTypeId: typeId, days: 14, associateId: associateId || undefined } })
      .then((r) => { setSlots(r.slots); setDay(r.slots[0]?.localDate ?? null); })
      .catch((e) => setError(e.message));
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [endpoint, storeId, typeId, associateId]);
  if (error) return <p className="error" role="alert">{error}</p>;
  if (!slots) return <p className="muted">Looking for free times…</p>;
  if (!slots.length) return <p className="muted">No free times in the next two weeks. Please choose another associate or appointment type, or call the store.</p>;
  const days = [...new Set(slots.map((s) => s.localDate))];
  return (
    <div>
      <div className="slot-days" role="group" aria-label="Day">
        {days.map((d) => <button type="button" key={d} aria-pressed={d === day} onClick={() => { setDay(d); onChange(null); }}>{dayLabel(d)}</button>)}
      </div>
      <div className="slot-times" role="group" aria-label="Time">
        {slots.filter((s) => s.localDate === day).map((s) => (
          <button type="button" key={s.startsAt} aria-pressed={value?.startsAt === s.startsAt} onClick={() => onChange(s)}>{s.localTime}</button>
        ))}
      </div>
    </div>
  );
}

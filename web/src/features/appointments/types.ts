// Shapes of the appointments API as the screens use them.
export interface PublicStore { id: string; name: string; city: string | null; address: string | null; timeZone: string; brand: string; entity: string }
export interface PublicType { id: string; name: string; description: string | null; durationMinutes: number }
export interface PublicAssociate { id: string; name: string; yours: boolean }
export interface PublicSlot { startsAt: string; endsAt: string; localDate: string; localTime: string; associateIds: string[] }
export interface PublicAppointment {
  publicId: string; status: string; startsAt: string; endsAt: string; storeId: string; storeName: string; storeAddress: string | null; timeZone: string;
  appointmentTypeId: string; typeName: string; associateId: string | null; associateName: string | null; customerName: string | null;
}

export function formatWhen(iso: string, timeZone: string) {
  const d = new Date(iso);
  return new Intl.DateTimeFormat('en-GB', { timeZone, weekday: 'long', day: 'numeric', month: 'long', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).format(d);
}

export function formatTime(iso: string, timeZone: string) {
  return new Intl.DateTimeFormat('en-GB', { timeZone, hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).format(new Date(iso));
}

export function dayLabel(localDate: string) {
  const [y, m, d] = localDate.split('-').map(Number);
  return new Intl.DateTimeFormat('en-GB', { timeZone: 'UTC', weekday: 'short', day: 'numeric', month: 'short' }).format(new Date(Date.UTC(y, m - 1, d)));
}


import { queryOptions, useQuery } from '@tanstack/react-query';
import { client, unwrap, type ApiBody, type ApiResult } from '../../lib/api.ts';
import { useApiMutation } from '../../lib/query.tsx';
import { customerKey } from '../customers/queries.ts';

export type PublicStore = ApiResult<'/api/v1/public/appointments/stores', 'get'>[number];
export type PublicAppointment = ApiResult<'/api/v1/public/appointments/manage/{token}', 'get'>;
export type Slot = ApiResult<'/api/v1/appointments/slots', 'get'>['slots'][number];
export type CustomerAppointment = ApiResult<'/api/v1/appointments', 'get'>['upcoming'][number];
export type DayItem = ApiResult<'/api/v1/appointments/today', 'get'>['items'][number];
export type Preparation = NonNullable<DayItem['preparation']>;
export type StoreSetup = ApiResult<'/api/v1/appointments/setup/{storeId}', 'get'>;
export type AppointmentStatus = ApiBody<'/api/v1/appointments/{id}/status', 'post'>['status'];

/** Every associate-side appointment query starts here: a booking or a status change refetches them all. */
export const appointmentsKey = ['appointments'] as const;

/** Where free times come from: the public page, a signed manage link (its own time not counted as taken), or the associate's API. */
export type SlotSource =
  | { kind: 'public'; storeId: string; typeId: string }
  | { kind: 'manage'; token: string }
  | { kind: 'associate'; storeId: string; typeId: string };

export function useSlots(source: SlotSource, associateId: string) {
  const associate = associateId || undefined;
  return useQuery({
    queryKey: ['slots', source, associate],
    // Free times change as others book: always asked afresh.
    staleTime: 0,
    queryFn: (): Promise<{ slots: Slot[] }> => {
      if (source.kind === 'manage') {
        return unwrap(client.GET('/api/v1/public/appointments/manage/{token}/slots', { params: { path: { token: source.token }, query: { days: 14, associateId: associate } } }));
      }
      const query = { storeId: source.storeId, appointmentTypeId: source.typeId, days: 14, associateId: associate };
      return source.kind === 'public'
        ? unwrap(client.GET('/api/v1/public/appointments/slots', { params: { query } }))
        : unwrap(client.GET('/api/v1/appointments/slots', { params: { query } }));
    },
  });
}

// The public booking and manage pages (no sign-in).
export function usePublicStores(entity: string | undefined, forToken: string | undefined) {
  return useQuery({ queryKey: ['public', 'stores', entity, forToken], queryFn: () => unwrap(client.GET('/api/v1/public/appointments/stores', { params: { query: { entity, for: forToken } } })) });
}
export function usePublicTypes(storeId: string) {
  return useQuery({ queryKey: ['public', 'types', storeId], enabled: !!storeId, queryFn: () => unwrap(client.GET('/api/v1/public/appointments/stores/{storeId}/types', { params: { path: { storeId } } })) });
}
export function usePublicAssociates(storeId: string | undefined, forToken?: string, enabled = true) {
  return useQuery({
    queryKey: ['public', 'associates', storeId, forToken], enabled: !!storeId && enabled,
    queryFn: () => unwrap(client.GET('/api/v1/public/appointments/stores/{storeId}/associates', { params: { path: { storeId: storeId! }, query: { for: forToken } } })),
  });
}
export function useBookPublic() {
  return useApiMutation((body: ApiBody<'/api/v1/public/appointments/bookings', 'post'>) => unwrap(client.POST('/api/v1/public/appointments/bookings', { body })), () => [['slots']]);
}

const manageKey = (token: string) => ['public', 'manage', token] as const;
export function useManagedAppointment(token: string) {
  return useQuery({ queryKey: manageKey(token), queryFn: () => unwrap(client.GET('/api/v1/public/appointments/manage/{token}', { params: { path: { token } } })) });
}
export function useCancelManaged(token: string) {
  return useApiMutation(() => unwrap(client.POST('/api/v1/public/appointments/manage/{token}/cancel', { params: { path: { token } }, body: {} })), () => [manageKey(token), ['slots']]);
}
export function useRescheduleManaged(token: string) {
  return useApiMutation(
    (body: ApiBody<'/api/v1/public/appointments/manage/{token}/reschedule', 'post'>) => unwrap(client.POST('/api/v1/public/appointments/manage/{token}/reschedule', { params: { path: { token } }, body })),
    () => [manageKey(token), ['slots']],
  );
}

// The associate's side.
export function useCustomerAppointments(customerId: string) {
  return useQuery({
    queryKey: [...customerKey(customerId), 'appointments'],
    queryFn: () => unwrap(client.GET('/api/v1/appointments', { params: { query: { customerId } } })),
  });
}
export function useBookingOptions(storeId: string) {
  return useQuery({ queryKey: [...appointmentsKey, 'booking-options', storeId], enabled: !!storeId, queryFn: () => unwrap(client.GET('/api/v1/appointments/booking-options', { params: { query: { storeId } } })) });
}
export function useBookForCustomer() {
  return useApiMutation(
    (body: ApiBody<'/api/v1/appointments', 'post'>) => unwrap(client.POST('/api/v1/appointments', { body })),
    (body) => [appointmentsKey, customerKey(body.customerId), ['slots']],
  );
}
export function useSetAppointmentStatus() {
  return useApiMutation(
    ({ id, status }: { id: string; status: AppointmentStatus; customerId?: string | null }) => unwrap(client.POST('/api/v1/appointments/{id}/status', { params: { path: { id } }, body: { status } })),
    (vars) => [appointmentsKey, ['slots'], ...(vars.customerId ? [customerKey(vars.customerId)] : [])],
  );
}
export function useDay(date: string | undefined, scope: 'mine' | 'store') {
  return useQuery(dayOptions(date, scope));
}

/** Also what the offline copy loads ahead: today's appointments of mine (lib/offline.tsx). */
export function dayOptions(date: string | undefined, scope: 'mine' | 'store') {
  return queryOptions({ queryKey: [...appointmentsKey, 'day', date, scope], queryFn: () => unwrap(client.GET('/api/v1/appointments/today', { params: { query: { date, scope } } })) });
}

// Store set-up.
const setupKey = (storeId: string) => [...appointmentsKey, 'setup', storeId] as const;
export function useStoreSetup(storeId: string) {
  return useQuery({ queryKey: setupKey(storeId), enabled: !!storeId, queryFn: () => unwrap(client.GET('/api/v1/appointments/setup/{storeId}', { params: { path: { storeId } } })) });
}
export function useStoreAssociates(storeId: string) {
  return useQuery({ queryKey: ['associates', { storeId }], enabled: !!storeId, queryFn: () => unwrap(client.GET('/api/v1/associates', { params: { query: { storeId } } })) });
}
/** Any change to a store's appointment set-up: the set-up and every free-time list are asked again. */
export function useSetupChange<V>(storeId: string, send: (vars: V) => Promise<unknown>) {
  return useApiMutation(send, () => [setupKey(storeId), ['slots'], [...appointmentsKey, 'booking-options', storeId]]);
}
export const setupCalls = {
  addType: (storeId: string, body: ApiBody<'/api/v1/appointments/setup/{storeId}/types', 'post'>) =>
    unwrap(client.POST('/api/v1/appointments/setup/{storeId}/types', { params: { path: { storeId } }, body })),
  setTypeActive: (id: string, active: boolean) => unwrap(client.PATCH('/api/v1/appointments/types/{id}', { params: { path: { id } }, body: { active } })),
  saveHours: (storeId: string, body: ApiBody<'/api/v1/appointments/setup/{storeId}/opening-hours', 'put'>) =>
    unwrap(client.PUT('/api/v1/appointments/setup/{storeId}/opening-hours', { params: { path: { storeId } }, body })),
  saveSchedule: (storeId: string, associateId: string, body: ApiBody<'/api/v1/appointments/setup/{storeId}/schedules/{associateId}', 'put'>) =>
    unwrap(client.PUT('/api/v1/appointments/setup/{storeId}/schedules/{associateId}', { params: { path: { storeId, associateId } }, body })),
  addTimeOff: (body: ApiBody<'/api/v1/appointments/time-off', 'post'>) => unwrap(client.POST('/api/v1/appointments/time-off', { body })),
  removeTimeOff: (id: string) => unwrap(client.DELETE('/api/v1/appointments/time-off/{id}', { params: { path: { id } } })),
};

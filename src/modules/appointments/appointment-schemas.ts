import { Type, type Static } from '@sinclair/typebox';
import { Obj, Uuid, Nullable } from '../../http/schemas.ts';
import { APPOINTMENT_STATUSES } from './schema.ts';

// The appointments routes' request and reply shapes: the routes validate and serialise with these, and the services'
// types are Static<> of them, so a field is added in one place.

const StatusSchema = Type.Union(APPOINTMENT_STATUSES.map((s) => Type.Literal(s)));
const BookedViaSchema = Type.Union([Type.Literal('public'), Type.Literal('associate')]);
export const Hhmm = Type.String({ pattern: '^([01][0-9]|2[0-4]):[0-5][0-9]$', description: 'HH:MM, local time' });
export const LocalDateTime = Type.String({ pattern: '^[0-9]{4}-[0-9]{2}-[0-9]{2}T([01][0-9]|2[0-3]):[0-5][0-9]$', description: 'YYYY-MM-DDTHH:MM, wall-clock time of the store' });

export const DayAppointmentSchema = Type.Object({
  id: Uuid, publicId: Type.String(), status: StatusSchema, startsAt: Type.String(), endsAt: Type.String(), storeId: Uuid, storeName: Type.String(),
  typeName: Type.String(), durationMinutes: Type.Integer(), associateId: Uuid, associateName: Type.String(), customerId: Nullable(Uuid),
  customerName: Type.String(), customerEmail: Type.String(), customerPhone: Nullable(Type.String()), customerMessage: Nullable(Type.String()), bookedVia: BookedViaSchema,
});
export type DayAppointment = Static<typeof DayAppointmentSchema>;

const Money = Type.Number();
/** What an associate reads before the customer arrives. */
export const PreparationSheetSchema = Type.Object({
  customer: Type.Object({
    id: Uuid, accountNumber: Type.String(), name: Type.String(), email: Nullable(Type.String()), phone: Nullable(Type.String()), isVip: Type.Boolean(),
    birthDate: Nullable(Type.String()), language: Type.String(), customerSince: Type.String(), loyaltyTier: Nullable(Type.String()), loyaltyPoints: Nullable(Type.Number()),
  }),
  spending: Type.Object({ orderCount: Type.Integer(), totalMinor: Money, last12MonthsMinor: Money, lastPurchaseAt: Nullable(Type.String()), currency: Type.String() }),
  recentPurchases: Type.Array(Type.Object({
    orderedAt: Type.String(), storeName: Nullable(Type.String()), channel: Type.String(), totalMinor: Money, currency: Type.String(),
    items: Type.Array(Type.Object({ name: Type.String(), brand: Nullable(Type.String()), quantity: Type.Integer() })),
  })),
  preferences: Type.Array(Type.Object({ kind: Type.String(), qualifier: Type.String(), value: Type.String() })),
  wishlist: Type.Array(Type.Object({ name: Type.String(), brand: Nullable(Type.String()), onHandHere: Nullable(Type.Number()) })),
  notes: Type.Array(Type.Object({ body: Type.String(), authorName: Type.String(), createdAt: Type.String() })),
  recommendations: Type.Array(Type.Object({
    name: Type.String(), reason: Type.String({ description: 'In English; screens say it in their language by `kind`' }),
    kind: Type.Union([Type.Literal('often-bought-with')], { description: 'Why it is suggested: often-bought-with (mined from past purchases)' }),
  })),
  previousAppointments: Type.Array(Type.Object({ startsAt: Type.String(), typeName: Type.String(), status: Type.String() })),
});
export type PreparationSheet = Static<typeof PreparationSheetSchema>;

export const DaySchema = Type.Object({
  date: Type.String(), timeZone: Type.String(),
  items: Type.Array(Type.Intersect([DayAppointmentSchema, Type.Object({ preparation: Nullable(PreparationSheetSchema) })])),
});

export const CustomerAppointmentSchema = Type.Object({
  id: Uuid, publicId: Type.String(), status: StatusSchema, startsAt: Type.String(), endsAt: Type.String(), storeId: Uuid, storeName: Type.String(),
  timeZone: Type.String(), appointmentTypeId: Uuid, typeName: Type.String(), associateId: Uuid, associateName: Type.String(), bookedVia: BookedViaSchema,
  customerMessage: Nullable(Type.String()),
});
export type CustomerAppointment = Static<typeof CustomerAppointmentSchema>;
export const CustomerAppointmentsSchema = Type.Object({ upcoming: Type.Array(CustomerAppointmentSchema), past: Type.Array(CustomerAppointmentSchema) });
export type CustomerAppointments = Static<typeof CustomerAppointmentsSchema>;

export const AssociateBookingInputSchema = Obj({
  customerId: Uuid, storeId: Uuid, appointmentTypeId: Uuid, startsAt: Type.String({ format: 'date-time' }),
  associateId: Type.Optional(Nullable(Uuid)), message: Type.Optional(Nullable(Type.String({ maxLength: 1000 }))),
});
export type AssociateBookingInput = Static<typeof AssociateBookingInputSchema>;

export const SlotSchema = Type.Object({ startsAt: Type.String(), endsAt: Type.String(), localDate: Type.String(), localTime: Type.String(), associateIds: Type.Array(Uuid) });
export type SlotView = Static<typeof SlotSchema>;
export const SlotsSchema = Type.Object({ timeZone: Type.String(), from: Type.String(), slots: Type.Array(SlotSchema) });
export type Slots = Static<typeof SlotsSchema>;

export const StoreSetupSchema = Type.Object({
  timeZone: Type.String(),
  types: Type.Array(Type.Object({ id: Uuid, name: Type.String(), description: Nullable(Type.String()), durationMinutes: Type.Integer(), bufferMinutes: Type.Integer(), active: Type.Boolean() })),
  openingHours: Type.Array(Type.Object({ weekday: Type.Integer(), opens: Type.String(), closes: Type.String() })),
  schedules: Type.Array(Type.Object({ associateId: Uuid, weekday: Type.Integer(), start: Type.String(), end: Type.String() })),
  timeOff: Type.Array(Type.Object({ id: Uuid, associateId: Uuid, associateName: Type.String(), startsAt: Type.String(), endsAt: Type.String(), reason: Nullable(Type.String()) })),
});
export type StoreSetup = Static<typeof StoreSetupSchema>;

const typeFields = {
  name: Type.String({ minLength: 1, maxLength: 100 }),
  description: Type.Optional(Nullable(Type.String({ maxLength: 1000 }))),
  durationMinutes: Type.Integer({ minimum: 5, maximum: 480 }),
  bufferMinutes: Type.Optional(Type.Integer({ minimum: 0, maximum: 240 })),
  active: Type.Optional(Type.Boolean()),
};
export const TypeInputSchema = Obj(typeFields);
export type TypeInput = Static<typeof TypeInputSchema>;
export const TypePatchSchema = Obj({ ...typeFields, name: Type.Optional(typeFields.name), durationMinutes: Type.Optional(typeFields.durationMinutes) }, { minProperties: 1 });

export const TimeOffInputSchema = Obj({
  associateId: Uuid,
  /** Instants… */
  startsAt: Type.Optional(Type.String({ format: 'date-time' })), endsAt: Type.Optional(Type.String({ format: 'date-time' })),
  /** …or wall-clock times of a store, read in its time zone whatever the device's (what a manager types in a form). */
  storeId: Type.Optional(Uuid),
  localStart: Type.Optional(LocalDateTime), localEnd: Type.Optional(LocalDateTime),
  reason: Type.Optional(Nullable(Type.String({ maxLength: 200 }))),
});
export type TimeOffInput = Static<typeof TimeOffInputSchema>;

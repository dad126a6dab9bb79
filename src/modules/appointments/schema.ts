import { sql } from 'drizzle-orm';
import { pgTable, uuid, text, timestamp, integer, boolean, index, uniqueIndex, primaryKey, check } from 'drizzle-orm/pg-core';
import { legalEntities, stores, associates } from '../organisation/schema.ts';
import { customers } from '../customers/schema.ts';
import { personalData, keep } from '../../db/personal-data.ts';

export const APPOINTMENT_STATUSES = ['booked', 'cancelled', 'completed', 'no-show'] as const;
export type AppointmentStatus = (typeof APPOINTMENT_STATUSES)[number];

/** What a customer can book at a store: personal shopping, consultation, fitting… */
export const appointmentTypes = pgTable('appointment_types', {
  id: uuid().primaryKey().defaultRandom(),
  legalEntityId: uuid().notNull().references(() => legalEntities.id),
  storeId: uuid().notNull().references(() => stores.id),
  name: text().notNull(),
  description: text(),
  durationMinutes: integer().notNull(),
  /** Time kept free after the appointment (tidy the fitting room, write notes). */
  bufferMinutes: integer().notNull().default(0),
  active: boolean().notNull().default(true),
  createdAt: timestamp({ withTimezone: true, mode: 'string' }).notNull().defaultNow(),
}, (t) => [
  uniqueIndex('appointment_types_store_name').on(t.storeId, t.name),
  check('appointment_types_duration', sql`${t.durationMinutes} between 5 and 480`),
  check('appointment_types_buffer', sql`${t.bufferMinutes} between 0 and 240`),
]);

/** Store opening hours per weekday (0 = Sunday … 6 = Saturday), minutes after local midnight. */
export const storeOpeningHours = pgTable('store_opening_hours', {
  storeId: uuid().notNull().references(() => stores.id, { onDelete: 'cascade' }),
  legalEntityId: uuid().notNull().references(() => legalEntities.id),
  weekday: integer().notNull(),
  opensMinute: integer().notNull(),
  closesMinute: integer().notNull(),
}, (t) => [
  primaryKey({ columns: [t.storeId, t.weekday] }),
  check('store_opening_hours_weekday', sql`${t.weekday} between 0 and 6`),
  check('store_opening_hours_range', sql`${t.opensMinute} >= 0 and ${t.closesMinute} <= 1440 and ${t.opensMinute} < ${t.closesMinute}`),
]);

/** An associate's weekly shift at a store (local time); several per day are allowed (split shifts). */
export const associateSchedules = pgTable('associate_schedules', {
  id: uuid().primaryKey().defaultRandom(),
  legalEntityId: uuid().notNull().references(() => legalEntities.id),
  associateId: uuid().notNull().references(() => associates.id, { onDelete: 'cascade' }),
  storeId: uuid().notNull().references(() => stores.id, { onDelete: 'cascade' }),
  weekday: integer().notNull(),
  startMinute: integer().notNull(),
  endMinute: integer().notNull(),
}, (t) => [
  index('associate_schedules_store').on(t.storeId, t.weekday),
  index('associate_schedules_associate').on(t.associateId),
  check('associate_schedules_weekday', sql`${t.weekday} between 0 and 6`),
  check('associate_schedules_range', sql`${t.startMinute} >= 0 and ${t.endMinute} <= 1440 and ${t.startMinute} < ${t.endMinute}`),
]);

export const associateTimeOff = pgTable('associate_time_off', {
  id: uuid().primaryKey().defaultRandom(),
  legalEntityId: uuid().notNull().references(() => legalEntities.id),
  associateId: uuid().notNull().references(() => associates.id, { onDelete: 'cascade' }),
  startsAt: timestamp({ withTimezone: true, mode: 'string' }).notNull(),
  endsAt: timestamp({ withTimezone: true, mode: 'string' }).notNull(),
  reason: text(),
}, (t) => [
  index('associate_time_off_associate').on(t.associateId, t.startsAt),
  check('associate_time_off_range', sql`${t.startsAt} < ${t.endsAt}`),
]);

/**
 * A booked appointment. `blocked_until` is the end plus the type's buffer: the associate's time from
 * starts_at to blocked_until is theirs alone, enforced by an exclusion constraint (migration appointments_no_overlap).
 * Other capabilities (store performance) read store_id, associate_id, customer_id, status, starts_at.
 */
export const appointments = pgTable('appointments', {
  id: uuid().primaryKey().defaultRandom(),
  /** Opaque id for links and the calendar UID ("apt_…"). */
  publicId: text().notNull().unique(),
  legalEntityId: uuid().notNull().references(() => legalEntities.id),
  storeId: uuid().notNull().references(() => stores.id),
  appointmentTypeId: uuid().notNull().references(() => appointmentTypes.id),
  associateId: uuid().notNull().references(() => associates.id),
  customerId: uuid().references(() => customers.id),
  status: text().$type<AppointmentStatus>().notNull().default('booked'),
  startsAt: timestamp({ withTimezone: true, mode: 'string' }).notNull(),
  endsAt: timestamp({ withTimezone: true, mode: 'string' }).notNull(),
  blockedUntil: timestamp({ withTimezone: true, mode: 'string' }).notNull(),
  /** As given at booking, so the appointment still reads right if the customer record changes. */
  customerName: text().notNull(),
  customerEmail: text().notNull(),
  customerPhone: text(),
  /** What the customer wrote when booking ("looking for a dress for a wedding"). */
  customerMessage: text(),
  /** Set by the public page or by an associate on the customer's behalf. */
  bookedVia: text().$type<'public' | 'associate'>().notNull().default('public'),
  reminderSentAt: timestamp({ withTimezone: true, mode: 'string' }),
  cancelledAt: timestamp({ withTimezone: true, mode: 'string' }),
  createdAt: timestamp({ withTimezone: true, mode: 'string' }).notNull().defaultNow(),
  updatedAt: timestamp({ withTimezone: true, mode: 'string' }).notNull().defaultNow(),
}, (t) => [
  index('appointments_le_store_start').on(t.legalEntityId, t.storeId, t.startsAt),
  index('appointments_associate_start').on(t.associateId, t.startsAt),
  index('appointments_customer').on(t.customerId),
  check('appointments_status', sql`${t.status} in ('booked', 'cancelled', 'completed', 'no-show')`),
  check('appointments_range', sql`${t.startsAt} < ${t.endsAt} and ${t.endsAt} <= ${t.blockedUntil}`),
]);

export const appointmentsPersonal = personalData(appointments, {
  onErase: 'anonymise',
  columns: {
    customerName: { replace: 'Erased customer' }, customerEmail: { replace: '' }, customerPhone: 'blank', customerMessage: 'blank',
    publicId: keep('an opaque id of the appointment'), status: keep('a state'), bookedVia: keep('a state'),
  },
});

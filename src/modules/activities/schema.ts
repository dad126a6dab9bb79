import { sql } from 'drizzle-orm';
import { pgTable, uuid, text, integer, boolean, timestamp, uniqueIndex, index, check } from 'drizzle-orm/pg-core';
import { legalEntities, associates, stores } from '../organisation/schema.ts';
import { customers } from '../customers/schema.ts';
import { personalData, keep } from '../../db/personal-data.ts';

/** Kinds of activity head office configures: store visit, phone call, email, appointment… */
export const activityTypes = pgTable('activity_types', {
  id: uuid().primaryKey().defaultRandom(),
  legalEntityId: uuid().notNull().references(() => legalEntities.id),
  name: text().notNull(),
  displayOrder: integer().notNull().default(100),
  /** Retired types stay on past activities but can no longer be chosen. */
  active: boolean().notNull().default(true),
  createdAt: timestamp({ withTimezone: true, mode: 'string' }).notNull().defaultNow(),
}, (t) => [uniqueIndex('activity_types_le_name').on(t.legalEntityId, t.name)]);

export const activities = pgTable('activities', {
  id: uuid().primaryKey().defaultRandom(),
  legalEntityId: uuid().notNull().references(() => legalEntities.id),
  customerId: uuid().notNull().references(() => customers.id, { onDelete: 'cascade' }),
  activityTypeId: uuid().notNull().references(() => activityTypes.id),
  associateId: uuid().references(() => associates.id),
  storeId: uuid().references(() => stores.id),
  occurredAt: timestamp({ withTimezone: true, mode: 'string' }).notNull(),
  notes: text(),
  outcome: text(),
  /** Chosen by the app when the activity is written (offline too): sending it again returns this row, never a second one. */
  clientId: uuid(),
  createdAt: timestamp({ withTimezone: true, mode: 'string' }).notNull().defaultNow(),
}, (t) => [
  index('activities_customer_time').on(t.customerId, t.occurredAt.desc()),
  uniqueIndex('activities_le_client_id').on(t.legalEntityId, t.clientId),
]);

export const NOTE_VISIBILITIES = ['everyone', 'store', 'private'] as const;
export type NoteVisibility = (typeof NOTE_VISIBILITIES)[number];

/** Free-text notes about a customer; every edit is kept in customer_note_revisions. */
export const customerNotes = pgTable('customer_notes', {
  id: uuid().primaryKey().defaultRandom(),
  legalEntityId: uuid().notNull().references(() => legalEntities.id),
  customerId: uuid().notNull().references(() => customers.id, { onDelete: 'cascade' }),
  authorId: uuid().notNull().references(() => associates.id),
  /** The author's store when the note was written: a store-only note is for that store's associates. */
  storeId: uuid().references(() => stores.id),
  visibility: text().$type<NoteVisibility>().notNull().default('everyone'),
  body: text().notNull(),
  /** Chosen by the app when the note is written (offline too): sending it again returns this note, never a second one. */
  clientId: uuid(),
  createdAt: timestamp({ withTimezone: true, mode: 'string' }).notNull().defaultNow(),
  updatedAt: timestamp({ withTimezone: true, mode: 'string' }).notNull().defaultNow(),
}, (t) => [
  index('customer_notes_customer_time').on(t.customerId, t.createdAt.desc()),
  uniqueIndex('customer_notes_le_client_id').on(t.legalEntityId, t.clientId),
  check('customer_notes_visibility', sql`${t.visibility} in ('everyone', 'store', 'private')`),
]);

export const customerNoteRevisions = pgTable('customer_note_revisions', {
  id: uuid().primaryKey().defaultRandom(),
  noteId: uuid().notNull().references(() => customerNotes.id, { onDelete: 'cascade' }),
  body: text().notNull(),
  visibility: text().$type<NoteVisibility>().notNull(),
  editedBy: uuid().notNull().references(() => associates.id),
  editedAt: timestamp({ withTimezone: true, mode: 'string' }).notNull().defaultNow(),
}, (t) => [index('customer_note_revisions_note').on(t.noteId, t.editedAt)]);

export const activitiesPersonal = personalData(activities, {
  onErase: 'anonymise',
  columns: { notes: 'blank', outcome: 'blank' },
});

export const customerNotesPersonal = personalData(customerNotes, {
  onErase: 'anonymise',
  columns: { body: { replace: '[erased]' }, visibility: keep('who may read the note, not about the customer') },
});

export const customerNoteRevisionsPersonal = personalData(customerNoteRevisions, {
  owner: 'noteId', parent: customerNotesPersonal,
  onErase: 'anonymise',
  columns: { body: { replace: '[erased]' }, visibility: keep('who may read the note, not about the customer') },
});

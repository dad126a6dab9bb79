import { getTableName, sql, type Column, type SQL } from 'drizzle-orm';
import { QueryBuilder } from 'drizzle-orm/pg-core';
import { appointments } from './schema.ts';

/** A timestamp as the API shows it: UTC, whole seconds, `2025-03-29T09:00:00Z`. */
export function isoUtc(column: Column | SQL): SQL {
  return sql`to_char(${column} at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"')`;
}

/** The appointments table's name, for a module that checks it exists before reading appointmentRows (attribution). */
export const APPOINTMENTS_TABLE = getTableName(appointments);

/**
 * Appointments as a subquery named `name` (legalEntityId, storeId, customerId, status, startsAt), for statements that
 * count them with other modules' data (store performance: appointments, and those followed by a purchase).
 */
export const appointmentRows = (name: string) => new QueryBuilder({ casing: 'snake_case' }).select({
  legalEntityId: appointments.legalEntityId, storeId: appointments.storeId, customerId: appointments.customerId,
  status: appointments.status, startsAt: appointments.startsAt,
}).from(appointments).as(name);

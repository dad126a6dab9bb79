import { sql, type Column, type SQL } from 'drizzle-orm';

/** A timestamp as the API shows it: UTC, whole seconds, `2025-03-29T09:00:00Z`. */
export function isoUtc(column: Column | SQL): SQL {
  return sql`to_char(${column} at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"')`;
}

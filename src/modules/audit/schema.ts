import { pgTable, uuid, text, timestamp, jsonb, bigserial, index } from 'drizzle-orm/pg-core';

// Who read or changed customer data. Append-only; no foreign keys so erasure never cascades into it.
export const auditLog = pgTable('audit_log', {
  id: bigserial({ mode: 'number' }).primaryKey(),
  legalEntityId: uuid().notNull(),
  actorAssociateId: uuid(),
  actorLabel: text(),
  action: text().notNull(),
  entityType: text().notNull(),
  entityId: text(),
  detail: jsonb(),
  at: timestamp({ withTimezone: true, mode: 'string' }).notNull().defaultNow(),
}, (t) => [index('audit_le_at').on(t.legalEntityId, t.at), index('audit_entity').on(t.entityType, t.entityId)]);

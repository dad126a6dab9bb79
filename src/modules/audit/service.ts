import { sql } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import { query } from '../../db/client.ts';
import { auditLog } from './schema.ts';
import type { AuthContext } from '../auth/context.ts';

/** What was done; the web words each (auditAction.<action>), checked in test/i18n/audit-words.unit.test.ts. */
export const AUDIT_ACTIONS = ['read', 'create', 'update', 'delete', 'export', 'erase', 'merge', 'send', 'import', 'reassign', 'sign_in'] as const;
export type AuditAction = (typeof AUDIT_ACTIONS)[number];

/**
 * Records who read or changed customer data. Called by services, inside their transaction where there is one. The
 * entity type is a string literal at the call (or an importer's entity), so the web's words for it can be checked.
 */
export async function audit(
  db: Db,
  auth: Pick<AuthContext, 'legalEntityId' | 'associateId' | 'associateName'> | { legalEntityId: string; associateId: null; associateName: string },
  action: AuditAction,
  entityType: string,
  entityId: string | null,
  detail?: Record<string, unknown>,
): Promise<void> {
  await db.insert(auditLog).values({
    legalEntityId: auth.legalEntityId,
    actorAssociateId: auth.associateId,
    actorLabel: auth.associateName,
    action,
    entityType,
    entityId,
    detail: detail ?? null,
  });
}

export async function listAudit(
  db: Db,
  legalEntityId: string,
  filter: { entityType?: string; entityId?: string; limit: number; beforeId?: number },
) {
  const l = auditLog;
  return query<{ id: number; actorAssociateId: string | null; actorLabel: string | null; action: string; entityType: string; entityId: string | null; detail: unknown; at: string }>(db, sql`
    select ${l.id}::int as "id", ${l.actorAssociateId} as "actorAssociateId", ${l.actorLabel} as "actorLabel", ${l.action},
           ${l.entityType} as "entityType", ${l.entityId} as "entityId", ${l.detail}, ${l.at}::text as "at"
    from ${l}
    where ${l.legalEntityId} = ${legalEntityId}
      ${filter.entityType ? sql`and ${l.entityType} = ${filter.entityType}` : sql``}
      ${filter.entityId ? sql`and ${l.entityId} = ${filter.entityId}` : sql``}
      ${filter.beforeId ? sql`and ${l.id} < ${filter.beforeId}` : sql``}
    order by ${l.id} desc limit ${filter.limit}`);
}

/** What was done to one entity (a customer: who read, changed or exported them), oldest first, as a data export lists it. */
export function auditTrailOf(db: Db, legalEntityId: string, entityId: string, limit: number) {
  return query<{ action: string; entityType: string; actor: string; at: string }>(db, sql`select ${auditLog.action}, ${auditLog.entityType} as "entityType",
      ${auditLog.actorLabel} as "actor", to_json(${auditLog.at})#>>'{}' as at
    from ${auditLog} where ${auditLog.legalEntityId} = ${legalEntityId} and ${auditLog.entityId} = ${entityId} order by ${auditLog.id} limit ${limit}`);
}

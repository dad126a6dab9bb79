import { sql } from 'drizzle-orm';
import { query, type Db } from '../../db/client.ts';

export async function listApiTokens(db: Db, legalEntityId: string) {
  return query<{ id: string; associateId: string; name: string; prefix: string; createdAt: string; lastUsedAt: string | null; revokedAt: string | null }>(db, sql`
    select t.id, t.associate_id as "associateId", t.name, t.prefix, t.created_at::text as "createdAt",
           t.last_used_at::text as "lastUsedAt", t.revoked_at::text as "revokedAt"
    from api_tokens t join associates a on a.id = t.associate_id
    where a.legal_entity_id = ${legalEntityId} order by t.created_at desc`);
}

export async function revokeApiToken(db: Db, legalEntityId: string, id: string): Promise<boolean> {
  const rows = await query(db, sql`
    update api_tokens t set revoked_at = now() from associates a
    where t.id = ${id} and a.id = t.associate_id and a.legal_entity_id = ${legalEntityId} and t.revoked_at is null
    returning t.id`);
  return rows.length > 0;
}

export async function associateInLegalEntity(db: Db, associateId: string, legalEntityId: string): Promise<boolean> {
  const rows = await query(db, sql`select 1 from associates where id = ${associateId} and legal_entity_id = ${legalEntityId}`);
  return rows.length > 0;
}

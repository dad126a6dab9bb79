import { sql, type Column, type SQL } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import { query, type Db } from '../../db/client.ts';
import { columnName } from '../../db/sql.ts';
import { associates } from '../organisation/schema.ts';
import { apiTokens, associateInvitations } from './schema.ts';
import type { ApiToken } from './auth-schemas.ts';

const t = alias(apiTokens, 't');
const a = alias(associates, 'a');

export async function listApiTokens(db: Db, legalEntityId: string) {
  return query<ApiToken>(db, sql`
    select ${t.id} as id, ${t.associateId} as "associateId", ${t.name} as name, ${t.prefix} as prefix, ${t.createdAt}::text as "createdAt",
           ${t.lastUsedAt}::text as "lastUsedAt", ${t.revokedAt}::text as "revokedAt", ${t.scopes} as "scopes"
    from ${apiTokens} as ${t} join ${associates} as ${a} on ${a.id} = ${t.associateId}
    where ${a.legalEntityId} = ${legalEntityId} order by ${t.createdAt} desc`);
}

export async function revokeApiToken(db: Db, legalEntityId: string, id: string): Promise<boolean> {
  const rows = await query(db, sql`
    update ${apiTokens} as ${t} set ${columnName(apiTokens.revokedAt)} = now() from ${associates} as ${a}
    where ${t.id} = ${id} and ${a.id} = ${t.associateId} and ${a.legalEntityId} = ${legalEntityId} and ${t.revokedAt} is null
    returning ${t.id}`);
  return rows.length > 0;
}

export async function associateInLegalEntity(db: Db, associateId: string, legalEntityId: string): Promise<boolean> {
  const rows = await query(db, sql`select 1 from ${associates} where ${associates.id} = ${associateId} and ${associates.legalEntityId} = ${legalEntityId}`);
  return rows.length > 0;
}

const inv = alias(associateInvitations, 'inv');

/**
 * The state of an associate's invitation, as SQL expressions for organisation's list of associates (one statement):
 * 'declined', 'expired' or 'invited' (also when no invitation row is left), and when it expires (text, or null).
 */
export const invitationStatusOf = (associateId: SQL | Column) => sql`coalesce((select case when ${inv.declinedAt} is not null then 'declined'
  when ${inv.expiresAt} <= now() then 'expired' else 'invited' end from ${associateInvitations} as ${inv} where ${inv.associateId} = ${associateId}), 'invited')`;
export const invitationExpiresAtOf = (associateId: SQL | Column) =>
  sql`(select ${inv.expiresAt}::text from ${associateInvitations} as ${inv} where ${inv.associateId} = ${associateId})`;

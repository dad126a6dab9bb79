import { eq, sql } from 'drizzle-orm';
import { query, type Db } from '../../db/client.ts';
import { organisationErrors } from './errors.ts';
import { legalEntities } from './schema.ts';

export async function listStores(db: Db, legalEntityId: string) {
  return query<{ id: string; code: string; name: string; timeZone: string; addressBookId: string; city: string | null; active: boolean }>(db, sql`
    select id, code, name, time_zone as "timeZone", address_book_id as "addressBookId", city, active
    from stores where legal_entity_id = ${legalEntityId} order by code`);
}

export type AssociateStatus = 'active' | 'inactive' | 'invited' | 'declined' | 'expired';

export async function listAssociates(db: Db, legalEntityId: string, storeId?: string) {
  return query<{
    id: string; personnelNumber: string; displayName: string; email: string | null; jobTitle: string | null; active: boolean; storeIds: string[]; roles: string[];
    status: AssociateStatus; invitationExpiresAt: string | null;
  }>(db, sql`
    select a.id, a.personnel_number as "personnelNumber", a.display_name as "displayName", a.email, a.job_title as "jobTitle", a.active,
      case when a.user_id is not null then (case when a.active then 'active' else 'inactive' end)
           when i.declined_at is not null then 'declined' when i.expires_at <= now() then 'expired' else 'invited' end as status,
      case when a.user_id is null then i.expires_at::text end as "invitationExpiresAt",
      coalesce((select array_agg(s.id order by s.code) from address_book_members m join stores s on s.address_book_id = m.address_book_id where m.associate_id = a.id), '{}') as "storeIds",
      coalesce((select array_agg(r.name order by r.name) from associate_roles ar join roles r on r.id = ar.role_id where ar.associate_id = a.id), '{}') as "roles"
    from associates a left join associate_invitations i on i.associate_id = a.id
    where a.legal_entity_id = ${legalEntityId}
      ${storeId ? sql`and exists (select 1 from address_book_members m join stores s on s.address_book_id = m.address_book_id where m.associate_id = a.id and s.id = ${storeId})` : sql``}
    order by a.display_name`);
}

export async function listRoles(db: Db, legalEntityId: string) {
  return query<{ id: string; name: string; description: string | null; permissions: string[] }>(db, sql`
    select id, name, description, permissions from roles where legal_entity_id = ${legalEntityId} order by name`);
}

/** An invited associate becomes active only by accepting the invitation, never by this switch. */
export async function setAssociateActive(db: Db, legalEntityId: string, associateId: string, active: boolean) {
  const [row] = await query<{ invited: boolean }>(db, sql`select user_id is null as invited from associates where id = ${associateId} and legal_entity_id = ${legalEntityId}`);
  if (!row) throw organisationErrors.associate_not_found('Associate was not found.');
  if (row.invited) throw organisationErrors.invitation_pending('This associate has not accepted their invitation yet; they become active when they do.');
  await db.execute(sql`update associates set active = ${active} where id = ${associateId} and legal_entity_id = ${legalEntityId}`);
}

/** Every legal entity, in code order: the scheduled jobs run once per legal entity. */
export async function listLegalEntityIds(db: Db): Promise<string[]> {
  return (await db.select({ id: legalEntities.id }).from(legalEntities).orderBy(legalEntities.code)).map((r) => r.id);
}

/** A legal entity's currency and time zone (money and local dates in figures), or undefined when there is none. */
export async function getLegalEntityLocale(db: Db, legalEntityId: string): Promise<{ currency: string; timeZone: string } | undefined> {
  const [le] = await db.select({ currency: legalEntities.currency, timeZone: legalEntities.timeZone }).from(legalEntities).where(eq(legalEntities.id, legalEntityId));
  return le;
}

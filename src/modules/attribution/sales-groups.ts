import { and, eq, inArray, sql } from 'drizzle-orm';
import { query, type Db } from '../../db/client.ts';
import { attributionErrors } from './errors.ts';
import { alias } from 'drizzle-orm/pg-core';
import { associates, stores } from '../organisation/schema.ts';
import { salesGroups, salesGroupMembers } from './schema.ts';

export interface SalesGroup {
  id: string; name: string; storeId: string | null; active: boolean;
  members: { associateId: string; name: string; shareBp: number }[];
}

export interface SalesGroupInput {
  name: string;
  storeId: string | null;
  active: boolean;
  members: { associateId: string; sharePercent: number }[];
}

const g = alias(salesGroups, 'g');
const m = alias(salesGroupMembers, 'm');
const a = alias(associates, 'a');

export async function listSalesGroups(db: Db, legalEntityId: string): Promise<SalesGroup[]> {
  const rows = await query<{ id: string; name: string; storeId: string | null; active: boolean; associateId: string | null; memberName: string | null; shareBp: number | null }>(db, sql`
    select ${g.id} as "id", ${g.name} as "name", ${g.storeId} as "storeId", ${g.active} as "active", ${m.associateId} as "associateId",
      ${a.displayName} as "memberName", ${m.shareBp} as "shareBp"
    from ${salesGroups} as ${g}
    left join ${salesGroupMembers} as ${m} on ${m.salesGroupId} = ${g.id}
    left join ${associates} as ${a} on ${a.id} = ${m.associateId}
    where ${g.legalEntityId} = ${legalEntityId}
    order by ${g.name}, ${m.position}`);
  const byId = new Map<string, SalesGroup>();
  for (const r of rows) {
    let group = byId.get(r.id);
    if (!group) { group = { id: r.id, name: r.name, storeId: r.storeId, active: r.active, members: [] }; byId.set(r.id, group); }
    if (r.associateId) group.members.push({ associateId: r.associateId, name: r.memberName!, shareBp: r.shareBp! });
  }
  return [...byId.values()];
}

/** The groups the engine splits by: active ones with members. */
export async function loadSalesGroups(db: Db, legalEntityId: string): Promise<SalesGroup[]> {
  return (await listSalesGroups(db, legalEntityId)).filter((g) => g.active && g.members.length > 0);
}

function toBp(members: SalesGroupInput['members']) {
  const out = members.map((m) => ({ associateId: m.associateId, shareBp: Math.round(m.sharePercent * 100) }));
  if (out.some((m, i) => Math.abs(m.shareBp - members[i].sharePercent * 100) > 1e-6)) {
    throw attributionErrors.share_precision('Shares may have at most two decimals.', { field: 'members' });
  }
  if (new Set(out.map((m) => m.associateId)).size !== out.length) throw attributionErrors.associate_listed_twice('An associate is listed twice.', { field: 'members' });
  if (out.reduce((a, m) => a + m.shareBp, 0) !== 10_000) throw attributionErrors.shares_do_not_add_up('The members\' shares must add up to 100%.', { field: 'members' });
  return out;
}

async function checkRefs(db: Db, legalEntityId: string, input: SalesGroupInput, members: { associateId: string }[], groupId: string | null) {
  if (input.storeId) {
    const s = await db.select({ id: stores.id }).from(stores).where(and(eq(stores.id, input.storeId), eq(stores.legalEntityId, legalEntityId)));
    if (!s.length) throw attributionErrors.unknown_store('The store does not belong to this legal entity.', { field: 'storeId' });
  }
  const ids = members.map((m) => m.associateId);
  const found = await db.select({ id: associates.id }).from(associates).where(and(eq(associates.legalEntityId, legalEntityId), inArray(associates.id, ids)));
  if (found.length !== ids.length) throw attributionErrors.unknown_associate('An associate does not belong to this legal entity.', { field: 'members' });
  const taken = await query<{ name: string; group: string }>(db, sql`
    select ${a.displayName} as "name", ${g.name} as "group" from ${salesGroupMembers} as ${m}
    join ${salesGroups} as ${g} on ${g.id} = ${m.salesGroupId} join ${associates} as ${a} on ${a.id} = ${m.associateId}
    where ${m.associateId} in (${sql.join(ids.map((id) => sql`${id}::uuid`), sql`, `)})
      ${groupId ? sql`and ${m.salesGroupId} <> ${groupId}` : sql``}`);
  if (taken.length) throw attributionErrors.associate_in_other_group(`${taken[0].name} already sells in the group "${taken[0].group}".`, { field: 'members' });
}

export async function saveSalesGroup(db: Db, legalEntityId: string, groupId: string | null, input: SalesGroupInput): Promise<SalesGroup> {
  const members = toBp(input.members);
  await checkRefs(db, legalEntityId, input, members, groupId);
  const id = await db.transaction(async (tx) => {
    let id = groupId;
    const clash = await tx.select({ id: salesGroups.id }).from(salesGroups).where(and(eq(salesGroups.legalEntityId, legalEntityId), eq(salesGroups.name, input.name)));
    if (clash.length && clash[0].id !== groupId) throw attributionErrors.sales_group_name_taken('A sales group with this name exists.', { field: 'name' });
    if (id) {
      const upd = await tx.update(salesGroups).set({ name: input.name, storeId: input.storeId, active: input.active })
        .where(and(eq(salesGroups.id, id), eq(salesGroups.legalEntityId, legalEntityId))).returning({ id: salesGroups.id });
      if (!upd.length) throw attributionErrors.sales_group_not_found('Sales group was not found.');
      await tx.delete(salesGroupMembers).where(eq(salesGroupMembers.salesGroupId, id));
    } else {
      const [g] = await tx.insert(salesGroups).values({ legalEntityId, name: input.name, storeId: input.storeId, active: input.active }).returning({ id: salesGroups.id });
      id = g.id;
    }
    await tx.insert(salesGroupMembers).values(members.map((m, i) => ({ salesGroupId: id!, associateId: m.associateId, shareBp: m.shareBp, position: i })));
    return id!;
  });
  return (await listSalesGroups(db, legalEntityId)).find((g) => g.id === id)!;
}

/** Removing a group changes future splits only; credits already in the ledger stay. */
export async function deleteSalesGroup(db: Db, legalEntityId: string, groupId: string): Promise<void> {
  const rows = await db.delete(salesGroups).where(and(eq(salesGroups.id, groupId), eq(salesGroups.legalEntityId, legalEntityId))).returning({ id: salesGroups.id });
  if (!rows.length) throw attributionErrors.sales_group_not_found('Sales group was not found.');
}

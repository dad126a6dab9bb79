import { sql } from 'drizzle-orm';
import type { ScheduledJob } from '../../jobs/scheduler.ts';
import { query, type Db } from '../../db/client.ts';
import { columnNames } from '../../db/sql.ts';
import { customerNameTerms, customers } from './schema.ts';

const live = sql`${customers.erasedAt} is null and ${customers.mergedIntoId} is null`;

/**
 * Puts customer_name_terms back in step with the legal entity's live customers. The triggers keep it so statement by
 * statement, but two transactions can cross: one takes a rare name from its last customer while another gives it to a
 * new one, and the first deletes the name the second then relies on. Exact matches never need the list; a typo of that
 * name would not find it until this runs. Answers how many names it added and removed.
 */
export async function repairNameTerms(db: Db, legalEntityId: string): Promise<{ added: number; removed: number }> {
  return db.transaction(async (tx) => {
    const names = sql`select 'last' as kind, lower(${customers.lastName}) as term from ${customers}
        where ${customers.legalEntityId} = ${legalEntityId} and ${live}
      union select 'first', lower(${customers.firstName}) from ${customers}
        where ${customers.legalEntityId} = ${legalEntityId} and ${live}`;
    const added = await query<{ n: number }>(tx, sql`with added as (
        insert into ${customerNameTerms} (${columnNames(customerNameTerms.legalEntityId, customerNameTerms.kind, customerNameTerms.term)})
        select ${legalEntityId}, n.kind, n.term from (${names}) n
        on conflict do nothing returning 1)
      select count(*)::int as n from added`);
    const removed = await query<{ n: number }>(tx, sql`with removed as (
        delete from ${customerNameTerms}
        where ${customerNameTerms.legalEntityId} = ${legalEntityId}
          and not exists (select 1 from (${names}) n where n.kind = ${customerNameTerms.kind} and n.term = ${customerNameTerms.term})
        returning 1)
      select count(*)::int as n from removed`);
    return { added: added[0].n, removed: removed[0].n };
  });
}

export const jobs: ScheduledJob[] = [
  {
    // Nightly, before the measures (02:00 in the legal entity's time zone): the name list behind typo-tolerant search.
    name: 'customers.name-terms-repair',
    cron: '40 1 * * *',
    perLegalEntity: true,
    async run(app, { legalEntityId }) {
      const fixed = await repairNameTerms(app.db, legalEntityId!);
      if (fixed.added || fixed.removed) app.log.warn({ legalEntityId, ...fixed }, 'customer name list put back in step');
    },
  },
];

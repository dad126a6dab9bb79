import type { DemoSeeder } from '../demo/context.ts';
import { recomputeBuiltinMeasures } from './compute.ts';
import { createSqlMeasure } from './custom-measures.ts';
import { setCardMeasureKeys } from '../setup/service.ts';
import { inLanguage } from '../demo/language.ts';

// A head-office SQL measure the demo shows beside the built-in ones, as an example to copy.
const SPEND_12M = `select o.customer_id, sum(o.total_minor) as value
from orders o
where o.legal_entity_id = :legal_entity_id and o.status <> 'cancelled' and o.customer_id is not null
  and o.ordered_at > now() - interval '12 months'
group by o.customer_id`;
const SPEND_12M_WORDS = {
  name: { en: 'Spend in the last 12 months', fr: 'Achats des 12 derniers mois' },
  description: {
    en: 'Sum of non-cancelled orders over the last 12 months, minor units (a head-office SQL measure).',
    fr: 'Total des commandes non annulées des 12 derniers mois, en centimes (un indicateur SQL du siège).',
  },
};

/** Runs after the orders exist (customer-profile seeds them at order 10), so the demo cards show real measures. */
export const demoSeeder: DemoSeeder = {
  name: 'insights',
  async seed(ctx) {
    for (const le of ctx.legalEntities) {
      await recomputeBuiltinMeasures(ctx.db, le.id, { today: ctx.today });
      await createSqlMeasure(ctx.db, le.id, {
        key: 'spend_12m', name: inLanguage(le, SPEND_12M_WORDS.name), format: 'currency', sqlText: SPEND_12M,
        description: inLanguage(le, SPEND_12M_WORDS.description),
      }, { databaseKind: 'pglite' }); // the demo's own fixed query, run under the usual cost ceiling
      // As in the seed's example: two measures on the card, then the client book attribute with display order 1.
      await setCardMeasureKeys(ctx.db, le.id, ['churn_probability', 'next_best_action']);
    }
  },
};

import type { DemoSeeder } from '../demo/context.ts';
import { runAttribution } from './engine.ts';
import { savePlan } from './commission-plans.ts';
import { saveSalesGroup } from './sales-groups.ts';
import { updateSettings } from './settings.ts';
import { inLanguage } from '../demo/language.ts';
import { categoryName } from '../customer-profile/demo-catalogue.ts';

// Commission set-up for the demo retailer, then attribution of the demo orders the other seeders created.
export const demoSeeder: DemoSeeder = {
  name: 'attribution',
  async seed(ctx) {
    const start = new Date(Date.UTC(ctx.today.getUTCFullYear() - 2, ctx.today.getUTCMonth(), 1)).toISOString().slice(0, 7);
    for (const le of ctx.legalEntities) {
      await updateSettings(ctx.db, le.id, { outreachWindowDays: 14 });
      await savePlan(ctx.db, le.id, null, {
        name: inLanguage(le, { en: 'Standard commission', fr: 'Commission standard' }), validFrom: start, validTo: null, defaultRatePercent: 3,
        rates: [
          { storeId: null, category: categoryName('Jewellery', le.language), ratePercent: 5 },
          { storeId: null, category: categoryName('Handbags', le.language), ratePercent: 4 },
        ],
      });
      // At the flagship, Hugo sells the jewellery counter with a colleague and they share the credit.
      const par1 = le.stores.find((s) => s.code === 'PAR1');
      if (par1) {
        const sellers = le.associates.filter((a) => a.role === 'Sales associate' && a.storeIds.length === 1 && a.storeIds[0] === par1.id);
        const hugo = sellers.find((a) => a.email.startsWith('hugo'));
        const partner = sellers.find((a) => a !== hugo);
        if (hugo && partner) {
          await saveSalesGroup(ctx.db, le.id, null, {
            name: inLanguage(le, { en: 'Saint-Honoré jewellery counter', fr: 'Comptoir joaillerie Saint-Honoré' }), storeId: par1.id, active: true,
            members: [{ associateId: hugo.id, sharePercent: 60 }, { associateId: partner.id, sharePercent: 40 }],
          });
        }
      }
      await runAttribution(ctx.db, le.id);
    }
  },
};

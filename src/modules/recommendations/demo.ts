import { eq } from 'drizzle-orm';
import { products } from '../catalogue/schema.ts';
import { categoryComplements } from './schema.ts';
import type { DemoSeeder } from '../demo/context.ts';
import { mineLegalEntity } from './mining-job.ts';

// A luxury house's merchandising rules: what an associate offers alongside a purchase.
export const DEMO_COMPLEMENTS: { from: string; to: string; note: string }[] = [
  { from: 'Handbags', to: 'Small leather goods', note: 'A matching wallet or card holder completes the bag' },
  { from: 'Handbags', to: 'Accessories', note: 'A matching wallet, card holder or silk scarf completes the bag' },
  { from: 'Handbags', to: 'Leather care', note: 'Offer the care kit with every leather bag' },
  { from: 'Shoes', to: 'Shoe care', note: 'Polish and shoe trees keep the pair like new' },
  { from: 'Shoes', to: 'Accessories', note: 'Finish the look' },
  { from: 'Ready-to-wear', to: 'Accessories', note: 'A scarf or belt to finish the silhouette' },
  { from: 'Ready-to-wear', to: 'Shoes', note: 'Shoes for the outfit' },
  { from: 'Jewellery', to: 'Jewellery care', note: 'Cleaning cloth and travel case' },
  { from: 'Jewellery', to: 'Beauty', note: 'A fragrance to go with a gift of jewellery' },
  { from: 'Small leather goods', to: 'Handbags', note: 'Wallet buyers often come back for the matching bag' },
  { from: 'Fragrance', to: 'Beauty', note: 'Layer the scent with the body cream' },
];

// Category complements for each demo legal entity, then rules mined from the demo orders (customer-profile, order 10).
export const demoSeeder: DemoSeeder = {
  name: 'recommendations',
  async seed(ctx) {
    for (const le of ctx.legalEntities) {
      const existing = new Set((await ctx.db.selectDistinct({ category: products.category }).from(products).where(eq(products.legalEntityId, le.id))).map((r) => r.category));
      // With a catalogue, keep the rules that apply to it; without one (a bare demo) head office's list stands as written.
      const rules = existing.size ? DEMO_COMPLEMENTS.filter((c) => existing.has(c.from) && existing.has(c.to)) : DEMO_COMPLEMENTS;
      for (const c of rules) {
        await ctx.db.insert(categoryComplements).values({ legalEntityId: le.id, fromCategory: c.from, toCategory: c.to, note: c.note }).onConflictDoNothing();
      }
      await mineLegalEntity(ctx.db, le.id, { trigger: 'demo' });
    }
  },
};

import { eq } from 'drizzle-orm';
import { products } from '../catalogue/schema.ts';
import { categoryComplements } from './schema.ts';
import type { DemoSeeder } from '../demo/context.ts';
import { mineLegalEntity } from './mining-job.ts';
import { inLanguage } from '../demo/language.ts';
import { categoryName } from '../customer-profile/demo-catalogue.ts';

// A luxury house's merchandising rules: what an associate offers alongside a purchase, noted in head office's language.
// Categories are named in English here and as the legal entity's catalogue names them when written.
export const DEMO_COMPLEMENTS: { from: string; to: string; note: { en: string; fr: string } }[] = [
  { from: 'Handbags', to: 'Small leather goods', note: { en: 'A matching wallet or card holder completes the bag', fr: 'Un portefeuille ou un porte-cartes assorti complète le sac' } },
  { from: 'Handbags', to: 'Accessories', note: { en: 'A matching wallet, card holder or silk scarf completes the bag', fr: 'Un portefeuille, un porte-cartes ou un carré de soie assorti complète le sac' } },
  { from: 'Handbags', to: 'Leather care', note: { en: 'Offer the care kit with every leather bag', fr: 'Proposer le kit d’entretien avec chaque sac en cuir' } },
  { from: 'Shoes', to: 'Shoe care', note: { en: 'Polish and shoe trees keep the pair like new', fr: 'Cirage et embauchoirs gardent la paire comme neuve' } },
  { from: 'Shoes', to: 'Accessories', note: { en: 'Finish the look', fr: 'Pour parfaire la tenue' } },
  { from: 'Ready-to-wear', to: 'Accessories', note: { en: 'A scarf or belt to finish the silhouette', fr: 'Un foulard ou une ceinture pour parfaire la silhouette' } },
  { from: 'Ready-to-wear', to: 'Shoes', note: { en: 'Shoes for the outfit', fr: 'Les souliers assortis à la tenue' } },
  { from: 'Jewellery', to: 'Jewellery care', note: { en: 'Cleaning cloth and travel case', fr: 'Chiffonnette d’entretien et écrin de voyage' } },
  { from: 'Jewellery', to: 'Beauty', note: { en: 'A fragrance to go with a gift of jewellery', fr: 'Un parfum pour accompagner un bijou offert' } },
  { from: 'Small leather goods', to: 'Handbags', note: { en: 'Wallet buyers often come back for the matching bag', fr: 'Qui achète un portefeuille revient souvent pour le sac assorti' } },
  { from: 'Fragrance', to: 'Beauty', note: { en: 'Layer the scent with the body cream', fr: 'Prolonger le parfum avec le lait pour le corps assorti' } },
];

// Category complements for each demo legal entity, then rules mined from the demo orders (customer-profile, order 10).
export const demoSeeder: DemoSeeder = {
  name: 'recommendations',
  async seed(ctx) {
    for (const le of ctx.legalEntities) {
      const existing = new Set((await ctx.db.selectDistinct({ category: products.category }).from(products).where(eq(products.legalEntityId, le.id))).map((r) => r.category));
      // With a catalogue, keep the rules that apply to it; without one (a bare demo) head office's list stands as written.
      const named = DEMO_COMPLEMENTS.map((c) => ({ from: categoryName(c.from, le.language), to: categoryName(c.to, le.language), note: inLanguage(le, c.note) }));
      const rules = existing.size ? named.filter((c) => existing.has(c.from) && existing.has(c.to)) : named;
      for (const c of rules) {
        await ctx.db.insert(categoryComplements).values({ legalEntityId: le.id, fromCategory: c.from, toCategory: c.to, note: c.note }).onConflictDoNothing();
      }
      await mineLegalEntity(ctx.db, le.id, { trigger: 'demo' });
    }
  },
};

import type { Importer } from './importer.ts';
import { productsImporter, stockImporter, returnsImporter } from './entities-commerce.ts';
import { ordersImporter } from './entities-orders.ts';
import { customersImporter, loyaltyImporter, loyaltyPointsImporter, interactionsImporterAll, serviceCasesImporter, marketingTouchesImporter, browsingImporter, wishlistImporter } from './entities-people.ts';

/** Every importable entity, in the order a full load should run (parents before children). */
export const IMPORTERS: Importer<any>[] = [
  customersImporter, productsImporter, stockImporter, ordersImporter, returnsImporter, loyaltyImporter, loyaltyPointsImporter,
  interactionsImporterAll, serviceCasesImporter, marketingTouchesImporter, browsingImporter, wishlistImporter,
];

export const ENTITY_NAMES = IMPORTERS.map((i) => i.entity);

const ALIASES: Record<string, string> = { 'browsing-events': 'browsing', 'service-case': 'service-cases', 'marketing-touch': 'marketing-touches', 'loyalty-ledger': 'loyalty-points' };

export function importerFor(entity: string): Importer<any> | undefined {
  const name = ALIASES[entity] ?? entity;
  return IMPORTERS.find((i) => i.entity === name);
}

import type { Db } from '../../db/client.ts';
import type { Rng } from './random.ts';
import type { DemoLanguage } from './language.ts';

export interface DemoStore { id: string; code: string; name: string; addressBookId: string; timeZone: string }
export interface DemoAssociate { id: string; name: string; email: string; role: string; storeIds: string[] }
export interface DemoCustomer { id: string; firstName: string; lastName: string; homeStoreId: string; isVip: boolean; gender: 'f' | 'm'; email: string | null; language: DemoLanguage }
export interface DemoLegalEntity {
  id: string; code: string; name: string; currency: string; timeZone: string; roles: Record<string, string>;
  /** The language its head office writes its own data in (see language.ts). */
  language: DemoLanguage;
  stores: DemoStore[]; associates: DemoAssociate[]; customers: DemoCustomer[];
}

/** What every capability's demo seeder receives; seeders add their own data for each legal entity. */
export interface DemoContext {
  db: Db;
  rng: Rng;
  seed: number;
  /** Anchor date: the demo's history runs two years up to here, so the store looks alive today. */
  today: Date;
  legalEntities: DemoLegalEntity[];
}

/** A capability's demo data: src/modules/<capability>/demo.ts exports `demoSeeder`, listed in src/capabilities.ts in the order they run. */
export interface DemoSeeder {
  name: string;
  seed(ctx: DemoContext): Promise<void>;
}

export const DEMO_PASSWORD = 'clienteling-demo';

export async function insertInChunks<T>(rows: T[], size: number, insert: (chunk: T[]) => Promise<unknown>) {
  for (let i = 0; i < rows.length; i += size) await insert(rows.slice(i, i + size));
}

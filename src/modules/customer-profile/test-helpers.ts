import type { Db } from '../../db/client.ts';
import { buildProduct as product, buildOrder as order, type OrderLineSpec } from '../../../test/factories.ts';

// Only privacy.test.ts still calls these (its module is being changed elsewhere); they delegate to test/factories.ts.
// Move its three calls to buildProduct/buildOrder there and delete this file.
export const buildProduct = (db: Db, legalEntityId: string) => product(db, legalEntityId);

export const buildOrder = (db: Db, legalEntityId: string, customerId: string, lines: OrderLineSpec[]) =>
  order(db, legalEntityId, { customerId, storeId: null, lines });

import type { Db } from '../../db/client.ts';
import { buildOrder } from '../../../test/factories.ts';

const DAY_MS = 86_400_000;

/** Orders (without lines) for a customer on the given days before `now` (noon UTC, so the local day is unambiguous in Europe). */
export async function buildOrders(
  db: Db, legalEntityId: string, customerId: string, daysAgo: number[],
  over: { totalMinor?: number; status?: 'completed' | 'cancelled'; now?: Date } = {},
) {
  const now = over.now ?? new Date();
  const noon = Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate(), 12);
  for (const d of daysAgo) {
    await buildOrder(db, legalEntityId, {
      customerId, storeId: null, lines: [], status: over.status ?? 'completed', orderedAt: new Date(noon - d * DAY_MS), totalMinor: over.totalMinor ?? 12_000,
    });
  }
}

/** A small but realistic book: some steady buyers, some who stopped, some one-timers, so the models can be fitted. */
export async function buildBook(db: Db, legalEntityId: string, makeCustomer: () => Promise<{ id: string }>, size = 30) {
  const ids: string[] = [];
  for (let i = 0; i < size; i++) {
    const c = await makeCustomer();
    ids.push(c.id);
    const first = 60 + ((i * 37) % 600);
    const repeats = i % 6;
    const gap = 15 + ((i * 13) % 60);
    // A third of the customers stopped after their repeats; the rest kept buying at their pace.
    const stopped = i % 3 === 0;
    const days = [first];
    for (let k = 1; k <= repeats; k++) days.push(Math.max(1, first - k * gap));
    if (!stopped && repeats > 0) for (let d = days[days.length - 1] - gap; d > 0; d -= gap) days.push(d);
    await buildOrders(db, legalEntityId, c.id, days, { totalMinor: 5_000 + ((i * 7919) % 40_000) });
  }
  return ids;
}

import { describe, it, expect, vi } from 'vitest';
import { sql } from 'drizzle-orm';
import { testDatabase } from '../../test/app.ts';
import { announceChange, changeFeedConnected, listenForChanges, onChange } from './change-feed.ts';

describe('change feed (cache invalidation across server processes)', () => {
  it('delivers a committed change to listeners, and nothing of a rolled-back one', async () => {
    const database = await testDatabase();
    const seen: (string | null)[] = [];
    onChange('test-topic', (key) => seen.push(key));
    const stop = await listenForChanges(database);
    expect(changeFeedConnected()).toBe(true);
    await database.db.transaction(async (tx) => {
      await tx.execute(sql`select pg_notify('clienteling_changes', 'test-topic:committed')`);
    });
    await database.db.transaction(async (tx) => {
      await tx.execute(sql`select pg_notify('clienteling_changes', 'test-topic:rolled-back')`);
      tx.rollback();
    }).catch(() => {});
    await vi.waitFor(() => expect(seen).toContain('committed'), { timeout: 5000, interval: 10 });
    // announceChange clears this process's caches at once, before the database has said anything.
    const before = seen.length;
    const announced = announceChange(database.db, 'test-topic', 'local');
    expect(seen.slice(before)).toEqual(['local']);
    await announced;
    await stop();
    expect(seen).not.toContain('rolled-back');
  });

  it.skipIf(process.env.CLIENTELING_TEST_DB !== 'postgres')('stops caching while its connection is down, clears everything, and reconnects', async () => {
    const database = await testDatabase();
    const seen: (string | null)[] = [];
    onChange('test-reconnect', (key) => seen.push(key));
    const stop = await listenForChanges(database, { retryMs: 50 });
    expect(changeFeedConnected()).toBe(true);
    seen.length = 0; // connecting cleared everything once already
    await database.db.execute(sql`select pg_terminate_backend(pid) from pg_stat_activity
      where application_name = 'clienteling change feed' and datname = current_database() and pid <> pg_backend_pid()`);
    await vi.waitFor(() => expect(seen).toContain(null), { timeout: 5000, interval: 10 });
    // Cleared when the connection dropped, and again when it came back.
    await vi.waitFor(() => { expect(changeFeedConnected()).toBe(true); expect(seen).toEqual([null, null]); }, { timeout: 5000, interval: 10 });
    await database.db.execute(sql`select pg_notify('clienteling_changes', 'test-reconnect:after')`);
    await vi.waitFor(() => expect(seen).toContain('after'), { timeout: 5000, interval: 10 });
    await stop();
    expect(changeFeedConnected()).toBe(false);
  });
});

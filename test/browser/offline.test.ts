import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { startBrowser, signInThroughPage } from './browser.ts';
import { buildAssociateDay } from './layout-data.ts';
import { TEST_PASSWORD } from '../factories.ts';

let b: Awaited<ReturnType<typeof startBrowser>>;
let day: Awaited<ReturnType<typeof buildAssociateDay>>;
beforeAll(async () => {
  b = await startBrowser();
  day = await buildAssociateDay(b.app);
});
afterAll(async () => { await b?.close(); });

const NAME = 'Bérénice-Alexandrine de La Rochefoucauld-Montmorency';

/** Whether the copy saved on the device (IndexedDB) holds the customer's timeline and card. */
async function savedCopyHas(customerId: string) {
  return b.page.evaluate((id) => new Promise<boolean>((resolve) => {
    const req = indexedDB.open('clienteling');
    req.onsuccess = () => {
      const get = req.result.transaction('kv').objectStore('kv').get('query-cache');
      get.onsuccess = () => {
        const keys = ((get.result?.state?.queries ?? []) as { queryKey: unknown[] }[]).filter((q) => q.queryKey[1] === id).map((q) => q.queryKey[2]);
        resolve(keys.includes('timeline') && keys.includes('profile'));
      };
      get.onerror = () => resolve(false);
    };
    req.onerror = () => resolve(false);
  }), customerId);
}

describe('the installable app offline in Chromium', () => {
  it('opens offline with the book, a card, its notes and today; a note and an activity written offline land once on reconnect', async () => {
    const page = b.page;
    await page.setViewportSize({ width: 390, height: 844 });
    await signInThroughPage(page, b.baseUrl, day.associate.email, TEST_PASSWORD);
    // Installable: a manifest with icons, and a service worker that controls the page.
    const manifest = await page.evaluate(async () => (await fetch(document.querySelector<HTMLLinkElement>('link[rel=manifest]')!.href)).json());
    expect(manifest).toMatchObject({ name: 'Clienteling', start_url: '/', display: 'standalone' });
    expect(manifest.icons.map((i: { sizes: string }) => i.sizes)).toEqual(['192x192', '512x512']);
    await page.evaluate(() => navigator.serviceWorker.ready.then(() => true));
    // The sync loads the book's cards and timelines ahead, and the copy is saved on the device.
    await page.waitForFunction(() => !!document.documentElement.dataset.offlineSync, undefined, { timeout: 30_000 });
    await expect.poll(() => savedCopyHas(day.customer.id), { timeout: 10_000 }).toBe(true);

    await b.context.setOffline(true);
    await page.reload();
    await page.getByRole('status').filter({ hasText: 'Offline' }).waitFor();
    // Today's appointment, from the last sync.
    await page.getByRole('region', { name: 'My appointments today' }).getByRole('link', { name: NAME }).waitFor();
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'My client book' }).click();
    await page.getByRole('main').getByRole('link', { name: NAME }).click();
    // The card (never opened online: loaded ahead by the sync) with the note written earlier.
    await page.getByRole('heading', { level: 1, name: new RegExp(NAME) }).waitFor();
    await page.getByRole('list', { name: 'Timeline' }).getByText('Prefers the silk scarves').waitFor();

    const note = 'Offline: asked for the blue silk scarf, size M, before the wedding.';
    const addNote = page.getByRole('form', { name: 'Add note' });
    await addNote.getByLabel('Note').fill(note);
    await addNote.getByRole('button', { name: 'Add note' }).click();
    const pending = page.getByRole('list', { name: 'Not sent yet' });
    await pending.getByText(note).waitFor();
    const record = page.getByRole('form', { name: 'Record activity' });
    await record.getByLabel('Activity type').selectOption({ label: 'Store visit' });
    await record.getByLabel('Activity notes').fill('Offline visit: tried the scarves');
    await record.getByRole('button', { name: 'Record activity' }).click();
    await pending.getByText('Offline visit: tried the scarves').waitFor();

    // Still there after the app is closed and opened again offline: the outbox is on the device.
    await page.reload();
    await page.getByRole('list', { name: 'Not sent yet' }).getByText(note).waitFor();
    await page.getByRole('list', { name: 'Not sent yet' }).getByText('Offline visit: tried the scarves').waitFor();

    await b.context.setOffline(false);
    const timeline = page.getByRole('list', { name: 'Timeline' });
    await timeline.getByText(note).waitFor();
    await timeline.getByText('Offline visit: tried the scarves').waitFor();
    await expect(page.getByRole('list', { name: 'Not sent yet' }).count()).resolves.toBe(0);

    // Opened again online: nothing is sent a second time.
    await page.reload();
    await timeline.getByText(note).waitFor();
    const notes = await b.app.inject({ method: 'GET', url: `/api/v1/customers/${day.customer.id}/notes`, headers: { cookie: day.as.associate } });
    expect(notes.json().filter((n: { body: string }) => n.body === note)).toHaveLength(1);
    const events = await b.app.inject({ method: 'GET', url: `/api/v1/customers/${day.customer.id}/timeline`, headers: { cookie: day.as.associate } });
    expect(events.json().items.filter((e: { kind: string; detail: string | null }) => e.kind === 'activity' && e.detail?.includes('Offline visit'))).toHaveLength(1);

    // The session gone (signed out elsewhere, expired), the app opened online asks the server: sign-in, not the person
    // saved on the device, whose copy is then removed.
    await b.context.clearCookies();
    await page.reload();
    await page.getByRole('button', { name: 'Sign in' }).waitFor();
    await expect.poll(() => savedCopyHas(day.customer.id), { timeout: 10_000 }).toBe(false);
  });
});

import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { startBrowser, signInThroughPage } from './browser.ts';
import { buildRetailer, TEST_PASSWORD } from '../factories.ts';
import { recordRunEnd, recordRunStart } from '../../src/modules/jobs/queries.ts';

let b: Awaited<ReturnType<typeof startBrowser>>;
beforeAll(async () => { b = await startBrowser(); });
afterAll(async () => { await b?.close(); });

describe('clienteling set-up screens in Chromium', () => {
  it('lets head office turn clienteling on, define attributes, the client book group and activity types', async () => {
    const r = await buildRetailer(b.app, b.app.db);
    const api = async (url: string) => (await b.app.inject({ method: 'GET', url: `/api/v1/${url}`, headers: { cookie: r.as.headOffice } })).json();
    await signInThroughPage(b.page, b.baseUrl, r.headOffice.email, TEST_PASSWORD);
    await b.page.getByRole('navigation', { name: 'Main' }).getByText('Clienteling set-up').click();
    await b.page.getByLabel('Clienteling enabled').check();
    await b.page.getByRole('status').filter({ hasText: 'Clienteling is on.' }).waitFor();

    await b.page.getByLabel('Prefix').fill('VIP-');
    await b.page.getByLabel('Digits').fill('4');
    await b.page.getByRole('button', { name: 'Save number sequence' }).click();
    await b.page.getByRole('status').filter({ hasText: 'Number sequence saved.' }).waitFor();

    await b.page.getByLabel('New attribute group').fill('Client book');
    await b.page.getByRole('button', { name: 'Create group' }).click();
    await b.page.getByRole('heading', { name: 'Client book', exact: true }).waitFor();
    await b.page.getByLabel('Attribute name').fill('Favourite brand');
    await b.page.getByLabel('List values (comma separated)').fill('Aurelle, Maison B');
    await b.page.getByRole('button', { name: 'Add attribute' }).click();
    await b.page.getByRole('cell', { name: 'Favourite brand', exact: true }).waitFor();
    await b.page.getByLabel('Client book attribute group').selectOption({ label: 'Client book' });
    await b.page.getByRole('status').filter({ hasText: 'Client book attribute group saved.' }).waitFor();

    await b.page.getByLabel('New activity type').fill('Styling session');
    await b.page.getByRole('button', { name: 'Add activity type' }).click();
    await b.page.getByRole('button', { name: 'Remove Styling session' }).waitFor();

    const setup = await api('setup/clienteling');
    expect(setup.enabled).toBe(true);
    expect(setup.numberSequence.prefix).toBe('VIP-');
    const groups = await api('attribute-groups');
    expect(setup.clientBookAttributeGroupId).toBe(groups[0].id);
    expect(groups[0].attributes[0]).toMatchObject({ name: 'Favourite brand', listValues: ['Aurelle', 'Maison B'], canBeRefined: true });
    expect((await api('activity-types')).map((t: { name: string }) => t.name)).toEqual(['Styling session']);
    // The associate's first book gets an ID from the sequence head office set.
    expect((await b.app.inject({ method: 'GET', url: '/api/v1/client-book', headers: { cookie: r.as.associate } })).json().bookNumber).toBe('VIP-0001');
    await b.page.getByRole('button', { name: 'Sign out' }).click();
  });

  it('shows head office the background jobs, a failed run, and retries it', async () => {
    const r = await buildRetailer(b.app, b.app.db);
    const run = (await recordRunStart(b.app.db, { job: 'insights.recompute-measures', legalEntityId: r.le.id, bossJobId: null, attempt: 3, maxAttempts: 3, trigger: 'schedule', process: 'web-test:1' }))!;
    await recordRunEnd(b.app.db, run, 'dead', 'measure "basket size" failed: division by zero');
    await signInThroughPage(b.page, b.baseUrl, r.headOffice.email, TEST_PASSWORD);
    await b.page.getByRole('navigation', { name: 'Main' }).getByText('Background jobs').click();
    // The nightly recompute, at 02:00 in the legal entity's time zone.
    const schedule = b.page.getByRole('region', { name: 'Schedules' }).getByRole('row').filter({ hasText: 'insights.recompute-measures' });
    await expect.poll(() => schedule.innerText()).toMatch(/0 2 \* \* \*\s+Europe\/Paris/);
    await b.page.getByLabel('Show').selectOption({ label: 'Failures' });
    const failed = b.page.getByRole('region', { name: 'Runs' }).getByRole('row').filter({ hasText: 'division by zero' });
    await failed.getByRole('button', { name: 'Retry' }).click();
    await b.page.getByRole('status').filter({ hasText: 'Queued: the job runs again in a moment.' }).waitFor();
    await b.page.getByRole('button', { name: 'Sign out' }).click();
  }, 120_000);
});

import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { startBrowser, signInThroughPage } from './browser.ts';
import { buildRetailer, buildCustomer, TEST_PASSWORD } from '../factories.ts';
import { enableClienteling, createGroup, createAttribute, setValues, addToBook } from '../../src/modules/client-book/test-helpers.ts';

let b: Awaited<ReturnType<typeof startBrowser>>;
beforeAll(async () => { b = await startBrowser(); });
afterAll(async () => { await b?.close(); });

describe('client book screens in Chromium', () => {
  it('shows my customer cards with their properties, filters them by a refinable attribute, and a manager reassigns from the store client book', async () => {
    const r = await buildRetailer(b.app, b.app.db);
    const group = await createGroup(b.app, r.as.headOffice, 'Client book');
    const interest = await createAttribute(b.app, r.as.headOffice, { groupId: group.id, name: 'Shopping interest', dataType: 'list', listValues: ['Handbags', 'Shoes'], canBeRefined: true, displayOrder: 1 });
    await enableClienteling(b.app, r.as.headOffice, { clientBookAttributeGroupId: group.id });
    const anna = await buildCustomer(b.app.db, r.le.id, { firstName: 'Anna', lastName: 'Handbag' });
    const bruno = await buildCustomer(b.app.db, r.le.id, { firstName: 'Bruno', lastName: 'Shoes' });
    for (const [c, v] of [[anna, 'Handbags'], [bruno, 'Shoes']] as const) {
      await addToBook(b.app, r.as.associate, c.id);
      await setValues(b.app, r.as.associate, c.id, [{ attributeId: interest.id, value: v }]);
    }

    await signInThroughPage(b.page, b.baseUrl, r.associate.email, TEST_PASSWORD);
    await b.page.getByRole('navigation', { name: 'Main' }).getByText('My client book').click();
    const annaCard = b.page.getByRole('article', { name: 'Anna Handbag' });
    await annaCard.waitFor();
    await expect(annaCard.textContent()).resolves.toContain('Shopping interest');
    await expect(annaCard.textContent()).resolves.toContain('Handbags');
    await expect(b.page.getByRole('article').count()).resolves.toBe(2);
    await b.page.getByRole('search').getByLabel('Shoes').check();
    await b.page.getByRole('article', { name: 'Anna Handbag' }).waitFor({ state: 'detached' });
    await expect(b.page.getByRole('article').count()).resolves.toBe(1);
    await expect(b.page.getByRole('article').first().textContent()).resolves.toContain('Bruno Shoes');
    await b.page.getByRole('button', { name: 'Sign out' }).click();

    await signInThroughPage(b.page, b.baseUrl, r.manager.email, TEST_PASSWORD);
    await b.page.goto(b.baseUrl + '/store-client-book');
    await b.page.getByRole('article', { name: 'Anna Handbag' }).waitFor();
    await expect(b.page.getByRole('article', { name: 'Anna Handbag' }).textContent()).resolves.toContain(`Client book of ${r.associate.displayName}`);
    await b.page.getByLabel('Select Anna Handbag').check();
    await b.page.getByLabel('Reassign to').selectOption({ label: r.manager.displayName });
    await b.page.getByRole('button', { name: 'Reassign', exact: true }).click();
    await expect(b.page.getByRole('status').textContent()).resolves.toMatch(/Reassigned 1 customer/);
    await expect(b.page.getByRole('article', { name: 'Anna Handbag' }).textContent()).resolves.toContain(`Client book of ${r.manager.displayName}`);
    await b.page.getByRole('button', { name: 'Sign out' }).click();
  });

  it('on a phone (and a portrait tablet) folds the attribute filters away so the first customer card shows on the first screen', async () => {
    const r = await buildRetailer(b.app, b.app.db);
    const group = await createGroup(b.app, r.as.headOffice, 'Client book');
    const interest = await createAttribute(b.app, r.as.headOffice, { groupId: group.id, name: 'Shopping interest', dataType: 'list', listValues: ['Handbags', 'Shoes', 'Jewellery', 'Watches', 'Ready-to-wear'], canBeRefined: true, displayOrder: 1 });
    await enableClienteling(b.app, r.as.headOffice, { clientBookAttributeGroupId: group.id });
    const cleo = await buildCustomer(b.app.db, r.le.id, { firstName: 'Cléo', lastName: 'Phone' });
    await addToBook(b.app, r.as.associate, cleo.id);
    await setValues(b.app, r.as.associate, cleo.id, [{ attributeId: interest.id, value: 'Shoes' }]);
    await b.page.setViewportSize({ width: 390, height: 844 });
    try {
      await signInThroughPage(b.page, b.baseUrl, r.associate.email, TEST_PASSWORD);
      await b.page.goto(b.baseUrl + '/client-book');
      const card = b.page.getByRole('article', { name: 'Cléo Phone' });
      await card.waitFor();
      const box = (await card.boundingBox())!;
      expect(box.y).toBeLessThan(844);
      expect(await b.page.getByRole('search').getByLabel('Shoes').isVisible()).toBe(false);
      await b.page.getByText('Filter by attributes').click();
      await b.page.getByRole('search').getByLabel('Shoes').check();
      await b.page.getByText('Filter by attributes (1 in use)').waitFor();
      await card.waitFor();
      // On a phone, Sign out is in the menu.
      await b.page.getByRole('button', { name: 'Menu' }).click();
      await b.page.getByRole('button', { name: 'Sign out' }).click();
    } finally {
      await b.page.setViewportSize({ width: 1180, height: 820 });
    }
  });

  it('adds customers picked in the customer search to my client book, saying who was not added and why', async () => {
    const r = await buildRetailer(b.app, b.app.db);
    await enableClienteling(b.app, r.as.headOffice);
    const [, , taken] = await Promise.all(['Alpha', 'Beta', 'Gamma'].map((firstName) => buildCustomer(b.app.db, r.le.id, { firstName, lastName: 'Lindqvist' })));
    await addToBook(b.app, r.as.manager, taken.id);

    await signInThroughPage(b.page, b.baseUrl, r.associate.email, TEST_PASSWORD);
    await b.page.goto(b.baseUrl + '/customers?q=lindqvist&all=1');
    await b.page.getByLabel('Select Alpha Lindqvist').check();
    await b.page.getByLabel('Select Beta Lindqvist').check();
    await b.page.getByLabel('Select Gamma Lindqvist').check();
    await b.page.getByRole('button', { name: 'Add 3 to my client book' }).click();
    const status = await b.page.getByRole('status').textContent();
    expect(status).toMatch(/Added 2 customers to your client book/);
    expect(status).toContain(`Gamma Lindqvist (in the client book of ${r.manager.displayName})`);
    await b.page.getByRole('navigation', { name: 'Main' }).getByText('My client book').click();
    await b.page.getByRole('article', { name: 'Alpha Lindqvist' }).waitFor();
    await expect(b.page.getByRole('article').count()).resolves.toBe(2);
    await b.page.getByRole('button', { name: 'Sign out' }).click();
  });

  it('explains that clienteling is off', async () => {
    const r = await buildRetailer(b.app, b.app.db);
    await signInThroughPage(b.page, b.baseUrl, r.associate.email, TEST_PASSWORD);
    await b.page.goto(b.baseUrl + '/client-book');
    await expect(b.page.getByRole('alert').first().textContent()).resolves.toMatch(/Clienteling is turned off/);
    await b.page.getByRole('button', { name: 'Sign out' }).click();
  });
});

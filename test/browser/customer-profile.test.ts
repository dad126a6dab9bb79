import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { startBrowser, signInThroughPage } from './browser.ts';
import { buildRetailer, buildCustomer, TEST_PASSWORD, buildProduct, buildOrder, buildReturn } from '../factories.ts';
import { loyaltyAccounts, loyaltyLedger, interactions } from '../../src/modules/customer-profile/schema.ts';

let b: Awaited<ReturnType<typeof startBrowser>>;
beforeAll(async () => { b = await startBrowser(); });
afterAll(async () => { await b?.close(); });

describe('customer search and 360 profile in Chromium', () => {
  it('finds a customer, shows the 360 with the spend chart, records a preference and consent', async () => {
    const r = await buildRetailer(b.app, b.app.db);
    const le = r.le.id;
    const c = await buildCustomer(b.app.db, le, { firstName: 'Margaux', lastName: 'Delacroix', isVip: true, homeStoreId: r.store.id, email: 'margaux.d@example.com' });
    await b.app.db.execute((await import('drizzle-orm')).sql`insert into customer_address_books (customer_id, address_book_id) values (${c.id}, ${r.store.addressBookId})`);
    const bag = await buildProduct(b.app.db, le, { name: 'Le Petit Sac', category: 'Handbags', priceMinor: 240_000 });
    const o = await buildOrder(b.app.db, le, { customerId: c.id, lines: [{ productId: bag.id, unitPriceMinor: 240_000, associateId: r.associate.id }], storeId: r.store.id, orderedAt: new Date(Date.now() - 5 * 86_400_000).toISOString() });
    await buildReturn(b.app.db, le, { orderId: o.id, customerId: c.id, storeId: null, lines: [{ productId: bag.id, reason: 'Changed mind', refundMinor: 240_000 }] });
    await b.app.db.insert(loyaltyAccounts).values({ customerId: c.id, legalEntityId: le, programme: 'Aurelle Circle', tier: 'Platinum', cardNumber: `LC-${c.id}`, joinedAt: new Date().toISOString() });
    await b.app.db.insert(loyaltyLedger).values({ legalEntityId: le, customerId: c.id, externalId: `LP-${c.id}`, occurredAt: new Date().toISOString(), points: 2400, reason: 'Purchase' });
    await b.app.db.insert(interactions).values({ legalEntityId: le, customerId: c.id, externalId: `I-${c.id}`, kind: 'complaint', subject: 'Parcel arrived damaged', status: 'open', occurredAt: new Date().toISOString() });

    await signInThroughPage(b.page, b.baseUrl, r.associate.email, TEST_PASSWORD);
    await b.page.goto(b.baseUrl + '/customers');
    await b.page.getByLabel('Name, email or phone').fill('delacroix');
    await b.page.getByRole('link', { name: 'Margaux Delacroix' }).click();
    await b.page.getByRole('heading', { name: /Margaux Delacroix/ }).waitFor();

    const text = await b.page.locator('.customer-profile').textContent();
    expect(text).toContain('VIP');
    expect(text).toContain('Platinum');
    expect(text).toContain('2,400 points');
    expect(text).toContain('Le Petit Sac');
    expect(text).toContain('Changed mind');
    expect(text).toContain('Parcel arrived damaged');
    expect(await b.page.getByRole('img', { name: /Monthly spend over the last 24 months/ }).count()).toBe(1);
    expect(await b.page.locator('.spend-chart rect.bar').count()).toBe(24);

    await b.page.getByLabel('Kind').selectOption('size');
    await b.page.getByLabel('For').fill('shoes');
    await b.page.getByLabel('Preference', { exact: true }).fill('38');
    await b.page.getByRole('button', { name: 'Add preference' }).click();
    await b.page.getByText('size (shoes):').waitFor();
    await b.page.getByRole('button', { name: 'Grant email consent' }).click();
    await b.page.getByRole('button', { name: 'Withdraw email consent' }).waitFor();
    // An associate sees no privacy actions.
    expect(await b.page.getByRole('button', { name: 'Erase customer…' }).count()).toBe(0);
    await b.page.getByRole('button', { name: 'Sign out' }).click();
  });

  it('lets head office merge a duplicate and erase a customer after confirming', async () => {
    const r = await buildRetailer(b.app, b.app.db);
    const keep = await buildCustomer(b.app.db, r.le.id, { firstName: 'Inès', lastName: 'Haddad', email: 'ines.h@example.com' });
    await buildCustomer(b.app.db, r.le.id, { firstName: 'Ines', lastName: 'Haddad', email: 'INES.H@example.com', accountNumber: `DUP-${Date.now()}` });
    await signInThroughPage(b.page, b.baseUrl, r.headOffice.email, TEST_PASSWORD);
    await b.page.goto(`${b.baseUrl}/customers/${keep.id}`);
    await b.page.getByRole('button', { name: /Merge Ines Haddad DUP-/ }).click();
    await b.page.getByText(/Merged: the duplicate/).waitFor();

    await b.page.getByRole('button', { name: 'Erase customer…' }).click();
    const dialog = b.page.getByRole('dialog', { name: 'Confirm erasure' });
    expect(await dialog.getByRole('button', { name: 'Erase permanently' }).isDisabled()).toBe(true);
    await dialog.getByLabel('Reason for erasure').fill('Written request of 12 November');
    await dialog.getByRole('button', { name: 'Erase permanently' }).click();
    await b.page.getByRole('heading', { name: /Erased customer/ }).waitFor();
    expect(await b.page.getByText('ines.h@example.com').count()).toBe(0);
    await b.page.getByRole('button', { name: 'Sign out' }).click();
  });
});

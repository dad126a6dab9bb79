import { randomUUID } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import { sql } from 'drizzle-orm';
import { query, type Db } from '../../src/db/client.ts';
import { buildLegalEntity, buildStore, buildAssociate, signInAs, buildProduct, buildOrder, buildReturn, buildBrowsingEvent } from '../factories.ts';
import { makeBookable } from '../../src/modules/appointments/test-helpers.ts';
import { manageToken, customerBookingToken } from '../../src/modules/appointments/links.ts';
import { secretKey } from '../../src/db/secret-key.ts';
import { recordRunEnd, recordRunStart } from '../../src/modules/jobs/queries.ts';

// A legal entity holding one row of every kind a route can name, so a sweep has an ID of each kind to try.
// Every name, e-mail and free text carries the entity's marker, so a response can be searched for anything of it.

export type Kind =
  | 'legalEntity' | 'store' | 'associate' | 'role' | 'customer' | 'activityType' | 'activity' | 'note' | 'preference'
  | 'attributeGroup' | 'customerAttribute' | 'savedFilter' | 'apiToken' | 'product' | 'order' | 'appointmentType'
  | 'appointment' | 'timeOff' | 'template' | 'outreachMessage' | 'outreachTask' | 'letterBatch' | 'commissionPlan'
  | 'salesGroup' | 'measureKey' | 'measureProvider' | 'complement' | 'manageToken' | 'bookingToken' | 'conversation' | 'session' | 'jobRun'
  | 'handOverTask'
  /** Not an ID: the entity's marker, as search text. */
  | 'searchText';

export interface World {
  marker: string;
  leId: string;
  cookies: { headOffice: string; associate: string };
  /** An API token of the head office, for the Authorization: Bearer path. */
  bearer: string;
  ids: Record<Kind, string>;
  /** A second customer, a likely duplicate of the first (for merge and duplicate routes). */
  customer2: string;
  headOffice: { id: string; email: string };
  /** The source systems' keys of the entity's rows, as imports name them. */
  keys: Record<'customer' | 'accountNumber' | 'sku' | 'store' | 'associate' | 'order' | 'return' | 'interaction' | 'browsing' | 'card' | 'programme' | 'entityCode', string>;
  webhookSecret: string;
  /** Bookable times no one has taken yet, hours apart over the coming week. */
  freeSlots: string[];
}

export async function buildWorld(app: FastifyInstance, db: Db, marker: string): Promise<World> {
  const le = await buildLegalEntity(db, { name: `${marker} Maison` });
  const store = await buildStore(db, le.id, { name: `${marker} Flagship` });
  const associate = await buildAssociate(db, le, { storeIds: [store.id], displayName: `${marker} Associate` });
  const headOffice = await buildAssociate(db, le, { role: 'Head office', storeIds: [store.id], displayName: `${marker} Head office` });
  const ho = (await signInAs(app, headOffice.email)).cookie;
  const as = (await signInAs(app, associate.email)).cookie;

  const call = async (cookie: string, method: string, url: string, payload?: unknown, want = [200, 201]) => {
    const res = await app.inject({ method: method as 'GET', url: `/api/v1${url}`, headers: { cookie }, payload: payload as object });
    if (!want.includes(res.statusCode)) throw new Error(`${marker}: ${method} ${url} answered ${res.statusCode} ${res.body}`);
    return res.body ? res.json() : null;
  };
  const low = marker.toLowerCase();

  await call(ho, 'PATCH', '/setup/clienteling', { enabled: true });
  const customerBody = (n: number) => ({
    firstName: `${marker}Ada`, lastName: `${marker}Lovelace`, email: `${low}-${n}@example.test`, phone: '+33 1 23 45 67 8' + n,
    birthDate: '1990-06-15', city: `${marker}ville`, preferredChannel: 'email',
  });
  const customer = await call(ho, 'POST', '/customers', customerBody(1));
  await db.execute(sql`update customers set external_id = ${`EXT-${marker}`} where id = ${customer.id}`);
  const customer2 = await call(ho, 'POST', '/customers', customerBody(2));
  await call(as, 'POST', '/client-book/customers', { customerId: customer.id });
  await call(ho, 'POST', '/client-book/customers', { customerId: customer2.id });
  await call(ho, 'PUT', `/customers/${customer.id}/consents/email`, { granted: true, source: 'store' });
  const preference = await call(ho, 'POST', `/customers/${customer.id}/preferences`, { kind: 'size', qualifier: 'shoes', value: `${marker} 38` });

  const activityType = await call(ho, 'POST', '/activity-types', { name: `${marker} Fitting` });
  const activity = await call(ho, 'POST', `/customers/${customer.id}/activities`, { activityTypeId: activityType.id, notes: `${marker} tried the coat` });
  const note = await call(ho, 'POST', `/customers/${customer.id}/notes`, { body: `${marker} prefers silk` });
  await call(ho, 'PATCH', `/notes/${note.id}`, { body: `${marker} prefers silk and wool` });

  const group = await call(ho, 'POST', '/attribute-groups', { name: `${marker} Style` });
  const attribute = await call(ho, 'POST', '/customer-attributes', { groupId: group.id, name: `${marker} Colour`, dataType: 'text', canBeRefined: true });
  await call(ho, 'PUT', `/customers/${customer.id}/attributes`, { values: [{ attributeId: attribute.id, value: `${marker} navy` }] });
  const savedFilter = await call(ho, 'POST', '/client-book/saved-filters', { name: `${marker} Navy lovers`, scope: 'mine', filter: { q: marker, attributes: [{ attributeId: attribute.id, values: [`${marker} navy`] }] } });
  const apiToken = await call(ho, 'POST', '/api-tokens', { name: `${marker} token` });
  // A spare session of the associate, so a sweep ending it ends none of the sessions the tests use.
  const spare = (await signInAs(app, associate.email)).cookie;
  const session = (await call(spare, 'GET', '/me/sessions')).find((x: { current: boolean }) => x.current);

  // Catalogue and sales come from imports in production; rows are written directly here.
  const DAY = 86_400_000;
  const product = await buildProduct(db, le.id, {
    sku: `SKU-${marker}`, name: `${marker} Silk scarf`, category: 'Accessories', brand: `${marker} Brand`, priceMinor: 19_000, stock: [{ storeId: store.id, onHand: 3 }],
  });
  const order = await buildOrder(db, le.id, {
    externalId: `ORD-${marker}`, customerId: customer.id, storeId: store.id, associateId: associate.id, orderedAt: new Date(Date.now() - 20 * DAY),
    lines: [{ productId: product.id, unitPriceMinor: 19_000, associateId: associate.id }],
  });
  await buildReturn(db, le.id, {
    externalId: `RET-${marker}`, orderId: order.id, customerId: customer.id, storeId: store.id, returnedAt: new Date(Date.now() - 10 * DAY),
    lines: [{ orderLineId: order.lines[0].id, productId: product.id, reason: `${marker} too small`, refundMinor: 19_000 }],
  });
  await db.execute(sql`insert into wishlist_items (legal_entity_id, customer_id, product_id, list) values (${le.id}, ${customer.id}, ${product.id}, 'wishlist')`);
  await buildBrowsingEvent(db, le.id, { customerId: customer.id, productId: product.id, externalId: `B-${marker}`, at: new Date(Date.now() - 2 * DAY) });
  await db.execute(sql`insert into loyalty_accounts (customer_id, legal_entity_id, programme, tier, card_number, joined_at)
    values (${customer.id}, ${le.id}, ${`${marker} Club`}, 'Gold', ${`CARD-${marker}`}, now() - interval '400 days')`);
  await db.execute(sql`insert into interactions (legal_entity_id, customer_id, external_id, kind, subject, store_id, associate_id, occurred_at)
    values (${le.id}, ${customer.id}, ${`I-${marker}`}, 'service-case', ${`${marker} hem repair`}, ${store.id}, ${associate.id}, now() - interval '5 days')`);
  await db.execute(sql`insert into customer_measures (customer_id, measure_key, legal_entity_id, value_number, computed_at)
    values (${customer.id}, 'order_count', ${le.id}, 1, now())`);

  const { typeId, date } = await makeBookable(app, ho, store.id, [associate.id], { name: `${marker} Personal shopping` });
  const slots = await call(as, 'GET', `/appointments/slots?storeId=${store.id}&appointmentTypeId=${typeId}&from=${date}&days=1`);
  const week = await call(as, 'GET', `/appointments/slots?storeId=${store.id}&appointmentTypeId=${typeId}&from=${date}&days=7`);
  const appointment = await call(as, 'POST', '/appointments', {
    customerId: customer.id, storeId: store.id, appointmentTypeId: typeId, startsAt: slots.slots[0].startsAt, message: `${marker} bring the coat`,
  });
  const timeOff = await call(ho, 'POST', '/appointments/time-off', {
    associateId: associate.id, startsAt: '2031-01-01T09:00:00Z', endsAt: '2031-01-02T09:00:00Z', reason: `${marker} holiday`,
  });

  const template = await call(ho, 'POST', '/outreach/templates', { name: `${marker} Thanks`, purpose: 'personal', channel: 'email', language: 'en', subject: `${marker} hello`, body: `Dear {{customer.firstName}}, ${marker}` });
  const message = await call(as, 'POST', '/outreach/messages', { customerId: customer.id, channel: 'email', templateId: template.id, idempotencyKey: `idem-${randomUUID()}` });
  const [task] = await query<{ id: string }>(db, sql`insert into outreach_tasks (legal_entity_id, customer_id, associate_id, store_id, prompt_type, occasion, due_on, title)
    values (${le.id}, ${customer.id}, ${associate.id}, ${store.id}, 'birthday', '2031', '2031-06-15', ${`${marker} birthday`}) returning id`);
  const batchId = randomUUID();
  await db.execute(sql`insert into outreach_messages (legal_entity_id, customer_id, associate_id, channel, purpose, to_address, subject, body, status, idempotency_key, sent_at, batch_id)
    values (${le.id}, ${customer.id}, ${associate.id}, 'mail', 'personal', ${`${marker} 1 rue de la Paix`}, null, ${`${marker} letter`}, 'sent', ${`letter-${randomUUID()}`}, now(), ${batchId})`);
  await call(ho, 'PUT', '/outreach/providers/sms', { baseUrl: 'http://127.0.0.1:9', accountId: `AC${'0'.repeat(32)}`, apiKey: `${marker}-api-key`, sender: '+33757000001' });
  const { secret: webhookSecret } = await call(ho, 'POST', '/webhook-secret/rotate');
  // The message above opened the customer's conversation.
  const { conversation } = await call(as, 'GET', `/customers/${customer.id}/conversation`);

  const plan = await call(ho, 'POST', '/attribution/plans', { name: `${marker} Plan`, validFrom: '2024-01', validTo: '2030-12', defaultRatePercent: 2, rates: [{ storeId: store.id, category: 'Accessories', ratePercent: 3 }] });
  const salesGroup = await call(ho, 'POST', '/attribution/sales-groups', { name: `${marker} Duo`, storeId: store.id, active: true, members: [{ associateId: associate.id, sharePercent: 50 }, { associateId: headOffice.id, sharePercent: 50 }] });
  await call(ho, 'POST', '/attribution/run');

  const measureKey = `m_${low.replace(/[^a-z0-9]/g, '')}`.slice(0, 40);
  await call(ho, 'POST', '/insights/measures', { key: measureKey, name: `${marker} Orders`, format: 'number',
    sqlText: `select o.customer_id, count(*) as value from orders o where o.legal_entity_id = :legal_entity_id group by o.customer_id` });
  const [provider] = await query<{ id: string }>(db, sql`insert into measure_providers (legal_entity_id, name, token_url, client_id, secret_encrypted, scope, base_url, customer_key)
    values (${le.id}, ${`${marker} Provider`}, 'http://127.0.0.1:9/token', ${`${marker}-client`}, 'not-a-real-ciphertext', null, 'http://127.0.0.1:9/api', 'accountNumber') returning id`);
  const key = await secretKey(db, (app as unknown as { config: { secretKey?: string } }).config.secretKey);
  const [{ publicId }] = await query<{ publicId: string }>(db, sql`select public_id as "publicId" from appointments where id = ${appointment.id}`);
  const complement = await call(ho, 'POST', '/recommendations/complements', { fromCategory: `${marker} Coats`, toCategory: `${marker} Scarves`, note: `${marker} winter` });

  // An associate who left, and the store manager's task to hand over their client book (as SCIM deactivation opens it).
  const leaver = await buildAssociate(db, le, { storeIds: [store.id], displayName: `${marker} Leaver` });
  const [handOverTask] = await query<{ id: string }>(db, sql`insert into hand_over_tasks (legal_entity_id, store_id, leaving_associate_id, customer_count)
    values (${le.id}, ${store.id}, ${leaver.id}, 0) returning id`);

  // A failed nightly run of the entity's measures, which set-up lists and can retry.
  const jobRun = (await recordRunStart(db, { job: 'insights.recompute-measures', legalEntityId: le.id, bossJobId: null, attempt: 3, maxAttempts: 3, trigger: 'schedule', process: 'world' }))!;
  await recordRunEnd(db, jobRun, 'dead', `${marker} measure query failed`);

  return {
    marker, leId: le.id, cookies: { headOffice: ho, associate: as }, bearer: apiToken.token, customer2: customer2.id,
    headOffice: { id: headOffice.id, email: headOffice.email }, webhookSecret,
    keys: {
      customer: `EXT-${marker}`, accountNumber: customer.accountNumber, sku: `SKU-${marker}`, store: store.code, associate: associate.personnelNumber,
      order: `ORD-${marker}`, return: `RET-${marker}`, interaction: `I-${marker}`, browsing: `B-${marker}`, card: `CARD-${marker}`,
      programme: `${marker} Club`, entityCode: le.code,
    }, freeSlots: week.slots.filter((x: { localDate: string; localTime: string }) => x.localDate !== date && ['12:00', '16:00'].includes(x.localTime)).map((x: { startsAt: string }) => x.startsAt),
    ids: {
      legalEntity: le.id, store: store.id, associate: associate.id, role: le.roles['Sales associate'], customer: customer.id,
      activityType: activityType.id, activity: activity.id, note: note.id, preference: preference.id, attributeGroup: group.id,
      customerAttribute: attribute.id, savedFilter: savedFilter.id, apiToken: apiToken.id, product: product.id, order: order.id,
      appointmentType: typeId, appointment: appointment.id, timeOff: timeOff.id, template: template.id, outreachMessage: message.id,
      outreachTask: task.id, letterBatch: batchId, commissionPlan: plan.id, salesGroup: salesGroup.id, measureKey,
      measureProvider: provider.id, complement: complement.id, conversation: conversation.id, session: session.id, jobRun, handOverTask: handOverTask.id,
      searchText: marker, manageToken: manageToken(key, publicId), bookingToken: customerBookingToken(key, le.id, customer.id),
    },
  };
}

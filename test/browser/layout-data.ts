import type { FastifyInstance } from 'fastify';
import { buildRetailer, buildCustomer, addToClientBook } from '../factories.ts';
import { enableClienteling } from '../../src/modules/client-book/test-helpers.ts';
import { makeBookable } from '../../src/modules/appointments/test-helpers.ts';
import { appointments } from '../../src/modules/appointments/schema.ts';
import { localDateOf, localToUtc } from '../../src/modules/appointments/slots.ts';
import { createTemplate } from '../../src/modules/outreach/templates.ts';
import { runPromptsNow } from '../../src/modules/outreach/tasks.ts';
import { localDate } from '../../src/modules/outreach/settings.ts';
import { setConsent } from '../../src/modules/outreach/test-helpers.ts';

/**
 * A retailer whose associate has a client book worth looking at on a small screen: long names and addresses that must
 * wrap, a note, an activity type, and an appointment at noon today (store time) with a customer of the book.
 */
export async function buildAssociateDay(app: FastifyInstance) {
  const r = await buildRetailer(app, app.db);
  await enableClienteling(app, r.as.headOffice);
  for (const name of ['Store visit', 'Phone call']) {
    const res = await app.inject({ method: 'POST', url: '/api/v1/activity-types', headers: { cookie: r.as.headOffice }, payload: { name } });
    if (res.statusCode !== 201) throw new Error(`activity type: ${res.statusCode} ${res.body}`);
  }
  const long = await buildCustomer(app.db, r.le.id, {
    firstName: 'Bérénice-Alexandrine', lastName: 'de La Rochefoucauld-Montmorency',
    email: 'berenice.alexandrine.delarochefoucauld-montmorency@example-with-a-long-domain.test', phone: '+33612345678',
  });
  const others = [];
  for (const [firstName, lastName] of [['Inès', 'Moreau'], ['Hugo', 'Lefèvre'], ['Chloé', 'Dubois']]) others.push(await buildCustomer(app.db, r.le.id, { firstName, lastName }));
  for (const c of [long, ...others]) await addToClientBook(app.db, r.le.id, r.associate.id, c.id);
  // A birthday in three days: a prompt on "Today" and a date coming up on the home page.
  const birthday = await buildCustomer(app.db, r.le.id, {
    firstName: 'Marie-Amélie', lastName: 'Fontaine-Desrosiers', birthDate: `1985-${localDate(new Date(Date.now() + 3 * 86_400_000), 'Europe/Paris').slice(5)}`,
    language: 'fr', preferredChannel: 'email', homeStoreId: r.store.id,
  });
  await setConsent(app.db, r.le.id, birthday.id, 'email', true);
  await addToClientBook(app.db, r.le.id, r.associate.id, birthday.id);
  await createTemplate(app.db, r.le.id, { name: 'Anniversaire', purpose: 'birthday', channel: 'email', language: 'fr', subject: 'Joyeux anniversaire, {{customer.firstName}}', body: 'Chère {{customer.firstName}}, joyeux anniversaire de toute l’équipe de {{store.name}}.' });
  await runPromptsNow(app.db, r.le.id);
  const note = await app.inject({
    method: 'POST', url: `/api/v1/customers/${long.id}/notes`, headers: { cookie: r.as.associate },
    payload: { body: 'Prefers the silk scarves of the autumn collection; wedding in June, looking for a dress and shoes to match.' },
  });
  if (note.statusCode !== 201) throw new Error(`note: ${note.statusCode} ${note.body}`);
  const { typeId } = await makeBookable(app, r.as.headOffice, r.store.id, [r.associate.id]);
  const today = localDateOf(Date.now(), 'Europe/Paris');
  const startsAt = localToUtc(today, 12 * 60, 'Europe/Paris')!;
  await app.db.insert(appointments).values({
    publicId: `apt_layout${Date.now().toString(36)}${Math.random().toString(36).slice(2, 8)}`, legalEntityId: r.le.id, storeId: r.store.id,
    appointmentTypeId: typeId, associateId: r.associate.id, customerId: long.id, startsAt: new Date(startsAt).toISOString(),
    endsAt: new Date(startsAt + 3600_000).toISOString(), blockedUntil: new Date(startsAt + 4500_000).toISOString(),
    customerName: `${long.firstName} ${long.lastName}`, customerEmail: long.email!, bookedVia: 'associate',
    customerMessage: 'Looking for an outfit for a summer wedding in Provence, with shoes and a bag that go with it.',
  });
  return { ...r, customer: long, others: [...others, birthday] };
}

import { Type } from '@sinclair/typebox';
import { and, asc, eq, sql } from 'drizzle-orm';
import type { App } from '../../http/types.ts';
import { Obj, Uuid, Nullable, IsoDate } from '../../http/schemas.ts';
import { appointmentsErrors } from './errors.ts';
import { createRateLimiter } from '../../http/rate-limit.ts';
import { query } from '../../db/client.ts';
import { legalEntities, stores } from '../organisation/schema.ts';
import { appointmentTypes, storeOpeningHours } from './schema.ts';
import { secretKey } from '../../db/secret-key.ts';
import { getBookableStore, getBookableType } from './availability.ts';
import { bookAppointment, cancelAppointment, clientBookAssociate, findAppointment, rescheduleAppointment, type AppointmentRecord } from './booking-service.ts';
import { notifyNow } from './notifications.ts';
import { languageOf, languageOfAcceptLanguage } from '../../../shared/format.ts';
import { scheduledAssociates, slotView } from './slot-query.ts';
import { verifyCustomerBookingToken, verifyManageToken } from './links.ts';
import { SlotsSchema } from './appointment-schemas.ts';
import { SYSTEM_ACTORS } from '../../../shared/system-actors.ts';

// The public booking page's API: no sign-in, rate-limited, and nothing in any answer depends on whether an
// email belongs to a customer. Associates are shown by first name and initial only.
const PUBLIC_ACTOR = (legalEntityId: string) => ({ legalEntityId, associateId: null, associateName: SYSTEM_ACTORS.onlineBooking });
const publicName = (name: string) => { const p = name.trim().split(/\s+/); return p.length > 1 ? `${p[0]} ${p[p.length - 1][0]}.` : p[0]; };

const PublicStore = Type.Object({
  id: Uuid, name: Type.String(), city: Nullable(Type.String()), address: Nullable(Type.String()), timeZone: Type.String(), brand: Type.String(),
  entity: Type.String({ description: 'Legal entity code: a booking stays within one retailer' }),
});
const PublicType = Type.Object({ id: Uuid, name: Type.String(), description: Nullable(Type.String()), durationMinutes: Type.Integer() });
const PublicAssociate = Type.Object({ id: Uuid, name: Type.String(), yours: Type.Boolean() });
const PublicAppointment = Type.Object({
  publicId: Type.String(), status: Type.String(), startsAt: Type.String(), endsAt: Type.String(), storeId: Uuid, storeName: Type.String(),
  storeAddress: Nullable(Type.String()), timeZone: Type.String(), appointmentTypeId: Uuid, typeName: Type.String(), associateId: Nullable(Uuid),
  associateName: Nullable(Type.String()), customerName: Nullable(Type.String()),
  /** The customer's language: the page behind their link speaks it. */
  language: Type.Union([Type.Literal('en'), Type.Literal('fr')]),
});
const Token = Type.String({ minLength: 10, maxLength: 300 });

function shape(a: AppointmentRecord, reveal: { associate: boolean; customer: boolean }) {
  return {
    publicId: a.publicId, status: a.status, startsAt: a.startsAt, endsAt: a.endsAt, storeId: a.storeId, storeName: a.storeName,
    storeAddress: [a.storeAddress, a.storeCity].filter(Boolean).join(', ') || null, timeZone: a.storeTimeZone,
    appointmentTypeId: a.appointmentTypeId, typeName: a.typeName,
    associateId: reveal.associate ? a.associateId : null, associateName: reveal.associate ? publicName(a.associateName) : null,
    customerName: reveal.customer ? a.customerName : null,
    language: languageOf(a.customerLanguage),
  };
}

export async function publicAppointmentRoutes(app: App) {
  const readLimit = createRateLimiter(app.db, { name: 'booking-read', max: 120, windowMs: 60_000 });
  const writeLimit = createRateLimiter(app.db, { name: 'booking-write', max: 20, windowMs: 60_000 });
  const key = () => secretKey(app.db, app.config.secretKey);
  const forToken = async (token: string | undefined, legalEntityId: string) => {
    if (!token) return null;
    const v = verifyCustomerBookingToken(await key(), token);
    return v && v.legalEntityId === legalEntityId ? v.customerId : null;
  };
  const manageFor = async (token: string) => {
    const publicId = verifyManageToken(await key(), token);
    const apt = publicId ? await findAppointment(app.db, { publicId }) : null;
    // A bad signature and an unknown appointment answer alike.
    if (!apt) throw appointmentsErrors.booking_link_invalid('This link is not valid. Use the link in your confirmation email.');
    return apt;
  };

  app.get('/stores', {
    config: { public: true }, preHandler: readLimit,
    schema: {
      tags: ['public booking'], summary: 'Stores that take appointments, by retailer (legal entity); a personal booking link limits them to its retailer', security: [],
      querystring: Obj({
        entity: Type.Optional(Type.String({ maxLength: 50, description: 'Legal entity code, to list one brand only' })),
        for: Type.Optional(Token),
      }),
      response: { 200: Type.Array(PublicStore) },
    },
  }, async (req) => {
    const link = req.query.for ? verifyCustomerBookingToken(await key(), req.query.for) : null;
    return query(app.db, sql`
      select ${stores.id}, ${stores.name}, ${stores.city}, ${stores.address}, ${stores.timeZone} as "timeZone", ${legalEntities.name} as "brand", ${legalEntities.code} as "entity"
      from ${stores} join ${legalEntities} on ${legalEntities.id} = ${stores.legalEntityId}
      where ${stores.active} and exists (select 1 from ${appointmentTypes} where ${appointmentTypes.storeId} = ${stores.id} and ${appointmentTypes.active})
        and exists (select 1 from ${storeOpeningHours} where ${storeOpeningHours.storeId} = ${stores.id})
        ${req.query.entity ? sql`and ${legalEntities.code} = ${req.query.entity}` : sql``}
        ${link ? sql`and ${legalEntities.id} = ${link.legalEntityId}` : sql``}
      order by ${legalEntities.name}, ${stores.name}`);
  });

  app.get('/stores/:storeId/types', {
    config: { public: true }, preHandler: readLimit,
    schema: { tags: ['public booking'], summary: 'Appointment types of a store', security: [], params: Obj({ storeId: Uuid }), response: { 200: Type.Array(PublicType) } },
  }, async (req) => {
    const store = await getBookableStore(app.db, req.params.storeId);
    const t = appointmentTypes;
    return app.db.select({ id: t.id, name: t.name, description: t.description, durationMinutes: t.durationMinutes }).from(t)
      .where(and(eq(t.storeId, store.id), eq(t.active, true))).orderBy(asc(t.name));
  });

  app.get('/stores/:storeId/associates', {
    config: { public: true }, preHandler: readLimit,
    schema: {
      tags: ['public booking'], summary: 'Associates who take appointments at a store; with a personal booking link, the customer\'s own associate first',
      security: [], params: Obj({ storeId: Uuid }), querystring: Obj({ for: Type.Optional(Token) }), response: { 200: Type.Array(PublicAssociate) },
    },
  }, async (req) => {
    const store = await getBookableStore(app.db, req.params.storeId);
    const customerId = await forToken(req.query.for, store.legalEntityId);
    const own = customerId ? await clientBookAssociate(app.db, store.legalEntityId, customerId) : null;
    const rows = await scheduledAssociates(app.db, store);
    return rows.map((r) => ({ id: r.id, name: publicName(r.name), yours: r.id === own })).sort((a, b) => Number(b.yours) - Number(a.yours));
  });

  app.get('/slots', {
    config: { public: true }, preHandler: readLimit,
    schema: {
      tags: ['public booking'], summary: 'Free times for a type at a store (local dates in the store\'s time zone)', security: [],
      querystring: Obj({
        storeId: Uuid, appointmentTypeId: Uuid, from: Type.Optional(IsoDate),
        days: Type.Integer({ minimum: 1, maximum: 31, default: 7 }), associateId: Type.Optional(Uuid),
      }),
      response: { 200: SlotsSchema },
    },
  }, async (req) => {
    const store = await getBookableStore(app.db, req.query.storeId);
    const type = await getBookableType(app.db, store, req.query.appointmentTypeId);
    return slotView(app.db, store, type, { ...req.query, now: Date.now() });
  });

  app.post('/bookings', {
    config: { public: true }, preHandler: writeLimit,
    schema: {
      tags: ['public booking'], summary: 'Book an appointment; the confirmation with the change/cancel link goes to the email given', security: [],
      body: Obj({
        storeId: Uuid, appointmentTypeId: Uuid, startsAt: Type.String({ format: 'date-time' }), associateId: Type.Optional(Uuid),
        name: Type.String({ minLength: 2, maxLength: 120, pattern: '\\S' }), email: Type.String({ format: 'email', maxLength: 320 }),
        phone: Type.Optional(Nullable(Type.String({ pattern: '^\\+?[0-9 ()-]{5,25}$' }))),
        message: Type.Optional(Nullable(Type.String({ maxLength: 1000 }))),
        for: Type.Optional(Token),
      }),
      response: {
        201: Type.Composite([PublicAppointment, Type.Object({
          confirmationSent: Type.Boolean({ description: 'Whether a confirmation email goes out: false when no mail server is configured' }),
        })]),
      },
    },
  }, async (req, reply) => {
    const { for: token, ...input } = req.body;
    const store = await getBookableStore(app.db, input.storeId);
    const customerId = await forToken(token, store.legalEntityId);
    // A first-time customer's emails follow the language their browser asks for; known customers keep theirs.
    const language = languageOfAcceptLanguage(req.headers['accept-language']);
    const apt = await bookAppointment(app.db, { ...input, customerId, language }, { now: Date.now(), actor: PUBLIC_ACTOR(store.legalEntityId), via: 'public' });
    const queued = await notifyNow(app.db, app.config, apt, 'confirmation');
    // The associate is named only if the caller chose them (or holds the customer's personal link). The page must not
    // promise a confirmation that cannot be sent.
    return reply.status(201).send({ ...shape(apt, { associate: !!input.associateId || !!customerId, customer: false }), confirmationSent: !!queued && !!app.config.smtpUrl });
  });

  app.get('/manage/:token', {
    config: { public: true }, preHandler: readLimit,
    schema: { tags: ['public booking'], summary: 'The appointment behind a signed link from the confirmation email', security: [], params: Obj({ token: Token }), response: { 200: PublicAppointment } },
  }, async (req) => shape(await manageFor(req.params.token), { associate: true, customer: true }));

  app.get('/manage/:token/slots', {
    config: { public: true }, preHandler: readLimit,
    schema: {
      tags: ['public booking'], summary: 'Free times to move this appointment to: its own current time does not count as taken', security: [],
      params: Obj({ token: Token }),
      querystring: Obj({ from: Type.Optional(IsoDate), days: Type.Integer({ minimum: 1, maximum: 31, default: 7 }), associateId: Type.Optional(Uuid) }),
      response: { 200: SlotsSchema },
    },
  }, async (req) => {
    const apt = await manageFor(req.params.token);
    const store = await getBookableStore(app.db, apt.storeId, apt.legalEntityId);
    const type = await getBookableType(app.db, store, apt.appointmentTypeId, { includeInactive: true });
    return slotView(app.db, store, type, { ...req.query, excludeAppointmentId: apt.id, now: Date.now() });
  });

  app.post('/manage/:token/cancel', {
    config: { public: true }, preHandler: writeLimit,
    schema: { tags: ['public booking'], summary: 'Cancel through the signed link', security: [], params: Obj({ token: Token }), body: Type.Optional(Obj({})), response: { 200: PublicAppointment } },
  }, async (req) => {
    const apt = await manageFor(req.params.token);
    const wasBooked = apt.status === 'booked';
    const done = await cancelAppointment(app.db, apt, { now: Date.now(), actor: PUBLIC_ACTOR(apt.legalEntityId) });
    if (wasBooked) await notifyNow(app.db, app.config, done, 'cancelled');
    return shape(done, { associate: true, customer: true });
  });

  app.post('/manage/:token/reschedule', {
    config: { public: true }, preHandler: writeLimit,
    schema: {
      tags: ['public booking'], summary: 'Move to another free time through the signed link', security: [], params: Obj({ token: Token }),
      body: Obj({ startsAt: Type.String({ format: 'date-time' }), associateId: Type.Optional(Uuid) }), response: { 200: PublicAppointment },
    },
  }, async (req) => {
    const apt = await manageFor(req.params.token);
    const moved = await rescheduleAppointment(app.db, apt, req.body, { now: Date.now(), actor: PUBLIC_ACTOR(apt.legalEntityId) });
    await notifyNow(app.db, app.config, moved, 'rescheduled');
    return shape(moved, { associate: true, customer: true });
  });
}

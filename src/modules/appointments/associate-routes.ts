import { Type } from '@sinclair/typebox';
import type { App } from '../../http/types.ts';
import { Obj, Uuid, Nullable, IsoDate } from '../../http/schemas.ts';
import { getBookableStore, getBookableType } from './availability.ts';
import { bookForCustomer, customerAppointments } from './customer-appointments.ts';
import { notifyNow } from './notifications.ts';
import { scheduledAssociates, slotView } from './slot-query.ts';
import { and, asc, eq } from 'drizzle-orm';
import { appointmentTypes as t } from './schema.ts';

// Associates booking for a customer from the app (the customer panel): options, free times, booking, the list.

const Slot = Type.Object({ startsAt: Type.String(), endsAt: Type.String(), localDate: Type.String(), localTime: Type.String(), associateIds: Type.Array(Uuid) });
const CustomerAppointment = Type.Object({
  id: Uuid, publicId: Type.String(), status: Type.String(), startsAt: Type.String(), endsAt: Type.String(), storeId: Uuid, storeName: Type.String(),
  timeZone: Type.String(), appointmentTypeId: Uuid, typeName: Type.String(), associateId: Uuid, associateName: Type.String(), bookedVia: Type.String(),
  customerMessage: Nullable(Type.String()),
});

export async function associateAppointmentRoutes(app: App) {
  app.get('/appointments/booking-options', {
    config: { permission: 'appointments.view' },
    schema: {
      tags: ['appointments'], summary: 'What can be booked at a store of the legal entity: active types and the associates on its schedule',
      querystring: Obj({ storeId: Uuid }),
      response: { 200: Type.Object({
        timeZone: Type.String(),
        types: Type.Array(Type.Object({ id: Uuid, name: Type.String(), description: Nullable(Type.String()), durationMinutes: Type.Integer() })),
        associates: Type.Array(Type.Object({ id: Uuid, name: Type.String() })),
      }) },
    },
  }, async (req) => {
    const store = await getBookableStore(app.db, req.query.storeId, req.auth!.legalEntityId);
    const types = await app.db.select({ id: t.id, name: t.name, description: t.description, durationMinutes: t.durationMinutes }).from(t)
      .where(and(eq(t.storeId, store.id), eq(t.legalEntityId, store.legalEntityId), eq(t.active, true))).orderBy(asc(t.name));
    return { timeZone: store.timeZone, types, associates: await scheduledAssociates(app.db, store) };
  });

  app.get('/appointments/slots', {
    config: { permission: 'appointments.view' },
    schema: {
      tags: ['appointments'], summary: 'Free times for a type at a store of the legal entity (local dates in the store\'s time zone)',
      querystring: Obj({
        storeId: Uuid, appointmentTypeId: Uuid, from: Type.Optional(IsoDate),
        days: Type.Integer({ minimum: 1, maximum: 31, default: 7 }), associateId: Type.Optional(Uuid),
      }),
      response: { 200: Type.Object({ timeZone: Type.String(), from: Type.String(), slots: Type.Array(Slot) }) },
    },
  }, async (req) => {
    const store = await getBookableStore(app.db, req.query.storeId, req.auth!.legalEntityId);
    const type = await getBookableType(app.db, store, req.query.appointmentTypeId);
    return slotView(app.db, store, type, { ...req.query, now: Date.now() });
  });

  app.post('/appointments', {
    config: { permission: 'appointments.view' },
    schema: {
      tags: ['appointments'],
      summary: 'Book an appointment for a customer (the associate is the caller unless another, or null for any free one, is given); the customer gets a confirmation by email',
      body: Obj({
        customerId: Uuid, storeId: Uuid, appointmentTypeId: Uuid, startsAt: Type.String({ format: 'date-time' }),
        associateId: Type.Optional(Nullable(Uuid)), message: Type.Optional(Nullable(Type.String({ maxLength: 1000 }))),
      }),
      response: { 201: Type.Intersect([CustomerAppointment, Type.Object({ confirmationQueued: Type.Boolean() })]) },
    },
  }, async (req, reply) => {
    const apt = await bookForCustomer(app.db, req.auth!, req.body, Date.now());
    const queued = await notifyNow(app.db, app.config, apt, 'confirmation');
    return reply.status(201).send({
      id: apt.id, publicId: apt.publicId, status: apt.status, startsAt: apt.startsAt, endsAt: apt.endsAt, storeId: apt.storeId, storeName: apt.storeName,
      timeZone: apt.storeTimeZone, appointmentTypeId: apt.appointmentTypeId, typeName: apt.typeName, associateId: apt.associateId,
      associateName: apt.associateName, bookedVia: 'associate', customerMessage: apt.customerMessage, confirmationQueued: !!queued,
    });
  });

  app.get('/appointments', {
    config: { permission: 'appointments.view' },
    schema: {
      tags: ['appointments'], summary: 'A customer\'s upcoming and past appointments',
      querystring: Obj({ customerId: Uuid, limit: Type.Integer({ minimum: 1, maximum: 100, default: 20 }) }),
      response: { 200: Type.Object({ upcoming: Type.Array(CustomerAppointment), past: Type.Array(CustomerAppointment) }) },
    },
  }, async (req) => customerAppointments(app.db, req.auth!, req.query.customerId, Date.now(), req.query.limit));
}

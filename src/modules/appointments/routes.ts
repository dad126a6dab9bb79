import { languageOf } from '../../../shared/format.ts';
import { Type } from '@sinclair/typebox';
import type { App } from '../../http/types.ts';
import { Obj, Uuid, IsoDate, Ok } from '../../http/schemas.ts';
import { DaySchema, Hhmm, StoreSetupSchema, TimeOffInputSchema, TypeInputSchema, TypePatchSchema } from './appointment-schemas.ts';
import { appointmentsErrors } from './errors.ts';
import { secretKey } from '../../db/secret-key.ts';
import { getCustomer } from '../customers/service.ts';
import { publicAppointmentRoutes } from './public-routes.ts';
import { dayAppointments, preparationSheet } from './day-service.ts';
import { setAppointmentStatus, findAppointment, rescheduleAppointment } from './booking-service.ts';
import { storeSetup, createType, updateType, setOpeningHours, setSchedule, addTimeOff, removeTimeOff } from './setup-service.ts';
import { notifyNow } from './notifications.ts';
import { associateAppointmentRoutes } from './associate-routes.ts';
import { customerBookingToken } from './links.ts';

const Weekday = Type.Integer({ minimum: 0, maximum: 6, description: '0 = Sunday … 6 = Saturday' });

export default async function appointmentRoutes(app: App) {
  await app.register(publicAppointmentRoutes, { prefix: '/public/appointments' });
  await associateAppointmentRoutes(app);

  app.get('/appointments/today', {
    config: { permission: 'appointments.view' },
    schema: {
      tags: ['appointments'], summary: 'A day\'s appointments (mine, or the store\'s) with a preparation sheet for each customer',
      querystring: Obj({ date: Type.Optional(IsoDate), scope: Type.Union([Type.Literal('mine'), Type.Literal('store')], { default: 'mine' }), storeId: Type.Optional(Uuid) }),
      response: { 200: DaySchema },
    },
  }, async (req) => {
    const auth = req.auth!;
    if (req.query.scope === 'store' && req.query.storeId && req.query.storeId !== auth.storeId && !auth.permissions.has('appointments.manage')) {
      throw appointmentsErrors.other_store('You can see the appointments of the store you are working at.');
    }
    const day = await dayAppointments(app.db, auth, { ...req.query, now: Date.now() });
    const canSeeCustomers = auth.permissions.has('customers.view');
    const items = [];
    for (const item of day.items) items.push({ ...item, preparation: canSeeCustomers ? await preparationSheet(app.db, auth, item.id) : null });
    return { ...day, items };
  });

  app.post('/appointments/:id/status', {
    config: { permission: 'appointments.view' },
    schema: {
      tags: ['appointments'], summary: 'Mark an appointment completed or no-show, or cancel it', params: Obj({ id: Uuid }),
      body: Obj({ status: Type.Union([Type.Literal('completed'), Type.Literal('no-show'), Type.Literal('cancelled')]) }), response: { 200: Ok },
    },
  }, async (req) => {
    const before = await findAppointment(app.db, { id: req.params.id, legalEntityId: req.auth!.legalEntityId });
    if (!before) throw appointmentsErrors.appointment_not_found('Appointment was not found.');
    if (before.associateId !== req.auth!.associateId && !req.auth!.permissions.has('appointments.manage')) {
      throw appointmentsErrors.not_your_appointment('Only the associate of this appointment or a store manager can change it.');
    }
    const after = await setAppointmentStatus(app.db, req.auth!, req.params.id, req.body.status, Date.now());
    if (before.status === 'booked' && after.status === 'cancelled') await notifyNow(app.db, app.config, after, 'cancelled');
    return { ok: true };
  });

  app.post('/appointments/:id/reschedule', {
    config: { permission: 'appointments.manage' },
    schema: {
      tags: ['appointments'], summary: 'Move an appointment to another free time or associate (the customer is told by email)', params: Obj({ id: Uuid }),
      body: Obj({ startsAt: Type.String({ format: 'date-time' }), associateId: Type.Optional(Uuid) }), response: { 200: Ok },
    },
  }, async (req) => {
    const apt = await findAppointment(app.db, { id: req.params.id, legalEntityId: req.auth!.legalEntityId });
    if (!apt) throw appointmentsErrors.appointment_not_found('Appointment was not found.');
    const moved = await rescheduleAppointment(app.db, apt, req.body, { now: Date.now(), actor: req.auth! });
    await notifyNow(app.db, app.config, moved, 'rescheduled');
    return { ok: true };
  });

  app.get('/appointments/booking-link', {
    config: { permission: 'customers.view' },
    schema: {
      tags: ['appointments'], summary: 'A personal booking link for a customer: the booking page offers their own associate first',
      querystring: Obj({ customerId: Uuid }), response: { 200: Type.Object({ url: Type.String() }) },
    },
  }, async (req) => {
    const c = await getCustomer(app.db, req.auth!.legalEntityId, req.query.customerId);
    const token = customerBookingToken(await secretKey(app.db, app.config.secretKey), req.auth!.legalEntityId, c.id);
    // The page speaks the customer's language (the link says it; without it the page follows the browser).
    return { url: `${app.config.publicBaseUrl.replace(/\/$/, '')}/book?for=${encodeURIComponent(token)}&lang=${languageOf(c.language)}` };
  });

  app.get('/appointments/setup/:storeId', {
    config: { permission: 'appointments.manage' },
    schema: { tags: ['appointments'], summary: 'A store\'s appointment types, opening hours, shifts and upcoming time off', params: Obj({ storeId: Uuid }), response: { 200: StoreSetupSchema } },
  }, async (req) => storeSetup(app.db, req.auth!, req.params.storeId));

  app.post('/appointments/setup/:storeId/types', {
    config: { permission: 'appointments.manage' },
    schema: { tags: ['appointments'], summary: 'Add an appointment type to a store', params: Obj({ storeId: Uuid }), body: TypeInputSchema, response: { 201: Type.Object({ id: Uuid }) } },
  }, async (req, reply) => reply.status(201).send(await createType(app.db, req.auth!, req.params.storeId, req.body)));

  app.patch('/appointments/types/:id', {
    config: { permission: 'appointments.manage' },
    schema: {
      tags: ['appointments'], summary: 'Change or retire an appointment type', params: Obj({ id: Uuid }),
      body: TypePatchSchema,
      response: { 200: Type.Object({ id: Uuid }) },
    },
  }, async (req) => updateType(app.db, req.auth!, req.params.id, req.body));

  app.put('/appointments/setup/:storeId/opening-hours', {
    config: { permission: 'appointments.manage' },
    schema: {
      tags: ['appointments'], summary: 'Set the store\'s opening hours (weekdays not listed are closed)', params: Obj({ storeId: Uuid }),
      body: Obj({ days: Type.Array(Obj({ weekday: Weekday, opens: Hhmm, closes: Hhmm }), { maxItems: 7 }) }), response: { 200: Ok },
    },
  }, async (req) => { await setOpeningHours(app.db, req.auth!, req.params.storeId, req.body.days); return { ok: true }; });

  app.put('/appointments/setup/:storeId/schedules/:associateId', {
    config: { permission: 'appointments.manage' },
    schema: {
      tags: ['appointments'], summary: 'Set an associate\'s weekly shifts at the store', params: Obj({ storeId: Uuid, associateId: Uuid }),
      body: Obj({ shifts: Type.Array(Obj({ weekday: Weekday, start: Hhmm, end: Hhmm }), { maxItems: 28 }) }), response: { 200: Ok },
    },
  }, async (req) => { await setSchedule(app.db, req.auth!, req.params.storeId, req.params.associateId, req.body.shifts); return { ok: true }; });

  app.post('/appointments/time-off', {
    config: { permission: 'appointments.manage' },
    schema: {
      tags: ['appointments'],
      summary: 'Record an associate\'s time off (no slots are offered then): instants, or local times of a store (storeId with localStart/localEnd)',
      body: TimeOffInputSchema,
      response: { 201: Type.Object({ id: Uuid, clashingAppointments: Type.Integer() }) },
    },
  }, async (req, reply) => reply.status(201).send(await addTimeOff(app.db, req.auth!, req.body)));

  app.delete('/appointments/time-off/:id', {
    config: { permission: 'appointments.manage' },
    schema: { tags: ['appointments'], summary: 'Remove time off', params: Obj({ id: Uuid }), response: { 200: Ok } },
  }, async (req) => { await removeTimeOff(app.db, req.auth!, req.params.id); return { ok: true }; });
}

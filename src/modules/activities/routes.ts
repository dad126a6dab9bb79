import { Type } from '@sinclair/typebox';
import type { App } from '../../http/types.ts';
import { Obj, Uuid, Nullable } from '../../http/schemas.ts';
import { activityErrors } from './errors.ts';
import { audit } from '../audit/service.ts';
import { getCustomer } from '../customers/service.ts';
import { customerTimeline, parseTimelineCursor } from '../customers/timeline.ts';
import { listActivityTypes, createActivityType, updateActivityType, deleteActivityType } from './activity-types.ts';
import { recordActivity, editActivity, addNote, editNote, noteHistory, listNotes } from './service.ts';
import {
  ActivityInputSchema, ActivityPatchSchema, ActivitySchema, ActivityTypeInputSchema, ActivityTypePatchSchema, ActivityTypeSchema, NoteInputSchema,
  NotePatchSchema, NoteRevisionSchema, NoteSchema, TimelineEventSchema,
} from './activity-schemas.ts';

export default async function activityRoutes(app: App) {
  app.get('/activity-types', {
    config: { permission: 'customers.view' },
    schema: { tags: ['activities'], summary: 'Activity types (retired ones too, marked inactive)', response: { 200: Type.Array(ActivityTypeSchema) } },
  }, async (req) => listActivityTypes(app.db, req.auth!.legalEntityId));

  app.post('/activity-types', {
    config: { permission: 'setup.manage' },
    schema: { tags: ['activities'], summary: 'Create an activity type', body: ActivityTypeInputSchema, response: { 201: ActivityTypeSchema } },
  }, async (req, reply) => reply.status(201).send(await createActivityType(app.db, req.auth!, req.body)));

  app.patch('/activity-types/:id', {
    config: { permission: 'setup.manage' },
    schema: {
      tags: ['activities'], summary: 'Rename, reorder, retire or bring back an activity type', params: Obj({ id: Uuid }),
      body: ActivityTypePatchSchema,
      response: { 200: ActivityTypeSchema },
    },
  }, async (req) => updateActivityType(app.db, req.auth!, req.params.id, req.body));

  app.delete('/activity-types/:id', {
    config: { permission: 'setup.manage' },
    schema: { tags: ['activities'], summary: 'Delete an activity type (retired instead when activities use it)', params: Obj({ id: Uuid }), response: { 200: Type.Object({ retired: Type.Boolean() }) } },
  }, async (req) => deleteActivityType(app.db, req.auth!, req.params.id));

  app.post('/customers/:id/activities', {
    config: { permission: 'activities.edit' },
    schema: {
      tags: ['activities'], summary: 'Record an activity with a customer', params: Obj({ id: Uuid }),
      body: ActivityInputSchema,
      response: { 201: ActivitySchema },
    },
  }, async (req, reply) => reply.status(201).send(await recordActivity(app.db, req.auth!, req.params.id, req.body)));

  app.patch('/activities/:id', {
    config: { permission: 'activities.edit' },
    schema: {
      tags: ['activities'], summary: 'Correct an activity (only the associate who recorded it)', params: Obj({ id: Uuid }),
      body: ActivityPatchSchema,
      response: { 200: ActivitySchema },
    },
  }, async (req) => editActivity(app.db, req.auth!, req.params.id, req.body));

  app.get('/customers/:id/notes', {
    config: { permission: 'customers.view' },
    schema: { tags: ['activities'], summary: 'Notes about a customer the caller may read, newest first', params: Obj({ id: Uuid }), response: { 200: Type.Array(NoteSchema) } },
  }, async (req) => {
    await getCustomer(app.db, req.auth!.legalEntityId, req.params.id);
    await audit(app.db, req.auth!, 'read', 'notes', req.params.id);
    return listNotes(app.db, req.auth!, req.params.id);
  });

  app.post('/customers/:id/notes', {
    config: { permission: 'notes.edit' },
    schema: {
      tags: ['activities'], summary: 'Add a note: for everyone in the legal entity, my store only, or private',
      params: Obj({ id: Uuid }), body: NoteInputSchema, response: { 201: NoteSchema },
    },
  }, async (req, reply) => reply.status(201).send(await addNote(app.db, req.auth!, req.params.id, req.body)));

  app.patch('/notes/:id', {
    config: { permission: 'notes.edit' },
    schema: {
      tags: ['activities'], summary: 'Edit my note (the previous text is kept)', params: Obj({ id: Uuid }),
      body: NotePatchSchema, response: { 200: NoteSchema },
    },
  }, async (req) => editNote(app.db, req.auth!, req.params.id, req.body));

  app.get('/notes/:id/revisions', {
    config: { permission: 'customers.view' },
    schema: {
      tags: ['activities'], summary: 'Earlier versions of a note, newest first', params: Obj({ id: Uuid }),
      response: { 200: Type.Array(NoteRevisionSchema) },
    },
  }, async (req) => noteHistory(app.db, req.auth!, req.params.id));

  app.get('/customers/:id/timeline', {
    config: { permission: 'customers.view' },
    schema: {
      tags: ['activities'], summary: 'The customer timeline: activities, notes, purchases, returns and more, newest first',
      params: Obj({ id: Uuid }),
      querystring: Obj({
        before: Type.Optional(Type.String({ maxLength: 60, description: 'The nextCursor of the previous page (or a date: events strictly before it)' })),
        limit: Type.Integer({ minimum: 1, maximum: 100, default: 30 }),
      }),
      response: { 200: Type.Object({ items: Type.Array(TimelineEventSchema), nextCursor: Nullable(Type.String()) }) },
    },
  }, async (req) => {
    const before = req.query.before ? parseTimelineCursor(req.query.before) : null;
    if (req.query.before && !before) throw activityErrors.invalid_cursor('The cursor is not one this timeline gave, nor a date.', { field: 'before' });
    await getCustomer(app.db, req.auth!.legalEntityId, req.params.id);
    await audit(app.db, req.auth!, 'read', 'timeline', req.params.id);
    return customerTimeline(app.timelineSources, app.db, req.auth!, req.params.id, { before, limit: req.query.limit });
  });
}

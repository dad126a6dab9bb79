import { Type } from '@sinclair/typebox';
import type { App } from '../../http/types.ts';
import { IsoDateTime, Nullable, Obj, Uuid } from '../../http/schemas.ts';
import { getLegalEntityLocale } from '../organisation/queries.ts';
import { describeJobs, listJobRuns, retryJobRun } from './service.ts';

const Outcome = Type.Union([Type.Literal('running'), Type.Literal('ok'), Type.Literal('failed'), Type.Literal('dead')], {
  description: 'failed: an attempt failed and will be retried; dead: the last attempt failed, the job waits in the dead letters for a retry',
});

const JobSchema = Obj({
  name: Type.String(),
  cron: Type.String(),
  timeZone: Type.String({ description: 'The time zone the cron is read in: the legal entity\'s for a per-legal-entity job' }),
  perLegalEntity: Type.Boolean(),
  attempts: Type.Integer(),
});

const JobRunSchema = Obj({
  id: Uuid,
  job: Type.String(),
  legalEntityId: Nullable(Uuid),
  platform: Type.Boolean({ description: 'Upkeep of the whole installation rather than of this legal entity' }),
  attempt: Type.Integer(),
  maxAttempts: Type.Integer(),
  trigger: Type.Union([Type.Literal('schedule'), Type.Literal('retry'), Type.Literal('manual')]),
  process: Type.String({ description: 'host:pid of the process that ran it' }),
  outcome: Outcome,
  error: Nullable(Type.String()),
  startedAt: IsoDateTime,
  finishedAt: Nullable(IsoDateTime),
});

const RunsQuery = Obj({
  outcome: Type.Optional(Outcome),
  job: Type.Optional(Type.String({ maxLength: 200 })),
  limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 500 })),
});

export default async function jobRoutes(app: App) {
  app.get('/setup/jobs', {
    config: { permission: 'setup.manage' },
    schema: { tags: ['setup'], summary: 'Background jobs and their schedules', response: { 200: Type.Array(JobSchema) } },
  }, async (req) => describeJobs(app.jobs, (await getLegalEntityLocale(app.db, req.auth!.legalEntityId))?.timeZone ?? 'UTC'));

  app.get('/setup/jobs/runs', {
    config: { permission: 'setup.manage' },
    schema: {
      tags: ['setup'], summary: 'Recent runs of the legal entity\'s jobs and of the platform\'s upkeep, newest first',
      querystring: RunsQuery,
      response: { 200: Type.Array(JobRunSchema) },
    },
  }, async (req) => listJobRuns(app.db, req.auth!.legalEntityId, req.query));

  app.post('/setup/jobs/runs/:id/retry', {
    config: { permission: 'setup.manage' },
    schema: {
      tags: ['setup'], summary: 'Run a failed job again now',
      params: Obj({ id: Uuid }),
      response: { 202: Obj({ queued: Type.Boolean({ description: 'false when a run of the job was already waiting' }) }) },
    },
  }, async (req, reply) => reply.code(202).send(await retryJobRun(app.db, app.jobs, req.auth!.legalEntityId, req.params.id)));
}

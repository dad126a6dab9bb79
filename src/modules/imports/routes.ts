import type { Readable } from 'node:stream';
import { Type } from '@sinclair/typebox';
import type { App } from '../../http/types.ts';
import { EntityParamsSchema, ImportEntitySchema, ImportSummaryRef, ImportSummarySchema, RotatedSecretSchema, WebhookSecretStatusSchema } from './import-schemas.ts';
import { importsErrors } from './errors.ts';
import { readRecords, formatFromContentType, type ImportFormat } from './parse.ts';
import { runImport, requireImporter } from './service.ts';
import { IMPORTERS } from './entities.ts';
import { verifyWebhook, webhookRecords, rotateWebhookSecret, webhookSecretStatus } from './webhooks.ts';
import { SYSTEM_ACTORS } from '../../../shared/system-actors.ts';

const IMPORT_BODY_LIMIT = 50 * 1024 * 1024;
const WEBHOOK_BODY_LIMIT = 5 * 1024 * 1024;


/** Counts bytes as the body streams in and stops at the limit (custom stream parsers get no bodyLimit of their own). */
async function* limited(stream: Readable, limit: number): AsyncGenerator<Buffer> {
  let total = 0;
  for await (const chunk of stream) {
    total += (chunk as Buffer).length;
    if (total > limit) throw importsErrors.file_too_large(`The file is larger than ${limit / 1024 / 1024} MB; split it or use the command line import.`, { field: 'body' });
    yield chunk as Buffer;
  }
}

export default async function importRoutes(app: App) {
  app.addSchema(ImportSummarySchema);
  // CSV and NDJSON bodies are streamed into the import, never buffered whole.
  for (const type of ['text/csv', 'application/x-ndjson', 'application/ndjson', 'application/jsonl']) {
    app.addContentTypeParser(type, (_req, payload, done) => done(null, payload));
  }

  app.get('/import/entities', {
    config: { permission: 'import.run' },
    schema: { tags: ['import'], summary: 'What can be imported, and the fields of each', response: { 200: Type.Array(ImportEntitySchema) } },
  }, async () => IMPORTERS.map((i) => ({ entity: i.entity, summary: i.summary, fields: i.fields })));

  app.post('/import/:entity', {
    config: { permission: 'import.run' },
    bodyLimit: IMPORT_BODY_LIMIT,
    schema: {
      tags: ['import'],
      summary: 'Import a text/csv or application/x-ndjson body; upserts by external ID, so a re-run changes nothing; bad rows are listed with their line',
      params: EntityParamsSchema,
      response: { 200: ImportSummaryRef },
    },
  }, async (req) => {
    requireImporter(req.params.entity);
    const format: ImportFormat | null = formatFromContentType(req.headers['content-type']);
    if (!format || !req.body) throw importsErrors.unsupported_content_type('Send the file as text/csv or application/x-ndjson.', { field: 'content-type' });
    return runImport(app.db, req.auth!, req.params.entity, readRecords(limited(req.body as Readable, IMPORT_BODY_LIMIT), format));
  });

  app.get('/webhook-secret', {
    config: { permission: 'setup.manage' },
    schema: { tags: ['import'], summary: 'Whether a webhook signing secret is set, and when it was last rotated', response: { 200: WebhookSecretStatusSchema } },
  }, async (req) => webhookSecretStatus(app.db, req.auth!));

  app.post('/webhook-secret/rotate', {
    config: { permission: 'setup.manage' },
    schema: { tags: ['import'], summary: 'Create or rotate the webhook signing secret; it is shown once, then only stored encrypted', response: { 200: RotatedSecretSchema } },
  }, async (req) => rotateWebhookSecret(app.db, app.config.secretKey, req.auth!));

  // Webhooks need the raw bytes to check the signature, so this child scope reads every body as a buffer.
  await app.register(async (hooks) => {
    hooks.removeAllContentTypeParsers();
    hooks.addContentTypeParser('*', { parseAs: 'buffer', bodyLimit: WEBHOOK_BODY_LIMIT }, (_req, body, done) => done(null, body));
    hooks.post('/webhooks/:entity', {
      config: { public: true },
      schema: {
        tags: ['import'],
        summary: 'Near-real-time events (JSON object, array or NDJSON), signed with HMAC-SHA256 over "<timestamp>.<body>" in X-Clienteling-Signature: sha256=<hex>',
        params: EntityParamsSchema,
        response: { 200: ImportSummaryRef },
      },
    }, async (req) => {
      const importer = requireImporter((req.params as { entity: string }).entity);
      const body = Buffer.isBuffer(req.body) ? req.body : Buffer.alloc(0);
      const legalEntityId = await verifyWebhook(app.db, app.config.secretKey, req.headers, body);
      return runImport(app.db, { legalEntityId, associateId: null, associateName: SYSTEM_ACTORS.webhook }, importer.entity, webhookRecords(body));
    });
  });
}

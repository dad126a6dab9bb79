import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import { sql } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import { query, type Db } from '../../db/client.ts';
import { columnName, columnNames } from '../../db/sql.ts';
import { legalEntities } from '../organisation/schema.ts';
import { webhookDeliveries, webhookSecrets } from './schema.ts';
import { secretKey, encryptSecret, decryptSecret } from '../../db/secret-key.ts';
import { importsErrors } from './errors.ts';
import { audit } from '../audit/service.ts';
import type { AuthContext } from '../auth/context.ts';
import type { RotatedSecret, WebhookSecretStatus } from './import-schemas.ts';
import { readNdjson, type SourceRecord } from './parse.ts';

const le = alias(legalEntities, 'le');
const w = alias(webhookSecrets, 'w');

/** Requests older or newer than this are refused, and accepted signatures are remembered this long. */
export const REPLAY_WINDOW_SECONDS = 300;

export function signWebhook(secret: string, timestamp: string, body: string | Buffer): string {
  return 'sha256=' + createHmac('sha256', secret).update(`${timestamp}.`).update(body).digest('hex');
}

export async function rotateWebhookSecret(db: Db, configuredKey: string | undefined, auth: AuthContext): Promise<RotatedSecret> {
  const secret = `whsec_${randomBytes(24).toString('base64url')}`;
  const key = await secretKey(db, configuredKey);
  const rows = await query<{ rotatedAt: string }>(db, sql`insert into ${webhookSecrets} (${columnNames(webhookSecrets.legalEntityId, webhookSecrets.secretEncrypted, webhookSecrets.rotatedAt)})
    values (${auth.legalEntityId}, ${encryptSecret(key, secret)}, now())
    on conflict (${columnName(webhookSecrets.legalEntityId)}) do update set
      ${columnName(webhookSecrets.secretEncrypted)} = excluded.${columnName(webhookSecrets.secretEncrypted)}, ${columnName(webhookSecrets.rotatedAt)} = now()
    returning to_json(${webhookSecrets.rotatedAt})#>>'{}' as "rotatedAt"`);
  await audit(db, auth, 'update', 'webhook-secret', auth.legalEntityId, { rotated: true });
  return { secret, rotatedAt: rows[0].rotatedAt };
}

export async function webhookSecretStatus(db: Db, auth: AuthContext): Promise<WebhookSecretStatus> {
  const rows = await query<{ rotatedAt: string; code: string }>(db, sql`select to_json(${w.rotatedAt})#>>'{}' as "rotatedAt", ${le.code} as code from ${legalEntities} as ${le}
    left join ${webhookSecrets} as ${w} on ${w.legalEntityId} = ${le.id} where ${le.id} = ${auth.legalEntityId}`);
  return { configured: !!rows[0]?.rotatedAt, rotatedAt: rows[0]?.rotatedAt ?? null, legalEntityCode: rows[0]?.code ?? '' };
}

/**
 * Checks a webhook delivery: the legal entity's secret signs "<timestamp>.<raw body>" (HMAC-SHA256); the timestamp must be
 * recent, and a signature already accepted is refused, so a captured request cannot be replayed. Returns the legal entity.
 */
export async function verifyWebhook(db: Db, configuredKey: string | undefined, headers: Record<string, string | string[] | undefined>, body: Buffer, now = Date.now()): Promise<string> {
  const code = String(headers['x-clienteling-legal-entity'] ?? '');
  const timestamp = String(headers['x-clienteling-timestamp'] ?? '');
  const signature = String(headers['x-clienteling-signature'] ?? '');
  if (!code || !timestamp || !signature) throw importsErrors.webhook_headers_missing('Send X-Clienteling-Legal-Entity, X-Clienteling-Timestamp and X-Clienteling-Signature headers.');
  if (!/^\d{9,12}$/.test(timestamp) || Math.abs(now / 1000 - Number(timestamp)) > REPLAY_WINDOW_SECONDS) {
    throw importsErrors.webhook_timestamp_stale(`The timestamp is missing or more than ${REPLAY_WINDOW_SECONDS} seconds away from the server's clock.`);
  }
  const rows = await query<{ id: string; secret: string }>(db, sql`select ${le.id} as id, ${w.secretEncrypted} as secret from ${legalEntities} as ${le}
    join ${webhookSecrets} as ${w} on ${w.legalEntityId} = ${le.id} where ${le.code} = ${code}`);
  const mismatch = () => importsErrors.webhook_signature_invalid('The signature does not match.');
  if (!rows[0]) throw mismatch();
  const secret = decryptSecret(await secretKey(db, configuredKey), rows[0].secret);
  const expected = Buffer.from(signWebhook(secret, timestamp, body));
  const given = Buffer.from(signature);
  if (expected.length !== given.length || !timingSafeEqual(expected, given)) throw mismatch();
  await db.execute(sql`delete from ${webhookDeliveries} where ${webhookDeliveries.receivedAt} < now() - make_interval(secs => ${REPLAY_WINDOW_SECONDS * 2})`);
  const fresh = await query(db, sql`insert into ${webhookDeliveries} (${columnNames(webhookDeliveries.legalEntityId, webhookDeliveries.signature)}) values (${rows[0].id}, ${signature})
    on conflict do nothing returning ${webhookDeliveries.signature}`);
  if (!fresh.length) throw importsErrors.webhook_replayed('This delivery was already received (replay).');
  return rows[0].id;
}

/** A webhook body: one JSON object, a JSON array of objects, or NDJSON; its records in blocks, as the file readers give them. */
export async function* webhookRecords(body: Buffer): AsyncGenerator<SourceRecord[]> {
  const text = body.toString('utf8').trim();
  let parsed: unknown;
  try { parsed = JSON.parse(text); } catch { parsed = undefined; }
  if (parsed !== undefined) {
    const list = Array.isArray(parsed) ? parsed : [parsed];
    yield list.map((v, i) => (v && typeof v === 'object' && !Array.isArray(v) ? { line: i + 1, record: v as Record<string, unknown> } : { line: i + 1, error: 'Each event must be a JSON object.' }));
    return;
  }
  yield* readNdjson((async function* () { yield body; })());
}

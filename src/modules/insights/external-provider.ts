// External measures: a Customer Insights provider reached over HTTPS with OAuth2 client credentials
// (RFC 6749 §4.4). The client secret is stored encrypted and never returned.
//
// Contract with the provider:
//   POST {tokenUrl}  grant_type=client_credentials[&scope=…], HTTP Basic client_id:client_secret
//     → { "access_token": "…", "token_type": "Bearer", "expires_in": 3600 }
//   GET  {baseUrl}   Authorization: Bearer …
//     → { "items": [{ "customerId": "<account number | external id | id>", "values": { "<field>": 0.42, … } }], "next": "<url>" | null }

import { sql } from 'drizzle-orm';
import { query, type Db } from '../../db/client.ts';
import { columnName as col, columnNames } from '../../db/sql.ts';
import { alias } from 'drizzle-orm/pg-core';
import { customers } from '../customers/schema.ts';
import { customerMeasures as m, measureDefinitions as d, measureProviders } from './schema.ts';
import { insightsErrors } from './errors.ts';
import { note, noteOf, withNote } from './measure-notes.ts';
import { decryptSecret, encryptSecret } from '../../db/secret-key.ts';
import { BUILTIN_KEYS } from './builtin-measures.ts';
import { deleteStaleMeasures, upsertMeasures, type MeasureRow } from './measure-store.ts';
import type { InsightAlert, ProviderInput, ProviderMeasure, ProviderSync, ProviderValidation, ProviderView } from './insight-schemas.ts';

const TIMEOUT_MS = 10_000;
const MAX_PAGES = 1000;
const LOOPBACK = new Set(['127.0.0.1', 'localhost', '[::1]']);

/** HTTPS only, except the loopback address (a provider run on the same machine, and tests). */
export function checkProviderUrl(value: string, field: string): string {
  let url: URL;
  try { url = new URL(value); } catch { throw insightsErrors.provider_url_invalid('Enter a full URL, e.g. https://insights.example.com/token.', { field }); }
  if (url.protocol !== 'https:' && !(url.protocol === 'http:' && LOOPBACK.has(url.hostname))) {
    throw insightsErrors.provider_url_not_https('Providers are reached over HTTPS only.', { field });
  }
  if (url.username || url.password) throw insightsErrors.provider_url_has_credentials('Put credentials in the client id and secret, not in the URL.', { field });
  return url.toString();
}

/** request names the call in the notes (measureNote.<key> with request token or measures). */
async function fetchJson(url: string, init: RequestInit, request: 'token' | 'measures'): Promise<any> {
  const what = request === 'token' ? 'Token request' : 'Measures request';
  let res: Response;
  try {
    res = await fetch(url, { ...init, redirect: 'error', signal: AbortSignal.timeout(TIMEOUT_MS) });
  } catch (err) {
    const detail = (err as Error).cause ? String((err as any).cause?.code ?? (err as Error).message) : (err as Error).message;
    const host = new URL(url).host;
    throw withNote(new Error(`${what}: could not reach ${host} (${detail})`), note('providerUnreachable', { request, host, detail }));
  }
  const text = await res.text();
  if (!res.ok) {
    // The provider's answer is quoted in its own words.
    throw withNote(new Error(`${what}: the provider answered ${res.status}${text ? ` (${text.slice(0, 200)})` : ''}`),
      text ? note('providerAnswered', { request, status: res.status, answer: text.slice(0, 200) }) : note('providerAnsweredEmpty', { request, status: res.status }));
  }
  try { return JSON.parse(text); } catch { throw withNote(new Error(`${what}: the provider did not answer JSON`), note('providerNotJson', { request })); }
}

export async function fetchAccessToken(p: { tokenUrl: string; clientId: string; clientSecret: string; scope?: string | null }): Promise<string> {
  const form = new URLSearchParams({ grant_type: 'client_credentials' });
  if (p.scope) form.set('scope', p.scope);
  const basic = Buffer.from(`${encodeURIComponent(p.clientId)}:${encodeURIComponent(p.clientSecret)}`).toString('base64');
  const body = await fetchJson(p.tokenUrl, {
    method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded', accept: 'application/json', authorization: `Basic ${basic}` }, body: form.toString(),
  }, 'token');
  if (typeof body?.access_token !== 'string') throw withNote(new Error('Token request: no access_token in the answer'), note('providerNoToken'));
  return body.access_token;
}

interface ProviderItem { customerId: string; values: Record<string, unknown> }

async function* fetchPages(baseUrl: string, token: string, maxPages = MAX_PAGES): AsyncGenerator<ProviderItem[]> {
  let url: string | null = baseUrl;
  const origin = new URL(baseUrl).origin;
  for (let page = 0; url && page < maxPages; page++) {
    const body: any = await fetchJson(url, { headers: { authorization: `Bearer ${token}`, accept: 'application/json' } }, 'measures');
    if (!Array.isArray(body?.items)) throw withNote(new Error('Measures request: the answer has no "items" list'), note('providerNoItems'));
    yield body.items.filter((i: any) => i && typeof i.customerId === 'string' && i.values && typeof i.values === 'object');
    // Follow "next" only on the same origin, so a provider cannot send the token elsewhere.
    url = typeof body.next === 'string' && body.next ? new URL(body.next, url).toString() : null;
    if (url && new URL(url).origin !== origin) throw withNote(new Error('Measures request: "next" points to another site'), note('providerNextElsewhere'));
  }
}

const customerColumn = (k: ProviderInput['customerKey']) => (k === 'externalId' ? sql`${customers.externalId}` : k === 'id' ? sql`${customers.id}::text` : sql`${customers.accountNumber}`);

async function matchCustomers(db: Db, legalEntityId: string, key: ProviderInput['customerKey'], ids: string[]): Promise<Map<string, string>> {
  if (!ids.length) return new Map();
  const rows = await query<{ ref: string; id: string }>(db, sql`
    select ${customerColumn(key)} as "ref", ${customers.id} as "id" from ${customers}
    where ${customers.legalEntityId} = ${legalEntityId} and ${customerColumn(key)} in (select jsonb_array_elements_text(${JSON.stringify(ids)}::jsonb))`);
  return new Map(rows.map((r) => [r.ref, r.id]));
}

/** "Validate": gets a token and the first page, and checks the mapped fields are there. Stores nothing. */
export async function validateProvider(db: Db, legalEntityId: string, p: Pick<ProviderInput, 'tokenUrl' | 'clientId' | 'clientSecret' | 'scope' | 'baseUrl' | 'customerKey'> & { measures: { field: string }[] }): Promise<ProviderValidation> {
  const out: ProviderValidation = { ok: false, tokenObtained: false, items: 0, matchedCustomers: 0, fieldsSeen: [], errors: [], notes: [] };
  try {
    const token = await fetchAccessToken(p);
    out.tokenObtained = true;
    for await (const items of fetchPages(p.baseUrl, token, 1)) {
      out.items = items.length;
      out.fieldsSeen = [...new Set(items.flatMap((i) => Object.keys(i.values)))].sort();
      out.matchedCustomers = (await matchCustomers(db, legalEntityId, p.customerKey, items.map((i) => i.customerId))).size;
    }
    const missing = p.measures.filter((m) => out.items > 0 && !out.fieldsSeen.includes(m.field));
    if (missing.length) {
      const listed = (fields: string[]) => fields.map((f) => `"${f}"`).join(', ');
      out.errors.push(`The provider sends no ${listed(missing.map((m) => m.field))}; it sends ${listed(out.fieldsSeen) || 'no fields'}.`);
      // The field names are the provider's own, quoted as they are in either language; "no fields" is only when it sends none.
      out.notes.push(note('providerFieldsMissing', { missing: listed(missing.map((m) => m.field)), sent: listed(out.fieldsSeen) || '—' }));
    }
    if (out.items > 0 && out.matchedCustomers === 0) {
      out.errors.push('None of the customers on the first page match a customer of this legal entity; check which customer id the provider uses.');
      out.notes.push(note('providerNoMatch'));
    }
  } catch (err) {
    out.errors.push((err as Error).message);
    out.notes.push(noteOf(err));
  }
  out.ok = out.errors.length === 0;
  return out;
}

function checkInput(p: Partial<ProviderInput>) {
  if (p.tokenUrl !== undefined) p.tokenUrl = checkProviderUrl(p.tokenUrl, 'tokenUrl');
  if (p.baseUrl !== undefined) p.baseUrl = checkProviderUrl(p.baseUrl, 'baseUrl');
  if (p.measures) {
    const keys = new Set<string>();
    p.measures.forEach((m, i) => {
      if (BUILTIN_KEYS.includes(m.key)) throw insightsErrors.builtin_measure_key(`"${m.key}" is a built-in measure.`, { field: `measures/${i}/key` });
      if (keys.has(m.key)) throw insightsErrors.measure_key_repeated(`The key "${m.key}" is used twice.`, { field: `measures/${i}/key` });
      keys.add(m.key);
    });
  }
}

const mp = measureProviders;
const pa = alias(mp, 'p');
const pd = alias(d, 'd');
const providerColumns = sql`${pa.id} as "id", ${pa.name} as "name", ${pa.tokenUrl} as "tokenUrl", ${pa.clientId} as "clientId",
  ${pa.secretExpiresAt}::text as "secretExpiresAt", ${pa.scope} as "scope", ${pa.baseUrl} as "baseUrl", ${pa.customerKey} as "customerKey",
  ${pa.lastValidatedAt}::text as "lastValidatedAt", ${pa.lastSyncedAt}::text as "lastSyncedAt", ${pa.lastError} as "lastError", true as "hasSecret",
  case when ${pa.secretExpiresAt} is null then null else floor(extract(epoch from (${pa.secretExpiresAt} - now())) / 86400)::int end as "secretDaysLeft",
  coalesce((select jsonb_agg(jsonb_build_object('field', ${pd.externalField}, 'key', ${pd.key}, 'name', ${pd.name}, 'format', ${pd.format}) order by ${pd.createdAt}, ${pd.key})
    from ${d} as ${pd} where ${pd.providerId} = ${pa.id}), '[]'::jsonb) as "measures"`;

export async function listProviders(db: Db, legalEntityId: string): Promise<ProviderView[]> {
  return query<ProviderView>(db, sql`select ${providerColumns} from ${measureProviders} as ${pa} where ${pa.legalEntityId} = ${legalEntityId} order by ${pa.name}`);
}

export async function getProvider(db: Db, legalEntityId: string, id: string): Promise<ProviderView> {
  const [p] = await query<ProviderView>(db, sql`select ${providerColumns} from ${measureProviders} as ${pa} where ${pa.id} = ${id} and ${pa.legalEntityId} = ${legalEntityId}`);
  if (!p) throw insightsErrors.provider_not_found('Measure provider was not found.');
  return p;
}

async function storedSecret(db: Db, legalEntityId: string, id: string, key: string): Promise<string> {
  const [row] = await query<{ secret: string }>(db, sql`select ${mp.secretEncrypted} as "secret" from ${mp} where ${mp.id} = ${id} and ${mp.legalEntityId} = ${legalEntityId}`);
  if (!row) throw insightsErrors.provider_not_found('Measure provider was not found.');
  try {
    return decryptSecret(key, row.secret);
  } catch {
    // The installation's secret key changed since the secret was stored.
    throw insightsErrors.provider_secret_unreadable('The stored client secret can no longer be read (the secret key changed); enter the secret again.', { field: 'clientSecret' });
  }
}

async function saveMeasureDefinitions(db: Db, legalEntityId: string, providerId: string, measures: ProviderMeasure[]) {
  const taken = await query<{ key: string }>(db, sql`select ${d.key} as "key" from ${d} where ${d.legalEntityId} = ${legalEntityId}
    and (${d.providerId} is distinct from ${providerId}) and ${d.key} in (select jsonb_array_elements_text(${JSON.stringify(measures.map((m) => m.key))}::jsonb))`);
  if (taken.length) throw insightsErrors.measure_key_taken(`A measure with the key "${taken[0].key}" already exists.`, { field: 'measures' });
  const keep = JSON.stringify(measures.map((m) => m.key));
  // Measures dropped from the mapping lose their definition and values.
  await db.execute(sql`delete from ${m} where ${m.legalEntityId} = ${legalEntityId}
    and ${m.measureKey} in (select ${d.key} from ${d} where ${d.providerId} = ${providerId}
      and ${d.key} not in (select jsonb_array_elements_text(${keep}::jsonb)))`);
  await db.execute(sql`delete from ${d} where ${d.legalEntityId} = ${legalEntityId} and ${d.providerId} = ${providerId}
    and ${d.key} not in (select jsonb_array_elements_text(${keep}::jsonb))`);
  for (const pm of measures) {
    await db.execute(sql`insert into ${d} (${columnNames(d.legalEntityId, d.key, d.name, d.source, d.format, d.providerId, d.externalField, d.description)})
      values (${legalEntityId}, ${pm.key}, ${pm.name}, 'external', ${pm.format}, ${providerId}, ${pm.field}, ${`Pulled from an external provider (field "${pm.field}").`})
      on conflict (${columnNames(d.legalEntityId, d.key)}) do update set ${col(d.name)} = excluded.${col(d.name)}, ${col(d.format)} = excluded.${col(d.format)},
        ${col(d.externalField)} = excluded.${col(d.externalField)}`);
  }
}

/** Saves a provider after "Validate" succeeds: a provider that cannot be reached is not saved. */
export async function createProvider(db: Db, legalEntityId: string, input: ProviderInput, secretKeyValue: string): Promise<ProviderView> {
  checkInput(input);
  const v = await validateProvider(db, legalEntityId, input);
  if (!v.ok) throw insightsErrors.provider_validation_failed(`Validation failed: ${v.errors.join(' ')}`, { field: v.tokenObtained ? 'baseUrl' : 'tokenUrl', extra: { validation: v } });
  const id = await db.transaction(async (tx) => {
    const t: Db = tx;
    const dup = await query(t, sql`select 1 from ${mp} where ${mp.legalEntityId} = ${legalEntityId} and ${mp.name} = ${input.name}`);
    if (dup.length) throw insightsErrors.provider_name_taken(`A provider named "${input.name}" already exists.`, { field: 'name' });
    const [row] = await query<{ id: string }>(t, sql`insert into ${mp}
      (${columnNames(mp.legalEntityId, mp.name, mp.tokenUrl, mp.clientId, mp.secretEncrypted, mp.secretExpiresAt, mp.scope, mp.baseUrl, mp.customerKey, mp.lastValidatedAt)})
      values (${legalEntityId}, ${input.name}, ${input.tokenUrl}, ${input.clientId}, ${encryptSecret(secretKeyValue, input.clientSecret)},
        ${input.secretExpiresAt}, ${input.scope ?? null}, ${input.baseUrl}, ${input.customerKey}, now()) returning ${col(mp.id)}`);
    await saveMeasureDefinitions(t, legalEntityId, row.id, input.measures);
    return row.id;
  });
  return getProvider(db, legalEntityId, id);
}

export async function updateProvider(db: Db, legalEntityId: string, id: string, patch: Partial<ProviderInput>, secretKeyValue: string): Promise<ProviderView> {
  checkInput(patch);
  const current = await getProvider(db, legalEntityId, id);
  // The secret is write-only: keep the stored one unless a new one is given.
  const clientSecret = patch.clientSecret ?? (await storedSecret(db, legalEntityId, id, secretKeyValue));
  const next = { ...current, ...patch, clientSecret };
  const v = await validateProvider(db, legalEntityId, next);
  if (!v.ok) throw insightsErrors.provider_validation_failed(`Validation failed: ${v.errors.join(' ')}`, { field: v.tokenObtained ? 'baseUrl' : 'tokenUrl', extra: { validation: v } });
  await db.transaction(async (tx) => {
    const t: Db = tx;
    await t.execute(sql`update ${mp} set ${col(mp.name)} = ${next.name}, ${col(mp.tokenUrl)} = ${next.tokenUrl}, ${col(mp.clientId)} = ${next.clientId},
      ${col(mp.secretEncrypted)} = ${encryptSecret(secretKeyValue, clientSecret)}, ${col(mp.secretExpiresAt)} = ${next.secretExpiresAt}, ${col(mp.scope)} = ${next.scope ?? null},
      ${col(mp.baseUrl)} = ${next.baseUrl}, ${col(mp.customerKey)} = ${next.customerKey}, ${col(mp.lastValidatedAt)} = now(), ${col(mp.lastError)} = null
      where ${mp.id} = ${id} and ${mp.legalEntityId} = ${legalEntityId}`);
    if (patch.measures) await saveMeasureDefinitions(t, legalEntityId, id, patch.measures);
  });
  return getProvider(db, legalEntityId, id);
}

export async function validateSavedProvider(db: Db, legalEntityId: string, id: string, secretKeyValue: string): Promise<ProviderValidation> {
  const p = await getProvider(db, legalEntityId, id);
  const v = await validateProvider(db, legalEntityId, { ...p, clientSecret: await storedSecret(db, legalEntityId, id, secretKeyValue) });
  await db.execute(sql`update ${mp} set ${col(mp.lastValidatedAt)} = case when ${v.ok} then now() else ${mp.lastValidatedAt} end,
    ${col(mp.lastError)} = ${v.ok ? null : v.errors.join(' ')} where ${mp.id} = ${id} and ${mp.legalEntityId} = ${legalEntityId}`);
  return v;
}

export async function deleteProvider(db: Db, legalEntityId: string, id: string) {
  await getProvider(db, legalEntityId, id);
  await db.transaction(async (tx) => {
    const t: Db = tx;
    await t.execute(sql`delete from ${m} where ${m.legalEntityId} = ${legalEntityId}
      and ${m.measureKey} in (select ${d.key} from ${d} where ${d.providerId} = ${id} and ${d.legalEntityId} = ${legalEntityId})`);
    await t.execute(sql`delete from ${d} where ${d.providerId} = ${id} and ${d.legalEntityId} = ${legalEntityId}`);
    await t.execute(sql`delete from ${mp} where ${mp.id} = ${id} and ${mp.legalEntityId} = ${legalEntityId}`);
  });
}

/** Pulls every page and replaces the provider's measure values; failures are kept on the provider for the set-up page. */
export async function syncProvider(db: Db, legalEntityId: string, id: string, secretKeyValue: string): Promise<ProviderSync> {
  const p = await getProvider(db, legalEntityId, id);
  const computedAt = new Date().toISOString();
  const rows: MeasureRow[] = [];
  const customers = new Set<string>();
  try {
    const token = await fetchAccessToken({ ...p, clientSecret: await storedSecret(db, legalEntityId, id, secretKeyValue) });
    for await (const items of fetchPages(p.baseUrl, token)) {
      const ids = await matchCustomers(db, legalEntityId, p.customerKey, items.map((i) => i.customerId));
      for (const item of items) {
        const customerId = ids.get(item.customerId);
        if (!customerId) continue;
        for (const m of p.measures) {
          const raw = item.values[m.field];
          if (raw === undefined || raw === null) continue;
          const numeric = m.format !== 'text' && m.format !== 'date';
          const n = typeof raw === 'number' ? raw : Number(raw);
          if (numeric && !Number.isFinite(n)) continue;
          customers.add(customerId);
          rows.push({ customerId, measureKey: m.key, valueNumber: numeric ? n : null, valueText: numeric ? null : String(raw),
            drivers: { source: 'external', provider: p.name, field: m.field, providerCustomerId: item.customerId } });
        }
      }
    }
  } catch (err) {
    const message = (err as Error).message;
    const errorNote = noteOf(err);
    await db.execute(sql`update ${mp} set ${col(mp.lastError)} = ${message} where ${mp.id} = ${id} and ${mp.legalEntityId} = ${legalEntityId}`);
    await db.execute(sql`update ${d} set ${col(d.lastError)} = ${message}, ${col(d.lastErrorNotes)} = ${JSON.stringify([errorNote])}::jsonb
      where ${d.providerId} = ${id} and ${d.legalEntityId} = ${legalEntityId}`);
    return { customers: 0, values: 0, error: message, errorNote };
  }
  // Keep the last value per customer and measure (a provider may repeat a customer across pages).
  const unique = [...new Map(rows.map((r) => [`${r.customerId}|${r.measureKey}`, r])).values()];
  await db.transaction(async (tx) => {
    const t: Db = tx;
    await upsertMeasures(t, legalEntityId, unique, computedAt);
    await deleteStaleMeasures(t, legalEntityId, p.measures.map((m) => m.key), computedAt);
    await t.execute(sql`update ${mp} set ${col(mp.lastSyncedAt)} = ${computedAt}, ${col(mp.lastError)} = null where ${mp.id} = ${id} and ${mp.legalEntityId} = ${legalEntityId}`);
    await t.execute(sql`update ${d} set ${col(d.lastRunAt)} = ${computedAt}, ${col(d.lastError)} = null, ${col(d.lastErrorNotes)} = null where ${d.providerId} = ${id} and ${d.legalEntityId} = ${legalEntityId}`);
  });
  return { customers: customers.size, values: unique.length, error: null, errorNote: null };
}

/** Secrets expiring within 30 days (or expired) and measures whose last run failed. */
export async function listAlerts(db: Db, legalEntityId: string): Promise<InsightAlert[]> {
  const alerts: InsightAlert[] = [];
  for (const p of await listProviders(db, legalEntityId)) {
    if (p.secretDaysLeft === null || p.secretDaysLeft > 30) continue;
    const expired = p.secretDaysLeft < 0;
    alerts.push({
      kind: expired ? 'secret-expired' : 'secret-expiring', severity: expired || p.secretDaysLeft <= 7 ? 'error' : 'warning', providerId: p.id, measureKey: null,
      secretExpiresAt: p.secretExpiresAt, daysLeft: p.secretDaysLeft,
      message: expired
        ? `The client secret of "${p.name}" expired on ${p.secretExpiresAt!.slice(0, 10)}: its measures are no longer refreshed. Enter a new secret.`
        : `The client secret of "${p.name}" expires in ${p.secretDaysLeft} ${p.secretDaysLeft === 1 ? 'day' : 'days'} (${p.secretExpiresAt!.slice(0, 10)}). Create a new one at the provider and enter it here.`,
      // The same by key for the web (insightAlert.<key>), the date as YYYY-MM-DD for the reader's format.
      messageText: expired
        ? { key: 'secretExpired', params: { provider: p.name, date: p.secretExpiresAt!.slice(0, 10) } }
        : { key: 'secretExpiring', params: { provider: p.name, count: p.secretDaysLeft, date: p.secretExpiresAt!.slice(0, 10) } },
    });
  }
  const failed = await query<{ key: string; name: string; lastError: string; lastErrorNotes: InsightAlert['notes'] | null; source: string }>(db, sql`
    select ${d.key} as "key", ${d.name} as "name", ${d.lastError} as "lastError", ${d.lastErrorNotes} as "lastErrorNotes", ${d.source} as "source" from ${d}
    where ${d.legalEntityId} = ${legalEntityId} and ${d.enabled} and ${d.lastError} is not null and ${d.source} <> 'builtin'`);
  for (const m of failed) {
    alerts.push({
      kind: 'measure-failed', severity: 'warning', providerId: null, measureKey: m.key, secretExpiresAt: null, daysLeft: null, message: `${m.name}: ${m.lastError}`,
      // By key when the failure was recorded with its notes: the measure's name (as head office gave it), then why.
      ...(m.lastErrorNotes ? { messageText: { key: 'measureFailed', params: { measure: m.name } }, notes: m.lastErrorNotes } : {}),
    });
  }
  return alerts;
}

export async function syncAllProviders(db: Db, legalEntityId: string, secretKeyValue: string) {
  const providers = await query<{ id: string }>(db, sql`select ${mp.id} as "id" from ${mp} where ${mp.legalEntityId} = ${legalEntityId}`);
  const out = [];
  for (const p of providers) out.push(await syncProvider(db, legalEntityId, p.id, secretKeyValue));
  return out;
}

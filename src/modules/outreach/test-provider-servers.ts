import http from 'node:http';
import { createHmac, randomBytes } from 'node:crypto';

/**
 * Twilio and the WhatsApp Cloud API on 127.0.0.1 for tests, speaking their documented wire formats (not this project's
 * shapes): Twilio's form-encoded Messages.json with Basic auth and its JSON resource and error bodies; Meta's Graph
 * /{version}/{phone-number-id}/messages with a bearer token. Both can fail the next requests, and sign the webhooks
 * they send back the way the providers do (X-Twilio-Signature, X-Hub-Signature-256).
 */
export interface Recorded { path: string; headers: http.IncomingHttpHeaders; raw: string; form?: Record<string, string>; json?: Record<string, unknown> }

export async function startTwilio(account: { sid: string; token: string }) {
  const requests: Recorded[] = [];
  const sent: { sid: string; to: string; from: string; body: string; statusCallback?: string }[] = [];
  let failures: number[] = [];
  const server = http.createServer((req, res) => {
    let raw = '';
    req.on('data', (c) => (raw += c));
    req.on('end', () => {
      const form = Object.fromEntries(new URLSearchParams(raw));
      requests.push({ path: req.url ?? '', headers: req.headers, raw, form });
      const json = (status: number, body: unknown) => res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(body));
      const error = (status: number, code: number, message: string) => json(status, { code, message, more_info: `https://www.twilio.com/docs/errors/${code}`, status });
      const fail = failures.shift();
      if (fail) return error(fail, 20500, 'Internal Server Error');
      const m = /^\/2010-04-01\/Accounts\/([^/]+)\/Messages\.json$/.exec(req.url ?? '');
      if (req.method !== 'POST' || !m) return error(404, 20404, 'The requested resource was not found');
      const auth = `Basic ${Buffer.from(`${account.sid}:${account.token}`).toString('base64')}`;
      if (m[1] !== account.sid || req.headers.authorization !== auth) return error(401, 20003, 'Authenticate');
      if (!/^application\/x-www-form-urlencoded/.test(String(req.headers['content-type']))) return error(400, 20001, 'Unsupported content type');
      if (!/^\+[1-9][0-9]{6,14}$/.test(form.To ?? '')) return error(400, 21211, `The 'To' number ${form.To} is not a valid phone number.`);
      if (!form.From && !form.MessagingServiceSid) return error(400, 21603, "A 'From' or 'MessagingServiceSid' parameter is required to send a message.");
      if (!form.Body) return error(400, 21602, 'Message body is required.');
      const sid = `SM${randomBytes(16).toString('hex')}`;
      sent.push({ sid, to: form.To, from: form.From ?? form.MessagingServiceSid, body: form.Body, statusCallback: form.StatusCallback });
      const now = new Date().toUTCString();
      json(201, {
        sid, account_sid: account.sid, to: form.To, from: form.From ?? null, messaging_service_sid: form.MessagingServiceSid ?? null, body: form.Body,
        status: 'queued', num_segments: '1', direction: 'outbound-api', api_version: '2010-04-01', date_created: now, date_updated: now, date_sent: null,
        price: null, error_code: null, error_message: null, uri: `/2010-04-01/Accounts/${account.sid}/Messages/${sid}.json`,
      });
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as { port: number }).port}`,
    requests, sent,
    failNext(...statuses: number[]) { failures = statuses; },
    /** What Twilio puts in X-Twilio-Signature for a form post to `url`. */
    sign(url: string, params: Record<string, string>, token = account.token) {
      return createHmac('sha1', token).update(url + Object.keys(params).sort().map((k) => k + params[k]).join('')).digest('base64');
    },
    /** An inbound SMS as Twilio posts it to the messaging webhook. */
    inboundParams(from: string, to: string, body: string, sid = `SM${randomBytes(16).toString('hex')}`) {
      return { ToCountry: 'FR', SmsMessageSid: sid, NumMedia: '0', SmsSid: sid, SmsStatus: 'received', Body: body, To: to, NumSegments: '1', MessageSid: sid, AccountSid: account.sid, From: from, ApiVersion: '2010-04-01' };
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

export async function startWhatsAppCloud(opts: { phoneNumberId: string; token: string }) {
  const requests: Recorded[] = [];
  let failures: number[] = [];
  const server = http.createServer((req, res) => {
    let raw = '';
    req.on('data', (c) => (raw += c));
    req.on('end', () => {
      let json: Record<string, unknown> = {};
      try { json = JSON.parse(raw || '{}'); } catch { /* answered below */ }
      requests.push({ path: req.url ?? '', headers: req.headers, raw, json });
      const send = (status: number, body: unknown) => res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(body));
      const error = (status: number, code: number, message: string, type = 'OAuthException') => send(status, { error: { message, type, code, fbtrace_id: randomBytes(8).toString('hex') } });
      const fail = failures.shift();
      if (fail) return error(fail, fail === 400 ? 132001 : 131000, fail === 400 ? '(#132001) Template name does not exist in the translation' : 'Something went wrong');
      const m = /^\/(v[0-9]+\.[0-9])\/([0-9]+)\/messages$/.exec(req.url ?? '');
      if (req.method !== 'POST' || !m || m[2] !== opts.phoneNumberId) return error(400, 100, 'Unsupported post request.', 'GraphMethodException');
      if (req.headers.authorization !== `Bearer ${opts.token}`) return error(401, 190, 'Invalid OAuth access token.');
      if (json.messaging_product !== 'whatsapp') return error(400, 100, '(#100) The parameter messaging_product is required.');
      const to = String(json.to ?? '');
      if (!/^\+?[0-9]{8,15}$/.test(to)) return error(400, 100, '(#100) Invalid parameter');
      if (json.type === 'template') {
        const t = json.template as { name?: string; language?: { code?: string } } | undefined;
        if (!t?.name || !t.language?.code) return error(400, 100, '(#100) Invalid parameter');
      } else if (json.type === 'text') {
        if (!(json.text as { body?: string } | undefined)?.body) return error(400, 100, '(#100) The parameter text[\'body\'] is required.');
      } else return error(400, 100, '(#100) Invalid parameter');
      const id = `wamid.${Buffer.from(randomBytes(24)).toString('base64url')}`;
      send(200, { messaging_product: 'whatsapp', contacts: [{ input: to, wa_id: to.replace(/^\+/, '') }], messages: [{ id }] });
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as { port: number }).port}`,
    requests,
    failNext(...statuses: number[]) { failures = statuses; },
    sent: () => requests.filter((r) => r.json?.messaging_product === 'whatsapp'),
    /** What Meta puts in X-Hub-Signature-256 for a body. */
    sign: (appSecret: string, raw: string) => `sha256=${createHmac('sha256', appSecret).update(raw).digest('hex')}`,
    /** A webhook as Meta posts it: entry[].changes[].value with messages[] or statuses[]. */
    webhook(value: { messages?: unknown[]; statuses?: unknown[]; contacts?: unknown[] }) {
      return JSON.stringify({
        object: 'whatsapp_business_account',
        entry: [{ id: '102290129340398', changes: [{ field: 'messages', value: { messaging_product: 'whatsapp', metadata: { display_phone_number: '15550783881', phone_number_id: opts.phoneNumberId }, ...value } }] }],
      });
    },
    textMessage: (from: string, body: string, id = `wamid.${randomBytes(24).toString('base64url')}`) => ({ from, id, timestamp: String(Math.floor(Date.now() / 1000)), type: 'text', text: { body } }),
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

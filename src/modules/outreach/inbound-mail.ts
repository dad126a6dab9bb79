import { createHmac, timingSafeEqual } from 'node:crypto';
import { SMTPServer } from 'smtp-server';
import { simpleParser } from 'mailparser';
import { eq } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import type { Config } from '../../config.ts';
import { secretKey } from '../../db/secret-key.ts';
import { conversations } from './schema.ts';
import { recordInbound } from './conversations.ts';
import { UNSUBSCRIBE_LOCAL_PART, unsubscribeTokenOfSubject } from '../preferences/mail-links.ts';
import { linkKey, oneClickUnsubscribe } from '../preferences/service.ts';

const MAX_MAIL_BYTES = 2 * 1024 * 1024;

// reply+<conversation id, 32 hex>.<16 hex of HMAC>@domain: 55 characters, under the 64 a local part may have.
const tokenMac = (key: string, id: string) => createHmac('sha256', key).update(`conversation-reply:${id}`).digest('hex').slice(0, 16);

/** The Reply-To of outbound email: replies to it land in the customer's conversation. */
export function replyAddress(key: string, conversationId: string, domain: string): string {
  const id = conversationId.replace(/-/g, '');
  return `reply+${id}.${tokenMac(key, id)}@${domain}`;
}

/** The conversation a reply address names, when this server signed it; otherwise null. */
export function conversationOfAddress(key: string, address: string, domain: string): string | null {
  const m = /^reply\+([0-9a-f]{32})\.([0-9a-f]{16})@(.+)$/i.exec(address.trim());
  if (!m || m[3].toLowerCase() !== domain.toLowerCase()) return null;
  const id = m[1].toLowerCase();
  const expected = Buffer.from(tokenMac(key, id));
  const given = Buffer.from(m[2].toLowerCase());
  if (!timingSafeEqual(expected, given)) return null;
  return `${id.slice(0, 8)}-${id.slice(8, 12)}-${id.slice(12, 16)}-${id.slice(16, 20)}-${id.slice(20)}`;
}

// Where the quoted history of a reply starts: "On … wrote:", "Le … a écrit :", Outlook's separators and header blocks.
const QUOTE_STARTS = [
  /^On .{3,200}wrote:\s*$/i,
  /^Le .{3,200}a [ée]crit\s?:\s*$/i,
  /^-{2,}\s*(Original Message|Message d'origine|Message original)\s*-{2,}\s*$/i,
  /^_{20,}\s*$/,
  /^(From|De)\s?:\s.+$/,
];

/** The new text of a reply, without the quoted history below it or `>` lines. */
export function stripQuoted(text: string): string {
  const lines = text.replace(/\r\n/g, '\n').split('\n');
  const out: string[] = [];
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i];
    // Mail clients wrap a long "On <date>, <name> <address> wrote:" over two lines.
    const joined = i + 1 < lines.length ? `${line} ${lines[i + 1]}` : line;
    if (QUOTE_STARTS.some((re) => re.test(line.trim())) || (/^(On|Le) /.test(line.trim()) && QUOTE_STARTS.slice(0, 2).some((re) => re.test(joined.trim())))) break;
    if (/^\s*>/.test(line)) continue;
    out.push(line);
  }
  return out.join('\n').trim();
}

const isUnsubscribeMailbox = (address: string, domain: string) => address.trim().toLowerCase() === `${UNSUBSCRIBE_LOCAL_PART}@${domain.toLowerCase()}`;

/**
 * One received email: every signed reply address among its recipients lands it in that conversation, once per
 * Message-ID; mail to the unsubscribe mailbox (the List-Unsubscribe mailto) withdraws what its signed token names.
 */
export async function receiveMail(db: Db, config: Config, raw: Buffer, recipients: string[]): Promise<number> {
  const domain = config.inboundMailDomain!;
  const key = await secretKey(db, config.secretKey);
  const parsed = await simpleParser(raw);
  const from = parsed.from?.value[0]?.address ?? '';
  const body = stripQuoted(parsed.text ?? '') || '[no text]';
  let stored = 0;
  for (const rcpt of recipients) {
    if (isUnsubscribeMailbox(rcpt, domain)) {
      // The token is signed and names one customer and topic; a forged or expired one is dropped, as the https link refuses it.
      const token = unsubscribeTokenOfSubject(parsed.subject);
      if (token && await oneClickUnsubscribe(db, await linkKey(db, config), token, 'unsubscribe-mail').then(() => true, () => false)) stored++;
      continue;
    }
    const conversationId = conversationOfAddress(key, rcpt, domain);
    if (!conversationId) continue;
    const [conv] = await db.select({ legalEntityId: conversations.legalEntityId, customerId: conversations.customerId }).from(conversations).where(eq(conversations.id, conversationId));
    if (!conv) continue;
    const messageId = parsed.messageId ?? createHmac('sha256', 'message').update(raw).digest('hex');
    if (await recordInbound(db, { ...conv, channel: 'email', providerMessageId: messageId, address: from, subject: parsed.subject ?? null, body })) stored++;
  }
  return stored;
}

/**
 * The SMTP listener for replies (started by `serve` when INBOUND_MAIL_DOMAIN and INBOUND_SMTP_PORT are set). Only
 * signed reply addresses of the domain and its unsubscribe mailbox are accepted as recipients; anything else is
 * refused at RCPT TO.
 */
export async function startInboundMail(db: Db, config: Config, opts: { port?: number; host?: string } = {}) {
  const domain = config.inboundMailDomain;
  if (!domain) throw new Error('INBOUND_MAIL_DOMAIN is not set.');
  const key = await secretKey(db, config.secretKey);
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['AUTH', 'STARTTLS'],
    size: MAX_MAIL_BYTES,
    banner: 'Clienteling replies',
    onRcptTo(address, _session, callback) {
      if (!conversationOfAddress(key, address.address, domain) && !isUnsubscribeMailbox(address.address, domain)) return callback(Object.assign(new Error('550 No such mailbox'), { responseCode: 550 }));
      callback();
    },
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (c: Buffer) => chunks.push(c));
      stream.on('end', () => {
        if ((stream as unknown as { sizeExceeded?: boolean }).sizeExceeded) return callback(Object.assign(new Error('552 Message too large'), { responseCode: 552 }));
        receiveMail(db, config, Buffer.concat(chunks), session.envelope.rcptTo.map((r) => r.address))
          .then(() => callback(), (err: Error) => callback(Object.assign(new Error(`451 ${err.message}`), { responseCode: 451 })));
      });
    },
  });
  await new Promise<void>((resolve) => server.listen(opts.port ?? config.inboundSmtpPort ?? 2525, opts.host ?? '0.0.0.0', resolve));
  const address = server.server.address() as { port: number };
  return { port: address.port, close: () => new Promise<void>((resolve) => server.close(() => resolve())) };
}

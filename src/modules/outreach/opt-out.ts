import { sql } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import { query, type Db } from '../../db/client.ts';
import { customers } from '../customers/schema.ts';
import { customerConsents } from '../customer-profile/schema.ts';
import { recordConsentChange } from './consent-change.ts';
import { audit } from '../audit/service.ts';
import type { ProviderChannel } from './providers.ts';

// Keywords carriers and WhatsApp users send to stop messages, in the languages of our retailers.
const STOP_WORDS = new Set(['STOP', 'STOPALL', 'UNSUBSCRIBE', 'CANCEL', 'END', 'QUIT', 'ARRET', 'ARRÊT', 'DESABONNER', 'DÉSABONNER']);

// Keywords that undo a STOP (carriers' UNSTOP and START; "YES" is left out: it answers too many other questions).
const START_WORDS = new Set(['START', 'UNSTOP']);

const keyword = (text: string) => text.trim().toUpperCase().replace(/[.!]+$/, '');

export function isStop(text: string): boolean {
  return STOP_WORDS.has(keyword(text));
}

export function isStart(text: string): boolean {
  return START_WORDS.has(keyword(text));
}

const digits = (phone: string) => phone.replace(/\D/g, '');

/**
 * An inbound message from the provider. STOP withdraws the customer's consent to the channel (customer_consents and
 * consent_history, source 'sms-stop' / 'whatsapp-stop'), for every customer of the legal entity with that number.
 * START gives it back, but only where a STOP reply on that channel took it away: a number that never consented (or
 * withdrew consent in store) is not opted in by a keyword, since that consent was never the channel's to give.
 */
export async function handleInbound(db: Db, legalEntityId: string, channel: ProviderChannel, from: string, text: string): Promise<{ optedOut: number; optedIn: number }> {
  const stop = isStop(text);
  if (!stop && !isStart(text)) return { optedOut: 0, optedIn: 0 };
  const number = digits(from);
  if (number.length < 6) return { optedOut: 0, optedIn: 0 };
  const stopSource = `${channel}-stop`;
  const source = stop ? stopSource : `${channel}-start`;
  return db.transaction(async (tx) => {
    const t = tx as unknown as Db;
    // The national part of the number matches whether the customer card has +33 6… or 06….
    const c = alias(customers, 'c');
    const k = alias(customerConsents, 'k');
    const matched = await query<{ id: string }>(t, sql`
      select ${c.id} from ${customers} as ${c}
      where ${c.legalEntityId} = ${legalEntityId} and ${c.phone} is not null and ${c.erasedAt} is null
        and right(regexp_replace(${c.phone}, '[^0-9]', '', 'g'), 9) = right(${number}, 9)
        ${stop ? sql`` : sql`and exists (select 1 from ${customerConsents} as ${k} where ${k.customerId} = ${c.id} and ${k.channel} = ${channel}
          and not ${k.granted} and ${k.source} = ${stopSource})`}`);
    for (const c of matched) {
      await recordConsentChange(t, { legalEntityId, customerId: c.id, channel, granted: !stop, source });
      await audit(t, { legalEntityId, associateId: null, associateName: `${channel === 'sms' ? 'SMS' : 'WhatsApp'} provider` }, 'update', 'customer', c.id, { consent: channel, granted: !stop, source });
    }
    return stop ? { optedOut: matched.length, optedIn: 0 } : { optedOut: 0, optedIn: matched.length };
  });
}

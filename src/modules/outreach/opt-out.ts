import { sql } from 'drizzle-orm';
import { query, type Db } from '../../db/client.ts';
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
    const t: Db = tx;
    // The national part of the number matches whether the customer card has +33 6… or 06….
    const customers = await query<{ id: string }>(t, sql`
      select c.id from customers c
      where c.legal_entity_id = ${legalEntityId} and c.phone is not null and c.erased_at is null
        and right(regexp_replace(c.phone, '[^0-9]', '', 'g'), 9) = right(${number}, 9)
        ${stop ? sql`` : sql`and exists (select 1 from customer_consents k where k.customer_id = c.id and k.channel = ${channel}
          and not k.granted and k.source = ${stopSource})`}`);
    for (const c of customers) {
      await t.execute(sql`
        insert into customer_consents (customer_id, channel, legal_entity_id, granted, source, recorded_at)
        values (${c.id}, ${channel}, ${legalEntityId}, ${!stop}, ${source}, now())
        on conflict (customer_id, channel) do update set granted = excluded.granted, source = excluded.source, recorded_at = excluded.recorded_at`);
      await t.execute(sql`insert into consent_history (customer_id, channel, granted, source, recorded_at) values (${c.id}, ${channel}, ${!stop}, ${source}, now())`);
      await audit(t, { legalEntityId, associateId: null, associateName: `${channel === 'sms' ? 'SMS' : 'WhatsApp'} provider` }, 'update', 'customer', c.id, { consent: channel, granted: !stop, source });
    }
    return stop ? { optedOut: customers.length, optedIn: 0 } : { optedOut: 0, optedIn: customers.length };
  });
}

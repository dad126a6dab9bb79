import { sql } from 'drizzle-orm';
import { query, type Db } from '../../db/client.ts';
import { audit } from '../audit/service.ts';
import type { ProviderChannel } from './providers.ts';

// Keywords carriers and WhatsApp users send to stop messages, in the languages of our retailers.
const STOP_WORDS = new Set(['STOP', 'STOPALL', 'UNSUBSCRIBE', 'CANCEL', 'END', 'QUIT', 'ARRET', 'ARRÊT', 'DESABONNER', 'DÉSABONNER']);

export function isStop(text: string): boolean {
  const word = text.trim().toUpperCase().replace(/[.!]+$/, '');
  return STOP_WORDS.has(word);
}

const digits = (phone: string) => phone.replace(/\D/g, '');

/**
 * An inbound message from the provider. STOP withdraws the customer's consent to the channel (customer_consents and
 * consent_history, source 'sms-stop' / 'whatsapp-stop'), for every customer of the legal entity with that number.
 */
export async function handleInbound(db: Db, legalEntityId: string, channel: ProviderChannel, from: string, text: string): Promise<{ optedOut: number }> {
  if (!isStop(text)) return { optedOut: 0 };
  const number = digits(from);
  if (number.length < 6) return { optedOut: 0 };
  const source = `${channel}-stop`;
  return db.transaction(async (tx) => {
    const t = tx as unknown as Db;
    // The national part of the number matches whether the customer card has +33 6… or 06….
    const customers = await query<{ id: string }>(t, sql`
      select id from customers
      where legal_entity_id = ${legalEntityId} and phone is not null and erased_at is null
        and right(regexp_replace(phone, '[^0-9]', '', 'g'), 9) = right(${number}, 9)`);
    for (const c of customers) {
      await t.execute(sql`
        insert into customer_consents (customer_id, channel, legal_entity_id, granted, source, recorded_at)
        values (${c.id}, ${channel}, ${legalEntityId}, false, ${source}, now())
        on conflict (customer_id, channel) do update set granted = false, source = excluded.source, recorded_at = excluded.recorded_at`);
      await t.execute(sql`insert into consent_history (customer_id, channel, granted, source, recorded_at) values (${c.id}, ${channel}, false, ${source}, now())`);
      await audit(t, { legalEntityId, associateId: null, associateName: `${channel === 'sms' ? 'SMS' : 'WhatsApp'} provider` }, 'update', 'customer', c.id, { consent: channel, granted: false, source });
    }
    return { optedOut: customers.length };
  });
}

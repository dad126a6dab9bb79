import type { Db } from '../../db/client.ts';
import { currentConsent } from '../customer-profile/queries.ts';
import { recordConsentChange } from '../customer-profile/service.ts';
import type { ProviderChannel } from './providers.ts';
import { SYSTEM_ACTORS } from '../../../shared/system-actors.ts';

// Keywords carriers and WhatsApp users send to stop messages, in English and French (accents optional).
const STOP_WORDS = new Set(['STOP', 'STOPALL', 'UNSUBSCRIBE', 'CANCEL', 'END', 'QUIT', 'ARRET', 'ARRETER', 'DESABONNER', 'DESINSCRIRE', 'STOP SMS']);

// Keywords that undo a STOP ("YES"/"OUI" are left out: they answer too many other questions).
const START_WORDS = new Set(['START', 'UNSTOP', 'SUBSCRIBE', 'REPRENDRE', 'ABONNER']);

const keyword = (text: string) => text.trim().normalize('NFD').replace(/[\u0300-\u036f]/g, '').toUpperCase().replace(/[.!]+$/, '').replace(/\s+/g, ' ');

export function isStop(text: string): boolean {
  return STOP_WORDS.has(keyword(text));
}

export function isStart(text: string): boolean {
  return START_WORDS.has(keyword(text));
}

/**
 * A keyword reply from a customer. STOP withdraws their consent to the channel (source 'sms-stop' / 'whatsapp-stop').
 * START gives it back, but only where a STOP reply on that channel took it away: a number that never consented (or
 * withdrew consent in store) is not opted in by a keyword, since that consent was never the channel's to give.
 */
export async function applyKeyword(db: Db, legalEntityId: string, channel: ProviderChannel, customerIds: string[], text: string): Promise<{ optedOut: number; optedIn: number }> {
  const stop = isStop(text);
  if ((!stop && !isStart(text)) || !customerIds.length) return { optedOut: 0, optedIn: 0 };
  const stopSource = `${channel}-stop`;
  const source = stop ? stopSource : `${channel}-start`;
  const actor = { associateId: null, associateName: channel === 'sms' ? SYSTEM_ACTORS.smsProvider : SYSTEM_ACTORS.whatsappProvider };
  let changed = 0;
  for (const customerId of customerIds) {
    if (!stop && (await currentConsent(db, legalEntityId, customerId, channel))?.source !== stopSource) continue;
    // Customer-profile writes the current consent, its history (the keyword as the note) and the audit entry.
    await recordConsentChange(db, legalEntityId, customerId, { channel, granted: !stop, source, note: text.trim().slice(0, 100) }, actor);
    changed++;
  }
  return stop ? { optedOut: changed, optedIn: 0 } : { optedOut: 0, optedIn: changed };
}

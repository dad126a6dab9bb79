import { sql } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import { consentHistory, customerConsents } from '../customer-profile/schema.ts';

export interface ConsentChange { legalEntityId: string; customerId: string; channel: 'email' | 'sms' | 'whatsapp' | 'phone' | 'mail'; granted: boolean; source: string }

/**
 * Records a customer's consent change with its source, in the current consent and its history.
 * Customer-profile owns these tables: this is the one place outreach writes them, to be replaced by
 * customer-profile's exported recordConsentChange (helper profile-sql) once that is on main.
 */
export async function recordConsentChange(db: Db, change: ConsentChange): Promise<void> {
  await db.insert(customerConsents).values({ ...change, recordedAt: sql`now()` })
    .onConflictDoUpdate({ target: [customerConsents.customerId, customerConsents.channel], set: { granted: change.granted, source: change.source, recordedAt: sql`now()` } });
  await db.insert(consentHistory).values({ customerId: change.customerId, channel: change.channel, granted: change.granted, source: change.source, recordedAt: sql`now()` });
}

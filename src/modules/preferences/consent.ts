import type { Db } from '../../db/client.ts';
import type { AuthContext } from '../auth/context.ts';
import { recordConsentChange } from '../customer-profile/service.ts';
import type { ConsentName } from '../customer-profile/schema.ts';
import { consents } from '../customer-profile/queries.ts';
import { updateCustomer } from '../customers/service.ts';

// The customer acts for themselves here, without an associate: customer-profile and customers record the change
// under this actor (audit log: "Customer (preference page)", no associate).
function customerActor(legalEntityId: string, label: string): AuthContext {
  return { userId: '', associateId: null as unknown as string, associateName: label, legalEntityId, storeId: null, permissions: new Set(), via: 'token' };
}

export type ConsentSource = 'preference-page' | 'one-click' | 'unsubscribe-mail';
const LABEL: Record<ConsentSource, string> = {
  'preference-page': 'Customer (preference page)',
  'one-click': 'Customer (one-click unsubscribe)',
  'unsubscribe-mail': 'Customer (unsubscribe email)',
};

/** Current consents by name (channels and `topic:…`), as customer-profile keeps them. */
export async function currentConsents(db: Db, legalEntityId: string, customerId: string): Promise<Map<string, boolean>> {
  return new Map((await consents(db, legalEntityId, customerId)).map((c) => [c.channel, c.granted]));
}

/** Writes the consent and its history row (with the source) through customer-profile. */
export async function recordCustomerConsent(db: Db, legalEntityId: string, customerId: string, name: ConsentName, granted: boolean, source: ConsentSource) {
  await recordConsentChange(db, legalEntityId, customerId, { channel: name, granted, source }, { associateId: null, associateName: LABEL[source] });
}

export async function recordCustomerLanguage(db: Db, legalEntityId: string, customerId: string, language: string) {
  await updateCustomer(db, customerActor(legalEntityId, LABEL['preference-page']), customerId, { language });
}

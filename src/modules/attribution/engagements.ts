import type { Db } from '../../db/client.ts';
import { outreachEngagements } from './schema.ts';

/**
 * Opens the outreach attribution window again from now: the customer engaged with a sent outreach message (opened
 * the look it carried, clicked a product of it). A later purchase within the window is credited to the message's
 * sender, as if the message had just reached the customer.
 */
export async function recordOutreachEngagement(db: Db, e: { legalEntityId: string; customerId: string; outreachMessageId: string; kind: string }) {
  await db.insert(outreachEngagements).values(e);
}

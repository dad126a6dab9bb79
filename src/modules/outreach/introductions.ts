import type { Db } from '../../db/client.ts';
import { AppError } from '../../http/errors.ts';
import type { AuthContext } from '../auth/context.ts';
import { outreachErrors } from './errors.ts';
import { reachOutOptions, sendMessage } from './service.ts';
import { getTemplate } from './templates.ts';

export interface IntroductionInput {
  /** A template (its channel is used for every customer), or a text sent on each customer's preferred usable channel. */
  templateId?: string | null;
  subject?: string | null;
  body?: string;
}

/** Refuses an introduction that could not be sent to anyone (no text, unknown template) before anything changes. */
export async function checkIntroduction(db: Db, legalEntityId: string, intro: IntroductionInput) {
  if (intro.templateId) {
    await getTemplate(db, legalEntityId, intro.templateId).catch((err: unknown) => {
      if ((err as { code?: string }).code !== outreachErrors.template_not_found.code) throw err;
      throw outreachErrors.unknown_template('Template was not found.', { field: 'introduction.templateId' });
    });
  } else if (!intro.body?.trim()) {
    throw outreachErrors.message_empty('Write the introduction or choose a template.', { field: 'introduction.body' });
  }
}

/**
 * A message from `senderId` (the customers' new associate) to each customer, through the normal send path: the
 * customer's consent, contact budget, quiet hours and WhatsApp rules apply as for any message the associate writes.
 * A customer who cannot be reached is listed with the reason, in plain words; the others are queued.
 */
export async function sendIntroductions(db: Db, auth: AuthContext, senderId: string, customerIds: string[], intro: IntroductionInput) {
  const template = intro.templateId ? await getTemplate(db, auth.legalEntityId, intro.templateId) : null;
  let queued = 0;
  const notSent: { customerId: string; reason: string }[] = [];
  for (const customerId of customerIds) {
    const channel = template?.channel ?? (await reachOutOptions(db, auth, customerId)).defaultChannel;
    if (!channel) { notSent.push({ customerId, reason: 'The customer has agreed to no channel we can use (or the card has no address for it).' }); continue; }
    try {
      await sendMessage(db, auth, {
        customerId, channel, templateId: template?.id ?? null, subject: intro.subject ?? undefined, body: intro.body || undefined,
        idempotencyKey: `intro-${senderId}-${customerId}`,
      }, { sender: senderId });
      queued++;
    } catch (err) {
      // Only what is about this customer (no consent, no address, weekly limit) is a reason; anything else is a fault.
      if (!(err instanceof AppError) || err.kind !== 'unprocessable') throw err;
      notSent.push({ customerId, reason: err.message });
    }
  }
  return { queued, notSent };
}

import { and, eq } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import { customerConsents } from '../customer-profile/schema.ts';
import { getCustomer } from '../customers/service.ts';
import { enqueueMessage } from './outbox.ts';
import type { PromptCandidate } from './prompts.ts';
import { OUTREACH_CHANNELS, type OutreachChannel } from './schema.ts';
import { addressFor, templateContext } from './service.ts';
import type { OutreachSettings } from './settings.ts';
import { renderTemplate, textToHtml } from './template-render.ts';
import { findTemplate } from './templates.ts';

/**
 * Queues the prompt's template on the customer's preferred consented channel (else the first consented one).
 * Returns false when that is not possible, so the prompt becomes a task for the associate instead.
 */
export async function autoSendPrompt(db: Db, legalEntityId: string, p: PromptCandidate, settings: OutreachSettings): Promise<boolean> {
  const name = settings.prompts[p.promptType].templateName;
  if (!name) return false;
  const c = await getCustomer(db, legalEntityId, p.customerId);
  const k = customerConsents;
  const consents = await db.select({ channel: k.channel }).from(k).where(and(eq(k.customerId, c.id), eq(k.legalEntityId, legalEntityId), eq(k.granted, true)));
  const granted = new Set<string>(consents.map((r) => r.channel));
  const order = [c.preferredChannel, ...OUTREACH_CHANNELS].filter((ch): ch is OutreachChannel => OUTREACH_CHANNELS.includes(ch as OutreachChannel));
  for (const channel of order) {
    if (!granted.has(channel) || !addressFor(c, channel)) continue;
    const template = await findTemplate(db, legalEntityId, name, channel, c.language);
    if (!template || (channel === 'whatsapp' && !template.whatsappTemplateName)) continue;
    const ctx = await templateContext(db, { legalEntityId, associateId: p.associateId, storeId: p.storeId }, c, p.productId);
    const body = renderTemplate(template.body, ctx).text;
    await enqueueMessage(db, {
      legalEntityId, customerId: c.id, associateId: p.associateId, channel, to: addressFor(c, channel)!,
      subject: template.subject ? renderTemplate(template.subject, ctx).text : null, body,
      html: channel === 'email' ? textToHtml(body) : undefined, purpose: p.promptType,
      idempotencyKey: `prompt:${p.promptType}:${c.id}:${p.occasion}`, templateId: template.id,
    });
    return true;
  }
  return false;
}

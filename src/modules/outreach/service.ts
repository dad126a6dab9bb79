import { randomUUID } from 'node:crypto';
import { sql } from 'drizzle-orm';
import { query, type Db } from '../../db/client.ts';
import { outreachErrors } from './errors.ts';
import { audit } from '../audit/service.ts';
import type { AuthContext } from '../auth/context.ts';
import { getCustomer, type Customer } from '../customers/service.ts';
import { budgetUsed, consentDecision } from './contact-policy.ts';
import { enqueueMessage } from './outbox.ts';
import { OUTREACH_CHANNELS, type OutreachChannel } from './schema.ts';
import { getOutreachSettings, quietHoursEnd } from './settings.ts';
import { formatMoney } from '../../../shared/money.ts';
import { renderTemplate, textToHtml, type TemplateContext } from './template-render.ts';
import { getTemplate, type Template } from './templates.ts';
import { tasksICanClose } from './tasks.ts';

/** Where a message on a channel goes for this customer, or null when the customer card lacks it. */
export function addressFor(c: Customer, channel: OutreachChannel): string | null {
  if (channel === 'email') return c.email;
  if (channel === 'sms' || channel === 'whatsapp') return c.phone;
  if (!c.addressLine || !c.city) return null;
  return [`${c.firstName} ${c.lastName}`, c.addressLine, [c.postalCode, c.city].filter(Boolean).join(' '), c.country].filter(Boolean).join('\n');
}

export interface ChannelOption { channel: OutreachChannel; address: string | null; consent: 'granted' | 'refused' | 'opted-out' | 'unknown'; usable: boolean }

/** What the "Reach out" dialog needs: channels with address and consent, the default channel, the contact budget. */
export async function reachOutOptions(db: Db, auth: AuthContext, customerId: string) {
  const c = await getCustomer(db, auth.legalEntityId, customerId);
  const consents = await query<{ channel: string; granted: boolean; source: string }>(db, sql`
    select channel, granted, source from customer_consents where customer_id = ${customerId} and legal_entity_id = ${auth.legalEntityId}`);
  const channels: ChannelOption[] = OUTREACH_CHANNELS.map((channel) => {
    const row = consents.find((r) => r.channel === channel);
    const address = addressFor(c, channel);
    const consent = !row ? 'unknown' : row.granted ? 'granted' : ['sms-stop', 'whatsapp-stop', 'unsubscribe', 'customer-request'].includes(row.source) ? 'opted-out' : 'refused';
    return { channel, address, consent, usable: !!address && consent === 'granted' && !c.erasedAt };
  });
  const preferred = channels.find((o) => o.channel === c.preferredChannel && o.usable);
  const settings = await getOutreachSettings(db, auth.legalEntityId);
  const used = await budgetUsed(db, customerId, new Date(), null);
  return {
    customerId, language: c.language, preferredChannel: c.preferredChannel,
    defaultChannel: (preferred ?? channels.find((o) => o.usable))?.channel ?? null,
    channels,
    budget: { used, cap: settings.frequencyCapPerWeek },
  };
}

/** The values of a template's fields: the customer, the associate who writes, their store, a product. */
export async function templateContext(
  db: Db, auth: { legalEntityId: string; associateId: string | null; storeId: string | null }, c: Customer, productId: string | null,
): Promise<TemplateContext> {
  const [assoc] = auth.associateId ? await query<{ name: string; jobTitle: string | null; email: string | null }>(db, sql`
    select display_name as name, job_title as "jobTitle", email from associates where id = ${auth.associateId} and legal_entity_id = ${auth.legalEntityId}`) : [];
  const storeId = auth.storeId ?? c.homeStoreId;
  const [store] = storeId ? await query<{ name: string; city: string | null; address: string | null; phone: string | null; email: string | null }>(db, sql`
    select name, city, address, phone, email from stores where id = ${storeId} and legal_entity_id = ${auth.legalEntityId}`) : [];
  let product: TemplateContext['product'];
  if (productId) {
    const [p] = await query<{ name: string; brand: string | null; category: string; priceMinor: number; careInstructions: string | null; currency: string }>(db, sql`
      select p.name, p.brand, p.category, p.price_minor::int as "priceMinor", p.care_instructions as "careInstructions", le.currency
      from products p join legal_entities le on le.id = p.legal_entity_id where p.id = ${productId} and p.legal_entity_id = ${auth.legalEntityId}`);
    if (!p) throw outreachErrors.unknown_product('Product was not found.', { field: 'productId' });
    product = { name: p.name, brand: p.brand, category: p.category, price: formatMoney(p.priceMinor, p.currency, c.language), careInstructions: p.careInstructions };
  }
  return {
    customer: { firstName: c.firstName, lastName: c.lastName, fullName: `${c.firstName} ${c.lastName}`, accountNumber: c.accountNumber },
    associate: assoc ? { name: assoc.name, firstName: assoc.name.split(' ')[0], jobTitle: assoc.jobTitle, email: assoc.email } : undefined,
    store, product,
  };
}

export interface ComposeInput {
  customerId: string;
  channel: OutreachChannel;
  templateId?: string | null;
  /** Text as the associate edited it; placeholders left in it are filled too. Defaults to the template's. */
  subject?: string | null;
  body?: string;
  productId?: string | null;
}

async function compose(db: Db, auth: AuthContext, input: ComposeInput) {
  const c = await getCustomer(db, auth.legalEntityId, input.customerId);
  let template: Template | null = null;
  if (input.templateId) {
    // A template id in the dialog is input: unknown is a 400 on its field, not a 404 of the whole request.
    template = await getTemplate(db, auth.legalEntityId, input.templateId).catch((err: unknown) => {
      if ((err as { code?: string }).code !== outreachErrors.template_not_found.code) throw err;
      throw outreachErrors.unknown_template('Template was not found.', { field: 'templateId' });
    });
    if (template.channel !== input.channel) throw outreachErrors.template_channel_mismatch(`This template is for ${template.channel}, not ${input.channel}.`, { field: 'templateId' });
  }
  const bodySource = input.body ?? template?.body;
  if (!bodySource?.trim()) throw outreachErrors.message_empty('Write a message or choose a template.', { field: 'body' });
  const ctx = await templateContext(db, auth, c, input.productId ?? null);
  const body = renderTemplate(bodySource, ctx);
  const subject = renderTemplate(input.subject ?? template?.subject ?? '', ctx);
  const to = addressFor(c, input.channel);
  const warnings: string[] = [];
  if (!to) warnings.push(`The customer card has no ${input.channel === 'email' ? 'email address' : input.channel === 'mail' ? 'postal address' : 'mobile number'}.`);
  const missing = [...new Set([...body.missing, ...subject.missing])];
  if (missing.length) warnings.push(`No value for ${missing.join(', ')}.`);
  const consent = await consentDecision(db, { legalEntityId: auth.legalEntityId, customerId: c.id, channel: input.channel, transactional: false });
  if (consent.action === 'suppress') warnings.push(consent.reason === 'opted-out' ? `The customer opted out of ${input.channel}.` : `The customer has not consented to ${input.channel}.`);
  const settings = await getOutreachSettings(db, auth.legalEntityId);
  const used = await budgetUsed(db, c.id, new Date(), null);
  if (used >= settings.frequencyCapPerWeek) warnings.push(`The customer already received ${used} messages this week (limit ${settings.frequencyCapPerWeek}).`);
  const [le] = await query<{ timeZone: string }>(db, sql`select time_zone as "timeZone" from legal_entities where id = ${auth.legalEntityId}`);
  const quietEnd = quietHoursEnd(new Date(), le.timeZone, settings.quietHours);
  return {
    customer: c, template, to, subject: input.channel === 'email' || input.channel === 'mail' ? subject.text || null : null, body: body.text,
    warnings, missing, consent, budget: { used, cap: settings.frequencyCapPerWeek }, scheduledFor: quietEnd?.toISOString() ?? null,
  };
}

export async function previewMessage(db: Db, auth: AuthContext, input: ComposeInput) {
  const m = await compose(db, auth, input);
  await audit(db, auth, 'read', 'customer', m.customer.id, { purpose: 'outreach-preview' });
  return {
    channel: input.channel, to: m.to, subject: m.subject, body: m.body, warnings: m.warnings,
    canSend: !!m.to && m.consent.action === 'send' && m.budget.used < m.budget.cap && !(input.channel === 'whatsapp' && !m.template?.whatsappTemplateName),
    scheduledFor: m.scheduledFor,
  };
}

export interface SendInput extends ComposeInput {
  /** The dialog's key, so a double tap on Send sends once. */
  idempotencyKey?: string;
  taskId?: string | null;
}

/** An associate's personal message: checked now for a clear answer, and again by the outbox at send time. */
export async function sendMessage(db: Db, auth: AuthContext, input: SendInput) {
  const m = await compose(db, auth, input);
  if (!m.to) throw outreachErrors.contact_address_missing(m.warnings[0], { field: 'channel' });
  if (m.consent.action === 'suppress') {
    throw m.consent.reason === 'opted-out'
      ? outreachErrors.opted_out(`The customer opted out of ${input.channel}.`, { field: 'channel' })
      : outreachErrors.consent_missing(`The customer has not consented to ${input.channel}.`, { field: 'channel' });
  }
  if (m.budget.used >= m.budget.cap) throw outreachErrors.weekly_limit_reached(`The customer already received ${m.budget.used} messages this week (limit ${m.budget.cap}).`, { field: 'customerId' });
  if (input.channel === 'whatsapp' && !m.template?.whatsappTemplateName) {
    throw outreachErrors.whatsapp_template_required('WhatsApp messages need a template approved by WhatsApp.', { field: 'templateId' });
  }
  let task: { id: string; promptType: string } | undefined;
  if (input.taskId) {
    [task] = await query<{ id: string; promptType: string }>(db, sql`select id, prompt_type as "promptType" from outreach_tasks
      where id = ${input.taskId} and legal_entity_id = ${auth.legalEntityId} and customer_id = ${m.customer.id} and ${tasksICanClose(auth)}`);
    // Sending closes the task, so only someone who may close it can name it (anyone else's task is "not found").
    if (!task) throw outreachErrors.unknown_task('Task was not found for this customer.', { field: 'taskId' });
  }
  const purpose = m.template?.purpose ?? task?.promptType ?? 'personal';
  return db.transaction(async (tx) => {
    const t: Db = tx;
    const { id, created } = await enqueueMessage(t, {
      legalEntityId: auth.legalEntityId, customerId: m.customer.id, associateId: auth.associateId, channel: input.channel, to: m.to!,
      subject: m.subject, body: m.body, html: input.channel === 'email' ? textToHtml(m.body) : undefined, purpose,
      idempotencyKey: `manual:${input.idempotencyKey ?? randomUUID()}`, templateId: m.template?.id ?? null,
    });
    if (task) {
      await t.execute(sql`update outreach_tasks set status = 'done', completed_at = now(), message_id = ${id}
        where id = ${task.id} and legal_entity_id = ${auth.legalEntityId}`);
    }
    if (created) await audit(t, auth, 'send', 'customer', m.customer.id, { messageId: id, channel: input.channel, purpose });
    return getMessage(t, auth.legalEntityId, id);
  });
}

export interface MessageView {
  id: string; customerId: string | null; associateId: string | null; associateName: string | null; channel: OutreachChannel; purpose: string;
  to: string; subject: string | null; body: string; status: string; suppressedReason: string | null; attempts: number;
  lastError: string | null; createdAt: string; sentAt: string | null; nextAttemptAt: string;
}

export const messageColumns = sql`m.id, m.customer_id as "customerId", m.associate_id as "associateId", a.display_name as "associateName",
  m.channel, m.purpose, m.to_address as "to", m.subject, m.body, m.status, m.suppressed_reason as "suppressedReason", m.attempts,
  m.last_error as "lastError", m.created_at::text as "createdAt", m.sent_at::text as "sentAt", m.next_attempt_at::text as "nextAttemptAt"`;

export async function getMessage(db: Db, legalEntityId: string, id: string): Promise<MessageView> {
  const rows = await query<MessageView>(db, sql`select ${messageColumns} from outreach_messages m left join associates a on a.id = m.associate_id
    where m.id = ${id} and m.legal_entity_id = ${legalEntityId}`);
  if (!rows[0]) throw outreachErrors.message_not_found('Message was not found.');
  return rows[0];
}

export async function listCustomerMessages(db: Db, auth: AuthContext, customerId: string, limit: number): Promise<MessageView[]> {
  await getCustomer(db, auth.legalEntityId, customerId);
  await audit(db, auth, 'read', 'customer', customerId, { purpose: 'outreach-messages' });
  return query<MessageView>(db, sql`select ${messageColumns} from outreach_messages m left join associates a on a.id = m.associate_id
    where m.customer_id = ${customerId} and m.legal_entity_id = ${auth.legalEntityId} order by m.created_at desc limit ${limit}`);
}

import { randomUUID } from 'node:crypto';
import { and, eq, sql } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import { query, type Db } from '../../db/client.ts';
import { associates, legalEntities, stores } from '../organisation/schema.ts';
import { products } from '../catalogue/schema.ts';
import { customerConsents } from '../customer-profile/schema.ts';
import { outreachErrors } from './errors.ts';
import { audit } from '../audit/service.ts';
import type { KeyedTextValue } from '../../http/schemas.ts';
import type { AuthContext } from '../auth/context.ts';
import { getCustomer, type Customer } from '../customers/service.ts';
import { budgetUsed, consentDecision } from './contact-policy.ts';
import { enqueueMessage } from './outbox.ts';
import { OUTREACH_CHANNELS, outreachMessages, outreachTasks, type OutreachChannel } from './schema.ts';
import { getOutreachSettings, quietHoursEnd } from './settings.ts';
import { formatMoney } from '../../../shared/money.ts';
import { renderTemplate, salutationWord, textToHtml, type TemplateContext } from './template-render.ts';
import { getTemplate, type Template } from './templates.ts';
import { tasksICanClose } from './tasks.ts';
import { whatsappWindowUntil as windowUntil } from './conversations.ts';
import type { ChannelOption, ComposeInput, MessageView, Preview, ReachOut, SendInput } from './outreach-schemas.ts';

export type { ChannelOption, ComposeInput, MessageView, SendInput };
import { deliveryReason, deliveryReasonText } from './delivery-reasons.ts';

/** Where a message on a channel goes for this customer, or null when the customer card lacks it. */
export function addressFor(c: Customer, channel: OutreachChannel): string | null {
  if (channel === 'email') return c.email;
  if (channel === 'sms' || channel === 'whatsapp') return c.phone;
  if (!c.addressLine || !c.city) return null;
  return [`${c.firstName} ${c.lastName}`, c.addressLine, [c.postalCode, c.city].filter(Boolean).join(' '), c.country].filter(Boolean).join('\n');
}


/** What the "Reach out" dialog needs: channels with address and consent, the default channel, the contact budget. */
export async function reachOutOptions(db: Db, auth: AuthContext, customerId: string): Promise<ReachOut> {
  const c = await getCustomer(db, auth.legalEntityId, customerId);
  const k = customerConsents;
  const consents = await db.select({ channel: k.channel, granted: k.granted, source: k.source }).from(k)
    .where(and(eq(k.customerId, customerId), eq(k.legalEntityId, auth.legalEntityId)));
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
  const [assoc] = auth.associateId ? await db.select({ name: associates.displayName, jobTitle: associates.jobTitle, email: associates.email })
    .from(associates).where(and(eq(associates.id, auth.associateId), eq(associates.legalEntityId, auth.legalEntityId))) : [];
  const storeId = auth.storeId ?? c.homeStoreId;
  const [store] = storeId ? await db.select({ name: stores.name, city: stores.city, address: stores.address, phone: stores.phone, email: stores.email })
    .from(stores).where(and(eq(stores.id, storeId), eq(stores.legalEntityId, auth.legalEntityId))) : [];
  let product: TemplateContext['product'];
  if (productId) {
    const [p] = await db.select({
      name: products.name, brand: products.brand, category: products.category, priceMinor: sql<number>`${products.priceMinor}::int`,
      careInstructions: products.careInstructions, currency: legalEntities.currency,
    }).from(products).innerJoin(legalEntities, eq(legalEntities.id, products.legalEntityId))
      .where(and(eq(products.id, productId), eq(products.legalEntityId, auth.legalEntityId)));
    if (!p) throw outreachErrors.unknown_product('Product was not found.', { field: 'productId' });
    product = { name: p.name, brand: p.brand, category: p.category, price: formatMoney(p.priceMinor, p.currency, c.language), careInstructions: p.careInstructions };
  }
  return {
    customer: {
      firstName: c.firstName, lastName: c.lastName, fullName: `${c.firstName} ${c.lastName}`, accountNumber: c.accountNumber,
      // In the customer's language, as everything the customer reads.
      salutation: salutationWord(c.salutation, c.language),
    },
    associate: assoc ? { name: assoc.name, firstName: assoc.name.split(' ')[0], jobTitle: assoc.jobTitle, email: assoc.email } : undefined,
    store, product,
  };
}


/** `sender`: the associate the message is from when not the caller (a hand-over's introduction from the new associate). */
async function compose(db: Db, auth: AuthContext, input: ComposeInput, sender?: string) {
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
  const ctx = await templateContext(db, sender ? { legalEntityId: auth.legalEntityId, associateId: sender, storeId: null } : auth, c, input.productId ?? null);
  const body = renderTemplate(bodySource, ctx);
  const subject = renderTemplate(input.subject ?? template?.subject ?? '', ctx);
  const to = addressFor(c, input.channel);
  // Each warning in English (warnings) and by key (warningTexts, composeWarning.<key> in the web's catalogue).
  const warnings: string[] = [];
  const warningTexts: KeyedTextValue[] = [];
  const warn = (key: string, params: KeyedTextValue['params'], english: string) => { warnings.push(english); warningTexts.push({ key, params }); };
  if (!to) {
    const [key, words] = input.channel === 'email' ? ['noEmailAddress', 'email address'] : input.channel === 'mail' ? ['noPostalAddress', 'postal address'] : ['noMobileNumber', 'mobile number'];
    warn(key, {}, `The customer card has no ${words}.`);
  }
  const missing = [...new Set([...body.missing, ...subject.missing])];
  if (missing.length) warn('noValue', { fields: missing.join(', ') }, `No value for ${missing.join(', ')}.`);
  const consent = await consentDecision(db, { legalEntityId: auth.legalEntityId, customerId: c.id, channel: input.channel, transactional: false });
  if (consent.action === 'suppress') {
    if (consent.reason === 'opted-out') warn('optedOut', { channel: input.channel }, `The customer opted out of ${input.channel}.`);
    else warn('noConsent', { channel: input.channel }, `The customer has not consented to ${input.channel}.`);
  }
  const settings = await getOutreachSettings(db, auth.legalEntityId);
  const used = await budgetUsed(db, c.id, new Date(), null);
  if (used >= settings.frequencyCapPerWeek) warn('weeklyLimit', { count: used, cap: settings.frequencyCapPerWeek }, `The customer already received ${used} messages this week (limit ${settings.frequencyCapPerWeek}).`);
  const [le] = await db.select({ timeZone: legalEntities.timeZone }).from(legalEntities).where(eq(legalEntities.id, auth.legalEntityId));
  const quietEnd = quietHoursEnd(new Date(), le.timeZone, settings.quietHours);
  const whatsappWindowUntil = input.channel === 'whatsapp' ? await windowUntil(db, auth.legalEntityId, c.id) : null;
  return {
    whatsappWindowUntil,
    customer: c, template, to, subject: input.channel === 'email' || input.channel === 'mail' ? subject.text || null : null, body: body.text,
    warnings, warningTexts, missing, consent, budget: { used, cap: settings.frequencyCapPerWeek }, scheduledFor: quietEnd?.toISOString() ?? null,
  };
}

export async function previewMessage(db: Db, auth: AuthContext, input: ComposeInput): Promise<Preview> {
  const m = await compose(db, auth, input);
  await audit(db, auth, 'read', 'customer', m.customer.id, { purpose: 'outreach-preview' });
  return {
    channel: input.channel, to: m.to, subject: m.subject, body: m.body, warnings: m.warnings, warningTexts: m.warningTexts,
    canSend: !!m.to && m.consent.action === 'send' && m.budget.used < m.budget.cap && !(input.channel === 'whatsapp' && !m.template?.whatsappTemplateName && !m.whatsappWindowUntil),
    scheduledFor: m.scheduledFor,
  };
}


/** An associate's personal message: checked now for a clear answer, and again by the outbox at send time. */
export async function sendMessage(db: Db, auth: AuthContext, input: SendInput, opts: { sender?: string } = {}) {
  const m = await compose(db, auth, input, opts.sender);
  if (!m.to) throw outreachErrors.contact_address_missing(m.warnings[0], { field: 'channel' });
  if (m.consent.action === 'suppress') {
    throw m.consent.reason === 'opted-out'
      ? outreachErrors.opted_out(`The customer opted out of ${input.channel}.`, { field: 'channel' })
      : outreachErrors.consent_missing(`The customer has not consented to ${input.channel}.`, { field: 'channel' });
  }
  if (m.budget.used >= m.budget.cap) throw outreachErrors.weekly_limit_reached(`The customer already received ${m.budget.used} messages this week (limit ${m.budget.cap}).`, { field: 'customerId' });
  // WhatsApp: free-form text only within 24 hours of the customer's last message; otherwise an approved template.
  if (input.channel === 'whatsapp' && !m.template?.whatsappTemplateName && !m.whatsappWindowUntil) {
    throw outreachErrors.whatsapp_window_closed(
      'The customer has not written on WhatsApp in the last 24 hours: choose a template approved by WhatsApp.', { field: 'templateId' });
  }
  let task: { id: string; promptType: string } | undefined;
  if (input.taskId) {
    const ot = outreachTasks;
    [task] = await db.select({ id: ot.id, promptType: ot.promptType }).from(ot)
      .where(and(eq(ot.id, input.taskId), eq(ot.legalEntityId, auth.legalEntityId), eq(ot.customerId, m.customer.id), tasksICanClose(auth)));
    // Sending closes the task, so only someone who may close it can name it (anyone else's task is "not found").
    if (!task) throw outreachErrors.unknown_task('Task was not found for this customer.', { field: 'taskId' });
  }
  const purpose = m.template?.purpose ?? task?.promptType ?? 'personal';
  return db.transaction(async (tx) => {
    const t: Db = tx;
    const { id, created } = await enqueueMessage(t, {
      legalEntityId: auth.legalEntityId, customerId: m.customer.id, associateId: opts.sender ?? auth.associateId, channel: input.channel, to: m.to!,
      subject: m.subject, body: m.body, html: input.channel === 'email' ? textToHtml(m.body) : undefined, purpose,
      idempotencyKey: `manual:${input.idempotencyKey ?? randomUUID()}`, templateId: m.template?.id ?? null,
    });
    if (task) {
      await t.update(outreachTasks).set({ status: 'done', completedAt: sql`now()`, messageId: id })
        .where(and(eq(outreachTasks.id, task.id), eq(outreachTasks.legalEntityId, auth.legalEntityId)));
    }
    if (created) await audit(t, auth, 'send', 'customer', m.customer.id, { messageId: id, channel: input.channel, purpose, ...(opts.sender ? { from: opts.sender } : {}) });
    return getMessage(t, auth.legalEntityId, id);
  });
}

const withReason = (m: Omit<MessageView, 'reason' | 'reasonText'>): MessageView => ({ ...m, reason: deliveryReason(m), reasonText: deliveryReasonText(m) });

const m = alias(outreachMessages, 'm');
const a = alias(associates, 'a');
export const messageColumns = sql`${m.id}, ${m.customerId} as "customerId", ${m.associateId} as "associateId", ${a.displayName} as "associateName",
  ${m.channel}, ${m.purpose}, ${m.toAddress} as "to", ${m.subject}, ${m.body}, ${m.status}, ${m.suppressedReason} as "suppressedReason", ${m.attempts},
  ${m.lastError} as "lastError", ${m.createdAt}::text as "createdAt", ${m.sentAt}::text as "sentAt", ${m.nextAttemptAt}::text as "nextAttemptAt"`;
/** The outbox joined to the sending associate, as `m` and `a` for messageColumns. */
const messagesWithAssociate = sql`${outreachMessages} as ${m} left join ${associates} as ${a} on ${a.id} = ${m.associateId}`;

export async function getMessage(db: Db, legalEntityId: string, id: string): Promise<MessageView> {
  const rows = await query<Omit<MessageView, 'reason' | 'reasonText'>>(db, sql`select ${messageColumns} from ${messagesWithAssociate}
    where ${m.id} = ${id} and ${m.legalEntityId} = ${legalEntityId}`);
  if (!rows[0]) throw outreachErrors.message_not_found('Message was not found.');
  return withReason(rows[0]);
}

export async function listCustomerMessages(db: Db, auth: AuthContext, customerId: string, limit: number): Promise<MessageView[]> {
  await getCustomer(db, auth.legalEntityId, customerId);
  await audit(db, auth, 'read', 'customer', customerId, { purpose: 'outreach-messages' });
  const rows = await query<Omit<MessageView, 'reason' | 'reasonText'>>(db, sql`select ${messageColumns} from ${messagesWithAssociate}
    where ${m.customerId} = ${customerId} and ${m.legalEntityId} = ${auth.legalEntityId} order by ${m.createdAt} desc limit ${limit}`);
  return rows.map(withReason);
}

import { sql } from 'drizzle-orm';
import { pgTable, uuid, text, timestamp, integer, boolean, jsonb, date, primaryKey, uniqueIndex, index, check } from 'drizzle-orm/pg-core';
import { legalEntities, stores, associates } from '../organisation/schema.ts';
import { customers } from '../customers/schema.ts';
import { personalData, keep } from '../../db/personal-data.ts';

export const OUTREACH_CHANNELS = ['email', 'sms', 'whatsapp', 'mail'] as const;
export type OutreachChannel = (typeof OUTREACH_CHANNELS)[number];
export const MESSAGE_STATUSES = ['queued', 'sending', 'sent', 'failed', 'suppressed'] as const;
export type MessageStatus = (typeof MESSAGE_STATUSES)[number];

/** Templates per purpose, channel and language; fields such as {{customer.firstName}} are filled at preview and send. */
export const outreachTemplates = pgTable('outreach_templates', {
  id: uuid().primaryKey().defaultRandom(),
  legalEntityId: uuid().notNull().references(() => legalEntities.id),
  name: text().notNull(),
  purpose: text().notNull(),
  channel: text().$type<OutreachChannel>().notNull(),
  language: text().notNull(),
  subject: text(),
  body: text().notNull(),
  /** WhatsApp only: the name of the template the provider approved (business-initiated messages need one). */
  whatsappTemplateName: text(),
  active: boolean().notNull().default(true),
  createdAt: timestamp({ withTimezone: true, mode: 'string' }).notNull().defaultNow(),
  updatedAt: timestamp({ withTimezone: true, mode: 'string' }).notNull().defaultNow(),
}, (t) => [
  uniqueIndex('outreach_templates_le_name').on(t.legalEntityId, t.name, t.channel, t.language),
  index('outreach_templates_le_purpose').on(t.legalEntityId, t.purpose),
]);

/**
 * The outbox: every message is a row first and is sent by `deliverDueMessages`, so a crash never loses
 * or duplicates a message. Sales attribution reads (associate_id, customer_id, status = 'sent', sent_at).
 */
export const outreachMessages = pgTable('outreach_messages', {
  id: uuid().primaryKey().defaultRandom(),
  legalEntityId: uuid().notNull().references(() => legalEntities.id),
  customerId: uuid().references(() => customers.id, { onDelete: 'set null' }),
  associateId: uuid().references(() => associates.id),
  channel: text().$type<OutreachChannel>().notNull(),
  purpose: text().notNull(),
  transactional: boolean().notNull().default(false),
  toAddress: text().notNull(),
  subject: text(),
  body: text().notNull(),
  html: text(),
  attachments: jsonb().$type<{ filename: string; content: string; contentType: string }[]>(),
  status: text().$type<MessageStatus>().notNull().default('queued'),
  suppressedReason: text(),
  attempts: integer().notNull().default(0),
  nextAttemptAt: timestamp({ withTimezone: true, mode: 'string' }).notNull().defaultNow(),
  lastError: text(),
  providerMessageId: text(),
  idempotencyKey: text().notNull(),
  createdAt: timestamp({ withTimezone: true, mode: 'string' }).notNull().defaultNow(),
  sentAt: timestamp({ withTimezone: true, mode: 'string' }),
  templateId: uuid().references(() => outreachTemplates.id, { onDelete: 'set null' }),
  /** When the message passed the consent and contact-budget checks; it then counts against the budget. */
  clearedAt: timestamp({ withTimezone: true, mode: 'string' }),
  /** Physical mail: the printable batch the letter was put in. */
  batchId: uuid(),
}, (t) => [
  uniqueIndex('outreach_messages_le_idem').on(t.legalEntityId, t.idempotencyKey),
  index('outreach_messages_due').on(t.status, t.nextAttemptAt),
  index('outreach_messages_customer').on(t.customerId, t.createdAt),
  index('outreach_messages_associate_sent').on(t.associateId, t.sentAt),
  index('outreach_messages_provider_id').on(t.legalEntityId, t.providerMessageId),
  check('outreach_messages_status', sql`${t.status} in ('queued', 'sending', 'sent', 'failed', 'suppressed')`),
  check('outreach_messages_channel', sql`${t.channel} in ('email', 'sms', 'whatsapp', 'mail')`),
]);

export const PROMPT_TYPES = ['save-the-sale', 'birthday', 'anniversary', 'new-arrivals', 'thank-you', 'care-instructions', 'satisfaction-check'] as const;
export type PromptType = (typeof PROMPT_TYPES)[number];

/** Today's prompts for associates. One task per (customer, prompt type, occasion), so the daily job is idempotent. */
export const outreachTasks = pgTable('outreach_tasks', {
  id: uuid().primaryKey().defaultRandom(),
  legalEntityId: uuid().notNull().references(() => legalEntities.id),
  customerId: uuid().notNull().references(() => customers.id, { onDelete: 'cascade' }),
  associateId: uuid().references(() => associates.id),
  storeId: uuid().references(() => stores.id),
  promptType: text().$type<PromptType>().notNull(),
  /** What makes this occasion unique, e.g. the birthday's year or the order id. */
  occasion: text().notNull(),
  dueOn: date({ mode: 'string' }).notNull(),
  title: text().notNull(),
  detail: text(),
  data: jsonb().$type<Record<string, unknown>>().notNull().default(sql`'{}'::jsonb`),
  status: text().$type<'open' | 'done' | 'dismissed'>().notNull().default('open'),
  messageId: uuid().references(() => outreachMessages.id, { onDelete: 'set null' }),
  createdAt: timestamp({ withTimezone: true, mode: 'string' }).notNull().defaultNow(),
  completedAt: timestamp({ withTimezone: true, mode: 'string' }),
}, (t) => [
  uniqueIndex('outreach_tasks_occasion').on(t.legalEntityId, t.customerId, t.promptType, t.occasion),
  index('outreach_tasks_inbox').on(t.legalEntityId, t.associateId, t.status, t.dueOn),
  check('outreach_tasks_status', sql`${t.status} in ('open', 'done', 'dismissed')`),
]);

/** Head office's outreach settings per legal entity (prompt days, quiet hours, frequency cap, task or automatic send). */
export const outreachSettings = pgTable('outreach_settings', {
  legalEntityId: uuid().primaryKey().references(() => legalEntities.id),
  settings: jsonb().$type<Record<string, unknown>>().notNull(),
  updatedAt: timestamp({ withTimezone: true, mode: 'string' }).notNull().defaultNow(),
});

export const PROVIDER_KINDS = ['twilio', 'whatsapp-cloud'] as const;
export type ProviderKind = (typeof PROVIDER_KINDS)[number];

/**
 * SMS (Twilio) and WhatsApp (Business Cloud API) provider per legal entity; secrets are stored encrypted (encryptSecret).
 * Twilio: account = AccountSid, apiKey = Auth Token (also signs webhooks), sender = From number or MessagingServiceSid.
 * WhatsApp: account = phone-number id, apiKey = access token, webhook secret = app secret, verify token for hub.challenge.
 * Rows without a kind predate the real adapters and must be entered again.
 */
export const outreachProviders = pgTable('outreach_providers', {
  legalEntityId: uuid().notNull().references(() => legalEntities.id),
  channel: text().$type<'sms' | 'whatsapp'>().notNull(),
  kind: text().$type<ProviderKind>(),
  baseUrl: text().notNull(),
  accountId: text(),
  apiVersion: text(),
  apiKeyEncrypted: text().notNull(),
  webhookSecretEncrypted: text(),
  verifyTokenEncrypted: text(),
  sender: text().notNull(),
  updatedAt: timestamp({ withTimezone: true, mode: 'string' }).notNull().defaultNow(),
}, (t) => [primaryKey({ columns: [t.legalEntityId, t.channel] })]);

/**
 * One conversation per customer: every outbound message (all channels) and every reply lands in its thread.
 * Routed to the customer's client book owner when it is created or a reply comes in; without one, the home store's queue.
 */
export const conversations = pgTable('conversations', {
  id: uuid().primaryKey().defaultRandom(),
  legalEntityId: uuid().notNull().references(() => legalEntities.id),
  customerId: uuid().notNull().references(() => customers.id, { onDelete: 'cascade' }),
  associateId: uuid().references(() => associates.id),
  storeId: uuid().references(() => stores.id),
  /** Inbound messages nobody has opened the thread since. */
  unreadCount: integer().notNull().default(0),
  lastMessageAt: timestamp({ withTimezone: true, mode: 'string' }).notNull().defaultNow(),
  /** Per channel, the customer's last inbound message: WhatsApp free-form text is allowed within 24 hours of it. */
  lastInboundAt: jsonb().$type<Partial<Record<OutreachChannel, string>>>().notNull().default(sql`'{}'::jsonb`),
  createdAt: timestamp({ withTimezone: true, mode: 'string' }).notNull().defaultNow(),
}, (t) => [
  uniqueIndex('conversations_le_customer').on(t.legalEntityId, t.customerId),
  index('conversations_inbox').on(t.legalEntityId, t.associateId, t.lastMessageAt),
  index('conversations_store_queue').on(t.legalEntityId, t.storeId, t.lastMessageAt),
]);

export const THREAD_STATUSES = ['received', 'queued', 'sending', 'sent', 'delivered', 'read', 'failed', 'suppressed'] as const;
export type ThreadStatus = (typeof THREAD_STATUSES)[number];

/** A message of a conversation. Outbound ones mirror their outbox row (outreach_message_id) and carry the provider's delivery statuses. */
export const conversationMessages = pgTable('conversation_messages', {
  id: uuid().primaryKey().defaultRandom(),
  legalEntityId: uuid().notNull().references(() => legalEntities.id),
  conversationId: uuid().notNull().references(() => conversations.id, { onDelete: 'cascade' }),
  customerId: uuid().notNull().references(() => customers.id, { onDelete: 'cascade' }),
  direction: text().$type<'inbound' | 'outbound'>().notNull(),
  channel: text().$type<OutreachChannel>().notNull(),
  associateId: uuid().references(() => associates.id),
  outreachMessageId: uuid().references(() => outreachMessages.id, { onDelete: 'set null' }),
  /** Twilio MessageSid, WhatsApp wamid, or the email's Message-ID: a provider delivering the same message twice stores it once. */
  providerMessageId: text(),
  address: text(),
  subject: text(),
  body: text().notNull(),
  status: text().$type<ThreadStatus>().notNull(),
  statusAt: timestamp({ withTimezone: true, mode: 'string' }).notNull().defaultNow(),
  createdAt: timestamp({ withTimezone: true, mode: 'string' }).notNull().defaultNow(),
}, (t) => [
  uniqueIndex('conversation_messages_provider').on(t.legalEntityId, t.channel, t.providerMessageId),
  uniqueIndex('conversation_messages_outbox').on(t.outreachMessageId),
  index('conversation_messages_thread').on(t.conversationId, t.createdAt),
  check('conversation_messages_direction', sql`${t.direction} in ('inbound', 'outbound')`),
]);

export const INTRODUCTION_STATUSES = ['pending', 'queued', 'not-sent'] as const;
export type IntroductionStatus = (typeof INTRODUCTION_STATUSES)[number];

/**
 * Introductions a hand-over asked for (a new associate to each customer they receive): recorded in the hand-over's
 * transaction, one row per new associate and customer, so a retried or repeated hand-over adds none; written and
 * queued in the outbox after commit (introductions.ts), where consent and contact rules apply as for any message.
 * `nextAttemptAt` is also the lease of a run writing it: a run that died is taken over when it passes.
 */
export const outreachIntroductions = pgTable('outreach_introductions', {
  id: uuid().primaryKey().defaultRandom(),
  legalEntityId: uuid().notNull().references(() => legalEntities.id),
  customerId: uuid().notNull().references(() => customers.id, { onDelete: 'cascade' }),
  /** The new associate the introduction is from. */
  senderId: uuid().notNull().references(() => associates.id),
  /** Who handed the book over (the audit log's actor of the send). */
  requestedById: uuid().notNull().references(() => associates.id),
  templateId: uuid().references(() => outreachTemplates.id, { onDelete: 'set null' }),
  subject: text(),
  body: text(),
  status: text().$type<IntroductionStatus>().notNull().default('pending'),
  /** Not sent: why, in plain words (no consent, no address, weekly limit). */
  reason: text(),
  messageId: uuid().references(() => outreachMessages.id, { onDelete: 'set null' }),
  attempts: integer().notNull().default(0),
  nextAttemptAt: timestamp({ withTimezone: true, mode: 'string' }).notNull().defaultNow(),
  createdAt: timestamp({ withTimezone: true, mode: 'string' }).notNull().defaultNow(),
  doneAt: timestamp({ withTimezone: true, mode: 'string' }),
}, (t) => [
  uniqueIndex('outreach_introductions_once').on(t.legalEntityId, t.senderId, t.customerId),
  index('outreach_introductions_due').on(t.status, t.nextAttemptAt),
  index('outreach_introductions_customer').on(t.customerId),
  check('outreach_introductions_status', sql`${t.status} in ('pending', 'queued', 'not-sent')`),
]);

export const outreachMessagesPersonal = personalData(outreachMessages, {
  onErase: 'anonymise',
  columns: {
    toAddress: { replace: '[erased]' }, subject: 'blank', body: { replace: '[erased]' }, html: 'blank', attachments: 'blank', lastError: 'blank',
    channel: keep('a channel'), purpose: keep('a category'), status: keep('a state: attribution reads sent messages'),
    suppressedReason: keep('why the system did not send, e.g. no consent'), providerMessageId: keep('the provider\'s id'),
    idempotencyKey: keep('a key made of ids'),
  },
});

export const outreachTasksPersonal = personalData(outreachTasks, {
  onErase: 'anonymise',
  columns: {
    title: { replace: '[erased]' }, detail: 'blank', data: { replace: {} },
    promptType: keep('a category'), status: keep('a state'),
    occasion: keep('a year or an order id: the daily job must not prompt for the same occasion again'),
  },
});

export const conversationsPersonal = personalData(conversations, { onErase: 'delete', reason: 'the thread with the customer; no record to keep' });
export const conversationMessagesPersonal = personalData(conversationMessages, { onErase: 'delete', reason: 'what the customer and associates wrote; no record to keep' });
export const outreachIntroductionsPersonal = personalData(outreachIntroductions, {
  onErase: 'delete', reason: 'a message still to write to the customer, or what became of it (the message itself is kept in the outbox)',
});

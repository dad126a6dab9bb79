import { Type, type Static } from '@sinclair/typebox';
import { Obj, Uuid, Nullable, KeyedText } from '../../http/schemas.ts';
import { OUTREACH_CHANNELS, PROMPT_TYPES, type PromptType } from './schema.ts';

// The outreach routes' request and reply shapes: the routes validate and serialise with these, and the services'
// types are Static<> of them, so a field is added in one place.

export const ChannelSchema = Type.Union(OUTREACH_CHANNELS.map((c) => Type.Literal(c)));
export const LanguageSchema = Type.String({ pattern: '^[a-z]{2}(-[A-Z]{2})?$' });
export const PurposeSchema = Type.String({ pattern: '^[a-z0-9-]{2,60}$', description: 'e.g. birthday, save-the-sale, personal' });

export const TemplateSchema = Type.Object({
  id: Uuid, name: Type.String(), purpose: Type.String(), channel: ChannelSchema, language: Type.String(),
  subject: Nullable(Type.String()), body: Type.String(), whatsappTemplateName: Nullable(Type.String()), active: Type.Boolean(), updatedAt: Type.String(),
});
export type Template = Static<typeof TemplateSchema>;

const templateFields = {
  name: Type.String({ minLength: 1, maxLength: 100 }),
  purpose: PurposeSchema,
  channel: ChannelSchema,
  language: LanguageSchema,
  subject: Type.Optional(Nullable(Type.String({ maxLength: 200 }))),
  body: Type.String({ minLength: 1, maxLength: 5000 }),
  whatsappTemplateName: Type.Optional(Nullable(Type.String({ pattern: '^[a-z0-9_]{1,100}$' }))),
  active: Type.Optional(Type.Boolean()),
};
export const TemplateInputSchema = Obj(templateFields);
export type TemplateInput = Static<typeof TemplateInputSchema>;
export const TemplatePatchSchema = Obj({
  name: Type.Optional(templateFields.name), purpose: Type.Optional(templateFields.purpose), channel: Type.Optional(templateFields.channel),
  language: Type.Optional(templateFields.language), subject: templateFields.subject, body: Type.Optional(templateFields.body),
  whatsappTemplateName: templateFields.whatsappTemplateName, active: templateFields.active,
}, { minProperties: 1 });
export type TemplatePatch = Static<typeof TemplatePatchSchema>;

export const MessageSchema = Type.Object({
  id: Uuid, customerId: Nullable(Uuid), associateId: Nullable(Uuid), associateName: Nullable(Type.String()), channel: ChannelSchema, purpose: Type.String(),
  to: Type.String(), subject: Nullable(Type.String()), body: Type.String(), status: Type.String(), suppressedReason: Nullable(Type.String()),
  attempts: Type.Integer(), lastError: Nullable(Type.String()), createdAt: Type.String(), sentAt: Nullable(Type.String()), nextAttemptAt: Type.String(),
  reason: Nullable(Type.String({ description: 'Why it was not delivered, in plain words: the suppression reason, or the provider\'s or mail server\'s refusal' })),
  reasonText: Nullable(Type.Union([KeyedText], { description: 'The reason by stable key and parameters, for translation; params.retrying: it will be tried again' })),
});
export type MessageView = Static<typeof MessageSchema>;

/** Whether a channel can send, and its failures of the last 7 days: the set-up warning. */
export const ChannelStatusSchema = Type.Object({ channel: ChannelSchema, ready: Type.Boolean(), problem: Nullable(Type.String()), failedLastWeek: Type.Integer() });
export type ChannelStatus = Static<typeof ChannelStatusSchema>;

const composeFields = {
  customerId: Uuid,
  channel: ChannelSchema,
  templateId: Type.Optional(Nullable(Uuid)),
  /** Text as the associate edited it; placeholders left in it are filled too. Defaults to the template's. */
  subject: Type.Optional(Nullable(Type.String({ maxLength: 200 }))),
  body: Type.Optional(Type.String({ maxLength: 5000 })),
  productId: Type.Optional(Nullable(Uuid)),
};
export const ComposeInputSchema = Obj(composeFields);
export type ComposeInput = Static<typeof ComposeInputSchema>;
export const SendInputSchema = Obj({
  ...composeFields,
  /** The dialog's key, so a double tap on Send sends once. */
  idempotencyKey: Type.Optional(Type.String({ minLength: 8, maxLength: 100 })),
  taskId: Type.Optional(Nullable(Uuid)),
});
export type SendInput = Static<typeof SendInputSchema>;

export const ChannelOptionSchema = Type.Object({
  channel: ChannelSchema, address: Nullable(Type.String()),
  consent: Type.Union([Type.Literal('granted'), Type.Literal('refused'), Type.Literal('opted-out'), Type.Literal('unknown')]), usable: Type.Boolean(),
});
export type ChannelOption = Static<typeof ChannelOptionSchema>;
export const ReachOutSchema = Type.Object({
  customerId: Uuid, language: Type.String(), preferredChannel: Nullable(Type.String()), defaultChannel: Nullable(ChannelSchema),
  channels: Type.Array(ChannelOptionSchema),
  budget: Type.Object({ used: Type.Integer(), cap: Type.Integer() }),
});
export type ReachOut = Static<typeof ReachOutSchema>;

export const PreviewSchema = Type.Object({
  channel: ChannelSchema, to: Nullable(Type.String()), subject: Nullable(Type.String()), body: Type.String(),
  warnings: Type.Array(Type.String(), { description: 'In English' }),
  warningTexts: Type.Array(KeyedText, { description: 'The warnings by stable key and parameters, in the same order, for translation' }),
  canSend: Type.Boolean(), scheduledFor: Nullable(Type.String()),
});
export type Preview = Static<typeof PreviewSchema>;

export const PromptSettingSchema = Obj({
  mode: Type.Union([Type.Literal('task'), Type.Literal('automatic'), Type.Literal('off')]),
  /** Days ahead (birthday, anniversary), days after the order (follow-ups) or look-back days (new arrivals). */
  days: Type.Integer({ minimum: 0, maximum: 365 }),
  /** Template name used for automatic sends (looked up in the customer's language and channel). */
  templateName: Nullable(Type.String({ maxLength: 100 })),
});
export type PromptSetting = Static<typeof PromptSettingSchema>;
export type PromptMode = PromptSetting['mode'];
const HhMm = Type.String({ pattern: '^([01][0-9]|2[0-3]):[0-5][0-9]$' });
export const SettingsSchema = Obj({
  /** Local time of the legal entity, "HH:MM"; no marketing message is sent in between. */
  quietHours: Obj({ start: HhMm, end: HhMm }),
  /** Most non-transactional messages one customer receives per rolling 7 days, across channels. */
  frequencyCapPerWeek: Type.Integer({ minimum: 0, maximum: 50 }),
  /** Attempts before a message is given up as failed. */
  maxAttempts: Type.Integer({ minimum: 1, maximum: 20 }),
  prompts: Obj(Object.fromEntries(PROMPT_TYPES.map((p) => [p, PromptSettingSchema])) as Record<PromptType, typeof PromptSettingSchema>),
});
export type OutreachSettings = Static<typeof SettingsSchema>;

export const TaskSchema = Type.Object({
  id: Uuid, promptType: Type.String(), title: Type.String({ description: 'In English' }), detail: Nullable(Type.String()), dueOn: Type.String(), status: Type.String(),
  titleText: Type.Optional(KeyedText), detailText: Type.Optional(KeyedText),
  customerId: Uuid, customerName: Type.String(), isVip: Type.Boolean(), preferredChannel: Nullable(Type.String()),
  associateId: Nullable(Uuid), associateName: Nullable(Type.String()), storeId: Nullable(Uuid), productId: Nullable(Type.String()),
  data: Type.Record(Type.String(), Type.Unknown()),
});
export type TaskView = Static<typeof TaskSchema>;
export const PromptRunSchema = Type.Object({ tasksCreated: Type.Integer(), messagesQueued: Type.Integer() });
export type PromptRunResult = Static<typeof PromptRunSchema>;

export const ConversationSummarySchema = Type.Object({
  id: Uuid, customerId: Uuid, customerName: Type.String(), associateId: Nullable(Uuid), associateName: Nullable(Type.String()), storeId: Nullable(Uuid),
  unreadCount: Type.Integer(), lastMessageAt: Type.String(), lastDirection: Nullable(Type.String()), lastChannel: Nullable(Type.String()), lastBody: Nullable(Type.String()),
});
export type ConversationSummary = Static<typeof ConversationSummarySchema>;
export const ThreadMessageSchema = Type.Object({
  id: Uuid, direction: Type.Union([Type.Literal('inbound'), Type.Literal('outbound')]), channel: ChannelSchema, outreachMessageId: Nullable(Uuid), associateName: Nullable(Type.String()),
  address: Nullable(Type.String()), subject: Nullable(Type.String()), body: Type.String(), status: Type.String(), statusAt: Type.String(), createdAt: Type.String(),
});
export type ThreadMessage = Static<typeof ThreadMessageSchema>;
export const ThreadSchema = Type.Object({
  conversation: Nullable(Type.Object({ id: Uuid, associateId: Nullable(Uuid), associateName: Nullable(Type.String()), storeId: Nullable(Uuid), unreadCount: Type.Integer() })),
  messages: Type.Array(ThreadMessageSchema),
  whatsappWindowUntil: Nullable(Type.String({ description: 'Until when free-form WhatsApp text may be sent; null: only an approved template' })),
});
export const ConversationReplySchema = Obj({
  channel: ChannelSchema, body: Type.Optional(Type.String({ maxLength: 5000 })), subject: Type.Optional(Nullable(Type.String({ maxLength: 200 }))),
  templateId: Type.Optional(Nullable(Uuid)), idempotencyKey: Type.Optional(Type.String({ minLength: 8, maxLength: 100 })),
});

import { Type, type Static } from '@sinclair/typebox';
import { Obj, Uuid, Nullable, IsoDate, KeyedText, TextParams } from '../../http/schemas.ts';

// The insights routes' request and reply shapes: the routes validate and serialise with these, and the services'
// types are Static<> of them, so a field is added in one place.

const lit = <T extends string>(values: readonly T[]) => Type.Union(values.map((v) => Type.Literal(v)));

export const MEASURE_FORMATS = ['percent', 'currency', 'number', 'text', 'date'] as const;
export const FormatSchema = lit(MEASURE_FORMATS);
/** How a value is shown: percent (0-1), currency (minor units of the legal entity's currency), number, text, date. */
export type MeasureFormat = Static<typeof FormatSchema>;

export const MeasureKeySchema = Type.String({ pattern: '^[a-z][a-z0-9_]{1,49}$', description: 'lower-case letters, digits and _' });
const MeasureSource = lit(['builtin', 'sql', 'external'] as const);
const Drivers = Nullable(Type.Record(Type.String(), Type.Unknown()));

export const MeasureDefinitionSchema = Type.Object({
  key: Type.String(), name: Type.String(), description: Nullable(Type.String()), source: MeasureSource, format: FormatSchema,
  sqlText: Nullable(Type.String()), providerId: Nullable(Uuid), externalField: Nullable(Type.String()), enabled: Type.Boolean(),
  lastRunAt: Nullable(Type.String()), lastError: Nullable(Type.String({ description: 'In English' })),
  lastErrorNotes: Nullable(Type.Array(KeyedText, { description: 'lastError by key (measureNote.<key>) for translation, one per sentence; null on runs before it was kept' })),
  lastComputedAt: Nullable(Type.String({ description: 'Freshness: the latest computed_at of any value' })),
  customersWithValue: Type.Integer({ description: 'How many customers have a value' }),
});
export type MeasureDefinition = Static<typeof MeasureDefinitionSchema>;

export const CustomerMeasureSchema = Type.Object({
  key: Type.String(), name: Type.String({ description: 'In English for built-in measures; as head office named its own' }),
  nameKey: Type.Optional(Type.String({ description: 'Built-in measures: stable name the web translates (measureName.<key>)' })),
  source: MeasureSource, format: FormatSchema, valueNumber: Nullable(Type.Number()), valueText: Nullable(Type.String({ description: 'In English for built-in measures (an RFM segment\'s name)' })),
  valueKey: Type.Optional(Type.String({ description: 'RFM segment: stable name of valueText the web translates (rfmSegment.<key>)' })),
  drivers: Drivers, computedAt: Type.String(),
});
export type CustomerMeasure = Static<typeof CustomerMeasureSchema>;
export const CustomerMeasuresSchema = Type.Object({ currency: Type.String(), measures: Type.Array(CustomerMeasureSchema) });
export type CustomerMeasures = Static<typeof CustomerMeasuresSchema>;

export const InsightSettingsSchema = Type.Object({ transactionModel: lit(['bgnbd', 'pareto-nbd'] as const), period: lit(['day', 'week'] as const) });
export type InsightSettings = Static<typeof InsightSettingsSchema>;
export const InsightSettingsPatchSchema = Obj({
  transactionModel: Type.Optional(InsightSettingsSchema.properties.transactionModel), period: Type.Optional(InsightSettingsSchema.properties.period),
}, { minProperties: 1 });

const FitModel = lit(['bgnbd', 'pareto-nbd', 'gamma-gamma'] as const);
export const ModelFitSchema = Type.Object({
  model: FitModel, params: Type.Record(Type.String(), Type.Number()), logLikelihood: Type.Number(), customers: Type.Integer(),
  period: Type.String(), calibrationEnd: Type.String(), converged: Type.Boolean(), durationMs: Type.Integer(), fittedAt: Type.String(),
});
export type ModelFit = Static<typeof ModelFitSchema>;
export const ModelOverviewSchema = Type.Object({ settings: InsightSettingsSchema, fits: Type.Array(ModelFitSchema) });
export type ModelOverview = Static<typeof ModelOverviewSchema>;

export const FitSummarySchema = Type.Object({ model: FitModel, params: Type.Record(Type.String(), Type.Number()), logLikelihood: Type.Number(), customers: Type.Number(), converged: Type.Boolean() });
export type FitSummary = Static<typeof FitSummarySchema>;

/** One run of a SQL measure; error is the failure or the rows' warnings, if any. */
export const SqlMeasureRunSchema = Type.Object({ key: Type.String(), customers: Type.Integer(), error: Nullable(Type.String()), errorNotes: Nullable(Type.Array(KeyedText)) });
export type SqlMeasureRun = Static<typeof SqlMeasureRunSchema>;
/** One pull of an external provider's values. */
export const ProviderSyncSchema = Type.Object({ customers: Type.Integer(), values: Type.Integer(), error: Nullable(Type.String({ description: 'In English' })), errorNote: Nullable(KeyedText) });
export type ProviderSync = Static<typeof ProviderSyncSchema>;

const builtinRecomputeFields = {
  computedAt: Type.String(), model: InsightSettingsSchema.properties.transactionModel, period: InsightSettingsSchema.properties.period,
  customersScored: Type.Integer(), customersWithOrders: Type.Integer(),
  fits: Type.Array(FitSummarySchema),
  notes: Type.Array(Type.String({ description: 'Why the purchase or spend model was not fitted (too little history), if it was not; in English' })),
  noteTexts: Type.Array(KeyedText, { description: 'The notes by key (measureNote.<key>) for translation, in the same order' }),
  timingsMs: Type.Object({ load: Type.Number(), fit: Type.Number(), score: Type.Number(), write: Type.Number(), total: Type.Number() }),
};
export const BuiltinRecomputeSchema = Type.Object(builtinRecomputeFields);
export const RecomputeAllSchema = Type.Object({
  ...builtinRecomputeFields, sqlMeasures: Type.Array(SqlMeasureRunSchema), providers: Type.Array(ProviderSyncSchema),
});
export type RecomputeAll = Static<typeof RecomputeAllSchema>;

export const SqlValidationSchema = Type.Object({
  ok: Type.Boolean(), rowCount: Type.Integer(), truncated: Type.Boolean(), errors: Type.Array(Type.String({ description: 'In English' })),
  notes: Type.Array(KeyedText, { description: 'The errors by key and parameters (measureNote.<key>), for the reader\'s language' }),
  sample: Type.Array(Type.Object({ customerId: Type.String(), value: Type.Union([Type.Number(), Type.String(), Type.Null()]) })),
});
export type SqlValidation = Static<typeof SqlValidationSchema>;

const sqlText = Type.String({ minLength: 1, maxLength: 20_000 });
const measureName = Type.String({ minLength: 1, maxLength: 100 });
const measureDescription = Nullable(Type.String({ maxLength: 500 }));
export const SqlValidateBodySchema = Obj({ sqlText, format: FormatSchema });
export const SqlMeasureInputSchema = Obj({ key: MeasureKeySchema, name: measureName, description: Type.Optional(measureDescription), format: FormatSchema, sqlText });
export type SqlMeasureInput = Static<typeof SqlMeasureInputSchema>;
export const SqlMeasurePatchSchema = Obj({
  name: Type.Optional(measureName), description: Type.Optional(measureDescription), format: Type.Optional(FormatSchema), sqlText: Type.Optional(sqlText), enabled: Type.Optional(Type.Boolean()),
}, { minProperties: 1 });
export type SqlMeasurePatch = Static<typeof SqlMeasurePatchSchema>;

export const ProviderMeasureSchema = Obj({ field: Type.String({ minLength: 1, maxLength: 100 }), key: MeasureKeySchema, name: measureName, format: FormatSchema });
export type ProviderMeasure = Static<typeof ProviderMeasureSchema>;
const CustomerKey = Type.Union([Type.Literal('accountNumber'), Type.Literal('externalId'), Type.Literal('id')], { default: 'accountNumber' });
export const providerFields = {
  name: Type.String({ minLength: 1, maxLength: 100 }),
  tokenUrl: Type.String({ minLength: 1, maxLength: 2000 }),
  clientId: Type.String({ minLength: 1, maxLength: 500 }),
  clientSecret: Type.String({ minLength: 1, maxLength: 2000, description: 'Write-only: stored encrypted, never returned' }),
  secretExpiresAt: Nullable(IsoDate),
  scope: Type.Optional(Nullable(Type.String({ maxLength: 500 }))),
  baseUrl: Type.String({ minLength: 1, maxLength: 2000 }),
  customerKey: CustomerKey,
  measures: Type.Array(ProviderMeasureSchema, { maxItems: 50 }),
};
export const ProviderInputSchema = Obj(providerFields);
export type ProviderInput = Static<typeof ProviderInputSchema>;
export const ProviderPatchSchema = Type.Partial(ProviderInputSchema, { minProperties: 1 });
/** "Validate" before saving: the name and expiry may still be missing. */
export const ProviderCheckSchema = Obj({ ...providerFields, name: Type.Optional(providerFields.name), secretExpiresAt: Type.Optional(providerFields.secretExpiresAt) });

export const ProviderViewSchema = Type.Object({
  id: Uuid, name: Type.String(), tokenUrl: Type.String(), clientId: Type.String(), hasSecret: Type.Boolean(), secretExpiresAt: Nullable(Type.String()),
  secretDaysLeft: Nullable(Type.Integer({ description: 'Days until the client secret expires (negative once expired), null without an expiry date' })),
  scope: Nullable(Type.String()), baseUrl: Type.String(), customerKey: CustomerKey,
  measures: Type.Array(Type.Object({ field: Type.String(), key: Type.String(), name: Type.String(), format: FormatSchema })),
  lastValidatedAt: Nullable(Type.String()), lastSyncedAt: Nullable(Type.String()), lastError: Nullable(Type.String()),
});
export type ProviderView = Static<typeof ProviderViewSchema>;

export const ProviderValidationSchema = Type.Object({
  ok: Type.Boolean(), tokenObtained: Type.Boolean(), items: Type.Integer(), matchedCustomers: Type.Integer(), fieldsSeen: Type.Array(Type.String()),
  errors: Type.Array(Type.String({ description: 'In English' })),
  notes: Type.Array(KeyedText, { description: 'The errors by key and parameters (measureNote.<key>), for the reader\'s language' }),
});
export type ProviderValidation = Static<typeof ProviderValidationSchema>;

export const InsightAlertSchema = Type.Object({
  kind: lit(['secret-expiring', 'secret-expired', 'measure-failed'] as const), severity: lit(['warning', 'error'] as const), message: Type.String(),
  providerId: Nullable(Uuid), measureKey: Nullable(Type.String()), secretExpiresAt: Nullable(Type.String()), daysLeft: Nullable(Type.Integer()),
  messageText: Type.Optional(Type.Object({ key: Type.String(), params: TextParams }, { description: 'The alert by key (insightAlert.<key>) for translation; message is its English' })),
  notes: Type.Optional(Type.Array(KeyedText, { description: 'A failed measure\'s reasons by key (measureNote.<key>), after messageText; absent when the failure predates them' })),
});
export type InsightAlert = Static<typeof InsightAlertSchema>;

export const CONTACT_CHANNELS = ['email', 'sms', 'whatsapp', 'phone', 'mail'] as const;
/** "in-store" means: raise it in person at the next visit — the only channel that needs no consent. */
const SuggestedChannel = lit([...CONTACT_CHANNELS, 'in-store'] as const);
export const NextBestActionSchema = Type.Object({
  key: Type.String({ description: 'Stable name of the suggestion; the web translates its title by it' }), title: Type.String({ description: 'In English' }),
  score: Type.Number(), channel: SuggestedChannel, reasons: Type.Array(Type.String(), { description: 'In English' }),
  reasonTexts: Type.Array(KeyedText, { description: 'The reasons by stable key and parameters, in the same order, for translation' }),
});
export type NextBestAction = Static<typeof NextBestActionSchema>;

import { Type, type Static } from '@sinclair/typebox';
import { Obj, Uuid, Nullable, KeyedText } from '../../http/schemas.ts';

// The recommendations routes' request and reply shapes: the routes validate and serialise with these, and the
// services' types are Static<> of them, so a field is added in one place.

const Literals = <T extends string>(values: readonly T[]) => Type.Union(values.map((v) => Type.Literal(v)));

export const RecommendationSchema = Type.Object({
  productId: Uuid, sku: Type.String(), name: Type.String(), category: Type.String(), brand: Nullable(Type.String()),
  priceMinor: Type.Integer(), inStockAtStore: Type.Boolean(), onHand: Type.Integer(),
  kind: Literals(['also-bought', 'browsed-not-bought', 'cross-sell', 'replenishment'] as const),
  reason: Type.String({ description: 'In English' }),
  reasonText: Type.Optional(KeyedText),
  score: Type.Number(),
  dueDate: Type.Optional(Type.String({ description: 'Replenishment: estimated next purchase, YYYY-MM-DD' })),
  becauseProductId: Type.Optional(Uuid),
}, { $id: 'Recommendation' });
export type Recommendation = Static<typeof RecommendationSchema>;
export type RecommendationKind = Recommendation['kind'];

export const RecommendQuerySchema = Obj({
  limit: Type.Integer({ minimum: 1, maximum: 50, default: 10 }),
  includeOutOfStock: Type.Boolean({ default: false, description: 'Also suggest products not on hand at your store' }),
});

export const MiningRunSchema = Type.Object({
  id: Uuid, status: Literals(['running', 'succeeded', 'failed'] as const), trigger: Literals(['schedule', 'manual', 'demo'] as const),
  startedAt: Type.String(), finishedAt: Nullable(Type.String()),
  baskets: Nullable(Type.Integer()), products: Nullable(Type.Integer()), rules: Nullable(Type.Integer()), durationMs: Nullable(Type.Integer()),
  minSupportCount: Nullable(Type.Integer()), minConfidence: Nullable(Type.Number()), error: Nullable(Type.String()),
}, { $id: 'RecommendationMiningRun' });
export type MiningRun = Static<typeof MiningRunSchema>;
const MiningRunRef = Type.Unsafe<MiningRun>(Type.Ref('RecommendationMiningRun'));

export const SettingsSchema = Type.Object({ minSupportCount: Type.Integer(), minConfidence: Type.Number(), lookbackDays: Type.Integer() });
export type RecommendationSettings = Static<typeof SettingsSchema>;

export const SettingsPatchSchema = Obj({
  minSupportCount: Type.Optional(Type.Integer({ minimum: 1, maximum: 1_000_000, description: 'Minimum baskets holding both products' })),
  minConfidence: Type.Optional(Type.Number({ minimum: 0, maximum: 1 })),
  lookbackDays: Type.Optional(Type.Integer({ minimum: 1, maximum: 3650 })),
}, { minProperties: 1 });

export const ComplementSchema = Type.Object({ id: Uuid, fromCategory: Type.String(), toCategory: Type.String(), note: Nullable(Type.String()), createdAt: Type.String() });
export type CategoryComplement = Static<typeof ComplementSchema>;

export const ComplementInputSchema = Obj({
  fromCategory: Type.String({ minLength: 1, maxLength: 100 }),
  toCategory: Type.String({ minLength: 1, maxLength: 100 }),
  note: Type.Optional(Nullable(Type.String({ maxLength: 300 }))),
});
export type ComplementInput = Static<typeof ComplementInputSchema>;

export const OverviewSchema = Type.Object({
  settings: SettingsSchema, ruleCount: Type.Integer(), lastRun: Nullable(MiningRunRef),
  lastSuccessfulRun: Nullable(MiningRunRef), recentRuns: Type.Array(MiningRunRef),
  /** The catalogue's categories, for the complement pickers. */
  categories: Type.Array(Type.String()), complements: Type.Array(ComplementSchema),
});
export type RecommendationOverview = Static<typeof OverviewSchema>;

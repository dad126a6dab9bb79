import { Type, type Static } from '@sinclair/typebox';
import { Obj, Nullable } from '../../http/schemas.ts';
import { LANGUAGES, PAGE_CHANNELS, TOPICS } from './topics.ts';

// The preference routes' request and reply shapes: the routes validate and serialise with these, and the services'
// types are Static<> of them, so a field is added in one place.

const LanguageSchema = Type.Union(LANGUAGES.map((l) => Type.Literal(l)));

export const PreferencePageSchema = Type.Object({
  firstName: Type.String(),
  language: LanguageSchema,
  channels: Type.Array(Type.Object({ channel: Type.String(), granted: Type.Boolean(), reachable: Type.Boolean({ description: 'The customer card has an address for it' }) })),
  topics: Type.Array(Type.Object({ topic: Type.String(), granted: Type.Boolean() })),
  associate: Nullable(Type.Object({ name: Type.String({ description: 'First name and initial' }) })),
  associateChangeRequestedAt: Nullable(Type.String()),
  expiresAt: Type.String(),
}, { $id: 'PreferencePage' });
export type PreferencePage = Static<typeof PreferencePageSchema>;
export const PreferencePageRef = Type.Unsafe<PreferencePage>(Type.Ref('PreferencePage'));

const flags = (names: readonly string[]) => Type.Partial(Obj(Object.fromEntries(names.map((n) => [n, Type.Boolean()]))));
export const PreferenceChangeSchema = Obj({ channels: Type.Optional(flags(PAGE_CHANNELS)), topics: Type.Optional(flags(TOPICS)), language: Type.Optional(LanguageSchema) });
export type PreferenceChange = Static<typeof PreferenceChangeSchema>;

export const UnsubscribedSchema = Type.Object({ unsubscribed: Type.Literal(true), channel: Type.String(), topic: Nullable(Type.String()) });
export const PreferenceLinkSchema = Type.Object({ url: Type.String(), expiresAt: Type.String() });
export type PreferenceLink = Static<typeof PreferenceLinkSchema>;
export const RevokedSchema = Type.Object({ revoked: Type.Integer() });
export type Revoked = Static<typeof RevokedSchema>;

import { Type } from '@sinclair/typebox';
import type { App } from '../../http/types.ts';
import { Obj, Uuid, Nullable } from '../../http/schemas.ts';
import { describeSetup, updateSetup, setClientBookSequence, listMeasureDefinitions, getClientelingSettings } from './service.ts';

const Setup = Type.Object({
  enabled: Type.Boolean(),
  clientBookAttributeGroupId: Nullable(Uuid),
  cardMeasureKeys: Type.Array(Type.String()),
  allowMultipleBooks: Type.Boolean(),
  numberSequence: Type.Object({ code: Type.String(), prefix: Type.String(), padding: Type.Integer(), nextValue: Type.Integer() }),
});

export default async function setupRoutes(app: App) {
  app.get('/setup/clienteling', {
    config: { permission: 'setup.manage' },
    schema: { tags: ['setup'], summary: 'Clienteling set-up of the legal entity', response: { 200: Setup } },
  }, async (req) => describeSetup(app.db, req.auth!.legalEntityId));

  app.patch('/setup/clienteling', {
    config: { permission: 'setup.manage' },
    schema: {
      tags: ['setup'], summary: 'Turn clienteling on or off, choose the client book attribute group, card measures and the multiple-books rule',
      body: Obj({
        enabled: Type.Optional(Type.Boolean()),
        clientBookAttributeGroupId: Type.Optional(Nullable(Uuid)),
        cardMeasureKeys: Type.Optional(Type.Array(Type.String({ minLength: 1, maxLength: 100 }), { maxItems: 3 })),
        allowMultipleBooks: Type.Optional(Type.Boolean()),
      }, { minProperties: 1 }),
      response: { 200: Setup },
    },
  }, async (req) => updateSetup(app.db, req.auth!, req.body));

  app.put('/setup/clienteling/number-sequence', {
    config: { permission: 'setup.manage' },
    schema: {
      tags: ['setup'], summary: 'Number sequence for client book identifiers',
      body: Obj({
        prefix: Type.String({ maxLength: 20, pattern: '^[A-Za-z0-9_./-]*$' }),
        padding: Type.Integer({ minimum: 1, maximum: 12 }),
        nextValue: Type.Optional(Type.Integer({ minimum: 1, maximum: 1_000_000_000 })),
      }),
      response: { 200: Setup },
    },
  }, async (req) => setClientBookSequence(app.db, req.auth!, req.body));

  app.get('/setup/measures', {
    config: { permission: 'setup.manage' },
    schema: {
      tags: ['setup'], summary: 'Measures head office can show on the customer card',
      response: { 200: Type.Array(Type.Object({ key: Type.String(), name: Type.String(), description: Nullable(Type.String()), format: Type.String(), enabled: Type.Boolean() })) },
    },
  }, async (req) => listMeasureDefinitions(app.db, req.auth!.legalEntityId));

  // Every associate's screens ask whether clienteling is on, to explain an empty client book.
  app.get('/clienteling/status', {
    schema: { tags: ['setup'], summary: 'Whether clienteling is on for the legal entity', response: { 200: Type.Object({ enabled: Type.Boolean(), allowMultipleBooks: Type.Boolean() }) } },
  }, async (req) => {
    const s = await getClientelingSettings(app.db, req.auth!.legalEntityId);
    return { enabled: s.enabled, allowMultipleBooks: s.allowMultipleBooks };
  });
}

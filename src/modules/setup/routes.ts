import { Type } from '@sinclair/typebox';
import type { App } from '../../http/types.ts';
import { CardMeasureChoiceSchema, ClientelingStatusSchema, NumberSequenceInputSchema, SetupPatchSchema, SetupSchema } from './setup-schemas.ts';
import { describeSetup, updateSetup, setClientBookSequence, listMeasureDefinitions, getClientelingSettings } from './service.ts';

export default async function setupRoutes(app: App) {
  app.get('/setup/clienteling', {
    config: { permission: 'setup.manage' },
    schema: { tags: ['setup'], summary: 'Clienteling set-up of the legal entity', response: { 200: SetupSchema } },
  }, async (req) => describeSetup(app.db, req.auth!.legalEntityId));

  app.patch('/setup/clienteling', {
    config: { permission: 'setup.manage' },
    schema: {
      tags: ['setup'], summary: 'Turn clienteling on or off, choose the client book attribute group, card measures and the multiple-books rule',
      body: SetupPatchSchema,
      response: { 200: SetupSchema },
    },
  }, async (req) => updateSetup(app.db, req.auth!, req.body));

  app.put('/setup/clienteling/number-sequence', {
    config: { permission: 'setup.manage' },
    schema: {
      tags: ['setup'], summary: 'Number sequence for client book identifiers',
      body: NumberSequenceInputSchema,
      response: { 200: SetupSchema },
    },
  }, async (req) => setClientBookSequence(app.db, req.auth!, req.body));

  app.get('/setup/measures', {
    config: { permission: 'setup.manage' },
    schema: {
      tags: ['setup'], summary: 'Measures head office can show on the customer card',
      response: { 200: Type.Array(CardMeasureChoiceSchema) },
    },
  }, async (req) => listMeasureDefinitions(app.db, req.auth!.legalEntityId));

  // Every associate's screens ask whether clienteling is on, to explain an empty client book.
  app.get('/clienteling/status', {
    schema: { tags: ['setup'], summary: 'Whether clienteling is on for the legal entity', response: { 200: ClientelingStatusSchema } },
  }, async (req) => {
    const s = await getClientelingSettings(app.db, req.auth!.legalEntityId);
    return { enabled: s.enabled, allowMultipleBooks: s.allowMultipleBooks };
  });
}

// Mounted at the root: the hand-over rule and tasks belong to the API (/api/v1), the SCIM endpoints to /scim/v2, where
// directories expect them, with their own wire format and errors.
import type { App } from '../../http/types.ts';
import handOverRoutes from './hand-over-routes.ts';
import scimProtocolRoutes from './scim-routes.ts';

export default async function scimRoutes(app: App) {
  await app.register(handOverRoutes, { prefix: '/api/v1' });
  await app.register(scimProtocolRoutes, { prefix: '/scim/v2' });
}

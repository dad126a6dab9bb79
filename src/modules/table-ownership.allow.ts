import type { AllowedCrossing } from './table-ownership.ts';

// Where a capability's SQL names another capability's table today (#15). table-ownership.unit.test.ts fails on a
// crossing missing here and on an entry nothing needs any more: this list only shrinks. Foreign keys declared in a
// schema.ts and reads of a read model declared by its owner (declareReadModels in the owner's schema.ts) need no
// entry; `remove` marks the ones #15 takes away. Only reads are left: a write goes through the owner's functions.
// Reasons say where the crossing is (generated from the scan); whoever keeps an entry replaces that with why.
export const ALLOWED_CROSSINGS: readonly AllowedCrossing[] = [
  // attribution
  { module: 'attribution', table: 'appointments', access: 'read', reason: 'reads in optional-tables.ts, performance.ts' },
  { module: 'attribution', table: 'outreach_messages', access: 'read', reason: 'reads in engine.ts, optional-tables.ts, performance.ts' },
];

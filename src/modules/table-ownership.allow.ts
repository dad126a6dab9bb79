import type { AllowedCrossing } from './table-ownership.ts';

// Where a capability's SQL may name another capability's table (#15). table-ownership.unit.test.ts fails on a crossing
// missing here and on an entry nothing needs any more: this list only shrinks. Foreign keys declared in a schema.ts
// and reads of a read model declared by its owner (declareReadModels in the owner's schema.ts) need no entry. Empty:
// every other read goes through a function the owner exports from its queries.ts (rows, or an SQL expression or
// subquery to join into a one-statement read), every write through the owner's functions. An entry would need a
// reason saying why the owner cannot offer such a function, and `remove` naming the issue that takes it away.
export const ALLOWED_CROSSINGS: readonly AllowedCrossing[] = [];

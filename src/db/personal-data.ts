import type { SQL } from 'drizzle-orm';
import type { PgColumn, PgTable } from 'drizzle-orm/pg-core';

/**
 * Which columns of a table hold a customer's personal data, and what erasure does with each. Declared in each schema.ts
 * beside its table, so a new column is declared where it is added; the privacy service exports and erases by these
 * declarations (src/modules/privacy), and privacy.test.ts fails when a text column of customer data is not declared.
 */
export type ColumnErasure<V = unknown> =
  /** Personal: set to null. Only nullable columns (a NOT NULL one needs a replacement). */
  | 'blank'
  /** Personal: overwritten with a fixed anonymised value (or SQL such as now()). */
  | { replace: V | SQL }
  /** Not erased, with the reason: financial records, keys, states, copies kept by triggers. */
  | { keep: string };

/** Erasure keeps the value, for this reason. */
export const keep = (reason: string) => ({ keep: reason }) as const;

type Cols<T extends PgTable> = T['_']['columns'];
type Nullable<C> = C extends { _: { notNull: true } } ? false : true;
/** The column types that can hold free text or a copy of personal data. */
export const TEXT_COLUMN_TYPES = ['PgText', 'PgVarchar', 'PgChar', 'PgJson', 'PgJsonb'] as const;
type IsText<C> = C extends { _: { columnType: (typeof TEXT_COLUMN_TYPES)[number] } } ? true : false;
type ActionFor<C> = C extends { _: { data: infer V } } ? (Nullable<C> extends true ? ColumnErasure<V> : Exclude<ColumnErasure<V>, 'blank'>) : never;
type TextKeys<T extends PgTable> = { [K in keyof Cols<T>]: IsText<Cols<T>[K]> extends true ? K : never }[keyof Cols<T>];

/** Every text and JSON column must be declared; other columns (dates, flags, amounts) may be. */
export type ColumnDeclarations<T extends PgTable> =
  { [K in TextKeys<T>]: ActionFor<Cols<T>[K]> } & { [K in Exclude<keyof Cols<T>, TextKeys<T>>]?: ActionFor<Cols<T>[K]> };

/** How a table's rows belong to a customer: its own customer column, or a parent table's rows (a note's revisions). */
export type Owner = { column: PgColumn } | { column: PgColumn; parent: PersonalData; parentKey: PgColumn };

export interface PersonalData {
  readonly table: PgTable;
  readonly owner: Owner;
  /** 'delete': the rows go (preferences, browsing); 'anonymise': each column as declared. */
  readonly onErase: 'delete' | 'anonymise';
  readonly columns: Readonly<Record<string, ColumnErasure>>;
  /** Why the rows are deleted rather than anonymised, or why the table is kept. */
  readonly reason?: string;
}

type OwnerSpec<T extends PgTable> =
  | { owner?: keyof Cols<T> }
  | { owner: keyof Cols<T>; parent: PersonalData; parentKey?: string };

/**
 * Declares a table as customer data. `owner` is the column holding the customer's id (default customerId), or with
 * `parent` the column pointing at the parent's `parentKey` (default id), e.g. a note revision's noteId.
 */
export function personalData<T extends PgTable>(table: T, decl: OwnerSpec<T> & (
  | { onErase: 'anonymise'; columns: ColumnDeclarations<T> }
  | { onErase: 'delete'; reason: string; columns?: Partial<ColumnDeclarations<T>> }
)): PersonalData {
  const cols = table as unknown as Record<string, PgColumn>;
  const ownerKey = (decl.owner ?? 'customerId') as string;
  if (!cols[ownerKey]) throw new Error(`personalData: ${ownerKey} is not a column of the table`);
  const owner: Owner = 'parent' in decl && decl.parent
    ? { column: cols[ownerKey], parent: decl.parent, parentKey: (decl.parent.table as unknown as Record<string, PgColumn>)[decl.parentKey ?? 'id'] }
    : { column: cols[ownerKey] };
  const declared: PersonalData = { table, owner, onErase: decl.onErase, columns: (decl.columns ?? {}) as Record<string, ColumnErasure>, reason: 'reason' in decl ? decl.reason : undefined };
  declarations.add(declared);
  return declared;
}

const declarations = new WeakSet<object>();
/** True for what personalData returned: the privacy module collects them from the schema modules' exports. */
export const isPersonalData = (x: unknown): x is PersonalData => typeof x === 'object' && x !== null && declarations.has(x);

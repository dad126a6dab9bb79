import type { KeyedTextValue } from '../../http/schemas.ts';
import { AppError } from '../../http/errors.ts';

// Why a measure's last run failed or was partial (measure_definitions.last_error) by key and parameters beside the
// English, so the Measures page words it in the reader's language (measureNote.<key> in the web catalogues). A
// database's own error message and a fitting library's go as a parameter, in their own words.

export const MEASURE_NOTE_KEYS = [
  // Built-in measures (compute.ts).
  'purchaseNotFitted', 'purchaseFitFailed', 'spendNotFitted', 'spendNoFiniteMean', 'spendFitFailed',
  // SQL measures (custom-measures.ts, measure-sandbox.ts): errorCode names the failure by its problem code (errors.<code>).
  'queryFailed', 'queryTimeout', 'queryTooCostly', 'queryTooManyRows', 'rowsOutside', 'valuesNotNumber', 'duplicateCustomers', 'errorCode', 'failed',
  // External providers (external-provider.ts); request is token or measures.
  'providerUnreachable', 'providerAnswered', 'providerAnsweredEmpty', 'providerNotJson', 'providerNoToken', 'providerNoItems', 'providerNextElsewhere',
  // A provider's Validate: fields the mapping names that it does not send, and no customer of the first page matched.
  'providerFieldsMissing', 'providerNoMatch',
] as const;
export type MeasureNoteKey = (typeof MEASURE_NOTE_KEYS)[number];
export type MeasureNote = KeyedTextValue & { key: MeasureNoteKey };

export const note = (key: MeasureNoteKey, params: KeyedTextValue['params'] = {}): MeasureNote => ({ key, params });

/** An error that carries its note: the English stays its message. */
export function withNote<E extends Error>(err: E, n: MeasureNote): E & { note: MeasureNote } {
  return Object.assign(err, { note: n });
}

/** The note of a failure: its own when it carries one, its problem code for a domain error, else its message as is. */
export function noteOf(err: unknown): MeasureNote {
  const carried = (err as { note?: MeasureNote } | null)?.note;
  if (carried?.key) return carried;
  if (err instanceof AppError) return note('errorCode', { code: err.code });
  return note('failed', { error: err instanceof Error ? err.message : String(err) });
}

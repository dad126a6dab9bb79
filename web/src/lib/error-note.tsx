import { ApiError } from './api.ts';
import { i18next } from '../i18n/i18n.ts';
import { fieldLabel, type FieldLabels } from './field-label.ts';

/**
 * The catalogue's words for a problem's code in the reader's language (errors.<code>): a field the schema refused is
 * named (errors.validationField) by the form's label for it or readable words (fieldLabel), never its API path; a
 * database refusal (database_<SQLSTATE>) has one sentence. In English a capability's own code keeps the server's
 * detail, which may name the record; null when the catalogue does not know the code.
 */
function catalogueText(error: ApiError, fields?: FieldLabels): string | null {
  const code = error.code;
  if (!code) return null;
  const t = i18next.t as unknown as (key: string, params?: Record<string, string>) => string;
  if (code === 'validation') {
    const field = error.field ? fieldLabel(error.field, fields) : null;
    return field ? t('errors.validationField', { field }) : t('errors.validation');
  }
  if (code.startsWith('database_')) return t('errors.database');
  if (i18next.language === 'en' && code.includes('.')) return null;
  return i18next.exists(`errors.${code}`) ? t(`errors.${code}`) : null;
}

/**
 * What went wrong: the catalogue's text for the problem's code (see catalogueText), else the server's words
 * (problem+json detail; its title when there is no detail). `fields` are the form's labels by API path.
 */
export function errorText(error: unknown, fields?: FieldLabels): string {
  if (error instanceof ApiError) return catalogueText(error, fields) ?? error.message;
  if (error instanceof Error) return error.message;
  return String(error);
}

/**
 * Shows an error of a query or mutation; renders nothing without one. A form gives its labels by API path (`fields`,
 * e.g. { body: t('activities.note') }) so a refused field is named as the user reads it on the form.
 */
export function ErrorNote({ error, className = 'error', fields }: { error: unknown; className?: string; fields?: FieldLabels }) {
  if (!error) return null;
  const translated = error instanceof ApiError && catalogueText(error, fields) !== null;
  const title = !translated && error instanceof ApiError && error.title && error.title !== error.message ? error.title : null;
  return <p role="alert" className={className}>{title && <strong>{title}: </strong>}{errorText(error, fields)}</p>;
}

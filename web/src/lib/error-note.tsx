import { ApiError } from './api.ts';
import { i18next } from '../i18n/i18n.ts';

/**
 * The catalogue's words for a problem's code in the reader's language (errors.<code>): a field the schema refused is
 * named (errors.validationField), a database refusal (database_<SQLSTATE>) has one sentence. In English a capability's
 * own code keeps the server's detail, which may name the record; null when the catalogue does not know the code.
 */
function catalogueText(error: ApiError): string | null {
  const code = error.code;
  if (!code) return null;
  const t = i18next.t as unknown as (key: string, params?: Record<string, string>) => string;
  if (code === 'validation' && error.field) return t('errors.validationField', { field: error.field });
  if (code.startsWith('database_')) return t('errors.database');
  if (i18next.language === 'en' && code.includes('.')) return null;
  return i18next.exists(`errors.${code}`) ? t(`errors.${code}`) : null;
}

/**
 * What went wrong: the catalogue's text for the problem's code (see catalogueText), else the server's words
 * (problem+json detail; its title when there is no detail).
 */
export function errorText(error: unknown): string {
  if (error instanceof ApiError) return catalogueText(error) ?? error.message;
  if (error instanceof Error) return error.message;
  return String(error);
}

/** Shows an error of a query or mutation; renders nothing without one. */
export function ErrorNote({ error, className = 'error' }: { error: unknown; className?: string }) {
  if (!error) return null;
  const translated = error instanceof ApiError && catalogueText(error) !== null;
  const title = !translated && error instanceof ApiError && error.title && error.title !== error.message ? error.title : null;
  return <p role="alert" className={className}>{title && <strong>{title}: </strong>}{errorText(error)}</p>;
}

import { ApiError } from './api.ts';
import { i18next } from '../i18n/i18n.ts';

/**
 * What went wrong: in English the server's words (problem+json detail; its title when there is no detail); in another
 * language the catalogue's text for the problem's code (errors.<code>), else still the server's.
 */
export function errorText(error: unknown): string {
  if (error instanceof ApiError) {
    if (error.code && i18next.language !== 'en') {
      const key = `errors.${error.code}`;
      if (i18next.exists(key)) return i18next.t(key as 'errors.validation');
    }
    return error.message;
  }
  if (error instanceof Error) return error.message;
  return String(error);
}

/** Shows an error of a query or mutation; renders nothing without one. */
export function ErrorNote({ error, className = 'error' }: { error: unknown; className?: string }) {
  if (!error) return null;
  const translated = error instanceof ApiError && !!error.code && i18next.language !== 'en' && i18next.exists(`errors.${error.code}`);
  const title = !translated && error instanceof ApiError && error.title && error.title !== error.message ? error.title : null;
  return <p role="alert" className={className}>{title && <strong>{title}: </strong>}{errorText(error)}</p>;
}

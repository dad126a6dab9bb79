import { ApiError } from './api.ts';

/** What went wrong, in the server's words (problem+json detail; its title when there is no detail). */
export function errorText(error: unknown): string {
  if (error instanceof ApiError) return error.message;
  if (error instanceof Error) return error.message;
  return String(error);
}

/** Shows an error of a query or mutation; renders nothing without one. */
export function ErrorNote({ error, className = 'error' }: { error: unknown; className?: string }) {
  if (!error) return null;
  const title = error instanceof ApiError && error.title && error.title !== error.message ? error.title : null;
  return <p role="alert" className={className}>{title && <strong>{title}: </strong>}{errorText(error)}</p>;
}

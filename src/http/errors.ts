// Domain errors carry a code; the one error handler maps codes to HTTP status and problem+json.
export type ErrorCode =
  | 'validation'
  | 'unauthenticated'
  | 'forbidden'
  | 'not_found'
  | 'conflict'
  | 'locked'
  | 'rate_limited'
  | 'unprocessable'
  | 'feature_disabled';

const STATUS: Record<ErrorCode, number> = {
  validation: 400,
  unauthenticated: 401,
  forbidden: 403,
  not_found: 404,
  conflict: 409,
  locked: 423,
  rate_limited: 429,
  unprocessable: 422,
  feature_disabled: 409,
};

export class AppError extends Error {
  readonly code: ErrorCode;
  readonly status: number;
  readonly field?: string;
  readonly extra?: Record<string, unknown>;
  constructor(code: ErrorCode, message: string, opts: { field?: string; extra?: Record<string, unknown> } = {}) {
    super(message);
    this.code = code;
    this.status = STATUS[code];
    this.field = opts.field;
    this.extra = opts.extra;
  }
}

export const notFound = (what: string) => new AppError('not_found', `${what} was not found.`);
export const forbidden = (message = 'You do not have permission to do this.') => new AppError('forbidden', message);
export const conflict = (message: string, field?: string) => new AppError('conflict', message, { field });
export const invalid = (message: string, field?: string) => new AppError('validation', message, { field });

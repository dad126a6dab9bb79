// Domain errors carry a typed code: each capability declares its own in `errors.ts` with defineErrors(), naming the
// kind of failure; the one error handler maps the kind to an HTTP status and sends the code in problem+json, so
// clients and tests tell failures apart by code, never by the wording of the message.

/** What kind of failure a code is; the only thing the HTTP layer looks at to choose a status. */
export type ErrorKind =
  | 'validation'
  | 'unauthenticated'
  | 'forbidden'
  | 'not_found'
  | 'conflict'
  | 'locked'
  | 'rate_limited'
  | 'unprocessable'
  | 'feature_disabled'
  | 'unavailable';

const STATUS: Record<ErrorKind, number> = {
  validation: 400,
  unauthenticated: 401,
  forbidden: 403,
  not_found: 404,
  conflict: 409,
  locked: 423,
  rate_limited: 429,
  unprocessable: 422,
  feature_disabled: 409,
  // The process cannot serve yet (database unreachable, migrations not applied): try another or later.
  unavailable: 503,
};

export const statusOfKind = (kind: ErrorKind): number => STATUS[kind];

export interface ErrorOptions { field?: string; extra?: Record<string, unknown> }

export class AppError extends Error {
  /** The code clients see: a capability's own (e.g. `client_book.customer_already_in_book`), or the bare kind. */
  readonly code: string;
  readonly kind: ErrorKind;
  readonly status: number;
  readonly field?: string;
  readonly extra?: Record<string, unknown>;
  constructor(kind: ErrorKind, message: string, opts: ErrorOptions & { code?: string } = {}) {
    super(message);
    this.kind = kind;
    this.code = opts.code ?? kind;
    this.status = STATUS[kind];
    this.field = opts.field;
    this.extra = opts.extra;
  }
}

export type ErrorFactory<C extends string> = ((message: string, opts?: ErrorOptions) => AppError) & { readonly code: C; readonly kind: ErrorKind };

/**
 * A capability's error codes, each with its kind: `const errors = defineErrors('client_book', { customer_already_in_book:
 * 'conflict' })`, then `throw errors.customer_already_in_book('…', { field: 'customerId' })`. The code clients see is
 * `client_book.customer_already_in_book`; tests assert `errors.customer_already_in_book.code`.
 */
export function defineErrors<const T extends Record<string, ErrorKind>>(capability: string, codes: T): { [K in keyof T & string]: ErrorFactory<`${typeof capability}.${K}`> } {
  const out: Record<string, unknown> = {};
  for (const [name, kind] of Object.entries(codes)) {
    const code = `${capability}.${name}`;
    const make = (message: string, opts: ErrorOptions = {}) => new AppError(kind, message, { ...opts, code });
    out[name] = Object.assign(make, { code, kind });
  }
  return out as { [K in keyof T & string]: ErrorFactory<`${typeof capability}.${K}`> };
}

// The shared HTTP core answers with the bare kinds as codes, and only these:
//   `unauthenticated`  no valid session or API token (app.ts)
//   `forbidden`        the roles lack the route's permission (app.ts); a write from another site's origin (web-security.ts)
//   `validation`       the route's schema refused the input (problem.ts); text no handler can take (input-guard.ts via app.ts)
//   `not_found`        no such route (app.ts)
//   `rate_limited`     too many requests from one client (rate-limit.ts), with `retryAfter`
// Besides these, problem.ts sends `database_<SQLSTATE>` for input the database refused, and Fastify's own code (FST_…)
// for its 4xx (body too large, unsupported media type). Capabilities never throw bare kinds: they use defineErrors().

/** The bare codes above: the web's catalogue words each (errors.<code>), as it does every capability's declared codes. */
export const CORE_ERROR_CODES = ['unauthenticated', 'forbidden', 'validation', 'not_found', 'rate_limited'] as const;

import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import { AppError } from './errors.ts';

const TITLES: Record<number, string> = {
  400: 'Bad request', 401: 'Not signed in', 403: 'Forbidden', 404: 'Not found', 405: 'Method not allowed',
  406: 'Not acceptable', 409: 'Conflict', 413: 'Request body too large', 415: 'Unsupported media type',
  422: 'Unprocessable content', 423: 'Locked', 429: 'Too many requests', 500: 'Internal server error', 503: 'Service unavailable',
};

export interface ProblemBody {
  type: string;
  title: string;
  status: number;
  detail: string;
  code?: string;
  field?: string;
  errors?: { field: string; message: string }[];
  [k: string]: unknown;
}

export function sendProblem(reply: FastifyReply, body: { status: number; detail: string; title?: string; type?: string; code?: string; field?: string; [k: string]: unknown }) {
  const status = body.status;
  return reply
    .status(status)
    .type('application/problem+json')
    .header('x-request-id', reply.request.id)
    .send({ type: body.type ?? 'about:blank', title: body.title ?? TITLES[status] ?? 'Error', ...body, requestId: reply.request.id });
}

function fieldOf(instancePath: string, params: Record<string, unknown> | undefined, prefix: string): string {
  let path = instancePath.replace(/^\//, '').replace(/\//g, '.');
  const extra = (params?.missingProperty ?? params?.additionalProperty) as string | undefined;
  if (extra) path = path ? `${path}.${extra}` : extra;
  return path || prefix;
}

// PostgreSQL errors that mean the input was wrong, not the server.
const PG_CODES: Record<string, { status: number; detail: string }> = {
  '23505': { status: 409, detail: 'A record with the same key already exists.' },
  '23503': { status: 409, detail: 'A referenced record does not exist or is still in use.' },
  '23514': { status: 422, detail: 'The values break a rule of the data.' },
  '23P01': { status: 409, detail: 'This overlaps an existing record.' },
  '22P02': { status: 400, detail: 'A value has the wrong format.' },
  '22007': { status: 400, detail: 'A date or time has the wrong format.' },
  '22008': { status: 400, detail: 'A date or time is out of range.' },
  '22003': { status: 400, detail: 'A number is out of range.' },
  '22001': { status: 400, detail: 'A value is too long.' },
  '22021': { status: 400, detail: 'A value holds bytes that are not valid text.' },
  '22P05': { status: 400, detail: 'A value holds a character that cannot be stored (such as \\u0000).' },
  '2201B': { status: 400, detail: 'A pattern is not a valid regular expression.' },
  '22023': { status: 400, detail: 'A value is not valid here.' },
  '23502': { status: 422, detail: 'A required value is missing.' },
  '54000': { status: 422, detail: 'A value is too large to process.' },
  '54001': { status: 422, detail: 'The request is too complex to process.' },
};
// The rest of class 22 (data exception) and 54 (program limit exceeded) come from the values a request carried too.
const PG_CLASSES: Record<string, { status: number; detail: string }> = {
  '22': { status: 400, detail: 'A value is not valid for the database.' },
  '54': { status: 422, detail: 'A value is too large to process.' },
};

/** The SQLSTATE of a database error, whether the driver threw it or drizzle wrapped it. */
function sqlState(error: { code?: unknown; cause?: { code?: unknown } }): string | null {
  for (const code of [error.code, error.cause?.code]) if (typeof code === 'string' && /^[0-9A-Z]{5}$/.test(code)) return code;
  return null;
}

export function errorHandler(error: FastifyError & { cause?: any }, req: FastifyRequest, reply: FastifyReply) {
  if (error instanceof AppError) {
    // Limiters say how long to wait in the body and, for clients that follow the standard, in Retry-After.
    if (error.kind === 'rate_limited' && typeof error.extra?.retryAfter === 'number') reply.header('retry-after', String(error.extra.retryAfter));
    // Extra members come first: they add to the problem, never replace its status, detail or code.
    return sendProblem(reply, { ...(error.extra ?? {}), status: error.status, detail: error.message, code: error.code, field: error.field });
  }
  if (error.validation) {
    const where = error.validationContext ?? 'body';
    const errors = error.validation.map((v) => ({
      field: fieldOf(v.instancePath, v.params as Record<string, unknown>, where),
      message: v.keyword === 'additionalProperties' ? 'is not a known field' : v.message ?? 'is invalid',
    }));
    const first = errors[0];
    return sendProblem(reply, {
      status: 400, code: 'validation', field: first?.field,
      detail: first ? `${where} ${first.field}: ${first.message}` : 'The request is invalid.', errors,
    });
  }
  const pgCode = sqlState(error);
  const m = pgCode ? PG_CODES[pgCode] ?? PG_CLASSES[pgCode.slice(0, 2)] : undefined;
  if (pgCode && m) {
    req.log.info({ err: error }, 'database rejected input');
    const constraint = (error as any).constraint ?? error.cause?.constraint;
    return sendProblem(reply, { status: m.status, detail: m.detail, code: 'database_' + pgCode, ...(constraint ? { constraint } : {}) });
  }
  const status = error.statusCode && error.statusCode >= 400 && error.statusCode < 500 ? error.statusCode : 500;
  if (status === 500) {
    req.log.error({ err: error }, 'unhandled error');
    return sendProblem(reply, { status, detail: 'Something went wrong on our side; it has been logged.' });
  }
  return sendProblem(reply, { status, detail: error.message, code: error.code });
}

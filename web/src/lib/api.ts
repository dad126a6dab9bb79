// The typed API client: openapi-fetch over the types generated from the server's /openapi.json (api-types.ts, written by
// `npm run api:types`), so a call names a real path and its parameters, body and answer are the server's own shapes.
// Session cookie: same-origin credentials; the server refuses cookie writes from other origins, so nothing else is sent.
// Errors: any non-2xx answer becomes an ApiError carrying the problem+json title, detail, code and field.
import createClient from 'openapi-fetch';
import type { paths } from './api-types.ts';

export type { paths, components } from './api-types.ts';

export interface ProblemBody { type?: string; title?: string; status?: number; detail?: string; code?: string; field?: string; [k: string]: unknown }

export class ApiError extends Error {
  readonly title: string;
  readonly code?: string;
  readonly field?: string;
  constructor(public status: number, public body: ProblemBody | undefined, statusText = '') {
    super(body?.detail ?? body?.title ?? (statusText || `Request failed (${status})`));
    this.title = body?.title ?? statusText;
    this.code = body?.code;
    this.field = body?.field;
  }
}

/** Query strings as the server reads them: empty values left out, arrays as repeated keys. */
function serializeQuery(query: Record<string, unknown>): string {
  const qs = new URLSearchParams();
  for (const [k, v] of Object.entries(query ?? {})) {
    if (v === undefined || v === null || v === '') continue;
    if (Array.isArray(v)) v.forEach((x) => qs.append(k, String(x)));
    else qs.set(k, String(v));
  }
  return qs.toString();
}

export const client = createClient<paths>({ baseUrl: '', credentials: 'same-origin', querySerializer: serializeQuery });

type Result<T> = { data?: T; error?: unknown; response: Response };

/** The answer of a call, or an ApiError with the server's problem+json: never a silent undefined. */
export async function unwrap<T>(call: Promise<Result<T>>): Promise<T> {
  const { data, error, response } = await call;
  if (!response.ok) throw new ApiError(response.status, typeof error === 'object' && error ? error as ProblemBody : undefined, response.statusText);
  return data as T;
}

type Json<R> = R extends { content: { 'application/json': infer B } } ? B : R extends { content?: never } ? undefined : never;
type Success<Rs> = Rs extends { 200: infer R } ? Json<R> : Rs extends { 201: infer R } ? Json<R> : Rs extends { 204: unknown } ? undefined : never;

/** The JSON answer of an operation, e.g. `ApiResult<'/api/v1/customers/{id}', 'get'>`. */
export type ApiResult<P extends keyof paths, M extends keyof paths[P]> = paths[P][M] extends { responses: infer Rs } ? Success<Rs> : never;
/** The JSON body an operation takes. */
export type ApiBody<P extends keyof paths, M extends keyof paths[P]> =
  paths[P][M] extends { requestBody?: { content: { 'application/json': infer B } } } ? B : never;
/** The path parameters an operation takes. */
export type ApiPathParams<P extends keyof paths, M extends keyof paths[P]> =
  paths[P][M] extends { parameters: { path: infer X } } ? X : never;
/** The query parameters an operation takes. */
export type ApiQuery<P extends keyof paths, M extends keyof paths[P]> =
  paths[P][M] extends { parameters: { query?: infer Q } } ? NonNullable<Q> : never;

import createClient from 'openapi-fetch';
import { env } from '@/config/env';
import type { components, paths } from './schema';

/** The one client for the Marcottage API; its types come from ../openapi.yaml. */
export const api = createClient<paths>({
  baseUrl: env.apiBaseUrl,
  // Looked up at call time rather than captured now, so tests can replace `fetch`.
  fetch: (request) => globalThis.fetch(request),
});

export type Problem = components['schemas']['Problem'];
export type FieldError = components['schemas']['FieldError'];

/** An RFC 9457 problem answered by the API, or a failure to reach it at all. */
export class ApiError extends Error {
  readonly status: number;
  readonly problem?: Problem;
  /** Seconds to wait before trying again, from `Retry-After` (429, 503). */
  readonly retryAfter?: number;

  constructor(status: number, problem?: Problem, retryAfter?: number) {
    super(problem?.detail ?? problem?.title ?? `HTTP ${status}`);
    this.name = 'ApiError';
    this.status = status;
    this.problem = problem;
    this.retryAfter = retryAfter;
  }
}

function isProblem(body: unknown): body is Problem {
  return typeof body === 'object' && body !== null && 'status' in body && 'code' in body;
}

/** `Retry-After` as whole seconds from now: either a number of seconds or an HTTP date. */
export function parseRetryAfter(value: string | null, now = Date.now()): number | undefined {
  if (!value) return undefined;
  const trimmed = value.trim();
  if (/^\d+$/.test(trimmed)) return Number(trimmed);
  const date = Date.parse(trimmed);
  return Number.isNaN(date) ? undefined : Math.max(0, Math.ceil((date - now) / 1000));
}

/** The `ApiError` for a failed openapi-fetch result. */
export function apiError(result: { error?: unknown; response: Response }): ApiError {
  const { error, response } = result;
  return new ApiError(
    response.status,
    isProblem(error) ? error : undefined,
    parseRetryAfter(response.headers.get('Retry-After')),
  );
}

/**
 * Unwraps an openapi-fetch result: the data on success, an `ApiError` thrown otherwise, which is
 * the shape TanStack Query expects from a query function.
 */
export function unwrap<T>(result: { data?: T; error?: unknown; response: Response }): T {
  if (result.error !== undefined || result.data === undefined) throw apiError(result);
  return result.data;
}

/** Like `unwrap`, for operations that answer 204 No Content. */
export function unwrapEmpty(result: { error?: unknown; response: Response }): void {
  if (!result.response.ok) throw apiError(result);
}

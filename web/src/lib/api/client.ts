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

/** An RFC 9457 problem answered by the API, or a failure to reach it at all. */
export class ApiError extends Error {
  readonly status: number;
  readonly problem?: Problem;

  constructor(status: number, problem?: Problem) {
    super(problem?.detail ?? problem?.title ?? `HTTP ${status}`);
    this.name = 'ApiError';
    this.status = status;
    this.problem = problem;
  }
}

function isProblem(body: unknown): body is Problem {
  return typeof body === 'object' && body !== null && 'status' in body && 'code' in body;
}

/**
 * Unwraps an openapi-fetch result: the data on success, an `ApiError` thrown otherwise, which is
 * the shape TanStack Query expects from a query function.
 */
export function unwrap<T>(result: { data?: T; error?: unknown; response: Response }): T {
  if (result.error !== undefined || result.data === undefined) {
    throw new ApiError(result.response.status, isProblem(result.error) ? result.error : undefined);
  }
  return result.data;
}

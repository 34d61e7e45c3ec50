import type { Middleware } from 'openapi-fetch';
import type { Session } from './session';

/**
 * Operations that take credentials in their body, not a bearer token: adding one is pointless,
 * and their 401 (wrong password, spent refresh token) must not trigger a refresh.
 */
const CREDENTIAL_PATHS: ReadonlySet<string> = new Set([
  '/api/v1/auth/register',
  '/api/v1/auth/login',
  '/api/v1/auth/refresh',
  '/api/v1/auth/logout',
  '/api/v1/auth/verify-email',
  '/api/v1/auth/password-reset',
  '/api/v1/auth/password-reset/confirm',
]);

/**
 * openapi-fetch middleware that sends the member's access token and, when the API answers 401,
 * renews the session once and replays the request. Requests rejected at the same time wait for
 * the same refresh; when it fails the session ends and the 401 reaches the caller.
 */
export function createAuthMiddleware(session: Session): Middleware {
  // The request as it was before `fetch` consumed its body, kept until the answer, for a replay.
  const sent = new Map<string, { replay: Request; token: string }>();

  return {
    async onRequest({ request, schemaPath, id }) {
      if (CREDENTIAL_PATHS.has(schemaPath) || request.headers.has('Authorization')) return undefined;
      const token = await session.accessToken();
      if (!token) return undefined;
      const authorised = withBearer(request, token);
      sent.set(id, { replay: authorised.clone(), token });
      return authorised;
    },

    async onResponse({ response, id, options }) {
      const original = sent.get(id);
      sent.delete(id);
      if (response.status !== 401 || !original) return undefined;
      const token = await session.renewAfterRejection(original.token);
      if (!token) return undefined;
      return options.fetch(withBearer(original.replay, token));
    },

    onError({ id }) {
      sent.delete(id);
      return undefined;
    },
  };
}

function withBearer(request: Request, token: string): Request {
  const headers = new Headers(request.headers);
  headers.set('Authorization', `Bearer ${token}`);
  return new Request(request, { headers });
}

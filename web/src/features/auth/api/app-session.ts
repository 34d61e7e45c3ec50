import { api, apiError } from '@/lib/api/client';
import { createAuthMiddleware } from './auth-middleware';
import { Session, type TokenPair } from './session';

function browserStorage(): Storage | null {
  try {
    return window.localStorage;
  } catch {
    return null;
  }
}

async function refreshTokens(refreshToken: string): Promise<TokenPair | null> {
  const result = await api.POST('/api/v1/auth/refresh', { body: { refresh_token: refreshToken } });
  if (result.data) return result.data;
  const { status } = result.response;
  // 400/401/403/422: the token is spent, revoked or the account suspended. 429 and 5xx may pass.
  if (status >= 400 && status < 500 && status !== 408 && status !== 429) return null;
  throw apiError(result);
}

/** The member's session in this tab, shared by the API client and the pages. */
export const session = new Session({
  refresh: refreshTokens,
  storage: browserStorage(),
  locks: typeof navigator !== 'undefined' && 'locks' in navigator ? navigator.locks : null,
});

let installed = false;

/** Makes the API client send the session's token and renew it; call once at start-up. */
export function installAuth(): void {
  if (installed) return;
  installed = true;
  api.use(createAuthMiddleware(session));
  session.followOtherTabs(window);
}

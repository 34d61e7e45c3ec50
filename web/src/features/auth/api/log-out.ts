import { api } from '@/lib/api/client';
import { session } from './app-session';

/** Ends the session here even when the server cannot be told: the member asked to leave. */
export async function logOut(): Promise<void> {
  const refreshToken = session.refreshToken();
  session.end('logout');
  if (!refreshToken) return;
  try {
    await api.POST('/api/v1/auth/logout', { body: { refresh_token: refreshToken } });
  } catch {
    // Offline: the refresh token expires on its own; it is already gone from this device.
  }
}

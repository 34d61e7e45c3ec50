import type { Location } from 'react-router';
import type { SessionEnd } from '../api/session';

/** Why the login page was shown instead of the one asked for. */
export type LoginReason = 'required' | 'expired';

export interface LoginState {
  reason?: LoginReason;
}

/** Only paths of this app: `?next=https://elsewhere` or `//elsewhere` must not send members away. */
export function safeNext(next: string | null | undefined, fallback = '/'): string {
  if (!next || !next.startsWith('/') || next.startsWith('//') || next.startsWith('/\\')) return fallback;
  return next;
}

/** The login page, with the way back to `from` (where the member was). */
export function loginPath(from: Pick<Location, 'pathname' | 'search' | 'hash'>): string {
  const here = `${from.pathname}${from.search}${from.hash}`;
  if (from.pathname === '/login' || here === '/') return '/login';
  return `/login?${new URLSearchParams({ next: here })}`;
}

export function loginState(ended: SessionEnd | null): LoginState {
  return { reason: ended === 'expired' ? 'expired' : 'required' };
}

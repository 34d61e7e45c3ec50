import { useSyncExternalStore } from 'react';
import { session } from './app-session';
import type { SessionSnapshot } from './session';

/** Whether someone is logged in in this tab; re-renders on login, logout and expiry. */
export function useSession(): SessionSnapshot {
  return useSyncExternalStore(session.subscribe, session.getSnapshot);
}

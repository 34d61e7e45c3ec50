// What the app and the other features use of the member's session and account; the rest of
// auth stays inside. Its pages (login, register, ...) are loaded lazily by `src/app/routes.tsx`.
export { installAuth, session } from './api/app-session';
export { meQueryKey, meQueryOptions, useMe, type Me, type OwnProfile } from './api/get-me';
export { useSession } from './api/use-session';
export { AccountNav } from './components/account-nav';
export { loginPath } from './components/login-redirect';
export { RequireSession } from './components/require-session';
export { SessionEvents } from './components/session-events';
export { UnverifiedNotice } from './components/unverified-notice';

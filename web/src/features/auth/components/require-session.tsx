import { Navigate, Outlet, useLocation } from 'react-router';
import { useSession } from '../api/use-session';
import { loginPath, loginState } from './login-redirect';

/**
 * Routes for members only. Visitors, and members whose session expired, go to the login page and
 * come back here after it; a member who just logged out or deleted the account goes home.
 */
export function RequireSession() {
  const location = useLocation();
  const { status, ended } = useSession();
  if (status === 'authenticated') return <Outlet />;
  if (ended === 'logout' || ended === 'deleted') {
    return <Navigate to="/" replace state={{ notice: ended === 'deleted' ? 'accountDeleted' : 'loggedOut' }} />;
  }
  return <Navigate to={loginPath(location)} state={loginState(ended)} replace />;
}

import { useQueryClient } from '@tanstack/react-query';
import { useEffect, useRef } from 'react';
import { useLocation, useNavigate } from 'react-router';
import { session } from '../api/app-session';
import { loginPath, loginState } from './login-redirect';

/**
 * Reacts to the end of a session: forgets the member's data, and when the server refused to
 * renew the session, takes the member to the login page, with the way back to where they were.
 */
export function SessionEvents() {
  const queryClient = useQueryClient();
  const navigate = useNavigate();
  const location = useLocation();
  const here = useRef(location);
  useEffect(() => {
    here.current = location;
  }, [location]);

  useEffect(
    () =>
      session.subscribe(() => {
        const { status, ended } = session.getSnapshot();
        if (status !== 'anonymous') return;
        // Public reference data stays; anything that may belong to the member goes.
        queryClient.removeQueries({ predicate: (query) => query.queryKey[0] !== 'taxonomies' });
        if (ended === 'expired' && here.current.pathname !== '/login') {
          void navigate(loginPath(here.current), { replace: true, state: loginState(ended) });
        }
      }),
    [navigate, queryClient],
  );
  return null;
}

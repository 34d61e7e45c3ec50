import { lazy, Suspense } from 'react';
import { useMe } from '../api/get-me';

// Few members ever see it: its texts and button load with it, not with every page.
const UnverifiedNoticeBody = lazy(() =>
  import('./unverified-notice-body').then((m) => ({ default: m.UnverifiedNoticeBody })),
);

/**
 * On every page, for a member whose address is not confirmed yet: why publishing and contacting
 * members are closed to them, and a button for a new link. Nothing for anyone else.
 */
export function UnverifiedNotice() {
  const me = useMe();
  if (!me.data || me.data.profile.email_verified) return null;
  return (
    <Suspense fallback={null}>
      <UnverifiedNoticeBody email={me.data.profile.email} />
    </Suspense>
  );
}

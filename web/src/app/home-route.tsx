import { lazy, Suspense } from 'react';
import { useSession } from '@/features/auth';
import { SectorsRoute } from '@/features/taxonomies';
import { LoadingNotice } from '@/components/ui/status';

// Members' suggestions come with their own code and texts; visitors download neither.
const ForYou = lazy(() => import('@/features/matches').then((m) => ({ default: m.ForYou })));

/** The home page: "For you" first for members (offers matched to their profile), then the sectors. */
export function HomeRoute() {
  const { status } = useSession();
  return (
    <>
      {status === 'authenticated' && (
        <Suspense fallback={<LoadingNotice />}>
          <ForYou />
        </Suspense>
      )}
      <SectorsRoute />
    </>
  );
}

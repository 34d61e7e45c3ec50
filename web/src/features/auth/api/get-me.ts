import { queryOptions, useQuery } from '@tanstack/react-query';
import { api, unwrap } from '@/lib/api/client';
import type { components } from '@/lib/api/schema';
import { useSession } from './use-session';

export type OwnProfile = components['schemas']['OwnProfile'];

/** The member's own profile and the `ETag` to send back in `If-Match` when changing it. */
export interface Me {
  profile: OwnProfile;
  etag: string | null;
}

export const meQueryKey = ['me'] as const;

export function meQueryOptions() {
  return queryOptions({
    queryKey: meQueryKey,
    queryFn: async ({ signal }): Promise<Me> => {
      const result = await api.GET('/api/v1/me', { signal });
      return { profile: unwrap(result), etag: result.response.headers.get('ETag') };
    },
    staleTime: 5 * 60 * 1000,
  });
}

/** The logged-in member, or nothing (not fetched) while nobody is logged in. */
export function useMe() {
  const { status } = useSession();
  return useQuery({ ...meQueryOptions(), enabled: status === 'authenticated' });
}

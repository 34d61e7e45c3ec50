import { useMutation, useQueryClient } from '@tanstack/react-query';
import { meQueryKey, meQueryOptions, type Me } from '@/features/auth';
import { ApiError, api, unwrap } from '@/lib/api/client';
import type { components } from '@/lib/api/schema';

export type ProfileChanges = components['schemas']['ProfileChanges'];

/**
 * Saves profile changes against the version last read (`If-Match`). When someone changed the
 * profile elsewhere in between (412), the fresh profile is fetched so the form can show it.
 */
export function useUpdateProfile({ onStale }: { onStale: (fresh: Me) => void }) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async ({ changes, etag }: { changes: ProfileChanges; etag: string | null }): Promise<Me> => {
      const result = await api.PATCH('/api/v1/me', { body: changes, params: { header: { 'If-Match': etag } } });
      return { profile: unwrap(result), etag: result.response.headers.get('ETag') };
    },
    onSuccess: (me) => queryClient.setQueryData(meQueryKey, me),
    onError: async (error) => {
      if (!(error instanceof ApiError) || error.status !== 412) return;
      onStale(await queryClient.fetchQuery({ ...meQueryOptions(), staleTime: 0 }));
    },
  });
}

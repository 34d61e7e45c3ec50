import { queryOptions, useQuery } from '@tanstack/react-query';
import { useSession } from '@/features/auth';
import { api, unwrap } from '@/lib/api/client';
import type { components } from '@/lib/api/schema';

export type Opportunity = components['schemas']['Opportunity'];

/** An opportunity and the `ETag` to send back in `If-Match` when changing it. */
export interface OpportunityRecord {
  opportunity: Opportunity;
  etag: string | null;
}

export const opportunityKeys = {
  detail: (id: string) => ['opportunities', 'detail', id] as const,
  mine: () => ['opportunities', 'mine'] as const,
};

export function opportunityQueryOptions(id: string) {
  return queryOptions({
    queryKey: opportunityKeys.detail(id),
    queryFn: async ({ signal }): Promise<OpportunityRecord> => {
      const result = await api.GET('/api/v1/opportunities/{id}', { params: { path: { id } }, signal });
      return { opportunity: unwrap(result), etag: result.response.headers.get('ETag') };
    },
    staleTime: 30 * 1000,
  });
}

export function useOpportunity(id: string) {
  return useQuery(opportunityQueryOptions(id));
}

/** The member's own opportunities, whatever their status; nothing is fetched for visitors. */
export function useMyOpportunities() {
  const { status } = useSession();
  return useQuery({
    queryKey: opportunityKeys.mine(),
    queryFn: async ({ signal }) => unwrap(await api.GET('/api/v1/me/opportunities', { signal })),
    enabled: status === 'authenticated',
    staleTime: 30 * 1000,
  });
}

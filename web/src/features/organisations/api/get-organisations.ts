import { useInfiniteQuery } from '@tanstack/react-query';
import { api, unwrap } from '@/lib/api/client';
import type { components, paths } from '@/lib/api/schema';

export type Organisation = components['schemas']['Organisation'];
export type OrganisationKind = components['schemas']['OrganisationKind'];

/** The directory's filters, as the list operation takes them. */
export type OrganisationFilters = Omit<
  NonNullable<paths['/api/v1/organisations']['get']['parameters']['query']>,
  'limit' | 'cursor'
>;

/** Query keys: every list under `lists()`, so that one invalidation refreshes them all. */
export const organisationKeys = {
  lists: () => ['organisations', 'list'] as const,
  list: (filters: OrganisationFilters) => ['organisations', 'list', filters] as const,
  detail: (id: string) => ['organisations', 'detail', id] as const,
  members: (id: string) => ['organisations', 'members', id] as const,
  /** An organisation's pending invitations (its owners'). */
  invitations: (id: string) => ['organisations', 'invitations', id] as const,
  /** The pending invitations to the member's own address. */
  received: () => ['organisations', 'received-invitations'] as const,
  /** Under `lists()`: creating, deleting or leaving an organisation refreshes it too. */
  mine: () => ['organisations', 'list', 'mine'] as const,
};

/** The directory, newest first, a page at a time (`fetchNextPage` follows `next_cursor`). */
export function useOrganisationList(filters: OrganisationFilters) {
  return useInfiniteQuery({
    queryKey: organisationKeys.list(filters),
    queryFn: async ({ pageParam, signal }) =>
      unwrap(
        await api.GET('/api/v1/organisations', {
          params: { query: { ...filters, cursor: pageParam } },
          signal,
        }),
      ),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (page) => page.next_cursor ?? undefined,
    staleTime: 60 * 1000,
  });
}

import { useInfiniteQuery } from '@tanstack/react-query';
import { api, unwrap } from '@/lib/api/client';
import type { components, paths } from '@/lib/api/schema';

export type FacetCount = components['schemas']['FacetCount'];

type ListQuery<P extends '/api/v1/projects' | '/api/v1/opportunities'> = Omit<
  NonNullable<paths[P]['get']['parameters']['query']>,
  'limit' | 'cursor'
>;
/** The project search's words and filters, as the list operation takes them. */
export type ProjectQuery = ListQuery<'/api/v1/projects'>;
export type OpportunityQuery = ListQuery<'/api/v1/opportunities'>;

/** Query keys: every search under `['search']`, refreshed when a project or opportunity changes. */
export const searchKeys = {
  all: () => ['search'] as const,
  projects: (query: ProjectQuery) => ['search', 'projects', query] as const,
  opportunities: (query: OpportunityQuery) => ['search', 'opportunities', query] as const,
};

/** Twenty results a page: a phone screen or two, a few kilobytes on a slow link. */
const pageSize = 20;

/** Published projects matching `query`, a page at a time (`fetchNextPage` follows `next_cursor`). */
export function useProjectSearch(query: ProjectQuery) {
  return useInfiniteQuery({
    queryKey: searchKeys.projects(query),
    queryFn: async ({ pageParam, signal }) =>
      unwrap(
        await api.GET('/api/v1/projects', {
          params: { query: { ...query, limit: pageSize, cursor: pageParam } },
          signal,
        }),
      ),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (page) => page.next_cursor ?? undefined,
    staleTime: 60 * 1000,
  });
}

/** Open opportunities matching `query`, a page at a time. */
export function useOpportunitySearch(query: OpportunityQuery) {
  return useInfiniteQuery({
    queryKey: searchKeys.opportunities(query),
    queryFn: async ({ pageParam, signal }) =>
      unwrap(
        await api.GET('/api/v1/opportunities', {
          params: { query: { ...query, limit: pageSize, cursor: pageParam } },
          signal,
        }),
      ),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (page) => page.next_cursor ?? undefined,
    staleTime: 60 * 1000,
  });
}

import { useInfiniteQuery, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, unwrap } from '@/lib/api/client';
import type { components, paths } from '@/lib/api/schema';

export type CooperationLink = components['schemas']['CooperationLink'];
export type AggregateBy = components['schemas']['AggregateBy'];
export type TerritoryDashboard = components['schemas']['TerritoryDashboard'];
export type DiasporaFigures = components['schemas']['DiasporaFigures'];
export type PublicStats = components['schemas']['PublicStats'];

/** The atlas's filters, as the search operation takes them. */
export type LinkFilters = Omit<
  NonNullable<paths['/api/v1/cooperation-links']['get']['parameters']['query']>,
  'limit' | 'cursor'
>;

export const cooperationKeys = {
  all: () => ['cooperation'] as const,
  list: (filters: LinkFilters) => ['cooperation', 'list', filters] as const,
  aggregates: (by: AggregateBy) => ['cooperation', 'aggregates', by] as const,
  link: (id: string) => ['cooperation', 'link', id] as const,
  territory: (id: string) => ['cooperation', 'territory', id] as const,
  diaspora: (country: string, subdivision: string) => ['cooperation', 'diaspora', country, subdivision] as const,
  stats: () => ['cooperation', 'stats'] as const,
};

/** The atlas, newest first, a page at a time. */
export function useLinkList(filters: LinkFilters) {
  return useInfiniteQuery({
    queryKey: cooperationKeys.list(filters),
    queryFn: async ({ pageParam, signal }) =>
      unwrap(
        await api.GET('/api/v1/cooperation-links', {
          params: { query: { ...filters, cursor: pageParam } },
          signal,
        }),
      ),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (page) => page.next_cursor ?? undefined,
    staleTime: 30 * 1000,
  });
}

export function useAggregates(by: AggregateBy) {
  return useQuery({
    queryKey: cooperationKeys.aggregates(by),
    queryFn: async ({ signal }) =>
      unwrap(await api.GET('/api/v1/cooperation-links/aggregates', { params: { query: { by } }, signal })),
    staleTime: 30 * 1000,
  });
}

export function useLink(id: string) {
  return useQuery({
    queryKey: cooperationKeys.link(id),
    queryFn: async ({ signal }) =>
      unwrap(await api.GET('/api/v1/cooperation-links/{id}', { params: { path: { id } }, signal })),
  });
}

/** Confirms a link for the caller's side. */
export function useConfirmLink(id: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: async () =>
      unwrap(await api.POST('/api/v1/cooperation-links/{id}/confirmation', { params: { path: { id } } })),
    onSuccess: async () => client.invalidateQueries({ queryKey: cooperationKeys.all() }),
  });
}

export function useTerritory(id: string) {
  return useQuery({
    queryKey: cooperationKeys.territory(id),
    queryFn: async ({ signal }) =>
      unwrap(await api.GET('/api/v1/organisations/{id}/territory', { params: { path: { id } }, signal })),
  });
}

export function useDiaspora(country: string, subdivision: string) {
  return useQuery({
    queryKey: cooperationKeys.diaspora(country, subdivision),
    enabled: country.length === 2 && subdivision.length > 0,
    queryFn: async ({ signal }) =>
      unwrap(
        await api.GET('/api/v1/territories/{country}/{subdivision}/diaspora', {
          params: { path: { country, subdivision } },
          signal,
        }),
      ),
  });
}

export function useStats() {
  return useQuery({
    queryKey: cooperationKeys.stats(),
    queryFn: async ({ signal }) => unwrap(await api.GET('/api/v1/stats', { signal })),
    staleTime: 60 * 1000,
  });
}

export type NewCooperationLink = components['schemas']['NewCooperationLink'];

/** Records a link; `idempotencyKey` makes a retried submission replay the first one. */
export function useRecordLink() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: async ({ link, idempotencyKey }: { link: NewCooperationLink; idempotencyKey: string }) =>
      unwrap(
        await api.POST('/api/v1/cooperation-links', {
          body: link,
          params: { header: { 'Idempotency-Key': idempotencyKey } },
        }),
      ),
    onSuccess: async () => client.invalidateQueries({ queryKey: cooperationKeys.all() }),
  });
}

/** Local authorities on the platform, to pick a partner from. */
export function useLocalAuthorities() {
  return useQuery({
    queryKey: ['cooperation', 'authorities'],
    queryFn: async ({ signal }) =>
      unwrap(
        await api.GET('/api/v1/organisations', {
          params: { query: { kind: 'local_authority', limit: 100 } },
          signal,
        }),
      ).items,
    staleTime: 60 * 1000,
  });
}

import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useSession } from '@/features/auth';
import { ApiError, api, unwrap, unwrapEmpty } from '@/lib/api/client';
import type { components } from '@/lib/api/schema';
import { ifMatchOf } from '@/lib/api/versioned';

export type SavedSearch = components['schemas']['SavedSearch'];
export type NewSavedSearch = components['schemas']['NewSavedSearch'];
export type SavedSearchChanges = components['schemas']['SavedSearchChanges'];
export type Criteria = components['schemas']['Criteria'];
export type Frequency = components['schemas']['Frequency'];
export type Channel = components['schemas']['Channel'];

export const frequencies: readonly Frequency[] = ['instant', 'daily', 'weekly'];
export const channels: readonly Channel[] = ['in_app', 'email'];

export const savedSearchKeys = {
  all: () => ['saved-searches'] as const,
  list: () => ['saved-searches', 'list'] as const,
};

/** The member's saved searches, newest first. */
export function useSavedSearches() {
  const { status } = useSession();
  return useQuery({
    queryKey: savedSearchKeys.list(),
    queryFn: async ({ signal }) => unwrap(await api.GET('/api/v1/saved-searches', { signal })),
    enabled: status === 'authenticated',
    staleTime: 30 * 1000,
  });
}

export function useSaveSearch() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async (search: NewSavedSearch) => unwrap(await api.POST('/api/v1/saved-searches', { body: search })),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: savedSearchKeys.list() }),
  });
}

/** The `If-Match` for a search as the list showed it: read again, refused (412) when it changed since. */
async function ifMatchOfListed(search: SavedSearch): Promise<string | null> {
  return ifMatchOf({ version: search.version }, async () => {
    const result = await api.GET('/api/v1/saved-searches/{id}', { params: { path: { id: search.id } } });
    return { version: unwrap(result).version, etag: result.response.headers.get('ETag') };
  });
}

/** Changes or deletes a listed search against the version listed; a 412 or 404 reads the list again. */
export function useChangeSavedSearch() {
  const queryClient = useQueryClient();
  const reload = (error: Error) => {
    if (error instanceof ApiError && (error.status === 412 || error.status === 404)) {
      void queryClient.invalidateQueries({ queryKey: savedSearchKeys.list() });
    }
  };
  const update = useMutation({
    mutationFn: async ({ search, changes }: { search: SavedSearch; changes: SavedSearchChanges }) => {
      const etag = await ifMatchOfListed(search);
      return unwrap(
        await api.PATCH('/api/v1/saved-searches/{id}', {
          body: changes,
          params: { path: { id: search.id }, header: { 'If-Match': etag } },
        }),
      );
    },
    onSuccess: () => queryClient.invalidateQueries({ queryKey: savedSearchKeys.list() }),
    onError: reload,
  });
  const remove = useMutation({
    mutationFn: async (search: SavedSearch) => {
      const etag = await ifMatchOfListed(search);
      unwrapEmpty(
        await api.DELETE('/api/v1/saved-searches/{id}', { params: { path: { id: search.id }, header: { 'If-Match': etag } } }),
      );
    },
    onSuccess: () => queryClient.invalidateQueries({ queryKey: savedSearchKeys.list() }),
    onError: reload,
  });
  return { update, remove };
}

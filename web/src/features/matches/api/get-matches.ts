import { useQuery } from '@tanstack/react-query';
import { useSession } from '@/features/auth';
import { api, unwrap } from '@/lib/api/client';
import type { components } from '@/lib/api/schema';

export type Match = components['schemas']['Match'];
export type Reason = components['schemas']['Reason'];
export type Criterion = components['schemas']['Criterion'];

/** What matches are asked for: an opportunity, a project, or the member's own profile. */
export type MatchSource = { kind: 'opportunity'; id: string } | { kind: 'project'; id: string } | { kind: 'me' };

export const matchKeys = {
  all: () => ['matches'] as const,
  of: (source: MatchSource) => ['matches', source.kind, source.kind === 'me' ? '' : source.id] as const,
};

/** How many matches a panel shows: enough to choose from, little enough for a slow link. */
export const MATCH_LIMIT = 10;

async function fetchMatches(source: MatchSource, signal: AbortSignal): Promise<Match[]> {
  const query = { limit: MATCH_LIMIT };
  switch (source.kind) {
    case 'opportunity':
      return unwrap(
        await api.GET('/api/v1/opportunities/{id}/matches', { params: { path: { id: source.id }, query }, signal }),
      ).items;
    case 'project':
      return unwrap(await api.GET('/api/v1/projects/{id}/matches', { params: { path: { id: source.id }, query }, signal }))
        .items;
    case 'me':
      return unwrap(await api.GET('/api/v1/me/matches', { params: { query }, signal })).items;
  }
}

/**
 * The best counterparts of `source`, best first, each with its score and reasons. The viewer's
 * session is part of the answer (one's own items are left out), so the query waits for it to be
 * known; `/me/matches` is not fetched for visitors.
 */
export function useMatches(source: MatchSource, { enabled = true }: { enabled?: boolean } = {}) {
  const { status } = useSession();
  return useQuery({
    queryKey: [...matchKeys.of(source), status] as const,
    queryFn: ({ signal }) => fetchMatches(source, signal),
    enabled: enabled && (source.kind === 'me' ? status === 'authenticated' : true),
    staleTime: 60 * 1000,
  });
}

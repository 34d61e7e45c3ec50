import { queryOptions, useQuery } from '@tanstack/react-query';
import { useMe } from '@/features/auth/api/get-me';
import { useSession } from '@/features/auth/api/use-session';
import { api, unwrap } from '@/lib/api/client';
import type { components } from '@/lib/api/schema';

export type Project = components['schemas']['Project'];
export type Milestone = components['schemas']['Milestone'];

/** A project and the `ETag` to send back in `If-Match` when changing it. */
export interface ProjectRecord {
  project: Project;
  etag: string | null;
}

export const projectKeys = {
  detail: (id: string) => ['projects', 'detail', id] as const,
  milestones: (id: string) => ['projects', 'milestones', id] as const,
  mine: () => ['projects', 'mine'] as const,
};

export function projectQueryOptions(id: string) {
  return queryOptions({
    queryKey: projectKeys.detail(id),
    queryFn: async ({ signal }): Promise<ProjectRecord> => {
      const result = await api.GET('/api/v1/projects/{id}', { params: { path: { id } }, signal });
      return { project: unwrap(result), etag: result.response.headers.get('ETag') };
    },
    staleTime: 30 * 1000,
  });
}

export function useProject(id: string) {
  return useQuery(projectQueryOptions(id));
}

/** The milestones, oldest first. */
export function useMilestones(id: string) {
  return useQuery({
    queryKey: projectKeys.milestones(id),
    queryFn: async ({ signal }) =>
      unwrap(await api.GET('/api/v1/projects/{id}/milestones', { params: { path: { id } }, signal })),
    staleTime: 30 * 1000,
  });
}

/** The member's own projects, drafts included; nothing is fetched for visitors. */
export function useMyProjects() {
  const { status } = useSession();
  return useQuery({
    queryKey: projectKeys.mine(),
    queryFn: async ({ signal }) => unwrap(await api.GET('/api/v1/me/projects', { signal })),
    enabled: status === 'authenticated',
    staleTime: 30 * 1000,
  });
}

/** Whether the logged-in member owns `project` (and so may edit it and record milestones). */
export function useIsOwner(project: { owner_id?: string | null } | undefined): boolean {
  const { data: me } = useMe();
  return !!project?.owner_id && me?.profile.id === project.owner_id;
}

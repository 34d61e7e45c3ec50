import { queryOptions, useQuery } from '@tanstack/react-query';
import { useMe, useSession } from '@/features/auth';
import { useMyOrganisations } from '@/features/organisations';
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

/**
 * Whether the logged-in member may change or delete `item` (a project or an opportunity), as the
 * API decides: its author, or any member of the organisation it is published for. `undefined`
 * while their organisations are being read (only for an item of an organisation they did not
 * write themselves).
 */
export function useMayEdit(item: { owner_id?: string | null; organisation_id?: string | null } | undefined): boolean | undefined {
  const owner = useIsOwner(item);
  const organisation = item?.organisation_id ?? null;
  const { status } = useSession();
  const memberships = useMyOrganisations({ enabled: !owner && !!organisation });
  if (owner) return true;
  if (!organisation || status !== 'authenticated') return false;
  if (!memberships.data) return memberships.isError ? false : undefined;
  return memberships.data.some((membership) => membership.organisation_id === organisation);
}

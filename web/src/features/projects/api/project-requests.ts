import { useMutation, useQueryClient } from '@tanstack/react-query';
import { searchKeys } from '@/features/search';
import { ApiError, api, unwrap, unwrapEmpty } from '@/lib/api/client';
import type { components } from '@/lib/api/schema';
import { ifMatchOf, type ReadVersion } from '@/lib/api/versioned';
import { projectKeys, projectQueryOptions, type ProjectRecord } from './get-project';

export type NewProject = components['schemas']['NewProject'];
export type ProjectChanges = components['schemas']['ProjectChanges'];
export type NewMilestone = components['schemas']['NewMilestone'];

/**
 * Creates a project (a draft, or published at once). `idempotencyKey` makes a retry of the same
 * submission (double tap, answer lost on a flaky link) replay the first creation.
 */
export function useCreateProject() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async ({ project, idempotencyKey }: { project: NewProject; idempotencyKey: string }) => {
      const result = await api.POST('/api/v1/projects', {
        body: project,
        params: { header: { 'Idempotency-Key': idempotencyKey } },
      });
      return { project: unwrap(result), etag: result.response.headers.get('ETag') };
    },
    onSuccess: (record: ProjectRecord) => {
      // A replayed creation comes without an ETag: the page then reads the project itself.
      if (record.etag) queryClient.setQueryData(projectKeys.detail(record.project.id), record);
      void queryClient.invalidateQueries({ queryKey: projectKeys.mine() });
      void queryClient.invalidateQueries({ queryKey: searchKeys.all() });
    },
  });
}

/**
 * Saves changes against the version last read (`If-Match`). When someone changed the project in
 * between (412), the fresh one is fetched so that the form can show it.
 */
export function useUpdateProject(id: string, { onStale }: { onStale?: (fresh: ProjectRecord) => void } = {}) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async ({ changes, etag }: { changes: ProjectChanges; etag: string | null }) => {
      const result = await api.PATCH('/api/v1/projects/{id}', {
        body: changes,
        params: { path: { id }, header: { 'If-Match': etag } },
      });
      return { project: unwrap(result), etag: result.response.headers.get('ETag') };
    },
    onSuccess: (record: ProjectRecord) => {
      queryClient.setQueryData(projectKeys.detail(id), record);
      void queryClient.invalidateQueries({ queryKey: projectKeys.mine() });
      void queryClient.invalidateQueries({ queryKey: searchKeys.all() });
    },
    onError: async (error) => {
      if (!(error instanceof ApiError) || error.status !== 412) return;
      const fresh = await queryClient.fetchQuery({ ...projectQueryOptions(id), staleTime: 0 });
      onStale?.(fresh);
    },
  });
}

/**
 * Records a milestone; with a stage, the project moves to it. The project (its stage, version and
 * ETag) is read again afterwards.
 */
export function useAddMilestone(id: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async (milestone: NewMilestone) =>
      unwrap(await api.POST('/api/v1/projects/{id}/milestones', { params: { path: { id } }, body: milestone })),
    onSuccess: (milestone) => {
      void queryClient.invalidateQueries({ queryKey: projectKeys.milestones(id) });
      if (milestone.stage_from !== undefined && milestone.stage_from !== null) {
        void queryClient.invalidateQueries({ queryKey: projectKeys.detail(id) });
        void queryClient.invalidateQueries({ queryKey: projectKeys.mine() });
        void queryClient.invalidateQueries({ queryKey: searchKeys.all() });
      }
    },
  });
}

/**
 * Deletes the project, its milestones with it, if it is still the version the member saw
 * (`If-Match`). When it changed meanwhile (412) or is already gone (404), the project and the
 * member's list are read again, so that the page shows what it is now.
 */
export function useDeleteProject(id: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async (read: ReadVersion) => {
      const etag = await ifMatchOf(read, async () => {
        const { project, etag } = await queryClient.fetchQuery({ ...projectQueryOptions(id), staleTime: 0 });
        return { etag, version: project.version };
      });
      unwrapEmpty(await api.DELETE('/api/v1/projects/{id}', { params: { path: { id }, header: { 'If-Match': etag } } }));
    },
    onSuccess: () => {
      queryClient.removeQueries({ queryKey: projectKeys.detail(id) });
      queryClient.removeQueries({ queryKey: projectKeys.milestones(id) });
      void queryClient.invalidateQueries({ queryKey: projectKeys.mine() });
      void queryClient.invalidateQueries({ queryKey: searchKeys.all() });
    },
    onError: (error) => {
      if (!(error instanceof ApiError) || (error.status !== 412 && error.status !== 404)) return;
      void queryClient.invalidateQueries({ queryKey: projectKeys.detail(id) });
      void queryClient.invalidateQueries({ queryKey: projectKeys.mine() });
    },
  });
}

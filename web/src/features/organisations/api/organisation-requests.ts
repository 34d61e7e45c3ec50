import { useMutation, useQueryClient } from '@tanstack/react-query';
import { ApiError, api, unwrap, unwrapEmpty } from '@/lib/api/client';
import type { components } from '@/lib/api/schema';
import { organisationQueryOptions, type OrganisationRecord } from './get-organisation';
import { organisationKeys } from './get-organisations';

export type NewOrganisation = components['schemas']['NewOrganisation'];
export type OrganisationChanges = components['schemas']['OrganisationChanges'];

/**
 * Creates an organisation; the member becomes its owner. `idempotencyKey` makes a retry of the
 * same submission (double tap, answer lost on a flaky link) replay the first creation.
 */
export function useCreateOrganisation() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async ({ organisation, idempotencyKey }: { organisation: NewOrganisation; idempotencyKey: string }) => {
      const result = await api.POST('/api/v1/organisations', {
        body: organisation,
        params: { header: { 'Idempotency-Key': idempotencyKey } },
      });
      return { organisation: unwrap(result), etag: result.response.headers.get('ETag') };
    },
    onSuccess: (record: OrganisationRecord) => {
      // A replayed creation comes without an ETag: the page then reads the organisation itself.
      if (record.etag) queryClient.setQueryData(organisationKeys.detail(record.organisation.id), record);
      void queryClient.invalidateQueries({ queryKey: organisationKeys.lists() });
    },
  });
}

/**
 * Saves changes against the version last read (`If-Match`). When someone changed the
 * organisation in between (412), the fresh one is fetched so that the form can show it.
 */
export function useUpdateOrganisation(id: string, { onStale }: { onStale: (fresh: OrganisationRecord) => void }) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async ({ changes, etag }: { changes: OrganisationChanges; etag: string | null }) => {
      const result = await api.PATCH('/api/v1/organisations/{id}', {
        body: changes,
        params: { path: { id }, header: { 'If-Match': etag } },
      });
      return { organisation: unwrap(result), etag: result.response.headers.get('ETag') };
    },
    onSuccess: (record: OrganisationRecord) => {
      queryClient.setQueryData(organisationKeys.detail(id), record);
      void queryClient.invalidateQueries({ queryKey: organisationKeys.lists() });
    },
    onError: async (error) => {
      if (!(error instanceof ApiError) || error.status !== 412) return;
      onStale(await queryClient.fetchQuery({ ...organisationQueryOptions(id), staleTime: 0 }));
    },
  });
}

/** Deletes the organisation (owners) if it is still the version last read. */
export function useDeleteOrganisation(id: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async (etag: string | null) =>
      unwrapEmpty(
        await api.DELETE('/api/v1/organisations/{id}', { params: { path: { id }, header: { 'If-Match': etag } } }),
      ),
    onSuccess: () => {
      queryClient.removeQueries({ queryKey: organisationKeys.detail(id) });
      queryClient.removeQueries({ queryKey: organisationKeys.members(id) });
      void queryClient.invalidateQueries({ queryKey: organisationKeys.lists() });
    },
    // Changed elsewhere: show the new version, which the member may still want to keep.
    onError: (error) => {
      if (error instanceof ApiError && error.status === 412) {
        void queryClient.invalidateQueries({ queryKey: organisationKeys.detail(id) });
      }
    },
  });
}

/** Marks the organisation as verified, or withdraws it (facilitators and admins). */
export function useSetVerification(id: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async (verified: boolean): Promise<OrganisationRecord> => {
      const options = { params: { path: { id } } };
      const result = verified
        ? await api.POST('/api/v1/organisations/{id}/verification', options)
        : await api.DELETE('/api/v1/organisations/{id}/verification', options);
      return { organisation: unwrap(result), etag: result.response.headers.get('ETag') };
    },
    onSuccess: (record) => {
      queryClient.setQueryData(organisationKeys.detail(id), record);
      void queryClient.invalidateQueries({ queryKey: organisationKeys.lists() });
    },
  });
}

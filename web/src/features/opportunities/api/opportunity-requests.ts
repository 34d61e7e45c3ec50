import { useMutation, useQueryClient } from '@tanstack/react-query';
import { searchKeys } from '@/features/search';
import { ApiError, api, unwrap, unwrapEmpty } from '@/lib/api/client';
import type { components } from '@/lib/api/schema';
import { ifMatchOf, type ReadVersion } from '@/lib/api/versioned';
import { opportunityKeys, opportunityQueryOptions, type OpportunityRecord } from './get-opportunity';

export type NewOpportunity = components['schemas']['NewOpportunity'];
export type OpportunityChanges = components['schemas']['OpportunityChanges'];

/** Publishes an opportunity; `idempotencyKey` makes a retry of the same submission replay the first. */
export function useCreateOpportunity() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async ({ opportunity, idempotencyKey }: { opportunity: NewOpportunity; idempotencyKey: string }) => {
      const result = await api.POST('/api/v1/opportunities', {
        body: opportunity,
        params: { header: { 'Idempotency-Key': idempotencyKey } },
      });
      return { opportunity: unwrap(result), etag: result.response.headers.get('ETag') };
    },
    onSuccess: (record: OpportunityRecord) => {
      if (record.etag) queryClient.setQueryData(opportunityKeys.detail(record.opportunity.id), record);
      void queryClient.invalidateQueries({ queryKey: opportunityKeys.mine() });
      void queryClient.invalidateQueries({ queryKey: searchKeys.all() });
    },
  });
}

/** Saves changes against the version last read (`If-Match`); on 412 the fresh version goes to `onStale`. */
export function useUpdateOpportunity(id: string, { onStale }: { onStale?: (fresh: OpportunityRecord) => void } = {}) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async ({ changes, etag }: { changes: OpportunityChanges; etag: string | null }) => {
      const result = await api.PATCH('/api/v1/opportunities/{id}', {
        body: changes,
        params: { path: { id }, header: { 'If-Match': etag } },
      });
      return { opportunity: unwrap(result), etag: result.response.headers.get('ETag') };
    },
    onSuccess: (record: OpportunityRecord) => {
      queryClient.setQueryData(opportunityKeys.detail(id), record);
      void queryClient.invalidateQueries({ queryKey: opportunityKeys.mine() });
      void queryClient.invalidateQueries({ queryKey: searchKeys.all() });
    },
    onError: async (error) => {
      if (!(error instanceof ApiError) || error.status !== 412) return;
      onStale?.(await queryClient.fetchQuery({ ...opportunityQueryOptions(id), staleTime: 0 }));
    },
  });
}

/**
 * Deletes the opportunity if it is still the version the member saw (`If-Match`); on 412 or 404
 * it and the member's list are read again.
 */
export function useDeleteOpportunity(id: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async (read: ReadVersion) => {
      const etag = await ifMatchOf(read, async () => {
        const { opportunity, etag } = await queryClient.fetchQuery({ ...opportunityQueryOptions(id), staleTime: 0 });
        return { etag, version: opportunity.version };
      });
      unwrapEmpty(await api.DELETE('/api/v1/opportunities/{id}', { params: { path: { id }, header: { 'If-Match': etag } } }));
    },
    onSuccess: () => {
      queryClient.removeQueries({ queryKey: opportunityKeys.detail(id) });
      void queryClient.invalidateQueries({ queryKey: opportunityKeys.mine() });
      void queryClient.invalidateQueries({ queryKey: searchKeys.all() });
    },
    onError: (error) => {
      if (!(error instanceof ApiError) || (error.status !== 412 && error.status !== 404)) return;
      void queryClient.invalidateQueries({ queryKey: opportunityKeys.detail(id) });
      void queryClient.invalidateQueries({ queryKey: opportunityKeys.mine() });
    },
  });
}

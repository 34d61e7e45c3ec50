import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useSession } from '@/features/auth';
import { api, unwrap, unwrapEmpty } from '@/lib/api/client';
import type { components } from '@/lib/api/schema';

export type FundingCall = components['schemas']['FundingCall'];
export type CallStatus = components['schemas']['CallStatus'];
export type EligibleCall = components['schemas']['EligibleCall'];
export type Verdict = components['schemas']['Verdict'];
export type NewApplication = components['schemas']['NewApplication'];
export type Application = components['schemas']['Application'];
export type ApplicationStatus = components['schemas']['ApplicationStatus'];
export type Review = components['schemas']['Review'];
export type FinancingPlan = components['schemas']['FinancingPlan'];
export type Indicator = components['schemas']['Indicator'];
export type NewMeasurement = components['schemas']['NewMeasurement'];
export type NewFundingCall = components['schemas']['NewFundingCall'];
export type FundingCallChanges = components['schemas']['FundingCallChanges'];
export type OrganisationKind = components['schemas']['OrganisationKind'];
export type ApplicationChanges = components['schemas']['ApplicationChanges'];
export type ApplicationDetail = components['schemas']['ApplicationDetail'];
export type NewFinancingLine = components['schemas']['NewFinancingLine'];
export type FinancingLine = components['schemas']['FinancingLine'];
export type FinancingLineChanges = components['schemas']['FinancingLineChanges'];
export type NewIndicator = components['schemas']['NewIndicator'];

/** An item and the `ETag` to send back in `If-Match` when changing it. */
export interface Versioned<T> {
  item: T;
  etag: string | null;
}

export const fundingKeys = {
  all: ['funding'] as const,
  calls: (filters: CallFilters) => [...fundingKeys.all, 'calls', filters] as const,
  call: (id: string) => [...fundingKeys.all, 'call', id] as const,
  callRecord: (id: string) => [...fundingKeys.all, 'call', id, 'record'] as const,
  application: (id: string) => [...fundingKeys.all, 'application', id] as const,
  board: (id: string, status: ApplicationStatus | '') => [...fundingKeys.all, 'board', id, status] as const,
  mine: () => [...fundingKeys.all, 'mine'] as const,
  eligible: (project: string) => [...fundingKeys.all, 'eligible', project] as const,
  financing: (project: string) => [...fundingKeys.all, 'financing', project] as const,
  indicators: (project: string) => [...fundingKeys.all, 'indicators', project] as const,
};

/** What the calls page filters on; an empty string is no filter. */
export interface CallFilters {
  q: string;
  status: CallStatus;
  /** ISO 3166-1 alpha-2, from the country facet. */
  country: string;
  /** A 3-digit DAC category, from the sector facet. */
  sector: string;
}

/** Calls for projects: words, status, country and sector, soonest closing first, with their facets. */
export function useCalls({ q, status, country, sector }: CallFilters) {
  return useQuery({
    queryKey: fundingKeys.calls({ q, status, country, sector }),
    queryFn: async ({ signal }) =>
      unwrap(
        await api.GET('/api/v1/funding-calls', {
          params: {
            query: {
              q: q || undefined,
              status,
              country: country || undefined,
              sector: sector || undefined,
              sort: 'closing_soon',
              limit: 50,
            },
          },
          signal,
        }),
      ),
    placeholderData: keepPreviousData,
  });
}

export function useCall(id: string) {
  return useQuery({
    queryKey: fundingKeys.call(id),
    queryFn: async ({ signal }) =>
      unwrap(await api.GET('/api/v1/funding-calls/{id}', { params: { path: { id } }, signal })),
  });
}

/** The open calls a project may apply to, each rule met or not. */
export function useEligibleCalls(project: string) {
  return useQuery({
    queryKey: fundingKeys.eligible(project),
    queryFn: async ({ signal }) =>
      unwrap(await api.GET('/api/v1/projects/{id}/funding-calls', { params: { path: { id: project } }, signal })),
    enabled: project !== '',
  });
}

/** Checks an application to be against the call's rules, without saving it. */
export function useCheckApplication(call: string) {
  return useMutation({
    mutationFn: async (body: NewApplication) =>
      unwrap(await api.POST('/api/v1/funding-calls/{id}/applications/check', { params: { path: { id: call } }, body })),
  });
}

export function useApply(call: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async ({ body, idempotencyKey }: { body: NewApplication; idempotencyKey: string }) =>
      unwrap(
        await api.POST('/api/v1/funding-calls/{id}/applications', {
          params: { path: { id: call }, header: { 'Idempotency-Key': idempotencyKey } },
          body,
        }),
      ),
    onSuccess: () => void queryClient.invalidateQueries({ queryKey: fundingKeys.all }),
  });
}

export function useMyApplications() {
  const { status } = useSession();
  return useQuery({
    queryKey: fundingKeys.mine(),
    queryFn: async ({ signal }) => unwrap(await api.GET('/api/v1/me/funding-applications', { signal })),
    enabled: status === 'authenticated',
  });
}

/** The funder's review board of a call. */
export function useBoard(call: string, status: ApplicationStatus | '') {
  return useQuery({
    queryKey: fundingKeys.board(call, status),
    queryFn: async ({ signal }) =>
      unwrap(
        await api.GET('/api/v1/funding-calls/{id}/applications', {
          params: { path: { id: call }, query: { status: status || undefined, limit: 100 } },
          signal,
        }),
      ),
    retry: false,
  });
}

export function useReview() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async ({ id, review }: { id: string; review: Review }) =>
      unwrap(await api.POST('/api/v1/funding-applications/{id}/review', { params: { path: { id } }, body: review })),
    onSuccess: () => void queryClient.invalidateQueries({ queryKey: fundingKeys.all }),
  });
}

export function useFinancing(project: string) {
  return useQuery({
    queryKey: fundingKeys.financing(project),
    queryFn: async ({ signal }) =>
      unwrap(await api.GET('/api/v1/projects/{id}/financing', { params: { path: { id: project } }, signal })),
  });
}

export function useIndicators(project: string) {
  return useQuery({
    queryKey: fundingKeys.indicators(project),
    queryFn: async ({ signal }) =>
      unwrap(await api.GET('/api/v1/projects/{id}/indicators', { params: { path: { id: project } }, signal })),
  });
}

export function useAddMeasurement(project: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async ({ indicator, body, idempotencyKey }: { indicator: string; body: NewMeasurement; idempotencyKey: string }) =>
      unwrap(
        await api.POST('/api/v1/projects/{id}/indicators/{indicator_id}/measurements', {
          params: { path: { id: project, indicator_id: indicator }, header: { 'Idempotency-Key': idempotencyKey } },
          body,
        }),
      ),
    onSuccess: () => void queryClient.invalidateQueries({ queryKey: fundingKeys.indicators(project) }),
  });
}

/** A call with its `ETag`, for the form that changes it. */
export function useCallRecord(id: string) {
  return useQuery({
    queryKey: fundingKeys.callRecord(id),
    queryFn: async ({ signal }): Promise<Versioned<FundingCall>> => {
      const result = await api.GET('/api/v1/funding-calls/{id}', { params: { path: { id } }, signal });
      return { item: unwrap(result), etag: result.response.headers.get('ETag') };
    },
    staleTime: 0,
  });
}

/** Publishes a call for one of the member's funding organisations. */
export function usePublishCall() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async ({ body, idempotencyKey }: { body: NewFundingCall; idempotencyKey: string }) =>
      unwrap(await api.POST('/api/v1/funding-calls', { params: { header: { 'Idempotency-Key': idempotencyKey } }, body })),
    onSuccess: () => void queryClient.invalidateQueries({ queryKey: fundingKeys.all }),
  });
}

/** Changes a call against the version it was read at (`If-Match`; 412 when someone saved first). */
export function useUpdateCall(id: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async ({ changes, etag }: { changes: FundingCallChanges; etag: string | null }) =>
      unwrap(
        await api.PATCH('/api/v1/funding-calls/{id}', {
          params: { path: { id }, header: { 'If-Match': etag ?? undefined } },
          body: changes,
        }),
      ),
    onSettled: () => void queryClient.invalidateQueries({ queryKey: fundingKeys.all }),
  });
}

/** One application with its history, and its `ETag` for changing a draft. */
export function useApplication(id: string) {
  return useQuery({
    queryKey: fundingKeys.application(id),
    queryFn: async ({ signal }): Promise<Versioned<ApplicationDetail>> => {
      const result = await api.GET('/api/v1/funding-applications/{id}', { params: { path: { id } }, signal });
      return { item: unwrap(result), etag: result.response.headers.get('ETag') };
    },
    retry: false,
  });
}

/** Saves changes to a draft application against the version it was read at. */
export function useUpdateDraft(id: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async ({ changes, etag }: { changes: ApplicationChanges; etag: string | null }) => {
      const result = await api.PATCH('/api/v1/funding-applications/{id}', {
        params: { path: { id }, header: { 'If-Match': etag ?? undefined } },
        body: changes,
      });
      return { item: unwrap(result), etag: result.response.headers.get('ETag') };
    },
    onSuccess: (record) => {
      queryClient.setQueryData(fundingKeys.application(id), record);
      void queryClient.invalidateQueries({ queryKey: fundingKeys.mine() });
    },
  });
}

/** Submits a saved draft (the call's rules are checked then). */
export function useSubmitDraft(id: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async ({ etag }: { etag: string | null }) => {
      const result = await api.POST('/api/v1/funding-applications/{id}/submit', {
        params: { path: { id }, header: { 'If-Match': etag ?? undefined } },
      });
      return { item: unwrap(result), etag: result.response.headers.get('ETag') };
    },
    onSuccess: (record) => {
      queryClient.setQueryData(fundingKeys.application(id), record);
      void queryClient.invalidateQueries({ queryKey: fundingKeys.mine() });
    },
  });
}

/** Adds a co-financer to a project's plan. */
export function useAddFinancingLine(project: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async ({ body, idempotencyKey }: { body: NewFinancingLine; idempotencyKey: string }) =>
      unwrap(
        await api.POST('/api/v1/projects/{id}/financing', {
          params: { path: { id: project }, header: { 'Idempotency-Key': idempotencyKey } },
          body,
        }),
      ),
    onSuccess: () => void queryClient.invalidateQueries({ queryKey: fundingKeys.financing(project) }),
  });
}

/** Changes a line's amount or status, against the version the plan showed. */
export function useChangeFinancingLine(project: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async ({ line, changes }: { line: FinancingLine; changes: FinancingLineChanges }) =>
      unwrap(
        await api.PATCH('/api/v1/projects/{id}/financing/{line_id}', {
          params: { path: { id: project, line_id: line.id }, header: { 'If-Match': `"${line.version}"` } },
          body: changes,
        }),
      ),
    onSettled: () => void queryClient.invalidateQueries({ queryKey: fundingKeys.financing(project) }),
  });
}

/** Removes a line, against the version the plan showed. */
export function useDeleteFinancingLine(project: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async (line: FinancingLine) =>
      unwrapEmpty(
        await api.DELETE('/api/v1/projects/{id}/financing/{line_id}', {
          params: { path: { id: project, line_id: line.id }, header: { 'If-Match': `"${line.version}"` } },
        }),
      ),
    onSettled: () => void queryClient.invalidateQueries({ queryKey: fundingKeys.financing(project) }),
  });
}

/** Adds a result indicator to a project. */
export function useAddIndicator(project: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async ({ body, idempotencyKey }: { body: NewIndicator; idempotencyKey: string }) =>
      unwrap(
        await api.POST('/api/v1/projects/{id}/indicators', {
          params: { path: { id: project }, header: { 'Idempotency-Key': idempotencyKey } },
          body,
        }),
      ),
    onSuccess: () => void queryClient.invalidateQueries({ queryKey: fundingKeys.indicators(project) }),
  });
}

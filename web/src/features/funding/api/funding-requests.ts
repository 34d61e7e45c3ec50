import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useSession } from '@/features/auth';
import { api, unwrap } from '@/lib/api/client';
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

export const fundingKeys = {
  all: ['funding'] as const,
  calls: (filters: CallFilters) => [...fundingKeys.all, 'calls', filters] as const,
  call: (id: string) => [...fundingKeys.all, 'call', id] as const,
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

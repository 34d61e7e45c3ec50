import { useInfiniteQuery, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useSession } from '@/features/auth';
import { ApiError, api, unwrap } from '@/lib/api/client';
import type { components } from '@/lib/api/schema';

export type Introduction = components['schemas']['Introduction'];
export type IntroductionSide = components['schemas']['IntroductionSide'];
export type NewIntroduction = components['schemas']['NewIntroduction'];
export type SideKind = components['schemas']['SideKind'];

export const introductionKeys = {
  all: () => ['introductions'] as const,
  list: () => ['introductions', 'list'] as const,
  detail: (id: string) => ['introductions', 'detail', id] as const,
};

/** The introductions the member is a side of, or made, newest first. */
export function useIntroductions() {
  const { status } = useSession();
  return useInfiniteQuery({
    queryKey: introductionKeys.list(),
    queryFn: async ({ pageParam, signal }) =>
      unwrap(await api.GET('/api/v1/introductions', { params: { query: { cursor: pageParam } }, signal })),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (page) => page.next_cursor ?? undefined,
    enabled: status === 'authenticated',
    staleTime: 30 * 1000,
  });
}

export function useIntroduction(id: string) {
  const { status } = useSession();
  return useQuery({
    queryKey: introductionKeys.detail(id),
    queryFn: async ({ signal }) =>
      unwrap(await api.GET('/api/v1/introductions/{id}', { params: { path: { id } }, signal })),
    enabled: status === 'authenticated',
    staleTime: 30 * 1000,
  });
}

/** A facilitator proposes that two sides meet; `idempotencyKey` makes a retry replay the first. */
export function useIntroduce() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async ({ introduction, idempotencyKey }: { introduction: NewIntroduction; idempotencyKey: string }) =>
      unwrap(
        await api.POST('/api/v1/introductions', {
          body: introduction,
          params: { header: { 'Idempotency-Key': idempotencyKey } },
        }),
      ),
    onSuccess: (introduction) => {
      queryClient.setQueryData(introductionKeys.detail(introduction.id), introduction);
      void queryClient.invalidateQueries({ queryKey: introductionKeys.list() });
    },
  });
}

/** Accepts or declines an introduction as one of its sides; a 409 reloads it. */
export function useAnswerIntroduction() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async ({ id, accept }: { id: string; accept: boolean }) => {
      const params = { params: { path: { id } } };
      return unwrap(
        accept
          ? await api.POST('/api/v1/introductions/{id}/accept', params)
          : await api.POST('/api/v1/introductions/{id}/decline', params),
      );
    },
    onSuccess: (introduction) => {
      queryClient.setQueryData(introductionKeys.detail(introduction.id), introduction);
      void queryClient.invalidateQueries({ queryKey: introductionKeys.list() });
      if (introduction.conversation_id) void queryClient.invalidateQueries({ queryKey: ['conversations'] });
    },
    onError: (error, { id }) => {
      if (!(error instanceof ApiError) || (error.status !== 409 && error.status !== 404)) return;
      void queryClient.invalidateQueries({ queryKey: introductionKeys.all() });
      void queryClient.invalidateQueries({ queryKey: introductionKeys.detail(id) });
    },
  });
}

import { useInfiniteQuery, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useSession } from '@/features/auth';
import { ApiError, api, unwrap } from '@/lib/api/client';
import type { components } from '@/lib/api/schema';

export type Interest = components['schemas']['Interest'];
export type InterestBox = components['schemas']['InterestBox'];
export type InterestStatus = components['schemas']['InterestStatus'];
export type NewInterest = components['schemas']['NewInterest'];
export type TargetKind = components['schemas']['TargetKind'];

export const interestKeys = {
  all: () => ['interests'] as const,
  box: (box: InterestBox) => ['interests', 'box', box] as const,
  detail: (id: string) => ['interests', 'detail', id] as const,
};

/** The interests the member sent, or received on what they may edit, newest first, a page at a time. */
export function useInterests(box: InterestBox) {
  const { status } = useSession();
  return useInfiniteQuery({
    queryKey: interestKeys.box(box),
    queryFn: async ({ pageParam, signal }) =>
      unwrap(await api.GET('/api/v1/interests', { params: { query: { box, cursor: pageParam } }, signal })),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (page) => page.next_cursor ?? undefined,
    enabled: status === 'authenticated',
    staleTime: 30 * 1000,
  });
}

export function useInterest(id: string) {
  const { status } = useSession();
  return useQuery({
    queryKey: interestKeys.detail(id),
    queryFn: async ({ signal }) => unwrap(await api.GET('/api/v1/interests/{id}', { params: { path: { id } }, signal })),
    enabled: status === 'authenticated',
    staleTime: 30 * 1000,
  });
}

/** Sends an expression of interest; `idempotencyKey` makes a retry of the same message replay the first. */
export function useExpressInterest() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async ({ interest, idempotencyKey }: { interest: NewInterest; idempotencyKey: string }) =>
      unwrap(
        await api.POST('/api/v1/interests', {
          body: interest,
          params: { header: { 'Idempotency-Key': idempotencyKey } },
        }),
      ),
    onSuccess: (interest) => {
      queryClient.setQueryData(interestKeys.detail(interest.id), interest);
      void queryClient.invalidateQueries({ queryKey: interestKeys.box('sent') });
    },
  });
}

export type InterestAnswer = 'accept' | 'decline' | 'withdraw';

/**
 * Accepts or declines a received interest, or withdraws a sent one. The answer replaces the
 * interest in the cache; a 409 (answered or withdrawn meanwhile) reloads it and the lists.
 */
export function useAnswerInterest() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async ({ id, answer }: { id: string; answer: InterestAnswer }) => {
      const params = { params: { path: { id } } };
      switch (answer) {
        case 'accept':
          return unwrap(await api.POST('/api/v1/interests/{id}/accept', params));
        case 'decline':
          return unwrap(await api.POST('/api/v1/interests/{id}/decline', params));
        case 'withdraw':
          return unwrap(await api.POST('/api/v1/interests/{id}/withdraw', params));
      }
    },
    onSuccess: (interest) => {
      queryClient.setQueryData(interestKeys.detail(interest.id), interest);
      void queryClient.invalidateQueries({ queryKey: interestKeys.all() });
      // Acceptance opens a conversation.
      if (interest.conversation_id) void queryClient.invalidateQueries({ queryKey: ['conversations'] });
    },
    onError: (error, { id }) => {
      if (!(error instanceof ApiError) || (error.status !== 409 && error.status !== 404)) return;
      void queryClient.invalidateQueries({ queryKey: interestKeys.all() });
      void queryClient.invalidateQueries({ queryKey: interestKeys.detail(id) });
    },
  });
}

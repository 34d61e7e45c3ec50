import { useInfiniteQuery, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useSession } from '@/features/auth';
import { api, unwrap } from '@/lib/api/client';
import type { components } from '@/lib/api/schema';

export type Conversation = components['schemas']['Conversation'];
export type Message = components['schemas']['Message'];

export const conversationKeys = {
  all: () => ['conversations'] as const,
  list: () => ['conversations', 'list'] as const,
  detail: (id: string) => ['conversations', 'detail', id] as const,
  messages: (id: string) => ['conversations', 'messages', id] as const,
};

/** How often an open conversation looks for new messages while the tab is visible. */
export const MESSAGE_POLL_MS = 15 * 1000;

/** The member's conversations, most recent activity first, with their unread counts; read again on focus. */
export function useConversations() {
  const { status } = useSession();
  return useInfiniteQuery({
    queryKey: conversationKeys.list(),
    queryFn: async ({ pageParam, signal }) =>
      unwrap(await api.GET('/api/v1/conversations', { params: { query: { cursor: pageParam } }, signal })),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (page) => page.next_cursor ?? undefined,
    enabled: status === 'authenticated',
    refetchOnWindowFocus: true,
    staleTime: 10 * 1000,
  });
}

export function useConversation(id: string) {
  const { status } = useSession();
  return useQuery({
    queryKey: conversationKeys.detail(id),
    queryFn: async ({ signal }) =>
      unwrap(await api.GET('/api/v1/conversations/{id}', { params: { path: { id } }, signal })),
    enabled: status === 'authenticated',
    staleTime: 60 * 1000,
  });
}

/**
 * A conversation's messages, newest first, a page at a time (older pages by the cursor). While
 * the page is open it looks for new ones every `MESSAGE_POLL_MS` when the tab is visible, and on
 * focus; reading marks them read, so the list's unread counts are read again after.
 */
export function useMessages(id: string) {
  const { status } = useSession();
  const queryClient = useQueryClient();
  return useInfiniteQuery({
    queryKey: conversationKeys.messages(id),
    queryFn: async ({ pageParam, signal }) => {
      const page = unwrap(
        await api.GET('/api/v1/conversations/{id}/messages', {
          params: { path: { id }, query: { cursor: pageParam } },
          signal,
        }),
      );
      if (!pageParam) void queryClient.invalidateQueries({ queryKey: conversationKeys.list() });
      return page;
    },
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (page) => page.next_cursor ?? undefined,
    enabled: status === 'authenticated',
    refetchInterval: MESSAGE_POLL_MS,
    refetchOnWindowFocus: true,
    staleTime: 5 * 1000,
  });
}

/** Writes a message; `idempotencyKey` makes a retry of the same message replay the first. */
export function useSendMessage(id: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async ({ body, idempotencyKey }: { body: string; idempotencyKey: string }) =>
      unwrap(
        await api.POST('/api/v1/conversations/{id}/messages', {
          body: { body },
          params: { path: { id }, header: { 'Idempotency-Key': idempotencyKey } },
        }),
      ),
    onSuccess: () => {
      void queryClient.invalidateQueries({ queryKey: conversationKeys.messages(id) });
      void queryClient.invalidateQueries({ queryKey: conversationKeys.list() });
    },
  });
}

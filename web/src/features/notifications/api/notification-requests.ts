import { useInfiniteQuery, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useSession } from '@/features/auth';
import { api, unwrap, unwrapEmpty } from '@/lib/api/client';
import type { components } from '@/lib/api/schema';

export type Notification = components['schemas']['Notification'];

export const notificationKeys = {
  all: () => ['notifications'] as const,
  unread: () => ['notifications', 'unread'] as const,
  list: () => ['notifications', 'list'] as const,
};

/** How often the header looks for new notifications while the tab is visible. */
export const NOTIFICATION_POLL_MS = 30 * 1000;

/**
 * How many notifications are unread, for the header's badge: one light request (a page of one)
 * every 30 seconds while the tab is visible, and when it regains the focus; nothing for visitors.
 */
export function useUnreadNotifications() {
  const { status } = useSession();
  return useQuery({
    queryKey: notificationKeys.unread(),
    queryFn: async ({ signal }) =>
      unwrap(await api.GET('/api/v1/notifications', { params: { query: { limit: 1 } }, signal })).unread,
    enabled: status === 'authenticated',
    refetchInterval: NOTIFICATION_POLL_MS,
    refetchOnWindowFocus: true,
    staleTime: 10 * 1000,
  });
}

/** The member's notifications, newest first, a page at a time. */
export function useNotifications() {
  const { status } = useSession();
  return useInfiniteQuery({
    queryKey: notificationKeys.list(),
    queryFn: async ({ pageParam, signal }) =>
      unwrap(await api.GET('/api/v1/notifications', { params: { query: { cursor: pageParam } }, signal })),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (page) => page.next_cursor ?? undefined,
    enabled: status === 'authenticated',
    refetchOnWindowFocus: true,
    staleTime: 10 * 1000,
  });
}

/** Marks one notification read, or all of them (`id` undefined); the badge and the list follow. */
export function useMarkRead() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async (id: string | undefined) => {
      if (id) unwrap(await api.POST('/api/v1/notifications/{id}/read', { params: { path: { id } } }));
      else unwrapEmpty(await api.POST('/api/v1/notifications/read-all'));
    },
    onSettled: () => queryClient.invalidateQueries({ queryKey: notificationKeys.all() }),
  });
}

/** A notification's title and the app path it leads to (never an address elsewhere). */
export function noticeOf(notification: Notification): { title: string; link: string | null } {
  const { title, link } = notification.payload;
  return { title, link: /^\/(?![/\\])/.test(link) ? link : null };
}

import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api, unwrap, unwrapEmpty } from '@/lib/api/client';
import type { MemberRole } from './get-organisation';
import { organisationKeys } from './get-organisations';

/**
 * Member changes refresh the list, whose roles decide what the page offers, and the member's own
 * organisations (those they may publish for).
 */
function useRefreshMembers(id: string) {
  const queryClient = useQueryClient();
  return () =>
    Promise.all([
      queryClient.invalidateQueries({ queryKey: organisationKeys.members(id) }),
      queryClient.invalidateQueries({ queryKey: organisationKeys.mine() }),
    ]);
}

/** Makes a member an owner or an editor (owners only; the last owner cannot step down). */
export function useChangeMemberRole(id: string) {
  const refresh = useRefreshMembers(id);
  return useMutation({
    mutationFn: async ({ userId, role }: { userId: string; role: MemberRole }) =>
      unwrap(
        await api.PATCH('/api/v1/organisations/{id}/members/{user_id}', {
          params: { path: { id, user_id: userId } },
          body: { role },
        }),
      ),
    onSuccess: refresh,
  });
}

/** Removes a member (owners), or the member themselves leaving; the last owner cannot go. */
export function useRemoveMember(id: string) {
  const refresh = useRefreshMembers(id);
  return useMutation({
    mutationFn: async (userId: string) =>
      unwrapEmpty(
        await api.DELETE('/api/v1/organisations/{id}/members/{user_id}', { params: { path: { id, user_id: userId } } }),
      ),
    onSuccess: refresh,
  });
}

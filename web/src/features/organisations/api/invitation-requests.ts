import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useMe } from '@/features/auth';
import { notificationKeys } from '@/features/notifications';
import { api, unwrap, unwrapEmpty } from '@/lib/api/client';
import type { components } from '@/lib/api/schema';
import { organisationKeys } from './get-organisations';

export type Invitation = components['schemas']['Invitation'];
export type NewInvitation = components['schemas']['NewInvitation'];
export type ReceivedInvitation = components['schemas']['ReceivedInvitation'];

/** An organisation's pending invitations, for its owners only (nothing is fetched for others). */
export function useOrganisationInvitations(id: string, { enabled }: { enabled: boolean }) {
  return useQuery({
    queryKey: organisationKeys.invitations(id),
    queryFn: async ({ signal }) =>
      unwrap(await api.GET('/api/v1/organisations/{id}/invitations', { params: { path: { id } }, signal })),
    enabled,
    staleTime: 30 * 1000,
  });
}

/**
 * Invites an address (owners only). The API answers the same whatever the address: whether it
 * has an account or is already a member is never said.
 */
export function useInvite(id: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async (invitation: NewInvitation) =>
      unwrap(await api.POST('/api/v1/organisations/{id}/invitations', { params: { path: { id } }, body: invitation })),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: organisationKeys.invitations(id) }),
  });
}

/** Withdraws a pending invitation (owners only). */
export function useWithdrawInvitation(id: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async (invitationId: string) =>
      unwrapEmpty(
        await api.DELETE('/api/v1/organisations/{id}/invitations/{invitation_id}', {
          params: { path: { id, invitation_id: invitationId } },
        }),
      ),
    onSettled: () => queryClient.invalidateQueries({ queryKey: organisationKeys.invitations(id) }),
  });
}

/**
 * The pending invitations to the member's address. Only a confirmed address sees them (the API
 * answers 403 before): nothing is fetched until then, nor for visitors.
 */
export function useMyInvitations() {
  const { data: me } = useMe();
  return useQuery({
    queryKey: organisationKeys.received(),
    queryFn: async ({ signal }) => unwrap(await api.GET('/api/v1/me/invitations', { signal })),
    enabled: me?.profile.email_verified === true,
    staleTime: 30 * 1000,
  });
}

export type Answer = 'accept' | 'decline';

/** Accepts or declines an invitation; the member's organisations, members and notices follow. */
export function useAnswerInvitation() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async ({ id, answer }: { id: string; answer: Answer }) => {
      if (answer === 'accept') return unwrap(await api.POST('/api/v1/invitations/{id}/accept', { params: { path: { id } } }));
      return unwrap(await api.POST('/api/v1/invitations/{id}/decline', { params: { path: { id } } }));
    },
    onSettled: (invitation) =>
      Promise.all([
        queryClient.invalidateQueries({ queryKey: organisationKeys.received() }),
        queryClient.invalidateQueries({ queryKey: organisationKeys.mine() }),
        invitation && queryClient.invalidateQueries({ queryKey: organisationKeys.members(invitation.organisation_id) }),
        queryClient.invalidateQueries({ queryKey: notificationKeys.all() }),
      ]),
  });
}

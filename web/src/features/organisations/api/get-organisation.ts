import { queryOptions, useQuery } from '@tanstack/react-query';
import { useMe } from '@/features/auth';
import { api, unwrap } from '@/lib/api/client';
import type { components } from '@/lib/api/schema';
import { organisationKeys, type Organisation } from './get-organisations';

export type OrganisationMember = components['schemas']['OrganisationMember'];
export type MemberRole = components['schemas']['MemberRole'];

/** An organisation and the `ETag` to send back in `If-Match` when changing or deleting it. */
export interface OrganisationRecord {
  organisation: Organisation;
  etag: string | null;
}

export function organisationQueryOptions(id: string) {
  return queryOptions({
    queryKey: organisationKeys.detail(id),
    queryFn: async ({ signal }): Promise<OrganisationRecord> => {
      const result = await api.GET('/api/v1/organisations/{id}', { params: { path: { id } }, signal });
      return { organisation: unwrap(result), etag: result.response.headers.get('ETag') };
    },
    staleTime: 30 * 1000,
  });
}

export function useOrganisation(id: string) {
  return useQuery(organisationQueryOptions(id));
}

/** The members and their roles; public, like the organisation. */
export function useOrganisationMembers(id: string) {
  return useQuery({
    queryKey: organisationKeys.members(id),
    queryFn: async ({ signal }) =>
      unwrap(await api.GET('/api/v1/organisations/{id}/members', { params: { path: { id } }, signal })),
    staleTime: 30 * 1000,
  });
}

/** Who is looking at an organisation: their id, their role in it (if any) and on Marcottage. */
export interface Viewer {
  userId: string | null;
  role: MemberRole | null;
  /** Facilitators and admins verify organisations. */
  mayVerify: boolean;
}

/** What the logged-in member may do with the organisation `id`. */
export function useViewer(id: string): Viewer {
  const { data: me } = useMe();
  const { data: members } = useOrganisationMembers(id);
  const userId = me?.profile.id ?? null;
  const role = members?.find((member) => member.user_id === userId)?.role ?? null;
  const mayVerify = me?.profile.role === 'facilitator' || me?.profile.role === 'admin';
  return { userId, role, mayVerify };
}

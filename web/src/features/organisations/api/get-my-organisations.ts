import { useQuery } from '@tanstack/react-query';
import { useSession } from '@/features/auth';
import { api, unwrap } from '@/lib/api/client';
import type { components } from '@/lib/api/schema';
import { organisationKeys } from './get-organisations';

/** An organisation the member belongs to, with their role in it. */
export type Membership = components['schemas']['MembershipExport'];

/**
 * The organisations the member belongs to. The API lists them nowhere else than in the member's
 * data export (`GET /me/export`), which is read for it; nothing is fetched for visitors or
 * while `enabled` is false.
 */
export function useMyOrganisations({ enabled = true }: { enabled?: boolean } = {}) {
  const { status } = useSession();
  return useQuery({
    queryKey: organisationKeys.mine(),
    queryFn: async ({ signal }): Promise<Membership[]> =>
      unwrap(await api.GET('/api/v1/me/export', { signal })).organisations,
    enabled: enabled && status === 'authenticated',
    staleTime: 60 * 1000,
  });
}

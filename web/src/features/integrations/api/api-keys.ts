import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, unwrap, unwrapEmpty } from '@/lib/api/client';
import type { components } from '@/lib/api/schema';

export type ApiKey = components['schemas']['ApiKey'];
export type CreatedApiKey = components['schemas']['CreatedApiKey'];
export type NewApiKey = components['schemas']['NewApiKey'];
export type Scope = components['schemas']['Scope'];

/** Every scope a key may get, in the order the form offers them. */
export const scopes: readonly Scope[] = ['read', 'opportunities:write', 'projects:write', 'webhooks'];

/** A scope's key in the texts: i18next would read the `:` of `projects:write` as a namespace. */
const scopeTexts = {
  read: 'read',
  'opportunities:write': 'opportunities_write',
  'projects:write': 'projects_write',
  webhooks: 'webhooks',
} as const satisfies Record<Scope, string>;

export const scopeText = (scope: Scope) => scopeTexts[scope];

export const integrationKeys = {
  apiKeys: (organisationId: string) => ['integrations', 'api-keys', organisationId] as const,
};

/** The organisation's keys, revoked ones included (owners only: others get 403). */
export function useApiKeys(organisationId: string) {
  return useQuery({
    queryKey: integrationKeys.apiKeys(organisationId),
    queryFn: async ({ signal }) =>
      unwrap(await api.GET('/api/v1/organisations/{id}/api-keys', { params: { path: { id: organisationId } }, signal })),
    staleTime: 30 * 1000,
  });
}

/**
 * Makes a key. Its answer is the only place the whole key (`secret`) ever appears: the caller
 * shows it once and keeps it nowhere else (not in the query cache, which holds the list only).
 */
export function useCreateApiKey(organisationId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async (key: NewApiKey) =>
      unwrap(
        await api.POST('/api/v1/organisations/{id}/api-keys', { params: { path: { id: organisationId } }, body: key }),
      ),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: integrationKeys.apiKeys(organisationId) }),
  });
}

/** Revokes a key at once; revoking twice is not an error. */
export function useRevokeApiKey(organisationId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async (key: ApiKey) =>
      unwrapEmpty(
        await api.DELETE('/api/v1/organisations/{id}/api-keys/{key_id}', {
          params: { path: { id: organisationId, key_id: key.id } },
        }),
      ),
    onSettled: () => queryClient.invalidateQueries({ queryKey: integrationKeys.apiKeys(organisationId) }),
  });
}

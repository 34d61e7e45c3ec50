import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, unwrap, unwrapEmpty } from '@/lib/api/client';
import type { components } from '@/lib/api/schema';
import { session } from './app-session';
import { meQueryKey } from './get-me';

type Credentials = components['schemas']['Credentials'];
type Registration = components['schemas']['Registration'];
type PasswordResetConfirmation = components['schemas']['PasswordResetConfirmation'];

export function useLogin() {
  return useMutation({
    mutationFn: async (credentials: Credentials) => unwrap(await api.POST('/api/v1/auth/login', { body: credentials })),
    onSuccess: (pair) => session.start(pair),
  });
}

export function useRegister() {
  return useMutation({
    mutationFn: async (registration: Registration) =>
      unwrap(await api.POST('/api/v1/auth/register', { body: registration })),
  });
}

/**
 * Confirms the address with the token from the e-mail. A query rather than a mutation so that
 * it runs once per token even when React mounts the page twice (the token works only once).
 */
export function useVerifyEmail(token: string) {
  const queryClient = useQueryClient();
  return useQuery({
    queryKey: ['verify-email', token],
    queryFn: async () => {
      unwrapEmpty(await api.POST('/api/v1/auth/verify-email', { body: { token } }));
      await queryClient.invalidateQueries({ queryKey: meQueryKey });
      return true;
    },
    enabled: token !== '',
    retry: false,
    staleTime: Infinity,
    gcTime: Infinity,
  });
}

export function useRequestPasswordReset() {
  return useMutation({
    mutationFn: async (email: string) => unwrap(await api.POST('/api/v1/auth/password-reset', { body: { email } })),
  });
}

export function useConfirmPasswordReset() {
  return useMutation({
    mutationFn: async (confirmation: PasswordResetConfirmation) =>
      unwrapEmpty(await api.POST('/api/v1/auth/password-reset/confirm', { body: confirmation })),
    // Every session of the account ended on the server, this one included.
    onSuccess: () => {
      if (session.isAuthenticated) session.end('logout');
    },
  });
}

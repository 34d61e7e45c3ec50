import { useMutation } from '@tanstack/react-query';
import { session } from '@/features/auth';
import { api, apiError, unwrapEmpty } from '@/lib/api/client';
import type { components } from '@/lib/api/schema';

type PasswordChange = components['schemas']['PasswordChange'];

export function useChangePassword() {
  return useMutation({
    mutationFn: async (change: PasswordChange) => unwrapEmpty(await api.POST('/api/v1/me/password', { body: change })),
  });
}

/** Deletes the account; the session ends with it. */
export function useDeleteAccount() {
  return useMutation({
    mutationFn: async (password: string) => unwrapEmpty(await api.DELETE('/api/v1/me', { body: { password } })),
    onSuccess: () => session.end('deleted'),
  });
}

/** Downloads everything Marcottage holds about the member, as the JSON file the API answers. */
export function useExportData() {
  return useMutation({
    mutationFn: async () => {
      const result = await api.GET('/api/v1/me/export', { parseAs: 'blob' });
      if (!result.data) throw apiError(result);
      saveFile(result.data, 'marcottage-export.json');
    },
  });
}

function saveFile(blob: Blob, name: string) {
  const url = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = url;
  link.download = name;
  document.body.append(link);
  link.click();
  link.remove();
  // Some browsers read the URL after `click` returns.
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

/** Ends every session of the member, this one included (a lost phone, a shared computer). */
export function useLogOutEverywhere() {
  return useMutation({
    mutationFn: async () => unwrapEmpty(await api.POST('/api/v1/auth/logout-all')),
    onSuccess: () => session.end('logout'),
  });
}

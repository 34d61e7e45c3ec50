import { QueryClient } from '@tanstack/react-query';
import { ApiError } from '@/lib/api/client';

export function createQueryClient() {
  return new QueryClient({
    defaultOptions: {
      queries: {
        // Metered data: no refetch merely because the tab regained focus.
        refetchOnWindowFocus: false,
        // Retry what a flaky link may fix, not what the API refused.
        retry: (failureCount, error) =>
          failureCount < 2 && !(error instanceof ApiError && error.status >= 400 && error.status < 500),
      },
    },
  });
}

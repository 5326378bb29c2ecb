// The app's react-query client: snapshots are pushed, so no refetch on focus; only transient
// failures (PENIN unreachable) are retried, never a refused or invalid request.
import { QueryClient } from '@tanstack/react-query';
import { isApiError } from './api-error';

export function createQueryClient(): QueryClient {
  return new QueryClient({
    defaultOptions: {
      queries: {
        refetchOnWindowFocus: false,
        retry: (failures, err) =>
          failures < 3 && (!isApiError(err) || err.code === 'unavailable' || err.code === 'internal'),
      },
      mutations: { retry: false },
    },
  });
}

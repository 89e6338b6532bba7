import { QueryClient } from '@tanstack/react-query';
import { isApiError } from './client';

/**
 * Server state for the console (issue 12 §9): every screen reads through TanStack Query; shared
 * keys and hooks are in `api/queries/`.
 *
 * - A 4xx is an answer, not a hiccup: retrying a refusal or a validation error only delays the
 *   message the user needs, so only network errors and 5xx are retried, once.
 * - Data is fresh for 15 s: operators switch tabs constantly and every switch must not refetch
 *   every list; live changes arrive through invalidation (a write, or a server-sent event).
 */
export function createQueryClient(): QueryClient {
  return new QueryClient({
    defaultOptions: {
      queries: {
        staleTime: 15_000,
        refetchOnWindowFocus: false,
        retry: (failures, error) => failures < 1 && !(isApiError(error) && error.status >= 400 && error.status < 500),
      },
      mutations: { retry: false },
    },
  });
}

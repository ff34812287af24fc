import { QueryClient } from "@tanstack/react-query";
import { isApiProblem } from "./api-client";

/**
 * Data here changes only when someone edits it, so queries stay fresh for a while and do not
 * refetch on focus; a 4xx answer will not get better by asking again.
 */
export function createQueryClient(): QueryClient {
  return new QueryClient({
    defaultOptions: {
      queries: {
        staleTime: 60_000,
        gcTime: 10 * 60_000,
        refetchOnWindowFocus: false,
        refetchOnReconnect: false,
        retry: (failureCount, error) =>
          failureCount < 2 && !(isApiProblem(error) && error.status < 500),
      },
      mutations: { retry: false },
    },
  });
}

import { MutationCache, QueryCache, QueryClient } from "@tanstack/react-query";
import { isApiProblem } from "./api-client";

/**
 * Data here changes only when someone edits it, so queries stay fresh for a while and do not
 * refetch on focus; a 4xx answer will not get better by asking again. Any 401 from a query or a
 * mutation calls `onSignInRequired` once per failure, so the app can ask the person to sign in.
 */
export function createQueryClient({
  onSignInRequired,
}: {
  onSignInRequired?: () => void;
} = {}): QueryClient {
  const onError = (error: unknown) => {
    if (isApiProblem(error) && error.signInRequired) onSignInRequired?.();
  };
  return new QueryClient({
    queryCache: new QueryCache({ onError }),
    mutationCache: new MutationCache({ onError }),
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

import { ScopeAccess } from "@portvakt/contracts";
import { queryOptions, useQuery, useQueryClient } from "@tanstack/react-query";
import { z } from "zod";
import { bff, call, confirmedIn, withSignal } from "../../../lib/api-client";
import { queryKeys } from "../../../lib/query-keys";

/**
 * The grants of one scope, needed here to warn before deactivating a scope that consumers
 * still hold (docs/maskinporten.md §3). Shares its cache key with the access page.
 */
export function getScopeGrants(env: string, scope: string, signal?: AbortSignal) {
  return call(
    bff.api.envs[":env"].scopes.access.$get(
      { param: { env }, query: { scope } },
      withSignal(signal),
    ),
    z.array(ScopeAccess),
  );
}

export const scopeGrantsQueryOptions = (env: string, scope: string) =>
  queryOptions({
    queryKey: queryKeys.accessOfScope(env, scope),
    queryFn: ({ signal }) => getScopeGrants(env, scope, signal),
    staleTime: 10_000,
  });

export function useScopeGrants(env: string, scope: string, enabled: boolean) {
  return useQuery({ ...scopeGrantsQueryOptions(env, scope), enabled });
}

export function revokeGrant(env: string, scope: string, orgno: string) {
  return call(
    bff.api.envs[":env"].scopes.access[":orgno"].$delete(
      { param: { env, orgno }, query: { scope } },
      confirmedIn(env),
    ),
    ScopeAccess,
  );
}

export function useInvalidateGrants(env: string) {
  const queryClient = useQueryClient();
  return () => queryClient.invalidateQueries({ queryKey: queryKeys.access(env) });
}

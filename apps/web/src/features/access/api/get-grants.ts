import { ScopeAccess } from "@portvakt/contracts";
import { queryOptions, useQuery } from "@tanstack/react-query";
import { z } from "zod";
import { bff, call, withSignal } from "../../../lib/api-client";
import { queryKeys } from "../../../lib/query-keys";

/** Every consumer that has or had access to one scope (revoked rows stay as DENIED). */
export function getGrants(env: string, scope: string, signal?: AbortSignal) {
  return call(
    bff.api.envs[":env"].scopes.access.$get(
      { param: { env }, query: { scope } },
      withSignal(signal),
    ),
    z.array(ScopeAccess),
  );
}

export const grantsQueryOptions = (env: string, scope: string) =>
  queryOptions({
    queryKey: queryKeys.accessOfScope(env, scope),
    queryFn: ({ signal }) => getGrants(env, scope, signal),
    staleTime: 30_000,
  });

export function useGrants(env: string, scope: string | undefined) {
  return useQuery({ ...grantsQueryOptions(env, scope ?? ""), enabled: Boolean(scope) });
}

import { Scope } from "@portvakt/contracts";
import { queryOptions, useQuery } from "@tanstack/react-query";
import { z } from "zod";
import { bff, call, withSignal } from "../../../lib/api-client";
import { queryKeys } from "../../../lib/query-keys";

/** The organisation's own scopes, active and deactivated, to pick the one whose grants to manage. */
export function getOwnScopes(env: string, signal?: AbortSignal) {
  return call(
    bff.api.envs[":env"].scopes.$get(
      { param: { env }, query: { inactive: "true" } },
      withSignal(signal),
    ),
    z.array(Scope),
  );
}

export const ownScopesQueryOptions = (env: string) =>
  queryOptions({
    queryKey: queryKeys.scopeList(env, true),
    queryFn: ({ signal }) => getOwnScopes(env, signal),
  });

export function useOwnScopes(env: string) {
  return useQuery(ownScopesQueryOptions(env));
}

import { Scope } from "@portvakt/contracts";
import { queryOptions, useQuery } from "@tanstack/react-query";
import { z } from "zod";
import { api, envPath } from "../../../lib/api-client";
import { queryKeys } from "../../../lib/query-keys";

/** The organisation's own scopes, active and deactivated, to pick the one whose grants to manage. */
export function getOwnScopes(env: string, signal?: AbortSignal) {
  return api(envPath(env, "/scopes"), {
    query: { inactive: "true" },
    schema: z.array(Scope),
    signal,
  });
}

export const ownScopesQueryOptions = (env: string) =>
  queryOptions({
    queryKey: queryKeys.scopeList(env, true),
    queryFn: ({ signal }) => getOwnScopes(env, signal),
  });

export function useOwnScopes(env: string) {
  return useQuery(ownScopesQueryOptions(env));
}

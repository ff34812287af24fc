import { Scope } from "@portvakt/contracts";
import { queryOptions, useQuery } from "@tanstack/react-query";
import { z } from "zod";
import { bff, call, withSignal } from "../../../lib/api-client";
import { queryKeys } from "../../../lib/query-keys";

/** The organisation's own scopes; with `inactive` the deactivated ones too. */
export function getScopes(env: string, inactive: boolean, signal?: AbortSignal) {
  return call(
    bff.api.envs[":env"].scopes.$get(
      { param: { env }, query: inactive ? { inactive: "true" } : {} },
      withSignal(signal),
    ),
    z.array(Scope),
  );
}

export const scopesQueryOptions = (env: string, inactive = true) =>
  queryOptions({
    queryKey: queryKeys.scopeList(env, inactive),
    queryFn: ({ signal }) => getScopes(env, inactive, signal),
  });

export function useScopes(env: string, inactive = true) {
  return useQuery(scopesQueryOptions(env, inactive));
}

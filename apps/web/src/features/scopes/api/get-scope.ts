import { Scope } from "@portvakt/contracts";
import { queryOptions, useQuery } from "@tanstack/react-query";
import { bff, call, withSignal } from "../../../lib/api-client";
import { queryKeys } from "../../../lib/query-keys";

export function getScope(env: string, name: string, signal?: AbortSignal) {
  return call(
    bff.api.envs[":env"].scopes.scope.$get(
      { param: { env }, query: { scope: name } },
      withSignal(signal),
    ),
    Scope,
  );
}

export const scopeQueryOptions = (env: string, name: string) =>
  queryOptions({
    queryKey: queryKeys.scope(env, name),
    queryFn: ({ signal }) => getScope(env, name, signal),
  });

export function useScope(env: string, name: string) {
  return useQuery(scopeQueryOptions(env, name));
}

import { Scope, ScopeAccess } from "@portvakt/contracts";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { z } from "zod";
import { bff, call, withSignal } from "../../lib/api-client";
import { queryKeys } from "../../lib/query-keys";

/**
 * Every scope of ours one consumer organisation has or had (revoked rows stay as DENIED):
 * Digdir's `GET /api/v1/scopes/access?consumer_orgno=` (2025 OpenAPI operation `list`, query
 * `consumer_orgno`), through the BFF's mirror of it.
 */
export function useConsumerAccess(env: string, orgno: string | undefined) {
  return useQuery({
    queryKey: [...queryKeys.access(env), "consumer", orgno ?? ""],
    queryFn: ({ signal }) =>
      call(
        bff.api.envs[":env"].scopes.access.$get(
          { param: { env }, query: { consumer_orgno: orgno!, inactive: "true" } },
          withSignal(signal),
        ),
        z.array(ScopeAccess),
      ),
    enabled: Boolean(orgno),
  });
}

/** The organisation's own scopes, active and deactivated (the same query as the Access page). */
export function useOwnScopesForConsumer(env: string) {
  return useQuery({
    queryKey: queryKeys.scopeList(env, true),
    queryFn: ({ signal }) =>
      call(
        bff.api.envs[":env"].scopes.$get(
          { param: { env }, query: { inactive: "true" } },
          withSignal(signal),
        ),
        z.array(Scope),
      ),
  });
}

/**
 * Grants one consumer access to one scope through the BFF's guarded, audited grant
 * (`PUT /api/envs/{env}/scopes/access/{orgno}?scope=`): a grant already APPROVED is not sent
 * again, an unknown outcome is settled by the BFF. Idempotent at Digdir.
 */
export function useGrantScopeTo(env: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ scope, orgno }: { scope: string; orgno: string }) =>
      call(
        bff.api.envs[":env"].scopes.access[":orgno"].$put({
          param: { env, orgno },
          query: { scope },
        }),
        ScopeAccess,
      ),
    onSettled: () => queryClient.invalidateQueries({ queryKey: queryKeys.access(env) }),
  });
}

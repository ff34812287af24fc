import { ScopeAccess } from "@portvakt/contracts";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { bff, call, confirmedIn } from "../../../lib/api-client";
import { queryKeys } from "../../../lib/query-keys";

/** Grants (or re-approves) a consumer's access; idempotent at Digdir. */
export function grantAccess(env: string, scope: string, orgno: string) {
  return call(
    bff.api.envs[":env"].scopes.access[":orgno"].$put({ param: { env, orgno }, query: { scope } }),
    ScopeAccess,
  );
}

/** Revokes a consumer's access (after the person confirmed); the row stays with state DENIED. */
export function revokeAccess(env: string, scope: string, orgno: string) {
  return call(
    bff.api.envs[":env"].scopes.access[":orgno"].$delete(
      { param: { env, orgno }, query: { scope } },
      confirmedIn(env),
    ),
    ScopeAccess,
  );
}

export function useRefreshAccess(env: string) {
  const queryClient = useQueryClient();
  return () => queryClient.invalidateQueries({ queryKey: queryKeys.access(env) });
}

export function useRevokeAccess(env: string, scope: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (orgno: string) => revokeAccess(env, scope, orgno),
    onSuccess: (access) => {
      // Show the new state at once; the list is fetched again in the background.
      queryClient.setQueryData<ScopeAccess[]>(queryKeys.accessOfScope(env, scope), (rows) =>
        rows?.map((row) => (row.consumer_orgno === access.consumer_orgno ? access : row)),
      );
      return queryClient.invalidateQueries({ queryKey: queryKeys.access(env) });
    },
  });
}

export function useGrantAccess(env: string, scope: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (orgno: string) => grantAccess(env, scope, orgno),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: queryKeys.access(env) }),
  });
}

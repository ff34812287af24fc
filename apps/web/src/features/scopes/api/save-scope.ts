import { Scope, type ScopeInput, type ScopeUpdate } from "@portvakt/contracts";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { bff, call, confirmedIn } from "../../../lib/api-client";
import { queryKeys } from "../../../lib/query-keys";

export function createScope(env: string, input: ScopeInput) {
  return call(bff.api.envs[":env"].scopes.$post({ param: { env }, json: input }), Scope);
}

export function updateScope(env: string, name: string, update: ScopeUpdate) {
  return call(
    bff.api.envs[":env"].scopes.$put({ param: { env }, query: { scope: name }, json: update }),
    Scope,
  );
}

/** Deactivates; nothing is ever deleted at Digdir and the grants are kept (docs/maskinporten.md §3). */
export function deactivateScope(env: string, name: string) {
  return call(
    bff.api.envs[":env"].scopes.$delete(
      { param: { env }, query: { scope: name } },
      confirmedIn(env),
    ),
    Scope,
  );
}

function useScopeWriteSettled(env: string) {
  const queryClient = useQueryClient();
  return (scope: Scope | undefined) => {
    if (scope) queryClient.setQueryData(queryKeys.scope(env, scope.name), scope);
    return queryClient.invalidateQueries({ queryKey: queryKeys.scopes(env) });
  };
}

export function useCreateScope(env: string) {
  const settled = useScopeWriteSettled(env);
  return useMutation({
    mutationFn: (input: ScopeInput) => createScope(env, input),
    onSuccess: settled,
  });
}

export function useUpdateScope(env: string) {
  const settled = useScopeWriteSettled(env);
  return useMutation({
    mutationFn: ({ name, update }: { name: string; update: ScopeUpdate }) =>
      updateScope(env, name, update),
    onSuccess: settled,
  });
}

export function useDeactivateScope(env: string) {
  const settled = useScopeWriteSettled(env);
  return useMutation({
    mutationFn: (name: string) => deactivateScope(env, name),
    onSuccess: settled,
  });
}

import { Client, Scope, ScopeAccess, type ScopeCatalogueQuery } from "@portvakt/contracts";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { z } from "zod";
import { bff, call, withSignal } from "../../lib/api-client";
import { queryKeys } from "../../lib/query-keys";

export function useCatalogue(env: string, query: ScopeCatalogueQuery) {
  const clean = Object.fromEntries(Object.entries(query).filter(([, v]) => v)) as Record<
    string,
    string
  >;
  return useQuery({
    queryKey: queryKeys.catalogue(env, clean),
    queryFn: ({ signal }) =>
      call(
        bff.api.envs[":env"].scopes.all.$get({ param: { env }, query: clean }, withSignal(signal)),
        z.array(Scope),
      ),
    staleTime: 60_000,
  });
}

export function useGrantedToUs(env: string) {
  return useQuery({
    queryKey: queryKeys.accessGrantedToUs(env),
    queryFn: ({ signal }) =>
      call(
        bff.api.envs[":env"].scopes.access.all.$get(
          { param: { env }, query: {} },
          withSignal(signal),
        ),
        z.array(ScopeAccess),
      ),
  });
}

export function useOwnScopes(env: string) {
  return useQuery({
    queryKey: queryKeys.scopeList(env, false),
    queryFn: ({ signal }) =>
      call(
        bff.api.envs[":env"].scopes.$get({ param: { env }, query: {} }, withSignal(signal)),
        z.array(Scope),
      ),
  });
}

export function useCatalogueClients(env: string) {
  return useQuery({
    queryKey: queryKeys.clients(env),
    queryFn: ({ signal }) =>
      call(
        bff.api.envs[":env"].clients.$get({ param: { env }, query: {} }, withSignal(signal)),
        z.array(Client),
      ),
  });
}

/** Puts one more scope on a client (PUT with the whole scope list, as Digdir wants). */
export function useAddScopeToClient(env: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ client, scope }: { client: Client; scope: string }) =>
      call(
        bff.api.envs[":env"].clients[":id"].$put({
          param: { env, id: client.client_id },
          json: { scopes: [...new Set([...(client.scopes ?? []), scope])] },
        }),
        Client,
      ),
    onSuccess: (client) => {
      queryClient.setQueryData(queryKeys.client(env, client.client_id), client);
      return queryClient.invalidateQueries({ queryKey: queryKeys.clients(env), exact: true });
    },
  });
}

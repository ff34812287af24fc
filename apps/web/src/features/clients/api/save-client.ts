import {
  Client,
  type ClientInput,
  type ClientUpdate,
  OWN_ADMIN_CLIENT_CONFIRMATION_HEADER,
} from "@portvakt/contracts";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { bff, call, confirmedIn } from "../../../lib/api-client";
import { queryKeys } from "../../../lib/query-keys";

export function createClient(env: string, input: ClientInput) {
  return call(bff.api.envs[":env"].clients.$post({ param: { env }, json: input }), Client);
}

export function updateClient(env: string, id: string, update: ClientUpdate) {
  return call(
    bff.api.envs[":env"].clients[":id"].$put({ param: { env, id }, json: update }),
    Client,
  );
}

/**
 * Deletes a client. `ownAdminClient`: the person typed the id of Portvakt's own admin client
 * back, so the BFF's lock-out guard gets its confirmation header (428 without it).
 */
export async function deleteClient(env: string, id: string, ownAdminClient = false): Promise<void> {
  const options = confirmedIn(env);
  await call(
    bff.api.envs[":env"].clients[":id"].$delete(
      { param: { env, id } },
      ownAdminClient
        ? { headers: { ...options.headers, [OWN_ADMIN_CLIENT_CONFIRMATION_HEADER]: id } }
        : options,
    ),
  );
}

export function useCreateClient(env: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: ClientInput) => createClient(env, input),
    onSuccess: (client) => {
      queryClient.setQueryData(queryKeys.client(env, client.client_id), client);
      return queryClient.invalidateQueries({ queryKey: queryKeys.clients(env), exact: true });
    },
  });
}

export function useUpdateClient(env: string, id: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (update: ClientUpdate) => updateClient(env, id, update),
    onSuccess: (client) => {
      queryClient.setQueryData(queryKeys.client(env, id), client);
      return queryClient.invalidateQueries({ queryKey: queryKeys.clients(env), exact: true });
    },
  });
}

export function useDeleteClient(env: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ id, ownAdminClient }: { id: string; ownAdminClient?: boolean }) =>
      deleteClient(env, id, ownAdminClient),
    onSuccess: (_void, { id }) => {
      queryClient.removeQueries({ queryKey: queryKeys.client(env, id) });
      queryClient.removeQueries({ queryKey: queryKeys.jwks(env, id) });
      return queryClient.invalidateQueries({ queryKey: queryKeys.clients(env), exact: true });
    },
  });
}

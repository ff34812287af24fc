import { Client, type ClientInput, JwksResponse } from "@portvakt/contracts";
import { useMutation, useQueries, useQuery, useQueryClient } from "@tanstack/react-query";
import { z } from "zod";
import { bff, call, withSignal } from "../../lib/api-client";
import { queryKeys } from "../../lib/query-keys";

export function useSupplierClients(env: string) {
  return useQuery({
    queryKey: queryKeys.clients(env),
    queryFn: ({ signal }) =>
      call(
        bff.api.envs[":env"].clients.$get({ param: { env }, query: {} }, withSignal(signal)),
        z.array(Client),
      ),
  });
}

// The organisation name queries are shared by every page that shows a number (lib).
export {
  useOrganization,
  useOrganizationNames as useOrganizations,
} from "../../lib/organization-status";

export function useKeysOf(env: string, clientIds: string[]) {
  return useQueries({
    queries: clientIds.map((id) => ({
      queryKey: [...queryKeys.jwks(env, id), "supplier"],
      queryFn: ({ signal }: { signal: AbortSignal }) =>
        call(
          bff.api.envs[":env"].clients[":id"].jwks.$get({ param: { env, id } }, withSignal(signal)),
          JwksResponse,
        ),
    })),
    combine: (results) =>
      Object.fromEntries(clientIds.map((id, i) => [id, results[i]?.data?.keys ?? []])),
  });
}

export function useCreateCustomerClient(env: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: ClientInput) =>
      call(bff.api.envs[":env"].clients.$post({ param: { env }, json: input }), Client),
    onSuccess: () =>
      queryClient.invalidateQueries({ queryKey: queryKeys.clients(env), exact: true }),
  });
}

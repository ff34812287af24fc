import { Client, type ClientInput, JwksResponse, Organization } from "@portvakt/contracts";
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

const organizationQuery = (env: string, orgno: string) => ({
  queryKey: queryKeys.organization(env, orgno),
  queryFn: ({ signal }: { signal: AbortSignal }) =>
    call(
      bff.api.envs[":env"].organizations[":orgno"].$get(
        { param: { env, orgno } },
        withSignal(signal),
      ),
      Organization,
    ),
  staleTime: 60 * 60_000,
  retry: false,
});

/** The customer's name from Enhetsregisteret, once the number is a valid org number. */
export function useOrganization(env: string, orgno: string, enabled: boolean) {
  return useQuery({ ...organizationQuery(env, orgno), enabled });
}

export function useOrganizations(env: string, orgnos: string[]) {
  return useQueries({
    queries: orgnos.map((orgno) => organizationQuery(env, orgno)),
    combine: (results) =>
      Object.fromEntries(orgnos.map((orgno, i) => [orgno, results[i]?.data?.name])) as Record<
        string,
        string | undefined
      >,
  });
}

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

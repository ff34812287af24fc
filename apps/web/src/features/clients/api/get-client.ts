import { Client } from "@portvakt/contracts";
import { queryOptions, useQuery } from "@tanstack/react-query";
import { bff, call, withSignal } from "../../../lib/api-client";
import { queryKeys } from "../../../lib/query-keys";

export function getClient(env: string, id: string, signal?: AbortSignal) {
  return call(
    bff.api.envs[":env"].clients[":id"].$get({ param: { env, id } }, withSignal(signal)),
    Client,
  );
}

export const clientQueryOptions = (env: string, id: string) =>
  queryOptions({
    queryKey: queryKeys.client(env, id),
    queryFn: ({ signal }) => getClient(env, id, signal),
  });

export function useClient(env: string, id: string) {
  return useQuery(clientQueryOptions(env, id));
}

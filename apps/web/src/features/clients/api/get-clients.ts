import { Client } from "@portvakt/contracts";
import { queryOptions, useQuery } from "@tanstack/react-query";
import { z } from "zod";
import { bff, call, withSignal } from "../../../lib/api-client";
import { queryKeys } from "../../../lib/query-keys";

export function getClients(env: string, signal?: AbortSignal) {
  return call(
    bff.api.envs[":env"].clients.$get({ param: { env }, query: {} }, withSignal(signal)),
    z.array(Client),
  );
}

export const clientsQueryOptions = (env: string) =>
  queryOptions({
    queryKey: queryKeys.clients(env),
    queryFn: ({ signal }) => getClients(env, signal),
  });

export function useClients(env: string) {
  return useQuery(clientsQueryOptions(env));
}

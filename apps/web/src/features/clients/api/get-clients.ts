import { Client } from "@portvakt/contracts";
import { queryOptions, useQuery } from "@tanstack/react-query";
import { z } from "zod";
import { api, envPath } from "../../../lib/api-client";
import { queryKeys } from "../../../lib/query-keys";

export function getClients(env: string, signal?: AbortSignal) {
  return api(envPath(env, "/clients"), { schema: z.array(Client), signal });
}

export const clientsQueryOptions = (env: string) =>
  queryOptions({
    queryKey: queryKeys.clients(env),
    queryFn: ({ signal }) => getClients(env, signal),
  });

export function useClients(env: string) {
  return useQuery(clientsQueryOptions(env));
}

import { PrefixInfo } from "@portvakt/contracts";
import { queryOptions, useQuery } from "@tanstack/react-query";
import { z } from "zod";
import { bff, call, withSignal } from "../../../lib/api-client";
import { queryKeys } from "../../../lib/query-keys";

/** The prefixes Digdir has assigned to the organisation; scopes can only be created under them. */
export function getPrefixes(env: string, signal?: AbortSignal) {
  return call(
    bff.api.envs[":env"].prefix.$get({ param: { env } }, withSignal(signal)),
    z.array(PrefixInfo).transform((rows) => rows.map((row) => row.prefix)),
  );
}

export const prefixesQueryOptions = (env: string) =>
  queryOptions({
    queryKey: queryKeys.prefixes(env),
    queryFn: ({ signal }) => getPrefixes(env, signal),
    staleTime: 10 * 60_000,
  });

export function usePrefixes(env: string) {
  return useQuery(prefixesQueryOptions(env));
}

import { PrefixInfo } from "@portvakt/contracts";
import { queryOptions, useQuery } from "@tanstack/react-query";
import { z } from "zod";
import { bff, call, withSignal } from "../../../lib/api-client";
import { queryKeys } from "../../../lib/query-keys";

/** The organisation's Maskinporten prefixes: the scopes apiScopes names must live under them. */
export const altinnPrefixesQueryOptions = (env: string) =>
  queryOptions({
    queryKey: queryKeys.prefixes(env),
    queryFn: ({ signal }) =>
      call(
        bff.api.envs[":env"].prefix.$get({ param: { env } }, withSignal(signal)),
        z.array(PrefixInfo).transform((rows) => rows.map((row) => row.prefix)),
      ),
    staleTime: 10 * 60_000,
  });

export function useAltinnPrefixes(env: string) {
  return useQuery(altinnPrefixesQueryOptions(env));
}

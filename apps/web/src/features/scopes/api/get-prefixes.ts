import { DelegationSource, PrefixInfo } from "@portvakt/contracts";
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

/**
 * The organisation's prefixes as Digdir describes them (`GET /api/v1/prefix`, 2025 OpenAPI
 * `ScopePrefix`: owner, organisation name, active, created; every field but the prefix optional).
 */
export function usePrefixDetails(env: string) {
  return useQuery({
    queryKey: [...queryKeys.prefixes(env), "details"] as const,
    queryFn: ({ signal }) =>
      call(
        bff.api.envs[":env"].prefix.$get({ param: { env } }, withSignal(signal)),
        z.array(PrefixInfo),
      ),
    staleTime: 10 * 60_000,
  });
}

/**
 * Where a scope's `delegation_source` may point (`GET /api/v1/delegationsources`, 2025 OpenAPI):
 * `issuer` is the value stored on the scope, `name` what a person reads (e.g. "Altinn").
 */
export function useDelegationSources(env: string) {
  return useQuery({
    queryKey: ["env", env, "delegation-sources"] as const,
    queryFn: ({ signal }) =>
      call(
        bff.api.envs[":env"].delegationsources.$get({ param: { env } }, withSignal(signal)),
        z.array(DelegationSource),
      ),
    staleTime: 60 * 60_000,
  });
}

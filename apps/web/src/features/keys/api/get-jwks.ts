import { JwksResponse } from "@portvakt/contracts";
import { queryOptions, useQuery } from "@tanstack/react-query";
import { apiRequest, envPath } from "../../../lib/api-client";
import { queryKeys } from "../../../lib/query-keys";

/** A key set with the version the BFF gave it, to send back as If-Match on the next edit. */
export type VersionedJwks = { jwks: JwksResponse; etag: string | null };

export const jwksPath = (env: string, clientId: string, rest = "/jwks") =>
  envPath(env, `/clients/${encodeURIComponent(clientId)}${rest}`);

export async function getJwks(env: string, clientId: string, signal?: AbortSignal) {
  const response = await apiRequest(jwksPath(env, clientId), { schema: JwksResponse, signal });
  return { jwks: response.data, etag: response.headers.get("ETag") } satisfies VersionedJwks;
}

export const jwksQueryOptions = (env: string, clientId: string) =>
  queryOptions({
    queryKey: queryKeys.jwks(env, clientId),
    queryFn: ({ signal }) => getJwks(env, clientId, signal),
  });

export function useJwks(env: string, clientId: string) {
  return useQuery(jwksQueryOptions(env, clientId));
}

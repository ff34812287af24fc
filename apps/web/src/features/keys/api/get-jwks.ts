import { JwksResponse } from "@portvakt/contracts";
import { queryOptions, useQuery } from "@tanstack/react-query";
import { bff, send, withSignal } from "../../../lib/api-client";
import { queryKeys } from "../../../lib/query-keys";

/** A key set with the version the BFF gave it, to send back as If-Match on the next edit. */
export type VersionedJwks = { jwks: JwksResponse; etag: string | null };

export async function getJwks(env: string, clientId: string, signal?: AbortSignal) {
  const response = await send(
    bff.api.envs[":env"].clients[":id"].jwks.$get(
      { param: { env, id: clientId } },
      withSignal(signal),
    ),
    JwksResponse,
  );
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

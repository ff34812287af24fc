import { type Jwk, JwksResponse } from "@portvakt/contracts";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { bff, confirmedIn, send } from "../../../lib/api-client";
import { queryKeys } from "../../../lib/query-keys";
import type { VersionedJwks } from "./get-jwks";

/**
 * Digdir replaces the whole key set on every write, so the BFF only applies an edit if the set
 * is still the one the user saw (If-Match); otherwise it answers 412 and nothing is lost.
 */
export async function addClientKey(env: string, clientId: string, jwk: Jwk, etag: string | null) {
  const response = await send(
    bff.api.envs[":env"].clients[":id"].keys.$post({
      param: { env, id: clientId },
      json: { jwk },
      header: etag ? { "if-match": etag } : {},
    }),
    JwksResponse,
  );
  return { jwks: response.data, etag: response.headers.get("ETag") } satisfies VersionedJwks;
}

export async function removeClientKey(
  env: string,
  clientId: string,
  kid: string,
  etag: string | null,
) {
  const response = await send(
    bff.api.envs[":env"].clients[":id"].keys[":kid"].$delete(
      { param: { env, id: clientId, kid }, header: etag ? { "if-match": etag } : {} },
      confirmedIn(env),
    ),
    JwksResponse,
  );
  return { jwks: response.data, etag: response.headers.get("ETag") } satisfies VersionedJwks;
}

function useStoreJwks(env: string, clientId: string) {
  const queryClient = useQueryClient();
  return (result: VersionedJwks) => queryClient.setQueryData(queryKeys.jwks(env, clientId), result);
}

export function useAddClientKey(env: string, clientId: string) {
  const store = useStoreJwks(env, clientId);
  return useMutation({
    mutationFn: ({ jwk, etag }: { jwk: Jwk; etag: string | null }) =>
      addClientKey(env, clientId, jwk, etag),
    onSuccess: store,
  });
}

export function useRemoveClientKey(env: string, clientId: string) {
  const store = useStoreJwks(env, clientId);
  return useMutation({
    mutationFn: ({ kid, etag }: { kid: string; etag: string | null }) =>
      removeClientKey(env, clientId, kid, etag),
    onSuccess: store,
  });
}

/**
 * Replaces the whole key set (BFF `POST .../clients/{id}/jwks`, the guarded key-set editor):
 * only when the set is still the one the user saw (`If-Match`, required; 412 otherwise), and
 * with the environment's confirmation header, as keys may be removed (confirmed in a dialog).
 */
export async function replaceClientKeys(env: string, clientId: string, keys: Jwk[], etag: string) {
  const response = await send(
    bff.api.envs[":env"].clients[":id"].jwks.$post(
      { param: { env, id: clientId }, json: { keys }, header: { "if-match": etag } },
      confirmedIn(env),
    ),
    JwksResponse,
  );
  return { jwks: response.data, etag: response.headers.get("ETag") } satisfies VersionedJwks;
}

export function useReplaceClientKeys(env: string, clientId: string) {
  const store = useStoreJwks(env, clientId);
  return useMutation({
    mutationFn: ({ keys, etag }: { keys: Jwk[]; etag: string }) =>
      replaceClientKeys(env, clientId, keys, etag),
    onSuccess: store,
  });
}

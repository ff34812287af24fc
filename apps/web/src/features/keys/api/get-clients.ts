import { Client } from "@portvakt/contracts";
import { daysUntilKeyExpiry, keyNeedsRotation } from "@portvakt/maskinporten-rules/limits";
import { useQueries, useQuery } from "@tanstack/react-query";
import { z } from "zod";
import { bff, call, withSignal } from "../../../lib/api-client";
import { queryKeys } from "../../../lib/query-keys";
import { jwksQueryOptions } from "./get-jwks";

// The same cache entries as the clients feature: one request whichever page asks first.

export function useClientOfKeys(env: string, id: string) {
  return useQuery({
    queryKey: queryKeys.client(env, id),
    queryFn: ({ signal }) =>
      call(
        bff.api.envs[":env"].clients[":id"].$get({ param: { env, id } }, withSignal(signal)),
        Client,
      ),
  });
}

export function useClientsOfKeys(env: string) {
  return useQuery({
    queryKey: queryKeys.clients(env),
    queryFn: ({ signal }) =>
      call(
        bff.api.envs[":env"].clients.$get({ param: { env }, query: {} }, withSignal(signal)),
        z.array(Client),
      ),
  });
}

/** One row per key of every active client, for the overview and the expiry warnings. */
export type KeyRow = { client: Client; kid: string; exp?: number; alg?: string };

export function useAllKeys(env: string) {
  const clients = useClientsOfKeys(env);
  const active = (clients.data ?? []).filter((c) => c.active);
  return useQueries({
    queries: active.map((client) => jwksQueryOptions(env, client.client_id)),
    combine: (results) => {
      const rows: KeyRow[] = [];
      results.forEach((result, index) => {
        const client = active[index]!;
        for (const key of result.data?.jwks.keys ?? []) {
          rows.push({
            client,
            kid: key.kid ?? "",
            ...(key.exp !== undefined ? { exp: key.exp } : {}),
            ...(key.alg ? { alg: key.alg } : {}),
          });
        }
      });
      return {
        rows,
        isPending: clients.isPending || results.some((r) => r.isPending),
        error: clients.error ?? results.find((r) => r.error)?.error ?? null,
      };
    },
  });
}

/**
 * A key's expiry (`exp`, epoch seconds) at `nowMs` (epoch ms): none, expired, soon (within the
 * rules' 30 days, as nais/digdirator rotates) or ok.
 */
export function expiryState(exp: number | undefined, nowMs: number) {
  if (exp === undefined) return { state: "none" as const, days: Number.POSITIVE_INFINITY };
  const days = daysUntilKeyExpiry(exp, nowMs);
  if (exp * 1000 <= nowMs) return { state: "expired" as const, days };
  if (keyNeedsRotation(exp, nowMs)) return { state: "soon" as const, days };
  return { state: "ok" as const, days };
}

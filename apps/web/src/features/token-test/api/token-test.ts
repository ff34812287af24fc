import { Client, JwksResponse } from "@portvakt/contracts";
import { DiagnosisCheck } from "@portvakt/diagnosis";
import { useMutation, useQuery } from "@tanstack/react-query";
import { z } from "zod";
import { bff, call, withSignal } from "../../../lib/api-client";
import { queryKeys } from "../../../lib/query-keys";

const TokenTestInfo = z.object({
  issuer: z.string(),
  token_endpoint: z.string(),
  allowed: z.boolean(),
  reason: z.string().optional(),
});

export const TokenTestResult = z.discriminatedUnion("ok", [
  z.object({
    ok: z.literal(true),
    status: z.number(),
    token: z
      .object({
        header: z.record(z.string(), z.unknown()),
        claims: z.record(z.string(), z.unknown()),
      })
      .nullable(),
    token_type: z.string().optional(),
    expires_in: z.number().optional(),
    scope: z.string().optional(),
  }),
  z.object({
    ok: z.literal(false),
    status: z.number(),
    error: z.string(),
    error_description: z.string().optional(),
    mp_code: z.string().optional(),
    explanation: z
      .object({
        id: z.string(),
        cause: z.string(),
        fix: z.string(),
        matched_by: z.enum(["error_uri", "error_description", "error"]).optional(),
      })
      .optional(),
  }),
]);
export type TokenTestResult = z.infer<typeof TokenTestResult>;

// The diagnosis's check, as the diagnosis package defines it (coded texts with parameters).
export const GrantChecks = z.object({
  checks: z.array(DiagnosisCheck),
  mpCode: z.string().optional(),
});

/** Where grants of this environment go: the issuer is the `aud` of every grant. */
export function useTokenTestInfo(env: string) {
  return useQuery({
    queryKey: [...queryKeys.env(env), "token-test"],
    queryFn: ({ signal }) =>
      call(
        bff.api.envs[":env"]["token-test"].$get({ param: { env } }, withSignal(signal)),
        TokenTestInfo,
      ),
    staleTime: 10 * 60_000,
  });
}

export function useTesterClients(env: string) {
  return useQuery({
    queryKey: queryKeys.clients(env),
    queryFn: ({ signal }) =>
      call(
        bff.api.envs[":env"].clients.$get({ param: { env }, query: {} }, withSignal(signal)),
        z.array(Client),
      ),
  });
}

export function useTesterJwks(env: string, clientId: string) {
  return useQuery({
    queryKey: [...queryKeys.jwks(env, clientId), "tester"],
    queryFn: ({ signal }) =>
      call(
        bff.api.envs[":env"].clients[":id"].jwks.$get(
          { param: { env, id: clientId } },
          withSignal(signal),
        ),
        JwksResponse,
      ),
    enabled: clientId !== "",
  });
}

/** Only the signed grant is sent; the BFF answers the token decoded, never the token itself. */
export function useSendGrant(env: string) {
  return useMutation({
    mutationFn: (assertion: string) =>
      call(
        bff.api.envs[":env"]["token-test"].$post({ param: { env }, json: { assertion } }),
        TokenTestResult,
      ),
  });
}

export function useDiagnoseGrant(env: string) {
  return useMutation({
    mutationFn: ({ input, clientId }: { input: string; clientId: string }) =>
      call(
        bff.api.envs[":env"].diagnose.$post({ param: { env }, json: { input, clientId } }),
        GrantChecks,
      ),
  });
}

import { Client, JwksResponse, TokenTestInfo, TokenTestResult } from "@portvakt/contracts";
import { DiagnosisCheck } from "@portvakt/diagnosis";
import { useMutation, useQuery } from "@tanstack/react-query";
import { z } from "zod";
import { bff, call, withSignal } from "../../../lib/api-client";
import { queryKeys } from "../../../lib/query-keys";

// The answers' shapes are the contracts' (one definition with the BFF).
export { TokenTestResult } from "@portvakt/contracts";

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

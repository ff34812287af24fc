import { ScopeAccess } from "@portvakt/contracts";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { z } from "zod";
import { bff, call, confirmedIn, withSignal } from "../../lib/api-client";
import { queryKeys } from "../../lib/query-keys";

/**
 * Rows in state REQUESTED of the organisation's own scopes (the BFF's
 * `GET /api/envs/{env}/access-requests`; Digdir has no such list, the BFF reads each scope).
 */
export function useAccessRequests(env: string) {
  return useQuery({
    queryKey: [...queryKeys.access(env), "requests"],
    queryFn: ({ signal }) =>
      call(
        bff.api.envs[":env"]["access-requests"].$get({ param: { env } }, withSignal(signal)),
        z.array(ScopeAccess),
      ),
  });
}

export type RequestDecision = { scope: string; orgno: string; decision: "approve" | "deny" };

/**
 * Approves (`PUT .../scopes/access/{orgno}?scope=`, the row becomes APPROVED) or denies
 * (`DELETE`, the row becomes DENIED; with the environment's confirmation header, as the person
 * confirmed in a dialog) one request: the operations Digdir's 2025 OpenAPI offers for it.
 */
export function useDecideRequest(env: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ scope, orgno, decision }: RequestDecision) =>
      call(
        decision === "approve"
          ? bff.api.envs[":env"].scopes.access[":orgno"].$put({
              param: { env, orgno },
              query: { scope },
            })
          : bff.api.envs[":env"].scopes.access[":orgno"].$delete(
              { param: { env, orgno }, query: { scope } },
              confirmedIn(env),
            ),
        ScopeAccess,
      ),
    onSettled: () => queryClient.invalidateQueries({ queryKey: queryKeys.access(env) }),
  });
}

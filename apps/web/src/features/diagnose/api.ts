import { Client } from "@portvakt/contracts";
import { useMutation, useQuery } from "@tanstack/react-query";
import { z } from "zod";
import { bff, call, withSignal } from "../../lib/api-client";
import { queryKeys } from "../../lib/query-keys";

const Check = z.object({
  rule: z.string(),
  ok: z.boolean(),
  severity: z.enum(["error", "warning", "info"]),
  message: z.string(),
  fix: z.string().optional(),
  mpCode: z.string().optional(),
});
export type Check = z.infer<typeof Check>;

export const DiagnoseResult = z.object({
  kind: z.string(),
  summary: z.string(),
  header: z.record(z.string(), z.unknown()).optional(),
  claims: z.record(z.string(), z.unknown()).optional(),
  error: z.record(z.string(), z.unknown()).optional(),
  mpCode: z.string().optional(),
  checks: z.array(Check),
  context: z.object({
    issuer: z.string(),
    client: z
      .object({ client_id: z.string(), client_name: z.string(), client_orgno: z.string() })
      .optional(),
    clientNote: z.string().optional(),
    grantedScopesKnown: z.boolean(),
  }),
});
export type DiagnoseResult = z.infer<typeof DiagnoseResult>;

export function useDiagnose(env: string) {
  return useMutation({
    mutationFn: ({ input, clientId }: { input: string; clientId?: string }) =>
      call(
        bff.api.envs[":env"].diagnose.$post({
          param: { env },
          json: { input, ...(clientId ? { clientId } : {}) },
        }),
        DiagnoseResult,
      ),
  });
}

export function useDiagnoseClients(env: string) {
  return useQuery({
    queryKey: queryKeys.clients(env),
    queryFn: ({ signal }) =>
      call(
        bff.api.envs[":env"].clients.$get({ param: { env }, query: {} }, withSignal(signal)),
        z.array(Client),
      ),
  });
}

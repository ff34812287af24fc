import { useMutation, useQueryClient } from "@tanstack/react-query";
import { z } from "zod";
import { bff, call } from "../../../lib/api-client";
import { queryKeys } from "../../../lib/query-keys";
import { MetadataProblem } from "./validate-metadata";

export const PROVISION_STATUSES = [
  "created",
  "exists",
  "reactivated",
  "granted",
  "already-granted",
  "failed",
  "unknown",
  "will-create",
  "will-reactivate",
  "will-grant",
] as const;

const ProvisionItem = z.object({
  kind: z.enum(["scope", "grant"]),
  scope: z.string(),
  consumer_orgno: z.string().optional(),
  status: z.enum(PROVISION_STATUSES),
  detail: z.string().optional(),
  correlation_id: z.string().optional(),
});
export type ProvisionItem = z.infer<typeof ProvisionItem>;

const ProvisionAnswer = z.object({
  app: z.string(),
  dryRun: z.boolean(),
  ok: z.boolean(),
  items: z.array(ProvisionItem),
  warnings: z.array(MetadataProblem),
});
export type ProvisionAnswer = z.infer<typeof ProvisionAnswer>;

export type ProvisionInput = { metadata: string; grantTo: string[]; dryRun: boolean };

/** Creates the app's missing scopes (and grants); the BFF makes it safe to repeat. */
export function provisionAltinnScopes(env: string, input: ProvisionInput) {
  return call(
    bff.api.envs[":env"].altinn.provision.$post({
      param: { env },
      json: {
        metadata: input.metadata,
        dryRun: input.dryRun,
        ...(input.grantTo.length > 0 ? { grantTo: input.grantTo } : {}),
      },
    }),
    ProvisionAnswer,
  );
}

export function useProvisionAltinnScopes(env: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: ProvisionInput) => provisionAltinnScopes(env, input),
    onSuccess: (answer) => {
      if (answer.dryRun) return;
      // New scopes and grants show on the other pages, and the report's states change.
      return Promise.all([
        queryClient.invalidateQueries({ queryKey: [...queryKeys.env(env), "altinn"] }),
        queryClient.invalidateQueries({ queryKey: queryKeys.scopes(env) }),
        queryClient.invalidateQueries({ queryKey: queryKeys.access(env) }),
      ]);
    },
  });
}

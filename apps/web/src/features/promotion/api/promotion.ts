import { useMutation, useQueryClient } from "@tanstack/react-query";
import { z } from "zod";
import { bff, call, confirmedIn } from "../../../lib/api-client";
import { type ApplyOutcome, Plan, reach, readApplyAnswer } from "../../../lib/plan-apply";
import { queryKeys } from "../../../lib/query-keys";

/** The BFF's promotion plan: the promoted document (YAML) and its plan against the target. */
export const PromotionPlan = z.object({
  from: z.string(),
  to: z.string(),
  plan: Plan,
  document: z.string(),
  documentFingerprint: z.string(),
});
export type PromotionPlan = z.infer<typeof PromotionPlan>;

/** A mapping the person can start from: the README's example. */
export const EXAMPLE_MAPPING = `# Source -> target: every org number and scope prefix the source uses
from: test
to: prod
organizations:
  "310000019": "910000004" # a test organisation -> its number in prod
  "889640782": "889640782" # the same in both
prefixes:
  digdir: digdir
clients:
  "Min klient (test)": "Min klient"
`;

export interface PromotionInput {
  from: string;
  to: string;
  mapping: string;
}

/** Plans promoting `from` to `to` through the mapping; nothing is changed. */
export function planPromotion({ from, to, mapping }: PromotionInput): Promise<PromotionPlan> {
  return call(
    bff.api.envs[":env"].promotion.plan.$post({ param: { env: to }, json: { from, mapping } }),
    PromotionPlan,
  );
}

/**
 * Applies the chosen steps (each chosen step is confirmed by being chosen). A stale plan (409
 * with the new plan) and a step Digdir failed (409/502 with the report) are answers to show;
 * anything else is a problem (e.g. a chosen step that needs one not chosen).
 */
export async function applyPromotion(
  input: PromotionInput & { planFingerprint: string; documentFingerprint: string; steps: string[] },
): Promise<ApplyOutcome> {
  const response = await reach(
    bff.api.envs[":env"].promotion.apply.$post(
      {
        param: { env: input.to },
        json: {
          from: input.from,
          mapping: input.mapping,
          planFingerprint: input.planFingerprint,
          documentFingerprint: input.documentFingerprint,
          steps: input.steps,
          confirm: input.steps,
        },
      },
      confirmedIn(input.to),
    ),
  );
  return readApplyAnswer(response);
}

export function usePlanPromotion() {
  return useMutation({ mutationFn: planPromotion });
}

export function useApplyPromotion() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: applyPromotion,
    onSettled: (_data, _error, input) =>
      queryClient.invalidateQueries({ queryKey: queryKeys.env(input.to) }),
  });
}

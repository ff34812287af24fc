import { useMutation, useQueryClient } from "@tanstack/react-query";
import { bff, call, confirmedIn } from "../../../lib/api-client";
import {
  type ApplyOutcome,
  jsonOf,
  Plan,
  problemOf,
  reach,
  readApplyAnswer,
} from "../../../lib/plan-apply";
import { queryKeys } from "../../../lib/query-keys";

export type DocumentFormat = "yaml" | "json";

export type { ApplyOutcome, Plan, PlanStep, StepReport } from "../../../lib/plan-apply";

/** JSON when it looks like JSON, so its errors are told as JSON errors; YAML otherwise. */
export function formatOf(text: string, fileName?: string): DocumentFormat {
  if (fileName && /\.json$/i.test(fileName)) return "json";
  if (fileName && /\.ya?ml$/i.test(fileName)) return "yaml";
  return /^\s*[{[]/.test(text) ? "json" : "yaml";
}

/** The environment's document as text (YAML or JSON), exactly as the BFF formats it. */
export async function exportDocument(env: string, format: DocumentFormat): Promise<string> {
  const response = await reach(
    bff.api.envs[":env"].config.export.$get({ param: { env }, query: { format } }),
  );
  const text = await response.text();
  if (!response.ok) throw problemOf(response.status, response.statusText, jsonOf(text));
  return text;
}

export function planDocument(env: string, document: string, format: DocumentFormat) {
  return call(
    bff.api.envs[":env"].config.plan.$post({ param: { env }, json: { document, format } }),
    Plan,
  );
}

/**
 * Applies a reviewed plan. A stale plan (409 with the new plan) and a step that failed at Digdir
 * (409/502 with the report) are answers to show, not errors; anything else is a problem.
 */
export async function applyPlan(
  env: string,
  input: { document: string; format: DocumentFormat; planFingerprint: string; confirm: string[] },
): Promise<ApplyOutcome> {
  return readApplyAnswer(
    await reach(
      bff.api.envs[":env"].config.apply.$post({ param: { env }, json: input }, confirmedIn(env)),
    ),
  );
}

export function usePlanDocument(env: string) {
  return useMutation({
    mutationFn: (input: { document: string; format: DocumentFormat }) =>
      planDocument(env, input.document, input.format),
  });
}

export function useApplyPlan(env: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: Parameters<typeof applyPlan>[1]) => applyPlan(env, input),
    // Scopes, grants, clients and keys may all have changed.
    onSettled: () => queryClient.invalidateQueries({ queryKey: queryKeys.env(env) }),
  });
}

import { ApplyReport, Plan } from "@portvakt/config-as-code/answer";
import { Problem } from "@portvakt/contracts";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { z } from "zod";
import {
  ApiProblem,
  bff,
  call,
  confirmedIn,
  throwIfChangeRequested,
} from "../../../lib/api-client";
import { queryKeys } from "../../../lib/query-keys";

export type DocumentFormat = "yaml" | "json";

// The plan and apply answers are read with the schemas of the package that makes them.
export {
  ApplyReport,
  Plan,
  PlanGroup,
  PlanStep,
  STEP_KINDS,
  StepKind,
  StepReport,
} from "@portvakt/config-as-code/answer";

const StaleAnswer = z.object({ type: z.literal("urn:portvakt:problem:stale-plan"), plan: Plan });

/** JSON when it looks like JSON, so its errors are told as JSON errors; YAML otherwise. */
export function formatOf(text: string, fileName?: string): DocumentFormat {
  if (fileName && /\.json$/i.test(fileName)) return "json";
  if (fileName && /\.ya?ml$/i.test(fileName)) return "yaml";
  return /^\s*[{[]/.test(text) ? "json" : "yaml";
}

type RawResponse = { ok: boolean; status: number; statusText: string; text(): Promise<string> };

/** The request, or a 503 problem when the BFF cannot be reached. */
export async function reach<T extends RawResponse>(request: Promise<T>): Promise<T> {
  try {
    return await request;
  } catch {
    throw new ApiProblem({
      type: "about:blank",
      title: "Network error",
      status: 503,
      detail: "Portvakt's server could not be reached. Check the connection and try again.",
    });
  }
}

/** The answer's problem, or one made from the status when the body is none. */
export function problemOf(status: number, statusText: string, body: unknown): ApiProblem {
  const parsed = Problem.safeParse(body);
  if (parsed.success) return new ApiProblem(parsed.data);
  return new ApiProblem({
    type: "about:blank",
    title: statusText || `HTTP ${status}`,
    status: status >= 400 ? status : 500,
    detail: `The server answered ${status} without a problem description.`,
  });
}

/** The text as JSON, undefined when it is not JSON. */
export function jsonOf(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
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

export type ApplyOutcome =
  | { kind: "report"; report: ApplyReport }
  | { kind: "stale"; plan: Plan; detail?: string };

/**
 * Applies a reviewed plan. A stale plan (409 with the new plan) and a step that failed at Digdir
 * (409/502 with the report) are answers to show, not errors; anything else is a problem.
 */
export async function applyPlan(
  env: string,
  input: { document: string; format: DocumentFormat; planFingerprint: string; confirm: string[] },
): Promise<ApplyOutcome> {
  const response = await reach(
    bff.api.envs[":env"].config.apply.$post({ param: { env }, json: input }, confirmedIn(env)),
  );
  const body = jsonOf(await response.text());
  // Four-eyes on: stored as a change request for another admin, not applied.
  throwIfChangeRequested(response, body);
  const report = ApplyReport.safeParse(body);
  if (response.ok || response.status === 409 || response.status === 502) {
    const stale = StaleAnswer.safeParse(body);
    if (stale.success) {
      const detail = Problem.safeParse(body).data?.detail;
      return { kind: "stale", plan: stale.data.plan, ...(detail ? { detail } : {}) };
    }
    if (report.success) return { kind: "report", report: report.data };
  }
  throw problemOf(response.status, response.statusText, body);
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

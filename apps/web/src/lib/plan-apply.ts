import { ApplyReport, Plan } from "@portvakt/config-as-code/answer";
import { Problem } from "@portvakt/contracts";
import { z } from "zod";
import { ApiProblem, throwIfChangeRequested } from "./api-client";

// The plan and apply answers are read with the schemas of the package that makes them
// (`@portvakt/config-as-code/answer`), shared by config apply and promotion.
export {
  ApplyReport,
  Plan,
  PlanGroup,
  PlanStep,
  STEP_KINDS,
  StepKind,
  StepReport,
} from "@portvakt/config-as-code/answer";

/** What an apply (config or promotion) answered: a report to show, or a newer plan to review. */
export type ApplyOutcome =
  | { kind: "report"; report: ApplyReport }
  | { kind: "stale"; plan: Plan; detail?: string };

/** Step kinds an operator may apply alone: grants and revokes (the BFF checks the same). */
export const ACCESS_KINDS: ReadonlySet<string> = new Set(["access.grant", "access.revoke"]);

const StaleAnswer = z.object({
  type: z.literal("urn:portvakt:problem:stale-plan"),
  plan: Plan,
  detail: z.string().optional(),
});

type RawResponse = {
  ok: boolean;
  status: number;
  statusText: string;
  headers: Headers;
  text(): Promise<string>;
};

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

/**
 * Reads an apply's answer (`POST …/config/apply` or `…/promotion/apply`). A stale plan (409 with
 * the new plan, `urn:portvakt:problem:stale-plan`) and a step that failed at Digdir (409/502 with
 * the report) are answers to show, not errors. Throws the change request (202, four-eyes on) for
 * the shell to tell, and any other answer as an {@link ApiProblem}.
 */
export async function readApplyAnswer(response: RawResponse): Promise<ApplyOutcome> {
  const body = jsonOf(await response.text());
  throwIfChangeRequested(response, body);
  if (response.ok || response.status === 409 || response.status === 502) {
    const stale = StaleAnswer.safeParse(body);
    if (stale.success) {
      const detail = stale.data.detail ?? Problem.safeParse(body).data?.detail;
      return { kind: "stale", plan: stale.data.plan, ...(detail ? { detail } : {}) };
    }
    const report = ApplyReport.safeParse(body);
    if (report.success) return { kind: "report", report: report.data };
  }
  throw problemOf(response.status, response.statusText, body);
}

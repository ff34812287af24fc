import { ApplyReport, Plan } from "@portvakt/config-as-code/answer";
import { MessageParams, Problem } from "@portvakt/contracts";
import { z } from "zod";
import { ApiProblem, codedDetail, throwIfChangeRequested } from "./api-client";

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

/**
 * The BFF's sentence about a stale plan: its code and parameters (`problem.config.stale-plan`,
 * shown in the page's language with `tc`) beside the English `detail`.
 */
export interface StaleText {
  code?: string | undefined;
  params?: MessageParams | undefined;
  detail?: string | undefined;
}

/** What an apply (config or promotion) answered: a report to show, or a newer plan to review. */
export type ApplyOutcome =
  | { kind: "report"; report: ApplyReport }
  | { kind: "stale"; plan: Plan; text?: StaleText };

/** Step kinds an operator may apply alone: grants and revokes (the BFF checks the same). */
export const ACCESS_KINDS: ReadonlySet<string> = new Set(["access.grant", "access.revoke"]);

const StaleAnswer = z.object({
  type: z.literal("urn:portvakt:problem:stale-plan"),
  plan: Plan,
  detail: z.string().optional(),
  code: z.string().optional(),
  params: MessageParams.optional(),
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
      ...codedDetail("problem.network"),
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
    ...codedDetail("problem.no-problem-body", { status: String(status) }),
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
      const { detail, code, params } = stale.data;
      return {
        kind: "stale",
        plan: stale.data.plan,
        ...(detail || code ? { text: { detail, code, params } } : {}),
      };
    }
    const report = ApplyReport.safeParse(body);
    if (report.success) return { kind: "report", report: report.data };
  }
  throw problemOf(response.status, response.statusText, body);
}

import { randomUUID } from "node:crypto";
import { createRoute, z } from "@hono/zod-openapi";
import {
  ApplyReport,
  applyDocument,
  type ConfigDocument,
  configJsonSchema,
  DocumentError,
  exportDocument,
  formatDocument,
  organizationNamesOf,
  Plan,
  type PlanStep,
  PromotionError,
  parseDocument,
  planChanges,
  readLiveState,
  StalePlanError,
  UnconfirmedStepsError,
} from "@portvakt/config-as-code";
import { KeyEditRefused, MaskinportenError } from "@portvakt/maskinporten";
import type { Context } from "hono";
import {
  type AuditText,
  auditFields,
  auditText,
  joinTexts,
  targetPart,
  textOf,
} from "../audit/text";
import { changes, reads, recordChange } from "../auth/guard";
import { roleAllows } from "../auth/roles";
import { OutcomeUnknownError } from "../changes/guard";
import { guardedApiOf } from "../changes/request";
import type { BffEnv } from "../context";
import { executionNote, executionOf, type FourEyesExecution } from "../four-eyes/defer";
import {
  codedFieldError,
  codedProblem,
  ProblemError,
  problemBody,
  problemFromChange,
  problemFromKeyEdit,
  problemFromUpstream,
  refusedByPortvakt,
} from "../problem";
import { requirePlanConfirmation } from "../security/prod-confirmation";
import {
  createRouter,
  EnvParam,
  environmentOf,
  jsonBody,
  jsonResponse,
  problemResponses,
} from "./openapi";

const tags = ["config"];

const Format = z.enum(["yaml", "json"]);

// The plan and apply answers are the package's own schemas (it makes them; the web app reads
// them with the same ones).
const PlanSchema = Plan;
const ApplyReportSchema = ApplyReport;
const asPlan = (plan: Plan): Plan => plan;
const asReport = (report: ApplyReport): ApplyReport => report;

/**
 * The answers of an apply (config apply, promotion apply), one declaration for both: 200 the
 * report; 409 a changed state (problem with the new plan) or a step Digdir refused (report); 502 a
 * step failed; 504 a step's outcome is unknown. `changed` names what changed since the plan.
 */
export function applyResponses(changed: "environment" | "target") {
  return {
    200: jsonResponse(ApplyReportSchema, "Applied, or nothing to do"),
    ...problemResponses,
    409: {
      description: `The ${changed} changed since the plan (the problem's \`plan\` is the new plan), or a step failed at Digdir`,
      content: {
        "application/problem+json": { schema: z.record(z.string(), z.unknown()) },
        "application/json": { schema: ApplyReportSchema },
      },
    },
    502: {
      description: "A step failed at Digdir: the report says what was done and what not",
      content: { "application/json": { schema: ApplyReportSchema } },
    },
    504: {
      description:
        "Digdir's answer to a step was lost and a re-read could not tell whether it was made; the audit log follows it up",
      content: { "application/json": { schema: ApplyReportSchema } },
    },
  };
}

const DocumentText = z.string().min(1).openapi({
  description: "The document's text, YAML or JSON (as downloaded from export)",
});

const PlanRequest = z.object({ document: DocumentText, format: Format.optional() });
const ApplyRequest = z.object({
  document: DocumentText,
  format: Format.optional(),
  planFingerprint: z.string().min(1).openapi({ description: "`fingerprint` of the reviewed plan" }),
  confirm: z
    .array(z.string())
    .default([])
    .openapi({ description: "Ids of the dangerous steps the person confirmed" }),
});

/**
 * A promotion that cannot be planned or applied: 400 `problem.promotion.invalid`, each issue a
 * coded field error (`problem.promotion.<code>`, nb/nn/en) at its path in the mapping or the
 * source document (`steps` for a choice of steps).
 */
export function promotionProblem(error: PromotionError): ProblemError {
  return codedProblem(
    400,
    "problem.promotion.invalid",
    { count: error.issues.length },
    {
      type: "urn:portvakt:problem:invalid-promotion",
      // An issue whose own words have a code (a zod check, a document rule) is sent with that
      // code, so the page shows no English `message` parameter.
      errors: error.issues.map((issue) =>
        issue.text
          ? {
              field: issue.path || "mapping",
              message: issue.message,
              code: issue.text.code,
              ...(issue.text.params ? { params: issue.text.params } : {}),
            }
          : codedFieldError(
              issue.path || "mapping",
              `problem.promotion.${issue.code}`,
              issue.params,
            ),
      ),
    },
  );
}

export function documentProblem(error: DocumentError): ProblemError {
  return new ProblemError(400, {
    type: "urn:portvakt:problem:invalid-config-document",
    detail: error.message,
    code: "problem.config.invalid-document",
    params: { count: error.issues.length },
    errors: error.issues.map((issue) => ({
      field: issue.path || "document",
      message: issue.message,
      ...(issue.code ? { code: issue.code } : {}),
      ...(issue.params ? { params: issue.params } : {}),
    })),
  });
}

function parse(text: string, format: "yaml" | "json" | undefined) {
  try {
    return parseDocument(text, format);
  } catch (error) {
    if (error instanceof DocumentError) throw documentProblem(error);
    throw error;
  }
}

function planOptions(c: Context<BffEnv>) {
  const environment = environmentOf(c);
  return { environment: environment.config.id, production: environment.config.kind === "prod" };
}

/** Where a step acts, for the audit entry: the part of its id after the kind. */
function stepTarget(step: PlanStep): string {
  return step.id.slice(step.kind.length + 1);
}

/** What the audit log keeps of a step: key steps by kid only, never key material. */
function auditedSide(step: PlanStep, side: "before" | "after"): unknown {
  const value = step[side];
  if (value === null) return undefined;
  if (step.kind === "key.add" || step.kind === "key.remove") return { kid: step.kid };
  return value;
}

const OPERATOR_KINDS = new Set(["access.grant", "access.revoke"]);

/** What an apply request carries besides the document (config apply, promotion apply). */
export interface AuditedApplyRequest {
  planFingerprint: string;
  confirm: readonly string[];
  /** Only these steps of the plan (a promotion's chosen parts); default all. */
  steps?: readonly string[];
}

/** What `applyAudited` answers; the route sends it (a problem or the report, with its status). */
export type AuditedApplyResult =
  | { stale: Record<string, unknown> & { plan: Plan } }
  | { report: ApplyReport; status: 200 | 409 | 502 | 504 };

/**
 * Applies `document` to the route's environment with the truthful-change rules: re-planned
 * against the live state (a changed state is a 409 `stale-plan` problem carrying the new plan),
 * every dangerous step confirmed, the prod confirmation header for removals in prod, an
 * operator limited to grants and revokes, every write through the guarded API (locks, sent
 * once, outcome re-read), and one audit entry per step (`config.apply.<kind>`) besides the
 * route's own entry, whose target is `<env> (plan <what.plan>)`, or for a promotion
 * `<env> (promotion from <what.from>, plan <what.plan>)` (coded `audit.target.config`).
 * @returns the report with its status (200 applied or nothing to do, 409 Digdir refused a step,
 *   502 it failed, 504 a step's outcome is unknown), or the 409 stale-plan problem with the new
 *   plan.
 * @throws ProblemError (400 invalid document or promotion, unconfirmed steps; 403; 428).
 */
export async function applyAudited(
  c: Context<BffEnv>,
  document: ConfigDocument,
  body: AuditedApplyRequest,
  what: { plan: string; from?: string },
): Promise<AuditedApplyResult> {
  const options = planOptions(c);
  const session = c.get("session")!;
  // An approved change request carried out: each step's entry names both people too.
  const execution = executionOf(c);
  const role = session.roles[options.environment];
  // "<env> (plan <fp>)" or "<env> (promotion from <env>, plan <fp>)", coded `audit.target.config`.
  const said = `${what.from !== undefined ? `promotion from ${what.from}, ` : ""}plan ${what.plan}`;
  recordChange(c, {
    target: {
      text: `${options.environment} (${said})`,
      parts: [
        targetPart("audit.target.config", {
          env: options.environment,
          what: what.from !== undefined ? "promotion" : "plan",
          from: what.from ?? "",
          fingerprint: what.plan,
        }),
      ],
    },
  });

  let report: ApplyReport;
  let plannedSteps: readonly PlanStep[] = [];
  let stepAuditIds: string[] = [];
  let stepIndex = 0;
  let failure: ProblemError | undefined;
  let unknownStep: string | undefined;
  // The failed step was refused by Portvakt before it was sent (an earlier change of its
  // resource still unknown, its lock held elsewhere, a refused key edit): `denied`.
  let refusedStep: string | undefined;
  try {
    // Each step has its own entry, written when the step ends; its id is chosen beforehand
    // so that a step whose outcome is unknown leaves a pending change naming it, and the
    // follow-up follows the step's entry (issue 13, 1 and 3).
    const guarded = guardedApiOf(c, () => {
      const step = plannedSteps[stepIndex];
      return step
        ? {
            auditId: stepAuditIds[stepIndex]!,
            action: `config.apply.${step.kind}`,
            target: stepTarget(step),
          }
        : {};
    });
    report = await applyDocument(guarded, document, {
      ...options,
      keys: guarded.keySetEditor(),
      planFingerprint: body.planFingerprint,
      confirm: body.confirm,
      ...(body.steps ? { steps: body.steps } : {}),
      authorize: (plan) => {
        plannedSteps = plan.steps;
        stepAuditIds = plan.steps.map(() => randomUUID());
        requirePlanConfirmation(c, options.environment, plan.steps);
        if (roleAllows(role, "admin")) return;
        const beyond = [
          ...new Set(plan.steps.map((s) => s.kind).filter((k) => !OPERATOR_KINDS.has(k))),
        ];
        if (beyond.length > 0) {
          throw codedProblem(403, "problem.config.operator-only", {
            kinds: beyond.join(", "),
          });
        }
      },
      onStep: async ({ step, outcome, cause }) => {
        if (outcome === "failed") {
          failure =
            problemFromChange(cause) ??
            (cause instanceof MaskinportenError ? problemFromUpstream(cause) : undefined) ??
            (cause instanceof KeyEditRefused ? problemFromKeyEdit(cause) : undefined);
          unknownStep = cause instanceof OutcomeUnknownError ? step.id : undefined;
          refusedStep = refusedByPortvakt(cause) ? step.id : undefined;
        }
        const before = auditedSide(step, "before");
        const after = auditedSide(step, "after");
        const index = stepIndex++;
        await c.get("audit").appendKept({
          ...(plannedSteps[index]?.id === step.id ? { id: stepAuditIds[index]! } : {}),
          actor: { sub: session.sub, name: session.name },
          role: role ?? "none",
          env: options.environment,
          action: `config.apply.${step.kind}`,
          target: stepTarget(step),
          outcome:
            outcome === "done"
              ? "success"
              : unknownStep === step.id
                ? "unknown"
                : refusedStep === step.id
                  ? "denied"
                  : "failure",
          status: outcome === "done" ? 200 : (failure?.status ?? 500),
          requestId: c.get("requestId"),
          ...(failure?.problem.correlation_id
            ? { correlationId: failure.problem.correlation_id }
            : {}),
          ...auditFields(stepDetail(step, outcome !== "done", failure, execution)),
          ...(before !== undefined ? { before } : {}),
          ...(after !== undefined ? { after } : {}),
        });
      },
    });
  } catch (error) {
    if (error instanceof PromotionError) throw promotionProblem(error);
    if (error instanceof DocumentError) throw documentProblem(error);
    if (error instanceof StalePlanError) {
      // Refused before any step was sent: the person reviews the new plan.
      recordChange(c, { outcome: "denied" });
      const problem = problemBody(c, 409, {
        type: "urn:portvakt:problem:stale-plan",
        detail: error.message,
        code: "problem.config.stale-plan",
      });
      c.set("problem", problem);
      return { stale: { ...problem, plan: asPlan(error.plan) } };
    }
    if (error instanceof UnconfirmedStepsError) {
      throw new ProblemError(400, {
        type: "urn:portvakt:problem:unconfirmed-steps",
        detail: error.message,
        code: "problem.config.unconfirmed",
        params: { count: error.stepIds.length },
        // `message` stays the bare step id (the CLI reads it); the code says it in nb/nn/en.
        errors: error.stepIds.map((id) => ({
          field: "confirm",
          message: id,
          code: "config.error.unconfirmed-step",
          params: { step: id },
        })),
      });
    }
    throw error;
  }
  // The failed step's error in the page's language: the BFF's own problem for it (the change
  // guard's unknown or pending outcome, a held lock, Digdir's refusal) has the code the audit
  // entry has too; the package's `message` stays the English for API clients and the CLI.
  const failedError = report.failed?.error;
  if (failedError && failure?.problem.code) {
    failedError.code = failure.problem.code;
    if (failure.problem.params) failedError.params = failure.problem.params;
    else delete failedError.params;
  }
  // Partial success is not success: steps done before a failed one make the run `partial`,
  // with each step's outcome in the entry (issue 13, 3).
  const stepOutcome = (step: (typeof report.steps)[number]) =>
    step.id === unknownStep ? "unknown" : step.outcome;
  recordChange(c, {
    after: {
      status: report.status,
      steps: report.steps.map((step) => ({ id: step.id, outcome: stepOutcome(step) })),
    },
    ...(report.status === "failed"
      ? {
          outcome:
            report.done > 0
              ? "partial"
              : unknownStep
                ? "unknown"
                : refusedStep
                  ? "denied"
                  : "failure",
        }
      : {}),
  });
  if (report.status === "failed") {
    // 409: Digdir refused a step (the state does not allow it); 502: Digdir failed; 504:
    // Digdir's answer to a step was lost (its outcome is checked further, see the audit).
    const refused = failure !== undefined && failure.status >= 400 && failure.status < 500;
    const status = unknownStep ? 504 : refused ? 409 : 502;
    return { report: asReport(report), status };
  }
  return { report: asReport(report), status: 200 };
}

export const configRoutes = createRouter()
  .openapi(
    createRoute({
      method: "get",
      path: "/api/schema/portvakt-config.json",
      tags,
      summary: "JSON Schema of the configuration document (YAML and JSON)",
      responses: {
        200: jsonResponse(z.record(z.string(), z.unknown()), "JSON Schema, draft 2020-12"),
        ...problemResponses,
      },
    }),
    (c) => c.json(configJsonSchema(), 200),
  )
  .openapi(
    createRoute({
      method: "get",
      path: "/api/envs/{env}/config/export",
      middleware: [reads()] as const,
      tags,
      summary: "The environment's scopes, grants, clients and public keys as a document",
      request: { params: EnvParam, query: z.object({ format: Format.default("yaml") }) },
      responses: {
        200: {
          description: "The document; sorted and formatted the same way every time",
          content: {
            "application/yaml": { schema: z.string() },
            "application/json": { schema: z.record(z.string(), z.unknown()) },
          },
        },
        ...problemResponses,
      },
    }),
    async (c) => {
      const { format } = c.req.valid("query");
      const { environment } = planOptions(c);
      const live = await readLiveState(environmentOf(c).api);
      const text = formatDocument(exportDocument(live, { environment }), format, {
        organizationNames: organizationNamesOf(live),
      });
      return c.body(text, 200, {
        "Content-Type":
          format === "json" ? "application/json; charset=utf-8" : "application/yaml; charset=utf-8",
        "Content-Disposition": `attachment; filename="portvakt-${environment}.${format}"`,
      });
    },
  )
  .openapi(
    createRoute({
      method: "post",
      path: "/api/envs/{env}/config/plan",
      middleware: [reads()] as const,
      tags,
      summary: "What applying a document would change; nothing is changed",
      request: { params: EnvParam, body: jsonBody(PlanRequest) },
      responses: { 200: jsonResponse(PlanSchema, "The plan"), ...problemResponses },
    }),
    async (c) => {
      const { document, format } = c.req.valid("json");
      const parsed = parse(document, format);
      const live = await readLiveState(environmentOf(c).api);
      try {
        return c.json(asPlan(planChanges(parsed, live, planOptions(c))), 200);
      } catch (error) {
        if (error instanceof DocumentError) throw documentProblem(error);
        throw error;
      }
    },
  )
  .openapi(
    createRoute({
      method: "post",
      path: "/api/envs/{env}/config/apply",
      // Operators may apply plans that only grant and revoke (their role's rights); anything
      // else needs an admin, checked against the fresh plan below.
      middleware: [changes("operator", "config.apply")] as const,
      tags,
      summary:
        "Apply a document: re-plans, refuses a changed state or unconfirmed dangerous steps, stops at the first failure",
      request: { params: EnvParam, body: jsonBody(ApplyRequest) },
      responses: {
        ...applyResponses("environment"),
      },
    }),
    async (c) => {
      const body = c.req.valid("json");
      const document = parse(body.document, body.format);
      const result = await applyAudited(c, document, body, { plan: body.planFingerprint });
      if ("stale" in result)
        return c.json(result.stale, 409, { "Content-Type": "application/problem+json" });
      return c.json(result.report, result.status);
    },
  );

/**
 * The audit detail of one applied step: its summary (coded, `configMessages`), and when it
 * failed what failed (the problem, coded); after the four-eyes note for an approved request.
 */
function stepDetail(
  step: {
    summary: string;
    texts: { summary: { code: string; params?: Record<string, string | number> } };
  },
  failed: boolean,
  failure: ProblemError | undefined,
  execution: FourEyesExecution | undefined,
): AuditText {
  const summary = textOf({ ...step.texts.summary, detail: step.summary });
  const said = !failed
    ? summary
    : joinTexts(
        [
          summary,
          failure?.problem.detail
            ? textOf(failure.problem)
            : { ...auditText("audit.config.step-failed"), detail: "failed" },
        ],
        ": ",
      );
  return execution ? joinTexts([executionNote(execution), said]) : said;
}

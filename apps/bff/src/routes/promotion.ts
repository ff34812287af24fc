import { createHash } from "node:crypto";
import { createRoute, z } from "@hono/zod-openapi";
import {
  type ConfigDocument,
  chooseSteps,
  exportDocument,
  formatDocument,
  organizationNamesOf,
  Plan,
  PromotionError,
  parseMapping,
  planChanges,
  promoteDocument,
  readLiveState,
} from "@portvakt/config-as-code";
import { PromotionRequest } from "@portvakt/contracts";
import type { Context, MiddlewareHandler } from "hono";
import { refuseChange } from "../audit/middleware";
import { changes, reads } from "../auth/guard";
import { roleAllows } from "../auth/roles";
import type { BffEnv } from "../context";
import { executionOf } from "../four-eyes/defer";
import { codedFieldError, codedProblem, type ProblemError } from "../problem";
import type { Environment } from "../upstream";
import { applyAudited, applyResponses, promotionProblem } from "./config";
import {
  createRouter,
  EnvParam,
  environmentOf,
  jsonBody,
  jsonResponse,
  problemResponses,
} from "./openapi";

const tags = ["promotion"];

const PromotionPlan = z
  .object({
    from: z.string(),
    to: z.string(),
    plan: Plan,
    document: z.string().openapi({
      description:
        "The promoted document (YAML): the source through the mapping, with the target's own keys; the plan is this document against the target",
    }),
    documentFingerprint: z.string().openapi({
      description:
        "SHA-256 of the promoted document: apply sends it back and is refused when the source (or the mapping) has changed since",
    }),
  })
  .openapi("PromotionPlan");

const PromotionApply = PromotionRequest.extend({
  planFingerprint: z
    .string()
    .min(1)
    .openapi({ description: "`plan.fingerprint` of the reviewed plan" }),
  documentFingerprint: z.string().min(1).max(100).openapi({
    description: "`documentFingerprint` of the reviewed plan (the source as promoted)",
  }),
  steps: z
    .array(z.string().min(1).max(1000))
    .min(1)
    .max(10_000)
    .openapi({ description: "Ids of the plan's steps to apply (the chosen parts)" }),
  confirm: z
    .array(z.string().max(1000))
    .max(10_000)
    .default([])
    .openapi({ description: "Ids of the chosen dangerous steps the person confirmed" }),
});

/**
 * The source environment of a promotion: configured, not the target, and readable by the person
 * (viewer or more there).
 * @throws ProblemError 400 (unknown or same environment, field `from`), 403 (no role there).
 */
function sourceOf(c: Context<BffEnv>, from: string): Environment {
  const environments = c.get("environments");
  const source = environments.get(from);
  if (!source) {
    throw codedProblem(
      400,
      "problem.unknown-env",
      { env: from, configured: environments.ids().join(", ") },
      { errors: [codedFieldError("from", "problem.field.unknown-env")] },
    );
  }
  const target = environmentOf(c).config.id;
  if (from === target) {
    throw codedProblem(
      400,
      "problem.promotion.same-environment",
      { env: from },
      {
        errors: [codedFieldError("from", "problem.promotion.same-environment", { env: from })],
      },
    );
  }
  // An approved change request runs as its requester with the target's role only; the source's
  // role was checked when it was asked for (`checkedBeforeDeferral`).
  if (!executionOf(c) && !roleAllows(c.get("session")?.roles[from], "viewer")) {
    throw codedProblem(403, "problem.role-needed", { role: "viewer", env: from });
  }
  return source;
}

/**
 * Reads both environments and builds the promoted document (issue 18, 3): the source's
 * configuration through the mapping, for the target, with the target's own keys.
 * @throws ProblemError 400 `invalid-promotion` (mapping invalid, something unmapped).
 */
async function promoted(
  c: Context<BffEnv>,
  request: z.infer<typeof PromotionRequest>,
): Promise<{
  document: ConfigDocument;
  from: string;
  to: string;
  production: boolean;
  live: Awaited<ReturnType<typeof readLiveState>>;
}> {
  const source = sourceOf(c, request.from);
  const target = environmentOf(c);
  const to = target.config.id;
  try {
    const mapping = parseMapping(request.mapping, request.format);
    const [sourceLive, targetLive] = await Promise.all([
      readLiveState(source.api),
      readLiveState(target.api),
    ]);
    const document = promoteDocument(
      exportDocument(sourceLive, { environment: request.from }),
      exportDocument(targetLive, { environment: to }),
      mapping,
      { from: request.from, to },
    );
    return {
      document,
      from: request.from,
      to,
      production: target.config.kind === "prod",
      live: targetLive,
    };
  } catch (error) {
    if (error instanceof PromotionError) throw promotionProblem(error);
    throw error;
  }
}

/**
 * Where four-eyes is on for the target, the apply is stored as a change request without running
 * its handler: this checks it first (the source readable by the person, the mapping, the chosen
 * steps against a fresh plan), so that no request another admin is asked to approve is one that
 * cannot run. Runs after `changes()`; an invalid body is left to the route's validation.
 */
function checkedBeforeDeferral(): MiddlewareHandler<BffEnv> {
  return async (c, next) => {
    if (c.get("fourEyesDeferred")) {
      const parsed = PromotionApply.safeParse(await c.req.json().catch(() => undefined));
      if (parsed.success) {
        const { document, from, to, production, live } = await promoted(c, parsed.data);
        const stale = sourceChanged(document, parsed.data.documentFingerprint, from);
        if (stale) throw refuseChange(c, stale);
        try {
          chooseSteps(
            planChanges(document, live, { environment: to, production }),
            parsed.data.steps,
          );
        } catch (error) {
          if (error instanceof PromotionError) throw promotionProblem(error);
          throw error;
        }
      }
    }
    await next();
  };
}

/**
 * The promoted document's fingerprint: the plan's steps carry the source's values, and the
 * target's `plan.fingerprint` does not see a change in the source, so apply checks this too.
 */
function documentFingerprintOf(document: ConfigDocument): string {
  return createHash("sha256").update(JSON.stringify(document)).digest("base64url");
}

/**
 * The 409 stale-plan problem when the source (or the mapping's effect) changed since the plan
 * the person reviewed; undefined when it did not.
 */
function sourceChanged(
  document: ConfigDocument,
  reviewed: string,
  from: string,
): ProblemError | undefined {
  if (documentFingerprintOf(document) === reviewed) return undefined;
  return codedProblem(
    409,
    "problem.promotion.source-changed",
    { env: from },
    { type: "urn:portvakt:problem:stale-plan" },
  );
}

export const promotionRoutes = createRouter()
  .openapi(
    createRoute({
      method: "post",
      path: "/api/envs/{env}/promotion/plan",
      middleware: [reads()] as const,
      tags,
      summary:
        "What promoting another environment's configuration (through a mapping) to this one would change; nothing is changed",
      request: { params: EnvParam, body: jsonBody(PromotionRequest) },
      responses: {
        200: jsonResponse(PromotionPlan, "The promoted document and its plan"),
        ...problemResponses,
      },
    }),
    async (c) => {
      const request = c.req.valid("json");
      const { document, from, to, production, live } = await promoted(c, request);
      let plan: Plan;
      try {
        plan = planChanges(document, live, { environment: to, production });
      } catch (error) {
        if (error instanceof PromotionError) throw promotionProblem(error);
        throw error;
      }
      const text = formatDocument(document, "yaml", {
        organizationNames: organizationNamesOf(live),
      });
      return c.json(
        { from, to, plan, document: text, documentFingerprint: documentFingerprintOf(document) },
        200,
      );
    },
  )
  .openapi(
    createRoute({
      method: "post",
      path: "/api/envs/{env}/promotion/apply",
      // As config apply: operators may apply grants and revokes, anything else needs an admin.
      // Where four-eyes is on for the target, the apply becomes a change request (checked first).
      middleware: [changes("operator", "promotion.apply"), checkedBeforeDeferral()] as const,
      tags,
      summary:
        "Apply the chosen steps of a promotion: re-reads both environments, re-plans, refuses a changed state, unconfirmed dangerous steps or a step left out that a chosen one needs",
      request: { params: EnvParam, body: jsonBody(PromotionApply) },
      responses: {
        ...applyResponses("target"),
      },
    }),
    async (c) => {
      const body = c.req.valid("json");
      const { document, from } = await promoted(c, body);
      const stale = sourceChanged(document, body.documentFingerprint, from);
      if (stale) throw refuseChange(c, stale);
      const result = await applyAudited(c, document, body, { plan: body.planFingerprint, from });
      if ("stale" in result)
        return c.json(result.stale, 409, { "Content-Type": "application/problem+json" });
      return c.json(result.report, result.status);
    },
  );

import { createRoute, z } from "@hono/zod-openapi";
import { BulkJob, BulkJobInput } from "@portvakt/contracts";
import type { MiddlewareHandler } from "hono";
import { every } from "hono/combine";
import { auditDetailOf, auditWritten } from "../audit/middleware";
import { changeRateLimit } from "../auth/change-rate-limit";
import { reads } from "../auth/guard";
import { requireRole } from "../auth/role";
import { BULK_AUDIT_ACTIONS } from "../bulk/jobs";
import type { BffEnv } from "../context";
import { executionNote, executionOf, fourEyes } from "../four-eyes/defer";
import { ProblemError } from "../problem";
import { knownEnvironment } from "../security/known-environment";
import { prodConfirmed } from "../security/prod-confirmation";
import {
  createRouter,
  EnvParam,
  environmentOf,
  jsonBody,
  jsonResponse,
  problemResponses,
} from "./openapi";

const tags = ["access"];
const JobParams = EnvParam.extend({
  id: z
    .string()
    .uuid()
    .openapi({ param: { name: "id", in: "path" } }),
});

/**
 * Starting a bulk job is one change for the person's limit (whatever its rows), needs the
 * operator role, and (revoking in prod) the confirmation header: the same middlewares as a
 * single change. A refusal gets an audit entry `denied`; an accepted job gets its one entry
 * when it ends (the job writes it, with every row's outcome). Runs after `knownEnvironment`.
 */
function startsJob(): MiddlewareHandler<BffEnv> {
  const checks = (action: string) =>
    every(
      requireRole("operator"),
      auditWritten(),
      changeRateLimit(),
      prodConfirmed(action),
      fourEyes(action),
    );
  const chains = {
    grant: checks(BULK_AUDIT_ACTIONS.grant),
    revoke: checks(BULK_AUDIT_ACTIONS.revoke),
  };
  return async (c, next) => {
    const body = (await c.req.json().catch(() => null)) as {
      action?: unknown;
      scope?: unknown;
    } | null;
    const kind = body?.action === "revoke" ? "revoke" : "grant";
    try {
      await chains[kind](c, next);
    } catch (error) {
      if (error instanceof ProblemError && c.get("auditChange")?.outcome === "denied") {
        const session = c.get("session")!;
        const env = environmentOf(c).config.id;
        await c.get("audit").appendKept({
          actor: { sub: session.sub, name: session.name },
          role: session.roles[env] ?? "none",
          env,
          action: BULK_AUDIT_ACTIONS[kind],
          target: typeof body?.scope === "string" ? body.scope.slice(0, 300) : "",
          outcome: "denied",
          status: error.status,
          requestId: c.get("requestId"),
          ...auditDetailOf(c),
        });
      }
      throw error;
    }
  };
}

/**
 * Bulk grant/revoke as one server-side job (issue 17 item 3): start it, follow its rows,
 * cancel it. See `BulkJobs`.
 */
export const accessJobRoutes = createRouter()
  .openapi(
    createRoute({
      method: "post",
      path: "/api/envs/{env}/access-jobs",
      middleware: [knownEnvironment(), startsJob()] as const,
      tags,
      summary:
        "Grant or revoke one scope for many consumers as one job (8 at a time, resumed after a restart)",
      request: { params: EnvParam, body: jsonBody(BulkJobInput) },
      responses: { 202: jsonResponse(BulkJob, "The job, started"), ...problemResponses },
    }),
    async (c) => {
      const input = c.req.valid("json");
      const environment = environmentOf(c);
      const session = c.get("session")!;
      const execution = executionOf(c);
      const job = await c.get("bulkJobs").create({
        env: environment.config.id,
        action: input.action,
        scope: input.scope,
        orgnos: input.orgnos,
        actor: { sub: session.sub, name: session.name },
        role: session.roles[environment.config.id] ?? "none",
        requestId: c.get("requestId"),
        ...(execution ? { note: executionNote(execution).detail } : {}),
      });
      // An approved change request's job: its audit entry (written when it ends) has the job's id.
      if (execution) execution.auditId = job.id;
      c.header("Location", `/api/envs/${environment.config.id}/access-jobs/${job.id}`);
      return c.json(job, 202);
    },
  )
  .openapi(
    createRoute({
      method: "get",
      path: "/api/envs/{env}/access-jobs/{id}",
      middleware: [reads()] as const,
      tags,
      summary: "A bulk job's progress: every row's state and outcome",
      request: { params: JobParams },
      responses: { 200: jsonResponse(BulkJob, "The job"), ...problemResponses },
    }),
    async (c) => {
      const { env, id } = c.req.valid("param");
      const job = await c.get("bulkJobs").get(id);
      if (!job || job.env !== env) {
        throw new ProblemError(404, {
          detail: `No bulk job ${id} in "${env}"`,
          code: "problem.bulk.not-found",
          params: { id, env },
        });
      }
      return c.json(job, 200);
    },
  )
  .openapi(
    createRoute({
      method: "post",
      path: "/api/envs/{env}/access-jobs/{id}/cancel",
      middleware: [reads("operator")] as const,
      tags,
      summary: "Cancel a bulk job: no further row is sent; rows under way finish",
      request: { params: JobParams },
      responses: { 200: jsonResponse(BulkJob, "The job, cancelling"), ...problemResponses },
    }),
    async (c) => {
      const { env, id } = c.req.valid("param");
      const existing = await c.get("bulkJobs").get(id);
      if (!existing || existing.env !== env) {
        throw new ProblemError(404, {
          detail: `No bulk job ${id} in "${env}"`,
          code: "problem.bulk.not-found",
          params: { id, env },
        });
      }
      return c.json((await c.get("bulkJobs").cancel(id))!, 200);
    },
  );

import { createRoute, z } from "@hono/zod-openapi";
import { BulkJob, BulkJobInput } from "@portvakt/contracts";
import type { Context, MiddlewareHandler } from "hono";
import { reads } from "../auth/guard";
import { ROLE_DESCRIPTIONS, type Role, roleAllows } from "../auth/roles";
import { BULK_AUDIT_ACTIONS } from "../bulk/jobs";
import type { BffEnv } from "../context";
import { ProblemError } from "../problem";
import { prodConfirmationRefusal } from "../security/prod-confirmation";
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

function roleIn(c: Context<BffEnv>): { env: string; role: Role | undefined } {
  const env = environmentOf(c).config.id;
  return { env, role: c.get("session")?.roles[env] };
}

function forbidden(needed: Role, env: string): ProblemError {
  return new ProblemError(403, {
    title: "Forbidden",
    detail: `This needs the role "${needed}" (${ROLE_DESCRIPTIONS[needed]}) in the environment "${env}"`,
  });
}

/**
 * Starting a bulk job is one change for the person's limit (whatever its rows), needs the
 * operator role, and (revoking in prod) the confirmation header. A refusal gets an audit entry
 * `denied`; an accepted job gets its one entry when it ends (the job does it).
 */
function startsJob(): MiddlewareHandler<BffEnv> {
  return async (c, next) => {
    const { env, role } = roleIn(c);
    const session = c.get("session")!;
    const body = (await c.req.json().catch(() => null)) as { action?: unknown } | null;
    const action = body?.action === "revoke" ? BULK_AUDIT_ACTIONS.revoke : BULK_AUDIT_ACTIONS.grant;
    const deny = async (status: number, detail: string) =>
      c.get("audit").append({
        actor: { sub: session.sub, name: session.name },
        role: role ?? "none",
        env,
        action,
        target:
          `${c.req.query("scope") ?? (body as { scope?: unknown } | null)?.scope ?? ""}`.slice(
            0,
            300,
          ),
        outcome: "denied",
        status,
        requestId: c.get("requestId"),
        detail,
      });
    if (!roleAllows(role, "operator")) {
      const refusal = forbidden("operator", env);
      await deny(403, refusal.problem.detail ?? "Forbidden");
      throw refusal;
    }
    const wait = await c.get("mutationLimiter").hit(session.sub);
    if (wait) {
      await deny(429, "Too many changes in a minute");
      c.header("Retry-After", String(wait));
      throw new ProblemError(429, { detail: `Too many changes; try again in ${wait} s` });
    }
    const unconfirmed = await prodConfirmationRefusal(c, env, action);
    if (unconfirmed) {
      await deny(unconfirmed.status, unconfirmed.problem.detail ?? "Confirmation required");
      throw unconfirmed;
    }
    await next();
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
      middleware: [startsJob()] as const,
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
      const job = await c.get("bulkJobs").create({
        env: environment.config.id,
        action: input.action,
        scope: input.scope,
        orgnos: input.orgnos,
        actor: { sub: session.sub, name: session.name },
        role: session.roles[environment.config.id] ?? "none",
        requestId: c.get("requestId"),
      });
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
        throw new ProblemError(404, { detail: `No bulk job ${id} in "${env}"` });
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
        throw new ProblemError(404, { detail: `No bulk job ${id} in "${env}"` });
      }
      return c.json((await c.get("bulkJobs").cancel(id))!, 200);
    },
  );

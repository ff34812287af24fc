import { randomUUID } from "node:crypto";
import type { Context, MiddlewareHandler } from "hono";
import type { AuditOutcome } from "../audit/store";
import type { BffEnv } from "../context";
import { MADE_BUT_UNREAD, OUTCOME_UNKNOWN, ProblemError, problemResponse } from "../problem";
import { prodConfirmationRefusal } from "../security/prod-confirmation";
import { ROLE_DESCRIPTIONS, type Role, roleAllows } from "./roles";

/** What a route changed, for the audit entry: the thing's name, and before/after without keys. */
export interface AuditChange {
  /** Overrides the route's action when the request turned out to be a more specific one. */
  action?: string;
  target?: string;
  before?: unknown;
  after?: unknown;
  /** Said in the entry's detail, e.g. that Digdir's answer was lost but a re-read shows the change. */
  detail?: string;
  /** Overrides the outcome read from the status, e.g. `partial` when some items failed. */
  outcome?: AuditOutcome;
}

export function recordChange(c: Context<BffEnv>, change: AuditChange): void {
  c.set("auditChange", { ...c.get("auditChange"), ...change });
}

/** What the audit entry of this change will name as its target. */
export function defaultTarget(c: Context<BffEnv>): string {
  const params = c.req.param() as Record<string, string>;
  const parts = [
    c.req.query("scope"),
    params.id && `client ${params.id}`,
    params.orgno && `org ${params.orgno}`,
    params.kid && `kid ${params.kid}`,
  ].filter(Boolean);
  return parts.join(", ");
}

function requireRole(c: Context<BffEnv>): { env: string; role: Role | undefined } {
  const session = c.get("session");
  const env = c.req.param("env") ?? "";
  if (!c.get("environments").get(env)) {
    throw new ProblemError(400, {
      detail: `Unknown environment "${env}"; configured: ${c.get("environments").ids().join(", ")}`,
      errors: [{ field: "env", message: "Unknown environment" }],
    });
  }
  return { env, role: session?.roles[env] };
}

function forbidden(needed: Role, env: string): ProblemError {
  return new ProblemError(403, {
    title: "Forbidden",
    detail: `This needs the role "${needed}" (${ROLE_DESCRIPTIONS[needed]}) in the environment "${env}"`,
  });
}

/** A read: the person needs at least this role in the route's environment. */
export function reads(needed: Role = "viewer"): MiddlewareHandler<BffEnv> {
  return async (c, next) => {
    const { env, role } = requireRole(c);
    if (!roleAllows(role, needed)) throw forbidden(needed, env);
    await next();
  };
}

/**
 * A state change: the role, the person's rate limit, the prod confirmation of a destructive
 * change, and exactly one audit entry whatever the outcome (done, refused by Digdir, refused here).
 */
export function changes(needed: Role, action: string): MiddlewareHandler<BffEnv> {
  return async (c, next) => {
    const { env, role } = requireRole(c);
    const session = c.get("session")!;
    const auditId = randomUUID();
    c.set("auditId", auditId);
    c.set("changeAction", action);
    const write = (outcome: AuditOutcome, status: number, detail?: string) => {
      const change = c.get("auditChange") ?? {};
      const problem = c.get("problem");
      const said = detail ?? change.detail ?? problem?.detail;
      return c.get("audit").append({
        id: auditId,
        actor: { sub: session.sub, name: session.name },
        role: role ?? "none",
        env,
        action: change.action ?? action,
        target: change.target ?? defaultTarget(c),
        outcome,
        status,
        requestId: c.get("requestId"),
        ...(problem?.correlation_id ? { correlationId: problem.correlation_id } : {}),
        ...(said ? { detail: said } : {}),
        ...(change.before !== undefined ? { before: change.before } : {}),
        ...(change.after !== undefined ? { after: change.after } : {}),
      });
    };
    if (!roleAllows(role, needed)) {
      const refusal = forbidden(needed, env);
      await write("denied", 403, refusal.problem.detail);
      throw refusal;
    }
    const wait = await c.get("mutationLimiter").hit(session.sub);
    if (wait) {
      await write("denied", 429, "Too many changes in a minute");
      c.header("Retry-After", String(wait));
      throw new ProblemError(429, { detail: `Too many changes; try again in ${wait} s` });
    }
    const unconfirmed = await prodConfirmationRefusal(c, env, action);
    if (unconfirmed) {
      await write("denied", unconfirmed.status, unconfirmed.problem.detail);
      throw unconfirmed;
    }
    await next();
    const unknown = c.get("problem")?.type === OUTCOME_UNKNOWN;
    let outcome: AuditOutcome =
      c.get("auditChange")?.outcome ??
      (unknown ? "unknown" : c.res.status < 400 ? "success" : "failure");
    // The change was made and something after it failed (reading the result): the entry says
    // what happened at Digdir, not what the answer says (issue 13).
    const madeThenFailed = outcome === "failure" && c.get("changeMade") === true;
    if (madeThenFailed) {
      outcome = "success";
      const after = c.get("problem")?.detail ?? `HTTP ${c.res.status}`;
      c.res = undefined;
      c.res = problemResponse(c, 502, {
        type: MADE_BUT_UNREAD,
        detail: `The change was made at Digdir, but what came after it failed (${after}). Reload to see the result.`,
      });
    }
    await write(
      outcome,
      c.res.status,
      madeThenFailed
        ? `The change was made; the request failed after it: ${c.get("problem")?.detail ?? c.res.status}`
        : undefined,
    );
  };
}

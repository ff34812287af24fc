import { PROD_CONFIRMATION_HEADER, PROD_CONFIRMATION_REQUIRED } from "@portvakt/contracts";
import type { Context, MiddlewareHandler } from "hono";
import { refuseChange } from "../audit/middleware";
import type { BffEnv } from "../context";
import { codedProblem, type ProblemError } from "../problem";

/**
 * Audit actions (and config-plan step kinds) that take something away: delete a client, remove
 * or replace keys, revoke access, deactivate a scope. Matched by verb, so a new route named the
 * same way (`key.remove`, `keys.remove-all`, `access.revoke-many`) is covered too.
 */
const DESTRUCTIVE = /(^|\.)(delete|remove|revoke|deactivate|replace)(-[a-z-]+)?$/;

export function isDestructiveAction(action: string): boolean {
  return DESTRUCTIVE.test(action);
}

/** `PUT .../scopes` or `PUT .../clients/{id}` with `active: false` deactivates too. */
async function deactivatesByBody(c: Context<BffEnv>, action: string): Promise<boolean> {
  if (action !== "scope.update" && action !== "client.update") return false;
  try {
    const body = (await c.req.json()) as { active?: unknown } | null;
    return body?.active === false;
  } catch {
    return false; // not JSON: the route's validation answers 400
  }
}

function refusal(env: string, what: { action: string } | { kinds: string }): ProblemError {
  return "action" in what
    ? codedProblem(
        428,
        "problem.prod-confirmation.action",
        { env, action: what.action },
        { type: PROD_CONFIRMATION_REQUIRED, title: "Confirmation required" },
      )
    : codedProblem(
        428,
        "problem.prod-confirmation.plan",
        { env, kinds: what.kinds },
        { type: PROD_CONFIRMATION_REQUIRED, title: "Confirmation required" },
      );
}

function kindOf(c: Context<BffEnv>, env: string) {
  return c.get("environments").get(env)?.config.kind;
}

/**
 * The server-side prod guard (issue 13 #9): in an environment of kind `prod`, a destructive change
 * answers this 428 problem unless the request names the environment in
 * `X-Portvakt-Confirm-Env`. Undefined when the change may go ahead (not prod, not destructive,
 * or confirmed).
 */
export async function prodConfirmationRefusal(
  c: Context<BffEnv>,
  env: string,
  action: string,
): Promise<ProblemError | undefined> {
  if (kindOf(c, env) !== "prod") return undefined;
  if (!isDestructiveAction(action) && !(await deactivatesByBody(c, action))) return undefined;
  if (c.req.header(PROD_CONFIRMATION_HEADER) === env) return undefined;
  return refusal(env, { action });
}

/**
 * `prodConfirmationRefusal` as a middleware of the change `action` (after `knownEnvironment`):
 * the 428 refusal is audited as `denied`.
 */
export function prodConfirmed(action: string): MiddlewareHandler<BffEnv> {
  return async (c, next) => {
    const env = c.get("environment")?.config.id ?? "";
    const unconfirmed = await prodConfirmationRefusal(c, env, action);
    if (unconfirmed) throw refuseChange(c, unconfirmed);
    await next();
  };
}

/**
 * The same guard for a plan carried out at once (config apply): throws the 428 problem when the
 * plan of a prod environment has a step that takes something away and the request does not
 * name the environment.
 */
export function requirePlanConfirmation(
  c: Context<BffEnv>,
  env: string,
  steps: ReadonlyArray<{ kind: string }>,
): void {
  if (kindOf(c, env) !== "prod") return;
  const removals = [...new Set(steps.map((s) => s.kind).filter(isDestructiveAction))];
  if (removals.length === 0 || c.req.header(PROD_CONFIRMATION_HEADER) === env) return;
  throw refusal(env, { kinds: removals.join(", ") });
}

import type { MiddlewareHandler } from "hono";
import { refuseChange } from "../audit/middleware";
import type { BffEnv } from "../context";
import { ProblemError } from "../problem";
import { ROLE_DESCRIPTIONS, type Role, roleAllows } from "./roles";

/**
 * The signed-in person needs at least `needed` in the route's environment (each role includes
 * the ones before it, `roles.ts`); else 403 naming the role, audited as `denied` when the route
 * is a change. Runs after `knownEnvironment`.
 */
export function requireRole(needed: Role): MiddlewareHandler<BffEnv> {
  return async (c, next) => {
    const env = c.get("environment")?.config.id ?? "";
    const held = c.get("session")?.roles[env];
    if (!roleAllows(held, needed)) {
      throw refuseChange(
        c,
        new ProblemError(403, {
          title: "Forbidden",
          detail: `This needs the role "${needed}" (${ROLE_DESCRIPTIONS[needed]}) in the environment "${env}"`,
        }),
      );
    }
    await next();
  };
}

import type { MiddlewareHandler } from "hono";
import { refuseChange } from "../audit/middleware";
import type { BffEnv } from "../context";
import { codedProblem } from "../problem";
import { type Role, roleAllows } from "./roles";

/**
 * The signed-in person needs at least `needed` in the route's environment (each role includes
 * the ones before it, `roles.ts`); else 403 naming the role, audited as `denied` when the route
 * is a change. Runs after `knownEnvironment`.
 */
export function requireRole(needed: Role): MiddlewareHandler<BffEnv> {
  return (c, next) => {
    const env = c.get("environment")?.config.id ?? "";
    const held = c.get("session")?.roles[env];
    if (!roleAllows(held, needed)) {
      throw refuseChange(c, codedProblem(403, "problem.role-needed", { role: needed, env }));
    }
    return next();
  };
}

import type { AuditAction } from "@portvakt/contracts";
import type { MiddlewareHandler } from "hono";
import { every } from "hono/combine";
import { audited } from "../audit/middleware";
import type { BffEnv } from "../context";
import { fourEyes } from "../four-eyes/defer";
import { knownEnvironment } from "../security/known-environment";
import { prodConfirmed } from "../security/prod-confirmation";
import { changeRateLimit } from "./change-rate-limit";
import { requireRole } from "./role";
import type { Role } from "./roles";

export {
  type AuditChange,
  defaultTarget,
  recordChange,
} from "../audit/middleware";

/**
 * A read: the environment exists (`knownEnvironment`) and the person holds at least `needed`
 * there (`requireRole`).
 */
export function reads(needed: Role = "viewer"): MiddlewareHandler<BffEnv> {
  return every(knownEnvironment(), requireRole(needed));
}

/**
 * A state change: the environment exists, then exactly one audit entry whatever the outcome
 * (`audited`) around the role (`requireRole`), the person's rate limit (`changeRateLimit`) and
 * the prod confirmation of a destructive change (`prodConfirmed`), in that order; where four-eyes
 * is on, the change is then stored as a change request instead of made (`fourEyes`, `deferrable`).
 */
export function changes(needed: Role, action: AuditAction): MiddlewareHandler<BffEnv> {
  return every(
    knownEnvironment(),
    audited(action),
    requireRole(needed),
    changeRateLimit(),
    prodConfirmed(action),
    fourEyes(action),
  );
}

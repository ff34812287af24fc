import type { AuditAction } from "@portvakt/contracts";
import type { MiddlewareHandler } from "hono";
import { every } from "hono/combine";
import { audited, auditWritten } from "../audit/middleware";
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
  // The two in a row without hono's `every`, which composes a new chain on every request (issue
  // 17 item 2: every read of the BFF passes here).
  const environment = knownEnvironment();
  const role = requireRole(needed);
  return (c, next) => environment(c, () => role(c, next) as Promise<void>);
}

/**
 * A state change: the environment exists, then exactly one audit entry whatever the outcome
 * (`audited`) around the role (`requireRole`), no entry of an earlier change still waiting for
 * the store (`auditWritten`), the person's rate limit (`changeRateLimit`) and
 * the prod confirmation of a destructive change (`prodConfirmed`), in that order; where four-eyes
 * is on, the change is then stored as a change request instead of made (`fourEyes`, `deferrable`).
 */
export function changes(needed: Role, action: AuditAction): MiddlewareHandler<BffEnv> {
  return every(
    knownEnvironment(),
    audited(action),
    requireRole(needed),
    auditWritten(),
    changeRateLimit(),
    prodConfirmed(action),
    fourEyes(action),
  );
}

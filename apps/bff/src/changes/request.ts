import { randomUUID } from "node:crypto";
import type { Context } from "hono";
import { defaultAuditTarget } from "../audit/middleware";
import type { AuditTarget } from "../audit/text";
import { recordChange } from "../auth/guard";
import type { BffEnv } from "../context";
import { environmentOf } from "../routes/openapi";
import type { ChangeContext } from "./guard";
import { GuardedApi } from "./guarded-api";

/**
 * The environment's self-service calls for this request, every write guarded (`GuardedApi`):
 * a pending change names this request's audit entry, and a write recovered by a re-read says so
 * in it. `entry` names another entry of the request for the write under way (config apply: the
 * step's own entry), so that an unknown outcome's follow-up follows the entry that says unknown.
 */
export function guardedApiOf(
  c: Context<BffEnv>,
  entry?: () => Partial<Pick<ChangeContext, "auditId" | "action" | "target">>,
): GuardedApi {
  const environment = environmentOf(c);
  return new GuardedApi(
    c.get("changeGuard"),
    environment.api,
    () => {
      const session = c.get("session");
      const change = c.get("auditChange");
      const target: AuditTarget =
        typeof change?.target === "string"
          ? { text: change.target }
          : (change?.target ?? defaultAuditTarget(c));
      const own = entry?.();
      return {
        env: environment.config.id,
        auditId: c.get("auditId") ?? randomUUID(),
        action: change?.action ?? c.get("changeAction") ?? "change",
        target: target.text,
        // A step's own target (config apply) is plain: the route's parts do not name it.
        ...(target.parts?.length && own?.target === undefined ? { targetParts: target.parts } : {}),
        actor: { sub: session?.sub ?? "unknown", name: session?.name ?? "unknown" },
        role: session?.roles[environment.config.id] ?? "none",
        requestId: c.get("requestId"),
        ...own,
      };
    },
    (detail) => recordChange(c, { detail }),
    () => c.set("changeMade", true),
    () => c.set("changeSent", true),
  );
}

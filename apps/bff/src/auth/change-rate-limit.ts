import type { MiddlewareHandler } from "hono";
import { refuseChange } from "../audit/middleware";
import { auditText } from "../audit/text";
import type { BffEnv } from "../context";
import { executionOf } from "../four-eyes/defer";
import { codedProblem } from "../problem";

/**
 * Each person's changes per window (the `mutationLimiter` on the context: in memory, or shared
 * through PostgreSQL): over the limit answers 429 with `Retry-After` in seconds, audited as
 * `denied`. Runs after the session is attached.
 */
export function changeRateLimit(): MiddlewareHandler<BffEnv> {
  return async (c, next) => {
    // The replay of an approved change request was counted when it was asked for.
    if (executionOf(c)) return next();
    const wait = await c.get("mutationLimiter").hit(c.get("session")?.sub ?? "");
    if (wait) {
      c.header("Retry-After", String(wait));
      throw refuseChange(
        c,
        codedProblem(429, "problem.rate-limited", { seconds: wait }),
        auditText("audit.rate-limited"),
      );
    }
    await next();
  };
}

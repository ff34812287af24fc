import { createHash, timingSafeEqual } from "node:crypto";
import type { MiddlewareHandler } from "hono";
import { problemResponse } from "../problem";

const digest = (value: string) => createHash("sha256").update(value).digest();

/**
 * Guards `/metrics` with a bearer token when one is configured (`metricsTokenFile` or
 * `metricsTokenEnv`): `Authorization: Bearer <token>` or 401 with `WWW-Authenticate: Bearer`.
 * Compared in constant time (SHA-256 of both, then `timingSafeEqual`). Without a token it lets
 * every request through, as before (keep /metrics off the public ingress then).
 */
export function metricsToken(token: string | undefined): MiddlewareHandler {
  const expected = token ? digest(token) : undefined;
  return async (c, next) => {
    if (!expected) return next();
    const match = /^Bearer[ ]+([^\s]+)\s*$/i.exec(c.req.header("Authorization") ?? "");
    if (!match || !timingSafeEqual(digest(match[1]!), expected)) {
      c.header("WWW-Authenticate", 'Bearer realm="portvakt-metrics"');
      return problemResponse(c, 401, {
        detail: "/metrics needs the configured bearer token",
        code: "problem.metrics-token",
      });
    }
    await next();
  };
}

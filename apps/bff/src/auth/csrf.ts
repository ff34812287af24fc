import type { MiddlewareHandler } from "hono";
import type { BffEnv } from "../context";
import { codedProblem } from "../problem";

const SAFE_METHODS = new Set(["GET", "HEAD", "OPTIONS"]);

/**
 * The BFF pattern's CSRF defence: a custom header on every API call (a cross-site form or image
 * cannot send one without a CORS preflight, which the BFF never answers), and for state changes
 * an Origin equal to Portvakt's own.
 */
export function csrfProtection(publicOrigin: string): MiddlewareHandler<BffEnv> {
  return (c, next) => {
    if (c.req.header("X-CSRF") !== "1") {
      throw codedProblem(403, "problem.csrf-header");
    }
    if (!SAFE_METHODS.has(c.req.method) && c.req.header("Origin") !== publicOrigin) {
      throw codedProblem(403, "problem.csrf-origin");
    }
    return next();
  };
}

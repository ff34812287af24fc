import type { MiddlewareHandler } from "hono";
import type { BffEnv } from "../context";
import { ProblemError } from "../problem";

const SAFE_METHODS = new Set(["GET", "HEAD", "OPTIONS"]);

/**
 * The BFF pattern's CSRF defence: a custom header on every API call (a cross-site form or image
 * cannot send one without a CORS preflight, which the BFF never answers), and for state changes
 * an Origin equal to Portvakt's own.
 */
export function csrfProtection(publicOrigin: string): MiddlewareHandler<BffEnv> {
  return async (c, next) => {
    if (c.req.header("X-CSRF") !== "1") {
      throw new ProblemError(403, {
        title: "Forbidden",
        detail: "Missing the X-CSRF: 1 header that every Portvakt API call carries",
      });
    }
    if (!SAFE_METHODS.has(c.req.method) && c.req.header("Origin") !== publicOrigin) {
      throw new ProblemError(403, {
        title: "Forbidden",
        detail: "A change must come from Portvakt's own pages (the Origin header does not match)",
      });
    }
    await next();
  };
}

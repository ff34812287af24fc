import { firstMalformedString, isWellFormed } from "@portvakt/contracts";
import type { MiddlewareHandler } from "hono";
import type { BffEnv } from "../context";
import { codedFieldError, codedProblem } from "../problem";

const refuse = (field: string) =>
  codedProblem(400, "problem.malformed-unicode", undefined, {
    errors: [codedFieldError(field, "problem.field.malformed-unicode")],
  });

/**
 * Every string Portvakt takes in is well-formed Unicode (issue 13 #11): a lone surrogate in a JSON
 * body (`"\ud800"` is valid JSON) or a query value answers 400 with the field, before any route
 * sees it; such text broke exports and has no UTF-8 form to send to Digdir. Bodies that are not
 * JSON, or not parseable, are left to the route's own validation.
 */
export function wellFormedInput(): MiddlewareHandler<BffEnv> {
  return (c, next) => {
    // Query names and values are decoded with decodeURIComponent (or kept raw where that fails),
    // which never makes a lone surrogate: only a URL that holds one itself can carry one, so the
    // query is parsed (to name the field) only then.
    if (!isWellFormed(c.req.url)) {
      for (const [name, values] of Object.entries(c.req.queries())) {
        if (!isWellFormed(name) || values.some((v) => !isWellFormed(v))) throw refuse(name);
      }
    }
    if (c.req.method === "GET" || c.req.method === "HEAD") return next();
    if (!/json/i.test(c.req.header("Content-Type") ?? "")) return next();
    return (async () => {
      let body: unknown;
      try {
        body = await c.req.json();
      } catch {
        body = undefined;
      }
      const field = firstMalformedString(body);
      if (field !== undefined) throw refuse(field === "(root)" ? "(body)" : field);
      await next();
    })();
  };
}

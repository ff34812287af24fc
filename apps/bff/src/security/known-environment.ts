import type { Context, MiddlewareHandler } from "hono";
import type { BffEnv } from "../context";
import { codedFieldError, codedProblem } from "../problem";
import type { Environment } from "../upstream";

/**
 * The one check of the `{env}` path segment: a configured environment is put on the context
 * (`c.get("environment")`, read with `environmentOf`); an unknown one answers 400 with the
 * configured ids and the field `env`, before the role, the audit or any input is looked at.
 */
export function knownEnvironment(): MiddlewareHandler<BffEnv> {
  return (c, next) => {
    const id = c.req.param("env") ?? "";
    const environments = c.get("environments");
    const environment = environments.get(id);
    if (!environment) {
      throw codedProblem(
        400,
        "problem.unknown-env",
        { env: id, configured: environments.ids().join(", ") },
        { errors: [codedFieldError("env", "problem.field.unknown-env")] },
      );
    }
    c.set("environment", environment);
    return next();
  };
}

/**
 * The environment `knownEnvironment` found for this request.
 * @throws Error when the route has no `knownEnvironment` (through `reads` or `changes`): a
 *   programming error, never an answer to bad input.
 */
export function environmentOf(c: Context<BffEnv>): Environment {
  const environment = c.get("environment");
  if (!environment) {
    throw new Error(`${c.req.path}: the route reads {env} without knownEnvironment()`);
  }
  return environment;
}

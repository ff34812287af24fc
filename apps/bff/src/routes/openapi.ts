import { OpenAPIHono, z } from "@hono/zod-openapi";
import { Problem, ScopeName } from "@portvakt/contracts";
import type { BffEnv } from "../context";
import { deferrable } from "../four-eyes/defer";
import { codedProblem, fieldErrorsOf } from "../problem";

/**
 * A router of one capability, whose validation failures answer 400 problems with field errors.
 * Every handler is `deferrable`: a change marked by `fourEyes()` becomes a change request (202)
 * after its input was validated, instead of running.
 */
export function createRouter() {
  const router = new OpenAPIHono<BffEnv>({
    defaultHook: (result) => {
      if (!result.success) {
        throw codedProblem(400, "problem.invalid-request", undefined, {
          errors: fieldErrorsOf(result.error),
        });
      }
    },
  });
  const openapi = router.openapi;
  router.openapi = ((route, handler, hook) =>
    openapi(route, deferrable(handler), hook)) as typeof router.openapi;
  return router;
}

export const EnvParam = z.object({
  env: z.string().openapi({
    param: { name: "env", in: "path" },
    example: "test",
    description: "Environment id",
  }),
});

export const ScopeQuery = z.object({
  scope: ScopeName.meta({ description: "The scope name, URL-encoded (it may contain /)" }),
});

const problemContent = { "application/problem+json": { schema: Problem } };

/** The error answers every route can give, for the OpenAPI document. */
export const problemResponses = {
  400: { description: "Invalid input (field errors in `errors`)", content: problemContent },
  403: { description: "Not allowed", content: problemContent },
  404: { description: "Not found", content: problemContent },
  409: { description: "Wrong state at Digdir", content: problemContent },
  502: { description: "Digdir answered with an error or not at all", content: problemContent },
  503: { description: "Maskinporten is unavailable", content: problemContent },
  504: { description: "Digdir did not answer in time", content: problemContent },
} as const;

export function jsonBody<T extends z.ZodType>(schema: T, description?: string) {
  return {
    required: true,
    ...(description ? { description } : {}),
    content: { "application/json": { schema } },
  } as const;
}

export function jsonResponse<T extends z.ZodType>(schema: T, description: string) {
  return { description, content: { "application/json": { schema } } } as const;
}

/** The environment named by `{env}`, checked once by `knownEnvironment` (in `reads`/`changes`). */
export { environmentOf } from "../security/known-environment";

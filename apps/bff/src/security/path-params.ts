import {
  codedIssue,
  Kid,
  type MessageParams,
  OrgNumber,
  type ProblemCode,
} from "@portvakt/contracts";
import type { Hono, MiddlewareHandler } from "hono";
import type { z } from "zod";
import type { BffEnv } from "../context";
import { codedFieldError, codedProblem } from "../problem";

/**
 * A client id as Portvakt accepts it in a path: Digdir's ids are UUIDs, older ones other
 * printable tokens; letters, digits and `. _ : -`, 1–100 characters (Portvakt's own rule: the
 * OpenAPI (digdir-camp-2025-react-impl app/lib/api.d.ts) types `id` as a plain string).
 */
const CLIENT_ID = /^[A-Za-z0-9._:-]{1,100}$/;

/** Any path segment under /api: at most this long, and printable without spaces. */
const MAX_SEGMENT = 200;
// Control and format characters, whitespace, and lone surrogates (a /u class matches only those).
const UNSAFE_SEGMENT = /[\p{Cc}\p{Cf}\s\uD800-\uDFFF\\]/u;
/** RFC 3986 unreserved and sub-delimiter characters, `:`, `@` and `/`: printable, no `%`. */
const PLAIN_PATH = /^[A-Za-z0-9._~!$&'()*+,;=:@/-]*$/;

/** Why a path parameter is refused: a code of `problemMessages`, or a coded zod issue. */
type Refusal =
  | { code: ProblemCode; params?: MessageParams }
  | { code?: string; params?: MessageParams; detail: string };

function refuse(field: string, why: Refusal) {
  const error =
    "detail" in why
      ? {
          field,
          message: why.detail,
          ...(why.code ? { code: why.code } : {}),
          ...(why.params ? { params: why.params } : {}),
        }
      : codedFieldError(field, why.code, why.params);
  return codedProblem(400, "problem.path-param", { field }, { errors: [error] });
}

function checkParam(
  name: string,
  check: (value: string) => Refusal | undefined,
): MiddlewareHandler<BffEnv> {
  return (c, next) => {
    const value = c.req.param(name);
    if (value !== undefined) {
      const problem = check(value);
      if (problem) throw refuse(name, problem);
    }
    return next();
  };
}

const bySchema = (schema: z.ZodType) => (value: string) => {
  const result = schema.safeParse(value);
  const issue = result.success ? undefined : result.error.issues[0];
  return result.success
    ? undefined
    : issue
      ? codedIssue(issue)
      : { code: "problem.field.path-encoding" as const };
};

/** Every segment of an /api path: bounded, printable, no control, format or space characters. */
export function pathSegments(): MiddlewareHandler<BffEnv> {
  return (c, next) => {
    const path = c.req.path;
    // The common case at once: a short path of unreserved and sub-delimiter characters only has
    // nothing to decode and no segment that could be too long or unsafe.
    if (path.length <= MAX_SEGMENT && PLAIN_PATH.test(path)) return next();
    for (const raw of path.split("/")) {
      let segment: string;
      try {
        segment = decodeURIComponent(raw);
      } catch {
        throw refuse("path", { code: "problem.field.path-encoding" });
      }
      if (segment.length > MAX_SEGMENT) {
        throw refuse("path", {
          code: "problem.field.path-segment-length",
          params: { max: MAX_SEGMENT },
        });
      }
      if (UNSAFE_SEGMENT.test(segment) || segment.includes("/")) {
        throw refuse("path", { code: "problem.field.path-segment-chars" });
      }
    }
    return next();
  };
}

/**
 * Validates every path parameter of the API before any route runs (issue 13 #11): `{id}` (a
 * client id), `{kid}` (the contracts' `Kid`: letters, digits, `. _ -`, 1–200) and `{orgno}`
 * (a valid organisation number, on PUT and DELETE: `GET scopes/access/all` is a route of its own), plus the shape of
 * every segment. A bad one answers 400 with the parameter as the field, and never reaches Digdir.
 */
export function validatePathParams(app: Hono<BffEnv>): void {
  app.use("/api/*", pathSegments());
  const clientId = checkParam("id", (v) =>
    CLIENT_ID.test(v) ? undefined : { code: "problem.field.client-id" },
  );
  app.use("/api/envs/:env/clients/:id", clientId);
  app.use("/api/envs/:env/clients/:id/*", clientId);
  const kid = checkParam("kid", bySchema(Kid));
  app.use("/api/envs/:env/clients/:id/keys/:kid", kid);
  app.use("/api/envs/:env/clients/:id/jwks/:kid", kid);
  const orgno = checkParam("orgno", bySchema(OrgNumber));
  // Only the methods that have an `{orgno}` route here: a middleware for every method beside the
  // static `GET …/access/all` is ambiguous to Hono's RegExpRouter (see app.ts).
  app.on(["PUT", "DELETE"], "/api/envs/:env/scopes/access/:orgno", orgno);
  app.use("/api/envs/:env/organizations/:orgno", orgno);
}

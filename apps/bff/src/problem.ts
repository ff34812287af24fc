import {
  coded,
  codedFromText,
  codedIssue,
  type MessageParams,
  type Problem,
  type ProblemCode,
  problemMessages,
} from "@portvakt/contracts";
import { KeyEditRefused, MaskinportenError } from "@portvakt/maskinporten";
import { selfServiceMessages } from "@portvakt/maskinporten-rules";
import type { Context } from "hono";
import { HTTPException } from "hono/http-exception";
import type { ContentfulStatusCode } from "hono/utils/http-status";
import type { z } from "zod";
import {
  MadeByEarlierAttemptError,
  OutcomePendingError,
  OutcomeUnknownError,
} from "./changes/guard";
import { LockTimeoutError } from "./changes/locks";

const TITLES: Record<number, string> = {
  400: "Bad Request",
  401: "Unauthorized",
  403: "Forbidden",
  404: "Not Found",
  409: "Conflict",
  412: "Precondition Failed",
  413: "Content Too Large",
  415: "Unsupported Media Type",
  428: "Precondition Required",
  429: "Too Many Requests",
  500: "Internal Server Error",
  502: "Bad Gateway",
  503: "Service Unavailable",
  504: "Gateway Timeout",
};

/**
 * What a route throws as a problem. `code` (a key of a registered message table, e.g.
 * `problemMessages`) is required, so every problem the BFF sends can be rendered in nb, nn and
 * en (issue 14 #4); `detail` stays the English text for API clients, logs and the CLI.
 */
export type ProblemInit = Omit<Problem, "type" | "title" | "status" | "code"> & {
  code: string;
  type?: string;
  title?: string;
  /** Further members of the problem (RFC 9457 extension members), e.g. `current`. */
  extensions?: Record<string, unknown>;
};

/** A write's answer was lost and a re-read could not tell what happened (yet). */
export const OUTCOME_UNKNOWN = "urn:portvakt:problem:outcome-unknown";
/** The change was made, but the request failed after it (e.g. reading the result). */
export const MADE_BUT_UNREAD = "urn:portvakt:problem:made-but-unread";
/** A change was refused because an earlier one of the same resource is still unknown. */
export const OUTCOME_PENDING = "urn:portvakt:problem:outcome-pending";

/** The problems of the change guard: unknown outcomes, pending ones, creates already made. */
export function problemFromChange(error: unknown): ProblemError | undefined {
  if (error instanceof OutcomeUnknownError) {
    const seconds = Math.max(1, Math.ceil((error.settleAt - Date.now()) / 1000));
    return new ProblemError(504, {
      type: OUTCOME_UNKNOWN,
      title: "Outcome unknown",
      code: "problem.outcome-unknown",
      params: { seconds },
      detail: `Digdir did not confirm the change in time and a re-read does not show it yet, so it may or may not be made. \
Portvakt keeps this resource locked and checks again; within ${seconds} s the audit log has an entry following up this one that says what happened. \
The current state at Digdir is in "current".`,
      extensions: {
        current: error.current ?? null,
        audit_id: error.auditId,
        settles_within_seconds: seconds,
      },
    });
  }
  if (error instanceof OutcomePendingError) {
    return new ProblemError(409, {
      type: OUTCOME_PENDING,
      title: "An earlier change is not settled",
      code: "problem.outcome-pending",
      params: { auditId: error.auditId, seconds: error.retryAfterSeconds },
      detail: `An earlier change of this resource has an unknown outcome (audit entry ${error.auditId}); Portvakt is checking it. Nothing was sent. Try again in ${error.retryAfterSeconds} s.`,
      extensions: { audit_id: error.auditId, retry_after: error.retryAfterSeconds },
    });
  }
  if (error instanceof MadeByEarlierAttemptError) {
    return new ProblemError(409, {
      type: "urn:portvakt:problem:made-by-earlier-attempt",
      detail: error.message,
      code: "problem.made-by-earlier-attempt",
      params: { clientId: error.clientId },
      extensions: { client_id: error.clientId, audit_id: error.auditId },
    });
  }
  if (error instanceof LockTimeoutError) {
    return new ProblemError(503, {
      detail: `${error.message}; try again shortly`,
      code: "problem.lock-timeout",
    });
  }
  return undefined;
}

/**
 * Whether `error` is Portvakt refusing a request itself (never an answer of Digdir's): bad input
 * after sign-in (400), a missing confirmation (428), a stale version (412), a refused key edit,
 * an earlier change of the resource still unknown or a create already made (409), another
 * instance holding the resource's lock (503), a rate limit (429). A change refused this way
 * before anything was sent is audited as `denied`, not `failure` (issue 13).
 */
export function refusedByPortvakt(error: unknown): boolean {
  if (error instanceof ProblemError) return error.status >= 400 && error.status < 500;
  if (error instanceof HTTPException) return error.status >= 400 && error.status < 500;
  return (
    error instanceof KeyEditRefused ||
    error instanceof OutcomePendingError ||
    error instanceof MadeByEarlierAttemptError ||
    error instanceof LockTimeoutError
  );
}

/** An error that leaves the BFF as an RFC 9457 problem. Throw it from any route. */
export class ProblemError extends Error {
  readonly status: ContentfulStatusCode;
  readonly problem: ProblemInit;
  constructor(status: ContentfulStatusCode, problem: ProblemInit) {
    super(problem.detail ?? problem.title ?? TITLES[status] ?? "Error");
    this.status = status;
    this.problem = problem;
  }
}

/**
 * A problem whose text is a code of `problemMessages` (docs/i18n.md): `detail` is the English
 * rendering, `code` and `params` let the browser show it in nb, nn or en.
 */
export function codedProblem(
  status: ContentfulStatusCode,
  code: ProblemCode,
  params?: MessageParams,
  init: Omit<ProblemInit, "detail" | "code" | "params"> = {},
): ProblemError {
  const text = coded(problemMessages, code, params);
  return new ProblemError(status, {
    ...init,
    detail: text.detail,
    code: text.code,
    ...(text.params ? { params: text.params } : {}),
  });
}

/**
 * A refused key edit (`KeyEditRefused` of @portvakt/maskinporten, whose English messages are
 * texts of `problemMessages`) as a coded problem, the field error coded the same way.
 */
export function problemFromKeyEdit(error: KeyEditRefused): ProblemError {
  const known = codedFromText(error.message, [problemMessages]) ?? {
    code: "problem.http",
    params: { status: error.status },
    detail: error.message,
  };
  const params = known.params ? { params: known.params } : {};
  return new ProblemError(error.status, {
    detail: error.message,
    code: known.code,
    ...params,
    ...(error.field
      ? { errors: [{ field: error.field, message: error.message, code: known.code, ...params }] }
      : {}),
  });
}

/** A field error whose text is a code of `problemMessages`. */
export function codedFieldError(
  field: string,
  code: ProblemCode,
  params?: MessageParams,
): NonNullable<Problem["errors"]>[number] {
  const text = coded(problemMessages, code, params);
  return {
    field,
    message: text.detail,
    code: text.code,
    ...(text.params ? { params: text.params } : {}),
  };
}

/** Field errors from a zod failure, with the path joined as Digdir names fields (`keys.0.n`). */
export function fieldErrorsOf(error: z.ZodError): NonNullable<Problem["errors"]> {
  return error.issues.map((issue) => {
    const text = codedIssue(issue);
    return {
      ...(issue.path.length ? { field: issue.path.join(".") } : {}),
      message: text.detail,
      ...(text.code ? { code: text.code } : {}),
      ...(text.params ? { params: text.params } : {}),
    };
  });
}

// How an upstream failure is passed on: Digdir's input and state errors go to the browser as
// they are; failures of Digdir itself or of the way there become gateway errors.
function statusForUpstream(error: MaskinportenError): ContentfulStatusCode {
  if (error.kind === "timeout") return 504;
  if (error.kind === "network") return 502;
  if (error.kind === "invalid-response") return 502;
  if (error.kind === "token") return error.status === 503 ? 503 : 502;
  const status = error.status ?? 502;
  if ([400, 403, 404, 409].includes(status)) return status as ContentfulStatusCode;
  if (status === 503) return 503;
  if (status === 504) return 504;
  // 401 after a fresh token means the admin client itself is not accepted: a setup problem.
  return 502;
}

export function problemFromUpstream(error: MaskinportenError): ProblemError {
  const status = statusForUpstream(error);
  const upstreamTitle =
    error.kind === "token" ? "Maskinporten refused the admin client's grant" : undefined;
  return new ProblemError(status, {
    type:
      error.kind === "http" && status < 500
        ? "about:blank"
        : `urn:portvakt:problem:upstream-${error.kind}`,
    ...(upstreamTitle ? { title: upstreamTitle } : {}),
    detail: error.explanation || error.message,
    // Digdir's words that no table knows stay quoted (they cannot be translated), after a
    // sentence in the page's language that says what kind of failure it was.
    ...(error.explained
      ? {
          code: error.explained.code,
          ...(error.explained.params ? { params: error.explained.params } : {}),
        }
      : {
          code: "problem.upstream",
          params: {
            kind: error.kind === "invalid-response" ? "invalid" : error.kind,
            status: error.status ?? status,
            words: error.explanation || error.message,
          },
        }),
    ...(error.correlationId ? { correlation_id: error.correlationId } : {}),
    ...(error.fieldErrors.length
      ? {
          errors: error.fieldErrors.map((fieldError) => {
            // Digdir's own words stay the English message; known shapes get a code, any other
            // is quoted as Digdir's (`problem.upstream.field`), never shown as Portvakt's text.
            const known = codedFromText(fieldError.message, [selfServiceMessages]) ?? {
              code: "problem.upstream.field",
              params: { digdir: fieldError.message },
            };
            return {
              ...fieldError,
              code: known.code,
              ...(known.params ? { params: known.params } : {}),
            };
          }),
        }
      : {}),
  });
}

export function problemBody(
  c: Context,
  status: number,
  init: ProblemInit,
): Problem & Record<string, unknown> {
  const requestId = c.get("requestId" as never) as string | undefined;
  return {
    type: init.type ?? "about:blank",
    title: init.title ?? TITLES[status] ?? "Error",
    status,
    ...(init.detail ? { detail: init.detail } : {}),
    ...(init.code ? { code: init.code } : {}),
    ...(init.params ? { params: init.params } : {}),
    instance: init.instance ?? c.req.path,
    ...(init.correlation_id ? { correlation_id: init.correlation_id } : {}),
    ...(requestId ? { request_id: requestId } : {}),
    ...(init.errors ? { errors: init.errors } : {}),
    ...init.extensions,
  };
}

export function problemResponse(c: Context, status: ContentfulStatusCode, init: ProblemInit) {
  const body = problemBody(c, status, init);
  c.set("problem" as never, body as never);
  const retryAfter = init.extensions?.retry_after;
  return c.body(JSON.stringify(body), status, {
    "Content-Type": "application/problem+json",
    ...(typeof retryAfter === "number" ? { "Retry-After": String(retryAfter) } : {}),
    ...(body.correlation_id ? { "X-Correlation-ID": body.correlation_id } : {}),
  });
}

/** The app's onError: every error becomes a problem; unknown ones say nothing of their insides. */
export function toProblemResponse(error: unknown, c: Context): Response {
  if (error instanceof ProblemError) return problemResponse(c, error.status, error.problem);
  if (error instanceof KeyEditRefused) {
    const problem = problemFromKeyEdit(error);
    return problemResponse(c, problem.status, problem.problem);
  }
  const change = problemFromChange(error);
  if (change) return problemResponse(c, change.status, change.problem);
  if (error instanceof MaskinportenError) {
    const problem = problemFromUpstream(error);
    return problemResponse(c, problem.status, problem.problem);
  }
  if (error instanceof HTTPException) {
    const status = error.status as ContentfulStatusCode;
    return problemResponse(c, status, {
      detail: error.message || TITLES[status],
      code: "problem.http",
      params: { status },
    });
  }
  const internal = codedProblem(500, "problem.internal");
  return problemResponse(c, 500, internal.problem);
}

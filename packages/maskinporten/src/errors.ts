import { type Coded, coded, type DigdirError } from "@portvakt/contracts";
import {
  explainTokenError as explainTokenErrorRule,
  forbiddenCause,
  type SentTokenFacts,
  selfServiceMessages,
  unauthorizedCause,
} from "@portvakt/maskinporten-rules";
import type { z } from "zod";

export type MaskinportenErrorKind = "http" | "token" | "timeout" | "network" | "invalid-response";

export interface MaskinportenFieldError {
  field?: string;
  message: string;
}

export interface MaskinportenErrorInit {
  kind: MaskinportenErrorKind;
  message: string;
  explanation: string;
  /** The explanation as a code with parameters, for the browser to render in its language. */
  explained?: Coded;
  status?: number;
  correlationId?: string;
  code?: string;
  fieldErrors?: MaskinportenFieldError[];
  upstream?: unknown;
  method?: string;
  path?: string;
  /** Seconds the API asked the caller to wait (`Retry-After` of a 429 or 503), when it said. */
  retryAfterSeconds?: number;
  cause?: unknown;
}

/**
 * Every failure of a call to Maskinporten or its self-service API. It never carries a token,
 * an assertion or key material, so it is safe to log and to turn into a problem response.
 */
export class MaskinportenError extends Error {
  override readonly name = "MaskinportenError";
  readonly kind: MaskinportenErrorKind;
  readonly status?: number;
  readonly correlationId?: string;
  readonly code?: string;
  readonly fieldErrors: MaskinportenFieldError[];
  readonly explanation: string;
  readonly explained?: Coded;
  readonly upstream?: unknown;
  readonly method?: string;
  readonly path?: string;
  /**
   * Seconds the API asked the caller to wait before trying again (its `Retry-After` header,
   * seconds or an HTTP date, RFC 9110 §10.2.3), on a 429 or 503; undefined when it said nothing.
   */
  readonly retryAfterSeconds?: number;

  constructor(init: MaskinportenErrorInit) {
    super(init.message, init.cause === undefined ? undefined : { cause: init.cause });
    this.kind = init.kind;
    this.status = init.status;
    this.correlationId = init.correlationId;
    this.code = init.code;
    this.fieldErrors = init.fieldErrors ?? [];
    this.explanation = init.explanation;
    this.explained = init.explained;
    this.upstream = init.upstream;
    this.method = init.method;
    this.path = init.path;
    if (init.retryAfterSeconds !== undefined) this.retryAfterSeconds = init.retryAfterSeconds;
  }

  /** A plain object for logs and audit records (the `cause` is left out: it may be anything). */
  toJSON(): Record<string, unknown> {
    return {
      name: this.name,
      kind: this.kind,
      message: this.message,
      status: this.status,
      correlationId: this.correlationId,
      code: this.code,
      fieldErrors: this.fieldErrors,
      explanation: this.explanation,
      method: this.method,
      path: this.path,
      ...(this.retryAfterSeconds !== undefined
        ? { retryAfterSeconds: this.retryAfterSeconds }
        : {}),
    };
  }
}

/** One refused field of `MaskinportenInputError`: its path (`keys.0.d`), and why. */
export interface MaskinportenInputIssue {
  field: string;
  message: string;
}

/**
 * Input the client library refuses before anything is sent: a body that breaks the contracts'
 * write rules (`ScopeInput`, `ClientInput`, `Jwk`, …; a private JWK member among them). `code` is
 * always `INVALID_INPUT`; `issues` name each field. Thrown instead of zod's own error, so callers
 * depend on this package only.
 */
export class MaskinportenInputError extends Error {
  override readonly name = "MaskinportenInputError";
  readonly code = "INVALID_INPUT" as const;
  readonly issues: readonly MaskinportenInputIssue[];
  constructor(what: string, issues: readonly MaskinportenInputIssue[]) {
    super(
      `${what} is not valid: ${issues.map((i) => (i.field ? `${i.field}: ${i.message}` : i.message)).join("; ")}`,
    );
    this.issues = issues;
  }
}

/**
 * `value` parsed with `schema` (a contracts write schema).
 * @throws MaskinportenInputError naming `what` and each refused field.
 */
export function checkedInput<T extends z.ZodType>(
  schema: T,
  value: unknown,
  what: string,
): z.output<T> {
  const result = schema.safeParse(value);
  if (result.success) return result.data;
  throw inputErrorOf(what, result.error);
}

/** zod's refusal of `what` as this package's `MaskinportenInputError`. */
function inputErrorOf(what: string, error: z.ZodError): MaskinportenInputError {
  return new MaskinportenInputError(
    what,
    error.issues.map((issue) => ({ field: issue.path.join("."), message: issue.message })),
  );
}

/** Bad options given to the client library (e.g. an issuer without its trailing `/`). */
export class MaskinportenConfigError extends Error {
  override readonly name = "MaskinportenConfigError";
  /** Stable, e.g. `issuer.slash`, `issuer.http`, `token-endpoint.url`. */
  readonly code: string;
  constructor(code: string, message: string) {
    super(message);
    this.code = code;
  }
}

/** A token error's MP code: from `error_uri`, or recognised from Digdir's `error_description`. */
export function mpCodeOfTokenError(body: {
  error?: unknown;
  error_description?: unknown;
  error_uri?: unknown;
}): string | undefined {
  const explained = explainTokenErrorRule(body);
  return explained?.uriCode ?? explained?.rule.mpCode;
}

/**
 * A plain-language explanation of a token-endpoint error body, with Digdir's own wording
 * appended. The code comes from `error_uri` or, as real bodies often lack it, from Digdir's
 * documented `error_description` texts (`@portvakt/maskinporten-rules`).
 */
export function explainTokenError(error: {
  error: string;
  error_description?: string;
  error_uri?: string;
}): string {
  const explained = explainTokenErrorRule(error);
  const detail = error.error_description ? ` Maskinporten said: "${error.error_description}".` : "";
  if (explained) {
    const { rule } = explained;
    return `${rule.mpCode ?? error.error}: ${rule.cause} ${rule.fix}${detail}`;
  }
  const code = error.error_uri?.match(/MP-\d{3}/)?.[0];
  return `Maskinporten refused the token request (${code ?? error.error}).${detail}`;
}

export type { SentTokenFacts };

export interface UnauthorizedContext {
  apiBaseUrl: string;
  token?: SentTokenFacts;
  adminScopes: readonly string[];
  /** Whether the call was already repeated once with a freshly fetched token. */
  retriedWithFreshToken: boolean;
  /** The clock: epoch ms (the one convention of every package); default `Date.now`. */
  now?: () => number;
  /** Digdir's `error_description`, if any. */
  description?: string;
}

/**
 * The seed guide's FAQ, "I get 401 unauthorized when I post a change": tell which of its causes
 * fits what we know about the token we sent (the decision lives in `@portvakt/maskinporten-rules`).
 * Coded as the cause's code of `maskinportenRulesMessages` (`faq.*`) with its parameters; the
 * English `detail` is the status, the cause and the fix.
 */
export function explainUnauthorizedCoded(context: UnauthorizedContext): Coded {
  const answer = unauthorizedCause({
    token: context.token ?? null,
    apiBaseUrl: context.apiBaseUrl,
    adminScopes: context.adminScopes,
    retriedWithFreshToken: context.retriedWithFreshToken,
    ...(context.now !== undefined ? { now: context.now } : {}),
    ...(context.description !== undefined ? { description: context.description } : {}),
  });
  return {
    code: answer.code,
    params: answer.params,
    detail: `401 Unauthorized: ${answer.message} ${answer.fix}`,
  };
}

/** English text of {@link explainUnauthorizedCoded}. */
export function explainUnauthorized(context: UnauthorizedContext): string {
  return explainUnauthorizedCoded(context).detail;
}

export interface ForbiddenContext {
  /** Admin scopes of which any one allows the call; empty when unknown. */
  requiredScopes: readonly string[];
  token?: SentTokenFacts;
  adminScopes: readonly string[];
}

/**
 * A 403 is usually a missing admin scope (docs/maskinporten.md §2); name it when the call tells
 * which one. Coded as the cause's `faq.*` code of `maskinportenRulesMessages`.
 */
export function explainForbiddenCoded(context: ForbiddenContext): Coded {
  const answer = forbiddenCause(context);
  return {
    code: answer.code,
    params: answer.params,
    detail: `403 Forbidden: ${answer.message} ${answer.fix}`,
  };
}

/** English text of {@link explainForbiddenCoded}. */
export function explainForbidden(context: ForbiddenContext): string {
  return explainForbiddenCoded(context).detail;
}

/** Plain language for the other statuses of the self-service API (docs/maskinporten.md §7). Coded (`upstream.*`). */
export function explainHttpStatusCoded(status: number, upstream?: DigdirError): Coded {
  const digdir = upstream?.error_description || "none";
  switch (status) {
    case 400:
    case 404:
    case 409:
    case 429:
      return coded(selfServiceMessages, `upstream.${status}`, { digdir });
    case 502:
    case 503:
    case 504:
      return coded(selfServiceMessages, "upstream.unavailable", { status: String(status), digdir });
    default:
      return coded(selfServiceMessages, status >= 500 ? "upstream.5xx" : "upstream.other", {
        status: String(status),
        digdir,
      });
  }
}

/** English text of {@link explainHttpStatusCoded}. */
export function explainHttpStatus(status: number, upstream?: DigdirError): string {
  return explainHttpStatusCoded(status, upstream).detail;
}

/**
 * A `Retry-After` header value in seconds (RFC 9110 §10.2.3: delay-seconds or an HTTP date),
 * at least 0; undefined when absent or unreadable. `now` is the clock (epoch ms, the packages'
 * one convention), read only for an HTTP date.
 */
export function parseRetryAfter(
  value: string | null | undefined,
  now: () => number = Date.now,
): number | undefined {
  if (value === null || value === undefined) return undefined;
  const text = value.trim();
  if (/^\d{1,9}$/.test(text)) return Number(text);
  // An HTTP date names its weekday and month ("Sun, 06 Nov 1994 08:49:37 GMT").
  if (!/^[A-Za-z]{3},? /.test(text)) return undefined;
  const date = Date.parse(text);
  if (Number.isNaN(date)) return undefined;
  return Math.max(0, Math.ceil((date - now()) / 1000));
}

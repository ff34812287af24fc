import type { AppType } from "@portvakt/bff";
import {
  browserProblemMessages,
  CHANGE_REQUEST_HEADER,
  type ChangeRequest,
  coded,
  type MessageParams,
  PROD_CONFIRMATION_HEADER,
  Problem,
} from "@portvakt/contracts";
import { hc } from "hono/client";
import type { z } from "zod";

/**
 * The one place the browser talks to the BFF: Hono's typed client over the BFF's routes, the
 * `X-CSRF: 1` header on every call, and RFC 9457 problem bodies turned into `ApiProblem`.
 */

/** A field error of a problem: English `message`, and `code`/`params` to render (docs/i18n.md). */
export type FieldProblem = {
  field?: string;
  message: string;
  code?: string;
  params?: MessageParams;
};

/** A text for a form field: a code with parameters and the English detail (see `useI18n().tc`). */
export type FieldText = { code?: string; params?: MessageParams; detail: string };

/**
 * The server's field errors of a problem, one per field (the first wins), keyed by the field's
 * name as the form knows it (`rename` maps e.g. `scopes[0]` to `scopes`).
 */
export function fieldTextsOf(
  problem: ApiProblem,
  rename: (field: string) => string = (field) => field,
): Record<string, FieldText> {
  const out: Record<string, FieldText> = {};
  for (const e of problem.errors) {
    if (!e.field) continue;
    out[rename(e.field)] ??= {
      detail: e.message,
      ...(e.code ? { code: e.code } : {}),
      ...(e.params ? { params: e.params } : {}),
    };
  }
  return out;
}

/** The BFF's problem type when the person has no (or an expired) session. */
export const SIGN_IN_REQUIRED = "urn:portvakt:problem:sign-in-required";

export class ApiProblem extends Error {
  readonly type: string;
  readonly title: string;
  readonly status: number;
  readonly detail?: string;
  /** The text of `detail` as a code with parameters, when the server sent one (docs/i18n.md). */
  readonly code?: string;
  readonly params?: MessageParams;
  readonly correlationId?: string;
  readonly requestId?: string;
  readonly errors: FieldProblem[];
  /** From Retry-After on 429/503, when the server said how long to wait. */
  retryAfterSeconds?: number;

  constructor(problem: Problem) {
    super(problem.detail ?? problem.title);
    this.name = "ApiProblem";
    this.type = problem.type;
    this.title = problem.title;
    this.status = problem.status;
    this.detail = problem.detail;
    this.code = problem.code;
    this.params = problem.params;
    this.correlationId = problem.correlation_id;
    this.requestId = problem.request_id;
    this.errors = problem.errors ?? [];
  }

  get signInRequired(): boolean {
    return this.status === 401 && this.type === SIGN_IN_REQUIRED;
  }

  /** The message for a form field, if the server named that field. */
  fieldError(field: string): string | undefined {
    return this.errors.find((e) => e.field === field || e.field?.endsWith(`.${field}`))?.message;
  }
}

/** The window event sent when a change became a four-eyes change request (`detail`: it). */
export const CHANGE_REQUESTED_EVENT = "portvakt:change-requested";

/**
 * A change the BFF did not make but stored as a change request for another admin (four-eyes,
 * answered 202 with `X-Portvakt-Change-Request`). Thrown by `send` so that no caller takes the
 * answer for the changed thing; the shell shows the notice (`CHANGE_REQUESTED_EVENT`), and
 * `ErrorAlert` and error toasts show nothing for it.
 */
export class ChangeRequestedError extends Error {
  readonly changeRequest: ChangeRequest;
  constructor(changeRequest: ChangeRequest) {
    super(`Stored as change request ${changeRequest.id}`);
    this.name = "ChangeRequestedError";
    this.changeRequest = changeRequest;
  }
}

/**
 * A 202 answer with `X-Portvakt-Change-Request`: sends `CHANGE_REQUESTED_EVENT` and throws
 * `ChangeRequestedError` (for callers that read the answer themselves, e.g. plan applies).
 */
export function throwIfChangeRequested(
  response: { status: number; headers: Headers },
  data: unknown,
): void {
  if (response.status !== 202 || !response.headers.get(CHANGE_REQUEST_HEADER)) return;
  const changeRequest = (data as { changeRequest: ChangeRequest }).changeRequest;
  window.dispatchEvent(new CustomEvent(CHANGE_REQUESTED_EVENT, { detail: changeRequest }));
  throw new ChangeRequestedError(changeRequest);
}

export function isChangeRequested(error: unknown): error is ChangeRequestedError {
  return error instanceof ChangeRequestedError;
}

export function isApiProblem(error: unknown): error is ApiProblem {
  return error instanceof ApiProblem;
}

/** What the typed client's responses offer; kept structural so tests can pass a Response. */
type BffResponse = {
  ok: boolean;
  status: number;
  statusText: string;
  headers: Headers;
  text(): Promise<string>;
};

export type ApiResponse<T> = { data: T; headers: Headers; status: number };

/**
 * Hono's typed client over the BFF's own route definitions (`AppType`): a path, parameter,
 * query or body the BFF does not accept is a compile error here. Every call sends `X-CSRF: 1`.
 */
export const bff = hc<AppType>("/", {
  headers: { "X-CSRF": "1", Accept: "application/json, application/problem+json" },
  init: { credentials: "same-origin" },
});

/**
 * Per-call options of a destructive change the person has confirmed (the prod guard's typed name,
 * or the reviewed plan): names the environment in `X-Portvakt-Confirm-Env`, which the BFF
 * requires for such changes in an environment of kind prod.
 */
export const confirmedIn = (env: string) => ({ headers: { [PROD_CONFIRMATION_HEADER]: env } });

/** Per-call options: the query's abort signal. */
export const withSignal = (signal?: AbortSignal) => (signal ? { init: { signal } } : undefined);

/** `detail`, `code` and `params` of a problem the browser makes itself. */
export function codedDetail(code: keyof typeof browserProblemMessages.en, params?: MessageParams) {
  const text = coded(browserProblemMessages, code, params);
  return { detail: text.detail, code: text.code, ...(text.params ? { params: text.params } : {}) };
}

async function problemOf(response: BffResponse): Promise<ApiProblem> {
  let body: unknown;
  try {
    body = JSON.parse(await response.text());
  } catch {
    body = undefined;
  }
  const parsed = Problem.safeParse(body);
  const retryAfter = Number(response.headers.get("Retry-After"));
  if (parsed.success) {
    const problem = new ApiProblem(parsed.data);
    if (retryAfter > 0) problem.retryAfterSeconds = retryAfter;
    return problem;
  }
  return new ApiProblem({
    type: "about:blank",
    title: response.statusText || `HTTP ${response.status}`,
    status: response.status >= 400 ? response.status : 500,
    ...codedDetail("problem.no-problem-body", { status: String(response.status) }),
  });
}

/**
 * Awaits one BFF call: failures become `ApiProblem`, and the body is validated with `schema`
 * (the contracts' zod schemas) at this boundary.
 */
export async function send<T>(
  request: Promise<BffResponse>,
  schema?: z.ZodType<T>,
): Promise<ApiResponse<T>> {
  let response: BffResponse;
  try {
    response = await request;
  } catch (error) {
    if (error instanceof DOMException && error.name === "AbortError") throw error;
    throw new ApiProblem({
      type: "about:blank",
      title: "Network error",
      status: 503,
      ...codedDetail("problem.network"),
    });
  }
  if (!response.ok) throw await problemOf(response);
  const text = response.status === 204 ? "" : await response.text();
  const data: unknown = text ? JSON.parse(text) : undefined;
  throwIfChangeRequested(response, data);
  if (!schema) return { data: data as T, headers: response.headers, status: response.status };
  const parsed = schema.safeParse(data);
  if (!parsed.success) {
    // The page names the fields only: zod's own sentences are English whatever the page's
    // language (issue 14, defect 2). They go to the console for whoever debugs it.
    console.warn("Unexpected answer", parsed.error.issues.slice(0, 10));
    throw new ApiProblem({
      type: "about:blank",
      title: "Unexpected answer",
      status: 502,
      ...codedDetail("problem.unexpected-answer", {
        issues: [...new Set(parsed.error.issues.map((i) => i.path.join(".") || "/"))]
          .slice(0, 3)
          .join(", "),
      }),
    });
  }
  return { data: parsed.data, headers: response.headers, status: response.status };
}

/** The validated body only, for the common case. */
export async function call<T>(request: Promise<BffResponse>, schema?: z.ZodType<T>): Promise<T> {
  return (await send(request, schema)).data;
}

/** Where the BFF starts sign-in, coming back to the page the person was on. */
export function signInUrl(returnTo = window.location.pathname + window.location.search): string {
  return `/auth/login?${new URLSearchParams({ returnTo }).toString()}`;
}

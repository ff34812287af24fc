import { Problem } from "@portvakt/contracts";
import type { z } from "zod";

/**
 * The one place the browser talks to the BFF. Every call sends `X-CSRF: 1` and turns RFC 9457
 * problem bodies into `ApiProblem`, so switching to Hono's typed client later touches one file.
 */

export type FieldProblem = { field?: string; message: string };

/** The BFF's problem type when the person has no (or an expired) session. */
export const SIGN_IN_REQUIRED = "urn:portvakt:problem:sign-in-required";

export class ApiProblem extends Error {
  readonly type: string;
  readonly title: string;
  readonly status: number;
  readonly detail?: string;
  readonly correlationId?: string;
  readonly requestId?: string;
  readonly errors: FieldProblem[];

  constructor(problem: Problem) {
    super(problem.detail ?? problem.title);
    this.name = "ApiProblem";
    this.type = problem.type;
    this.title = problem.title;
    this.status = problem.status;
    this.detail = problem.detail;
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

export function isApiProblem(error: unknown): error is ApiProblem {
  return error instanceof ApiProblem;
}

type Query = Record<string, string | number | boolean | undefined>;

export type RequestOptions<T> = {
  method?: "GET" | "POST" | "PUT" | "DELETE";
  query?: Query;
  body?: unknown;
  headers?: Record<string, string>;
  /** Validates the response at the boundary; without it the body is returned as `unknown`. */
  schema?: z.ZodType<T>;
  signal?: AbortSignal;
};

export type ApiResponse<T> = { data: T; headers: Headers; status: number };

function buildUrl(path: string, query?: Query): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query ?? {})) {
    if (value !== undefined) params.set(key, String(value));
  }
  const search = params.toString();
  return search ? `${path}?${search}` : path;
}

async function problemOf(response: Response): Promise<ApiProblem> {
  let body: unknown;
  try {
    body = await response.json();
  } catch {
    body = undefined;
  }
  const parsed = Problem.safeParse(body);
  if (parsed.success) return new ApiProblem(parsed.data);
  return new ApiProblem({
    type: "about:blank",
    title: response.statusText || `HTTP ${response.status}`,
    status: response.status >= 400 ? response.status : 500,
    detail: `The server answered ${response.status} without a problem description.`,
  });
}

export async function apiRequest<T>(path: string, options: RequestOptions<T> = {}) {
  const { method = "GET", query, body, headers, schema, signal } = options;
  let response: Response;
  try {
    response = await fetch(buildUrl(path, query), {
      method,
      signal,
      credentials: "same-origin",
      headers: {
        Accept: "application/json, application/problem+json",
        "X-CSRF": "1",
        ...(body === undefined ? {} : { "Content-Type": "application/json" }),
        ...headers,
      },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
  } catch (error) {
    if (error instanceof DOMException && error.name === "AbortError") throw error;
    throw new ApiProblem({
      type: "about:blank",
      title: "Network error",
      status: 503,
      detail: "Portvakt's server could not be reached. Check the connection and try again.",
    });
  }
  if (!response.ok) throw await problemOf(response);
  let data: unknown;
  if (response.status !== 204) {
    const text = await response.text();
    data = text ? JSON.parse(text) : undefined;
  }
  if (schema) {
    const parsed = schema.safeParse(data);
    if (!parsed.success) {
      throw new ApiProblem({
        type: "about:blank",
        title: "Unexpected answer",
        status: 502,
        detail: `The answer from ${path} did not have the expected shape: ${parsed.error.issues
          .slice(0, 3)
          .map((i) => `${i.path.join(".")}: ${i.message}`)
          .join("; ")}`,
      });
    }
    return { data: parsed.data, headers: response.headers, status: response.status };
  }
  return { data: data as T, headers: response.headers, status: response.status };
}

/** The body only, for the common case. */
export async function api<T>(path: string, options: RequestOptions<T> = {}): Promise<T> {
  return (await apiRequest(path, options)).data;
}

/** `/api/envs/{env}` + rest, with the env id encoded. */
export function envPath(env: string, rest: string): string {
  return `/api/envs/${encodeURIComponent(env)}${rest}`;
}

/** Where the BFF starts sign-in, coming back to the page the person was on. */
export function signInUrl(returnTo = window.location.pathname + window.location.search): string {
  return `/auth/login?${new URLSearchParams({ returnTo }).toString()}`;
}

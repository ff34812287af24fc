import type { DigdirError, DigdirFieldError } from "@portvakt/contracts";
import type { Context } from "hono";
import type { ContentfulStatusCode } from "hono/utils/http-status";
import type { z } from "zod";
import { asJacksonReads } from "./jackson";

const ERROR_CODES: Record<number, string> = {
  400: "invalid_request",
  401: "invalid_token",
  403: "access_denied",
  404: "not_found",
  405: "method_not_allowed",
  409: "conflict",
  500: "server_error",
  503: "temporarily_unavailable",
};

/** An error of the self-service API, thrown by handlers and rendered in Digdir's shape (docs/maskinporten.md §7). */
export class DigdirApiError extends Error {
  constructor(
    readonly status: ContentfulStatusCode,
    readonly description: string,
    readonly fieldErrors?: DigdirFieldError[],
    readonly error: string = ERROR_CODES[status] ?? "error",
  ) {
    super(description);
  }
}

/**
 * Digdir answers a list that would be empty with an error saying the organisation "does not
 * have any" (docs/maskinporten.md §8; Digdir's own web client turns it into an empty list).
 */
export function doesNotHaveAny(orgno: string, what: string): DigdirApiError {
  return new DigdirApiError(404, `Organization ${orgno} does not have any ${what}`);
}

export function fieldError(
  objectName: string,
  fieldIdentifier: string,
  errorMessage: string,
): DigdirFieldError {
  return { errorMessage, isFieldError: true, objectName, fieldIdentifier };
}

/** Spring-style field paths, as Digdir reports them: `keys[0].kid`. */
function fieldPath(path: readonly PropertyKey[]): string {
  return path
    .map((part, index) =>
      typeof part === "number" ? `[${part}]` : `${index === 0 ? "" : "."}${String(part)}`,
    )
    .join("");
}

export function fieldErrorsOf(error: z.ZodError, objectName: string): DigdirFieldError[] {
  return error.issues.map((issue) => ({
    errorMessage: issue.message,
    isFieldError: issue.path.length > 0,
    objectName,
    fieldIdentifier: fieldPath(issue.path),
  }));
}

export function renderDigdirError(c: Context, error: DigdirApiError): Response {
  const correlationId = c.get("correlationId") as string | undefined;
  const body: DigdirError = {
    status: error.status,
    timestamp: new Date().toISOString(),
    correlation_id: correlationId ?? crypto.randomUUID(),
    error: error.error,
    error_description: error.description,
    ...(error.fieldErrors?.length ? { errors: error.fieldErrors } : {}),
  };
  if (error.status === 401) {
    c.header(
      "WWW-Authenticate",
      `Bearer error="invalid_token", error_description="${error.description.replace(/"/g, "'")}"`,
    );
  }
  return c.json(body, error.status);
}

/**
 * Reads and validates a JSON body; bad JSON and schema failures become 400 with field errors.
 * A self-service body (`options.asDigdir`) is first read as Digdir's service reads it
 * (`asJacksonReads`: `""` for a number is "not set", `"120"` is 120), so the simulator takes what
 * Digdir takes; the simulator's own control API reads bodies as they are.
 */
export async function parseJsonBody<Schema extends z.ZodType>(
  c: Context,
  schema: Schema,
  objectName: string,
  options: { asDigdir?: boolean } = {},
): Promise<z.output<Schema>> {
  let raw: unknown;
  try {
    raw = await c.req.json();
  } catch {
    throw new DigdirApiError(400, "The request body is not valid JSON");
  }
  const parsed = schema.safeParse(options.asDigdir ? asJacksonReads(schema, raw) : raw);
  if (!parsed.success) {
    throw new DigdirApiError(
      400,
      `The ${objectName} is not valid`,
      fieldErrorsOf(parsed.error, objectName),
    );
  }
  return parsed.data;
}

/** Validates one query or path parameter. */
export function parseParameter<Schema extends z.ZodType>(
  value: string | undefined,
  schema: Schema,
  name: string,
): z.output<Schema> {
  if (value === undefined || value === "") {
    throw new DigdirApiError(400, `The parameter ${name} is required`, [
      {
        errorMessage: `${name} is required`,
        isFieldError: true,
        objectName: "request",
        fieldIdentifier: name,
      },
    ]);
  }
  const parsed = schema.safeParse(value);
  if (!parsed.success) {
    const message = parsed.error.issues[0]?.message ?? "invalid";
    throw new DigdirApiError(400, `The parameter ${name} is not valid: ${message}`, [
      { errorMessage: message, isFieldError: true, objectName: "request", fieldIdentifier: name },
    ]);
  }
  return parsed.data;
}

/** `parseJsonBody`'s options for a self-service body: read as Digdir's service reads it. */
export const DIGDIR_BODY = { asDigdir: true } as const;

import type { MaskinportenErrorKind } from "./errors";

/** How a fetch that produced no response failed: its AbortSignal.timeout fired, or the network. */
export function failureOfFetch(
  error: unknown,
): Extract<MaskinportenErrorKind, "timeout" | "network"> {
  if (error instanceof Error && (error.name === "TimeoutError" || error.name === "AbortError")) {
    return "timeout";
  }
  return "network";
}

/** Digdir puts the correlation id in the body of its errors, and gateways in a header. */
export function correlationIdOf(response: Response, body: unknown): string | undefined {
  if (typeof body === "object" && body !== null && "correlation_id" in body) {
    const value = (body as { correlation_id: unknown }).correlation_id;
    if (typeof value === "string" && value.length > 0) return value;
  }
  return response.headers.get("x-correlation-id") ?? undefined;
}

/** The body as JSON, or `undefined` when it is empty or not JSON. */
export function parseJson(text: string): unknown {
  if (text.trim().length === 0) return undefined;
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

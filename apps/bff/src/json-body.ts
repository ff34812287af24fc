import type { Context } from "hono";
import type { TypedResponse } from "hono/types";
import type { ContentfulStatusCode } from "hono/utils/http-status";
import type { JSONParsed } from "hono/utils/types";

/** What `c.json(value, status)` returns, so routes keep their types for the web app's client. */
type JsonResponse<T, U extends ContentfulStatusCode> = Response &
  TypedResponse<JSONParsed<T>, U, "json">;

// The maskinporten client hands out the same frozen value while Digdir answers the same bytes;
// its JSON is then the same too, and a large grant list need not be serialised again.
const serialised = new WeakMap<object, Uint8Array<ArrayBuffer>>();
const utf8 = new TextEncoder();

/** `c.json(value, status)` that reuses the JSON text of a value it has sent before. */
export function sendJson<T, U extends ContentfulStatusCode>(
  c: Context,
  value: T,
  status: U,
): JsonResponse<T, U> {
  let body = typeof value === "object" && value !== null ? serialised.get(value) : undefined;
  if (body === undefined) {
    body = utf8.encode(JSON.stringify(value)) as Uint8Array<ArrayBuffer>;
    if (typeof value === "object" && value !== null && Object.isFrozen(value)) {
      serialised.set(value, body);
    }
  }
  return c.body(body, status, {
    "Content-Type": "application/json",
  }) as unknown as JsonResponse<T, U>;
}

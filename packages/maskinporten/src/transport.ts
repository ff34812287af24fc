import { request as undiciRequest } from "undici";
import type { MaskinportenErrorKind } from "./errors";

/** Undici's own time-outs (connect, headers, body): an answer that did not come in time. */
const UNDICI_TIMEOUTS = new Set([
  "UND_ERR_CONNECT_TIMEOUT",
  "UND_ERR_HEADERS_TIMEOUT",
  "UND_ERR_BODY_TIMEOUT",
]);

/**
 * How a call that produced no response failed: its AbortSignal.timeout fired (or one of undici's
 * own time-outs), or the network.
 */
export function failureOfFetch(
  error: unknown,
): Extract<MaskinportenErrorKind, "timeout" | "network"> {
  if (error instanceof Error && (error.name === "TimeoutError" || error.name === "AbortError")) {
    return "timeout";
  }
  const code = (error as { code?: unknown } | null)?.code;
  if (typeof code === "string" && UNDICI_TIMEOUTS.has(code)) return "timeout";
  return "network";
}

/** Response headers, read by name (case-insensitive): a `Headers` or a transport's own view. */
export interface HeaderReader {
  get(name: string): string | null;
}

/** Digdir puts the correlation id in the body of its errors, and gateways in a header. */
export function correlationIdOf(
  response: { headers: HeaderReader },
  body: unknown,
): string | undefined {
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

/** One HTTP exchange with Digdir's self-service API, as the self-service client sends it. */
export interface UpstreamRequest {
  method: "GET" | "POST" | "PUT" | "DELETE";
  /** Absolute URL, query included. */
  url: string;
  headers: Record<string, string>;
  /** JSON text, for POST and PUT. */
  body?: string;
  /** Aborts the exchange, body included (the client passes AbortSignal.timeout(timeoutMs)). */
  signal: AbortSignal;
  /**
   * The body of an earlier answer to the same request. When the new body is byte for byte the
   * same, the transport answers with this very array (`bytes === known`), so the caller can tell
   * at once and the answer is never copied into a new buffer.
   */
  known?: Uint8Array;
}

/** The whole answer: status, headers and the body's bytes (read to the end). */
export interface UpstreamResponse {
  status: number;
  headers: HeaderReader;
  bytes: Uint8Array;
}

/**
 * Sends one request and reads the whole answer. Rejects when no answer came: with the signal's
 * reason when it aborted (a `TimeoutError` for AbortSignal.timeout), else a network error
 * (classified by `failureOfFetch`).
 */
export type Transport = (request: UpstreamRequest) => Promise<UpstreamResponse>;

function headerReader(headers: Record<string, string | string[] | undefined>): HeaderReader {
  return {
    get(name) {
      const value = headers[name.toLowerCase()];
      return value === undefined ? null : Array.isArray(value) ? value.join(", ") : value;
    },
  };
}

/**
 * The default transport: undici's pooled `request` (keep-alive connections per origin, no WHATWG
 * Request/Response or web streams on the way). It goes through undici's global dispatcher, so the
 * `EnvHttpProxyAgent` that the BFF installs for HTTPS_PROXY / NO_PROXY (see apps/bff outbound.ts)
 * is honoured exactly as it is for `fetch`. The body's chunks are compared with `known` as they
 * arrive and only joined when they differ from it.
 */
export const undiciTransport: Transport = async (request) => {
  const answer = await undiciRequest(request.url, {
    method: request.method,
    headers: request.headers,
    ...(request.body === undefined ? {} : { body: request.body }),
    signal: request.signal,
  });
  const chunks: Buffer[] = [];
  const known = request.known;
  let length = 0;
  let same = known !== undefined;
  for await (const chunk of answer.body as AsyncIterable<Buffer>) {
    if (same) {
      same =
        length + chunk.length <= known!.length &&
        chunk.equals(known!.subarray(length, length + chunk.length));
    }
    chunks.push(chunk);
    length += chunk.length;
  }
  // A copy only when the answer changed: a lone chunk may be a view of a larger socket buffer.
  const bytes = same && length === known!.length ? known! : Buffer.concat(chunks, length);
  return { status: answer.statusCode, headers: headerReader(answer.headers), bytes };
};

/** A transport over a `fetch` function (tests inject one; the token client uses fetch too). */
export function fetchTransport(fetchFn: typeof fetch): Transport {
  return async (request) => {
    const response = await fetchFn(request.url, {
      method: request.method,
      headers: request.headers,
      body: request.body,
      signal: request.signal,
    });
    const bytes = new Uint8Array(await response.arrayBuffer());
    const known = request.known;
    return {
      status: response.status,
      headers: response.headers,
      bytes: known && sameBytes(known, bytes) ? known : bytes,
    };
  };
}

/** Byte-for-byte equality of two arrays, without decoding them. */
export function sameBytes(a: Uint8Array, b: Uint8Array): boolean {
  return a === b || (a.length === b.length && Buffer.compare(a, b) === 0);
}

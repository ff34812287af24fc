import { EventEmitter } from "node:events";
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
  /**
   * The most the whole exchange may take, body included, in milliseconds. The transport keeps
   * this deadline itself and rejects with a `TimeoutError` when it passes.
   */
  timeoutMs: number;
  /** Aborts the exchange earlier, body included (optional; rejects with the signal's reason). */
  signal?: AbortSignal;
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
 * Sends one request and reads the whole answer. Rejects when no answer came: with a
 * `TimeoutError` when `timeoutMs` passed, with the signal's reason when it aborted, else a
 * network error (classified by `failureOfFetch`).
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
 * The deadline of one exchange as an EventEmitter with `aborted`, `reason` and an `abort` event,
 * which undici accepts as its `signal`: one timer per call. `AbortSignal.timeout` builds an
 * EventTarget, a timer and a weak reference for every call, visible in the bff-vs-direct profile
 * (issue 17 item 2). An outside `signal`, when given, aborts it too.
 */
class Deadline extends EventEmitter {
  aborted = false;
  reason: unknown;
  readonly #timer: NodeJS.Timeout;

  constructor(timeoutMs: number, signal: AbortSignal | undefined) {
    super();
    this.#timer = setTimeout(
      () =>
        this.abort(
          new DOMException(`The exchange took longer than ${timeoutMs} ms`, "TimeoutError"),
        ),
      timeoutMs,
    );
    this.#timer.unref();
    if (signal?.aborted) this.abort(signal.reason);
    else signal?.addEventListener("abort", () => this.abort(signal.reason), { once: true });
  }

  abort(reason: unknown): void {
    if (this.aborted) return;
    this.aborted = true;
    this.reason = reason;
    clearTimeout(this.#timer);
    this.emit("abort");
  }

  /** The exchange is over: the timer goes (an outside signal's listener holds nothing). */
  done(): void {
    clearTimeout(this.#timer);
  }
}

/**
 * The default transport: undici's pooled `request` (keep-alive connections per origin, no WHATWG
 * Request/Response or web streams on the way). It goes through undici's global dispatcher, so the
 * `EnvHttpProxyAgent` that the BFF installs for HTTPS_PROXY / NO_PROXY (see apps/bff outbound.ts)
 * is honoured exactly as it is for `fetch`. The body's chunks are compared with `known` as they
 * arrive and only joined when they differ from it. `timeoutMs` bounds the whole exchange, body
 * included (a `Deadline`, not an AbortSignal per call).
 */
export const undiciTransport: Transport = async (request) => {
  const deadline = new Deadline(request.timeoutMs, request.signal);
  try {
    const answer = await undiciRequest(request.url, {
      method: request.method,
      headers: request.headers,
      ...(request.body === undefined ? {} : { body: request.body }),
      signal: deadline,
    });
    const known = request.known;
    const bytes = await new Promise<Uint8Array>((resolve, reject) => {
      const chunks: Buffer[] = [];
      let length = 0;
      let same = known !== undefined;
      answer.body.on("data", (chunk: Buffer) => {
        if (same) {
          same =
            length + chunk.length <= known!.length &&
            chunk.equals(known!.subarray(length, length + chunk.length));
        }
        chunks.push(chunk);
        length += chunk.length;
      });
      answer.body.once("error", reject);
      answer.body.once("end", () =>
        // A copy only when the answer changed: a lone chunk may be a view of a larger socket buffer.
        resolve(same && length === known!.length ? known! : Buffer.concat(chunks, length)),
      );
    });
    return { status: answer.statusCode, headers: headerReader(answer.headers), bytes };
  } finally {
    deadline.done();
  }
};

/** A transport over a `fetch` function (tests inject one; the token client uses fetch too). */
export function fetchTransport(fetchFn: typeof fetch): Transport {
  return async (request) => {
    const timeout = AbortSignal.timeout(request.timeoutMs);
    const response = await fetchFn(request.url, {
      method: request.method,
      headers: request.headers,
      body: request.body,
      signal: request.signal ? AbortSignal.any([timeout, request.signal]) : timeout,
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

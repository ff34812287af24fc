import { getGlobalDispatcher } from "undici";
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

/**
 * Response headers as undici hands them to a dispatch handler (`[name, value, name, value, …]`,
 * as Buffers or strings), read by name only when asked: most answers are read for their body
 * alone, and the BFF reads one or two headers of the rest.
 */
function rawHeaderReader(raw: readonly (Buffer | string)[]): HeaderReader {
  let byName: Map<string, string> | undefined;
  return {
    get(name) {
      if (byName === undefined) {
        byName = new Map();
        for (let i = 0; i + 1 < raw.length; i += 2) {
          const key = raw[i]!.toString("latin1").toLowerCase();
          const value = raw[i + 1]!.toString("latin1");
          const before = byName.get(key);
          byName.set(key, before === undefined ? value : `${before}, ${value}`);
        }
      }
      return byName.get(name.toLowerCase()) ?? null;
    },
  };
}

/**
 * One exchange as an undici dispatch handler (undici's handler interface of `onConnect`,
 * `onHeaders`, `onData`, `onComplete`, `onError`, which undici 6 (Node 20's own) and undici 7
 * both take): the body's chunks come straight to `onData`, with no `Readable` stream, no
 * `request()` promise and no header object in between. Chunks are compared with `known` as they
 * arrive and dropped while they match it: a chunk kept until the answer is complete outlives a
 * young-generation collection and is promoted, and 290 kB of promoted socket buffers per read
 * made the BFF's garbage collection about five times the raw proxy's (bff-vs-direct profile,
 * issue 17 item 2). At the first difference the part read so far (equal to `known`'s start) is
 * taken from `known`, and from then on the chunks are kept and joined at the end. It keeps the exchange's deadline itself: one
 * timer, no AbortSignal or event emitter per call (`AbortSignal.timeout` builds an EventTarget, a
 * timer and a weak reference each time, visible in the bff-vs-direct profile, issue 17 item 2).
 */
class Exchange {
  status = 0;
  headers: HeaderReader = rawHeaderReader([]);
  readonly #chunks: Buffer[] = [];
  #length = 0;
  #same: boolean;
  #abort: ((reason?: Error) => void) | undefined;
  #failure: { reason: unknown } | undefined;
  #settled = false;
  readonly #timer: NodeJS.Timeout;
  readonly #signal: AbortSignal | undefined;
  readonly #onSignal = () => this.#fail(this.#signal!.reason);

  constructor(
    request: UpstreamRequest,
    readonly resolve: (response: UpstreamResponse) => void,
    readonly reject: (error: unknown) => void,
  ) {
    this.known = request.known;
    this.#same = request.known !== undefined;
    const timeoutMs = request.timeoutMs;
    this.#timer = setTimeout(
      () =>
        this.#fail(
          new DOMException(`The exchange took longer than ${timeoutMs} ms`, "TimeoutError"),
        ),
      timeoutMs,
    );
    this.#timer.unref();
    this.#signal = request.signal;
    if (this.#signal?.aborted) this.#fail(this.#signal.reason);
    else this.#signal?.addEventListener("abort", this.#onSignal, { once: true });
  }

  readonly known: Uint8Array | undefined;

  /** The deadline passed or the outside signal aborted: undici stops, and hands the reason on. */
  #fail(reason: unknown): void {
    if (this.#failure || this.#settled) return;
    this.#failure = { reason };
    this.#abort?.(reason as Error);
  }

  #settle(error: unknown, bytes?: Uint8Array): void {
    if (this.#settled) return;
    this.#settled = true;
    clearTimeout(this.#timer);
    this.#signal?.removeEventListener("abort", this.#onSignal);
    if (bytes === undefined) this.reject(error);
    else this.resolve({ status: this.status, headers: this.headers, bytes });
  }

  onConnect(abort: (reason?: Error) => void): void {
    if (this.#failure) {
      abort(this.#failure.reason as Error);
      return;
    }
    this.#abort = abort;
  }

  onResponseStarted(): void {}

  onBodySent(): void {}

  onUpgrade(): void {
    throw new Error("Digdir's self-service API does not upgrade connections");
  }

  onHeaders(status: number, raw: Buffer[] | null): boolean {
    // 1xx answers (100 Continue, 103 Early Hints) come before the real one.
    if (status < 200) return true;
    this.status = status;
    this.headers = rawHeaderReader(raw ?? []);
    return true;
  }

  onData(chunk: Buffer): boolean {
    if (this.#same) {
      const known = this.known!;
      const end = this.#length + chunk.length;
      if (end <= known.length && chunk.equals(known.subarray(this.#length, end))) {
        this.#length = end;
        return true;
      }
      this.#differs();
    }
    this.#chunks.push(chunk);
    this.#length += chunk.length;
    return true;
  }

  /** The answer is not `known`: what was read so far is `known`'s start, kept from now on. */
  #differs(): void {
    this.#same = false;
    if (this.#length > 0)
      this.#chunks.push(Buffer.from(this.known!.buffer, this.known!.byteOffset, this.#length));
  }

  onComplete(): void {
    // The same bytes: `known` itself, no copy. A shorter answer that matched so far differs too.
    if (this.#same && this.#length === this.known!.length) {
      this.#settle(undefined, this.known);
      return;
    }
    if (this.#same) this.#differs();
    // A copy whenever the answer changed: a lone chunk may be a view of a larger socket buffer,
    // and the start taken from `known` must not be shared with it.
    this.#settle(undefined, Buffer.concat(this.#chunks, this.#length));
  }

  onError(error: unknown): void {
    // After a deadline or an abort undici reports that reason; anything else is its own error.
    this.#settle(this.#failure ? this.#failure.reason : error);
  }
}

/**
 * The default transport: undici's pooled dispatcher (keep-alive connections per origin, no
 * WHATWG Request/Response or web streams on the way), driven through its handler interface so
 * the body's chunks arrive without a `Readable` stream (issue 17 item 2: the stream's push/emit
 * per chunk and `request()`'s header parsing showed in the bff-vs-direct profile). It goes
 * through undici's global dispatcher, so the `EnvHttpProxyAgent` that the BFF installs for
 * HTTPS_PROXY / NO_PROXY (see apps/bff outbound.ts) is honoured exactly as it is for `fetch`.
 * `timeoutMs` bounds the whole exchange, body included. Rejects with a `TimeoutError`
 * (DOMException) when it passes, with the outside signal's reason when that aborts, else with
 * undici's network error.
 */
export const undiciTransport: Transport = (request) =>
  new Promise<UpstreamResponse>((resolve, reject) => {
    const exchange = new Exchange(request, resolve, reject);
    let target: URL;
    try {
      target = new URL(request.url);
    } catch (error) {
      exchange.onError(error);
      return;
    }
    getGlobalDispatcher().dispatch(
      {
        origin: target.origin,
        path: `${target.pathname}${target.search}`,
        method: request.method,
        headers: request.headers,
        ...(request.body === undefined ? {} : { body: request.body }),
      },
      exchange,
    );
  });

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

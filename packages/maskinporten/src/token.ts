import { JWT_BEARER_GRANT, TokenError, TokenResponse } from "@portvakt/contracts";
import { issuerProblem } from "@portvakt/maskinporten-rules";
import type { AdminCredential } from "./credentials";
import { readDigdirError, redactCredentials } from "./error-body";
import {
  explainTokenError,
  MaskinportenConfigError,
  MaskinportenError,
  mpCodeOfTokenError,
} from "./errors";
import { signGrant } from "./grant";
import { correlationIdOf, failureOfFetch, parseJson } from "./transport";

export interface AccessToken {
  accessToken: string;
  /** Epoch milliseconds. */
  expiresAt: number;
  /** The scopes Maskinporten granted, space-separated. */
  scope: string;
}

export interface TokenClientOptions {
  /**
   * The Maskinporten issuer, e.g. "https://test.maskinporten.no/"; also the grant's `aud`, so it
   * must be exact: https, ending with "/". Plain http only on loopback or with `allowInsecureHttp`.
   */
  issuer: string;
  /** Defaults to issuer + "token". */
  tokenEndpoint?: string;
  /** Allow a plain-http issuer that is not loopback (a simulator in tests or the demo only). */
  allowInsecureHttp?: boolean;
  clientId: string;
  credential: AdminCredential;
  fetch?: typeof fetch;
  /** Per token request; default 10 000 ms. */
  timeoutMs?: number;
  /** A cached token is renewed this many seconds before it expires; default 30. */
  refreshSkewSeconds?: number;
  /** Epoch ms; lets tests and clock-skewed hosts move time. */
  now?: () => number;
}

interface CacheEntry {
  token: AccessToken;
  /** Epoch ms after which the token is renewed rather than handed out. */
  refreshAt: number;
}

/**
 * Gets admin access tokens from Maskinporten and keeps them until shortly before they expire.
 * Concurrent callers asking for the same scopes share one request, so a burst after a cold start
 * costs one grant, not one per caller.
 */
export class TokenClient {
  readonly issuer: string;
  readonly tokenEndpoint: string;
  readonly clientId: string;
  #credential: AdminCredential;
  readonly #allowInsecureHttp: boolean;
  readonly #fetch: typeof fetch;
  readonly #timeoutMs: number;
  readonly #skewMs: number;
  readonly #now: () => number;
  readonly #cache = new Map<string, CacheEntry>();
  readonly #inFlight = new Map<string, Promise<AccessToken>>();
  readonly #stats = { requests: 0, cacheHits: 0 };

  /**
   * Checks the options as the BFF's configuration does: throws `MaskinportenConfigError` (code
   * `issuer.slash`, `issuer.http`, `issuer.url`, `issuer.token-endpoint`, `token-endpoint.url`) with
   * a message that says what to write, instead of posting grants to a wrong URL later.
   */
  constructor(options: TokenClientOptions) {
    const problem = issuerProblem(options.issuer, {
      allowInsecureHttp: options.allowInsecureHttp ?? false,
    });
    if (problem) throw new MaskinportenConfigError(problem.code, problem.message);
    if (options.tokenEndpoint !== undefined && !URL.canParse(options.tokenEndpoint)) {
      throw new MaskinportenConfigError(
        "token-endpoint.url",
        `The token endpoint ${JSON.stringify(options.tokenEndpoint)} is not a URL; leave it out to use "${options.issuer}token"`,
      );
    }
    this.#allowInsecureHttp = options.allowInsecureHttp ?? false;
    this.issuer = options.issuer;
    this.tokenEndpoint = options.tokenEndpoint ?? `${options.issuer}token`;
    this.clientId = options.clientId;
    this.#credential = options.credential;
    this.#fetch = options.fetch ?? ((input, init) => fetch(input, init));
    this.#timeoutMs = options.timeoutMs ?? 10_000;
    this.#skewMs = (options.refreshSkewSeconds ?? 30) * 1000;
    this.#now = options.now ?? Date.now;
  }

  /**
   * Signs grants with another credential from the next token request on: a renewed business
   * certificate, loaded without a restart. Cached tokens stay: Maskinporten issued them and they
   * remain valid until they expire.
   */
  setCredential(credential: AdminCredential): void {
    this.#credential = credential;
  }

  /**
   * `requests`: token requests sent to Maskinporten. `cacheHits`: calls answered without a new
   * request, from the cache or by joining a request already under way.
   */
  get stats(): { requests: number; cacheHits: number } {
    return { ...this.#stats };
  }

  async getToken(scopes: readonly string[]): Promise<AccessToken> {
    const key = scopeKey(scopes);
    const cached = this.#cache.get(key);
    if (cached && this.#now() < cached.refreshAt) {
      this.#stats.cacheHits++;
      return cached.token;
    }
    const pending = this.#inFlight.get(key);
    if (pending) {
      this.#stats.cacheHits++;
      return pending;
    }
    // A failed request is not cached: the next caller tries again.
    const startedAt = this.#now();
    const tracked = this.#request(key.split(" "), startedAt)
      .then((token) => {
        // A token shorter-lived than twice the skew would never be reused; keep it for half.
        const skew = Math.min(this.#skewMs, (token.expiresAt - startedAt) / 2);
        this.#cache.set(key, { token, refreshAt: token.expiresAt - skew });
        return token;
      })
      .finally(() => this.#inFlight.delete(key));
    this.#inFlight.set(key, tracked);
    return tracked;
  }

  /**
   * Drops cached tokens: those of `scopes`, or all. With `onlyToken`, a cached token is dropped
   * only if it is that one, so a late 401 for an old token cannot throw away its fresh successor.
   * A request already under way is kept: its token is new.
   */
  invalidate(scopes?: readonly string[], onlyToken?: string): void {
    const keys = scopes ? [scopeKey(scopes)] : [...this.#cache.keys()];
    for (const key of keys) {
      const entry = this.#cache.get(key);
      if (entry && (onlyToken === undefined || entry.token.accessToken === onlyToken)) {
        this.#cache.delete(key);
      }
    }
  }

  async #request(scopes: string[], startedAt: number): Promise<AccessToken> {
    this.#stats.requests++;
    const assertion = await signGrant({
      credential: this.#credential,
      clientId: this.clientId,
      audience: this.issuer,
      scopes,
      now: () => startedAt,
      allowInsecureHttp: this.#allowInsecureHttp,
    });
    const body = new URLSearchParams({ grant_type: JWT_BEARER_GRANT, assertion });
    const path = new URL(this.tokenEndpoint).pathname;
    let response: Response;
    let text: string;
    try {
      response = await this.#fetch(this.tokenEndpoint, {
        method: "POST",
        headers: {
          "content-type": "application/x-www-form-urlencoded",
          accept: "application/json",
        },
        body,
        signal: AbortSignal.timeout(this.#timeoutMs),
      });
      text = await response.text();
    } catch (error) {
      const kind = failureOfFetch(error);
      throw new MaskinportenError({
        kind,
        method: "POST",
        path,
        message:
          kind === "timeout"
            ? `The token request to ${this.tokenEndpoint} timed out after ${this.#timeoutMs} ms`
            : `The token request to ${this.tokenEndpoint} failed: ${describeNetwork(error)}`,
        explanation:
          kind === "timeout"
            ? "Maskinporten did not answer in time. It may be slow or unreachable; try again shortly."
            : "Maskinporten could not be reached (DNS, firewall, proxy or TLS problem).",
        cause: error,
      });
    }
    const correlationId = correlationIdOf(response, undefined);
    const json = parseJson(text);
    if (!response.ok) {
      const parsed = TokenError.safeParse(tokenErrorOf(json));
      if (parsed.success) {
        const code = mpCodeOfTokenError(parsed.data) ?? parsed.data.error;
        throw new MaskinportenError({
          kind: "token",
          status: response.status,
          code,
          correlationId,
          method: "POST",
          path,
          upstream: parsed.data,
          message: `Maskinporten refused the token request: ${response.status} ${code}${parsed.data.error_description ? ` (${parsed.data.error_description})` : ""}`,
          explanation: explainTokenError(parsed.data),
        });
      }
      // A gateway's page or text: its words (an HTML page's title), never the page itself.
      const said = readDigdirError(text, response.headers.get("content-type"))?.error_description;
      const quoted = said ? ` It said: "${said}".` : "";
      throw new MaskinportenError({
        kind: "http",
        status: response.status,
        correlationId,
        method: "POST",
        path,
        message: `The token endpoint answered ${response.status} without a Maskinporten error body${said ? `: ${said}` : ""}`,
        explanation: `${
          response.status >= 500
            ? "Maskinporten is failing or unavailable; try again shortly."
            : "The token endpoint refused the request in an unexpected way; check the issuer URL."
        }${quoted}`,
      });
    }
    const parsed = TokenResponse.safeParse(json);
    if (!parsed.success) {
      throw new MaskinportenError({
        kind: "invalid-response",
        status: response.status,
        correlationId,
        method: "POST",
        path,
        message: "The token endpoint's answer is not a token response",
        explanation: `Expected {access_token, token_type, expires_in}; problems at: ${parsed.error.issues.map((issue) => issue.path.join(".") || "(body)").join(", ")}`,
      });
    }
    return {
      accessToken: parsed.data.access_token,
      // Counted from when the request started, so the token is never held past its real expiry.
      expiresAt: startedAt + parsed.data.expires_in * 1000,
      scope: parsed.data.scope ?? scopes.join(" "),
    };
  }
}

/** Keys of the scope lists seen, by the list's text: a client asks with the same few lists. */
const scopeKeys = new Map<string, string>();
const MAX_SCOPE_KEYS = 64;

/**
 * The same set of scopes in any order is one token: the sorted, de-duplicated scopes joined by a
 * space. Throws a RangeError for a list without a scope. Remembered per list text (the BFF asks
 * with the same admin scopes on every call to Digdir; splitting and sorting them each time was
 * visible in the bff-vs-direct profile).
 */
function scopeKey(scopes: readonly string[]): string {
  const text = scopes.join("\n");
  let key = scopeKeys.get(text);
  if (key === undefined) {
    const unique = [...new Set(scopes.flatMap((scope) => scope.split(/\s+/)).filter(Boolean))];
    if (unique.length === 0) throw new RangeError("A token needs at least one scope");
    key = unique.sort().join(" ");
    if (scopeKeys.size >= MAX_SCOPE_KEYS) scopeKeys.clear();
    scopeKeys.set(text, key);
  }
  return key;
}

function describeNetwork(error: unknown): string {
  if (error instanceof Error) {
    const cause = error.cause instanceof Error ? `: ${error.cause.message}` : "";
    return `${error.message}${cause}`;
  }
  return String(error);
}

/**
 * A token error body read leniently (RFC 6749 §5.2; docs/maskinporten.md §8): `error` must be
 * text, while `error_description` and `error_uri` are kept only when they are text, so a
 * `null` among them (seen from OAuth servers) does not hide the error code.
 */
function tokenErrorOf(json: unknown): unknown {
  if (typeof json !== "object" || json === null || Array.isArray(json)) return json;
  const { error, error_description, error_uri } = json as Record<string, unknown>;
  return {
    error,
    ...(typeof error_description === "string"
      ? { error_description: redactCredentials(error_description) }
      : {}),
    ...(typeof error_uri === "string" ? { error_uri } : {}),
  };
}

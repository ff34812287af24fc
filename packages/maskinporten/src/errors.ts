import type { DigdirError, TokenError } from "@portvakt/contracts";

export type MaskinportenErrorKind = "http" | "token" | "timeout" | "network" | "invalid-response";

export interface MaskinportenFieldError {
  field?: string;
  message: string;
}

export interface MaskinportenErrorInit {
  kind: MaskinportenErrorKind;
  message: string;
  explanation: string;
  status?: number;
  correlationId?: string;
  code?: string;
  fieldErrors?: MaskinportenFieldError[];
  upstream?: unknown;
  method?: string;
  path?: string;
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
  readonly upstream?: unknown;
  readonly method?: string;
  readonly path?: string;

  constructor(init: MaskinportenErrorInit) {
    super(init.message, init.cause === undefined ? undefined : { cause: init.cause });
    this.kind = init.kind;
    this.status = init.status;
    this.correlationId = init.correlationId;
    this.code = init.code;
    this.fieldErrors = init.fieldErrors ?? [];
    this.explanation = init.explanation;
    this.upstream = init.upstream;
    this.method = init.method;
    this.path = init.path;
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
    };
  }
}

/** What each Maskinporten token error code means for the person fixing it (docs/maskinporten.md §2). */
export const MP_CODE_EXPLANATIONS: Readonly<Record<string, string>> = {
  "MP-011":
    "The grant is not a valid request: a claim is missing or an unknown claim was sent. A grant holds exactly aud, iss, scope, iat, exp and jti.",
  "MP-012": "The grant was already used once (same jti). Every token request needs a fresh grant.",
  "MP-100":
    "Maskinporten does not know this client_id in this environment. Check the client id, and that the issuer and the credential belong to the same environment (a test client does not exist in prod and vice versa).",
  "MP-110":
    "The grant's aud is wrong: it must be exactly the issuer (for example https://test.maskinporten.no/), not the token endpoint URL.",
  "MP-120":
    "Maskinporten does not accept the certificate: it is not a valid business certificate for this environment (a test certificate does not work in prod and vice versa), it is revoked, or its chain is not trusted.",
  "MP-121":
    "The key or certificate has expired. A key registered on a client expires one year after it was uploaded: upload a new key (or re-upload the same one) and sign with it.",
  "MP-122":
    "The certificate belongs to another organisation than the client: the organisation number in the certificate must be the client's organisation number.",
  "MP-123":
    "The x5c header is not usable: it must be an array of base64 DER certificates, leaf first (a single string is refused).",
  "MP-124":
    "The grant's signature does not verify: it was signed with a key that does not belong to the certificate in x5c or to the key registered under the kid.",
  "MP-130":
    "The grant has expired or is not yet valid: iat must be within about 10 seconds of Maskinporten's clock and exp at most 120 seconds after iat. Check the server clock (NTP).",
  "MP-200":
    "invalid_scope: the requested scope is not registered on the client. Add the scope to the client (for an admin client, ask Digdir) or stop requesting it.",
  "MP-201":
    "The scope may not be used with Maskinporten: its allowed_integration_types do not include maskinporten.",
  "MP-250":
    "forbidden: the organisation has not been granted access to the scope. The scope's owner must grant access to the organisation's number before a token can be issued.",
};

/** A plain-language explanation of a token-endpoint error, with Digdir's own wording appended. */
export function explainTokenError(code: string | undefined, error: TokenError): string {
  const known = code ? MP_CODE_EXPLANATIONS[code] : undefined;
  const detail = error.error_description ? ` Maskinporten said: "${error.error_description}".` : "";
  if (known) return `${code}: ${known}${detail}`;
  return `Maskinporten refused the token request (${code ?? error.error}).${detail}`;
}

/** What a caller knows about the access token it sent, for explaining a 401 or 403. */
export interface SentTokenFacts {
  /** `iss` of the access token, i.e. the Maskinporten environment that issued it. */
  issuer?: string;
  /** Epoch seconds. */
  expiresAt?: number;
  scopes?: readonly string[];
}

type Environment = "test" | "prod";

// Only Digdir's public hosts are known; for the demo simulator the environment cannot be told.
function environmentOfIssuer(issuer: string | undefined): Environment | undefined {
  if (!issuer) return undefined;
  const host = hostOf(issuer);
  if (host === "test.maskinporten.no") return "test";
  if (host === "maskinporten.no") return "prod";
  return undefined;
}

function environmentOfApi(baseUrl: string): Environment | undefined {
  const host = hostOf(baseUrl);
  if (host === "api.test.samarbeid.digdir.no") return "test";
  if (host === "api.samarbeid.digdir.no") return "prod";
  return undefined;
}

function hostOf(url: string): string | undefined {
  try {
    return new URL(url).hostname;
  } catch {
    return undefined;
  }
}

export interface UnauthorizedContext {
  apiBaseUrl: string;
  token?: SentTokenFacts;
  adminScopes: readonly string[];
  /** Whether the call was already repeated once with a freshly fetched token. */
  retriedWithFreshToken: boolean;
  now?: number;
}

/**
 * The seed guide's FAQ, "I get 401 unauthorized when I post a change": tell which of its causes
 * fits what we know about the token we sent.
 */
export function explainUnauthorized(context: UnauthorizedContext): string {
  const { token } = context;
  const now = context.now ?? Date.now();
  const tokenEnv = environmentOfIssuer(token?.issuer);
  const apiEnv = environmentOfApi(context.apiBaseUrl);
  if (!token) {
    return "401 Unauthorized: the call was sent without an access token. Every self-service call needs a Bearer token from Maskinporten.";
  }
  if (token.expiresAt !== undefined && token.expiresAt * 1000 <= now) {
    return "401 Unauthorized: the access token had expired when it was sent. Check that this server's clock is right (NTP); tokens live about 120 seconds.";
  }
  if (tokenEnv && apiEnv && tokenEnv !== apiEnv) {
    return `401 Unauthorized: the token comes from the ${tokenEnv} environment (${token.issuer}) but was sent to the ${apiEnv} self-service API (${context.apiBaseUrl}). Use the issuer and credential of the same environment as the API.`;
  }
  const scopes = token.scopes ?? [];
  const adminScopes = scopes.filter((scope) => scope.startsWith("idporten:"));
  if (token.scopes && adminScopes.length === 0) {
    return `401 Unauthorized: the token carries no admin scope (it has: ${scopes.join(" ") || "none"}), so its client is not an admin client of the self-service API. Use the admin client Digdir registered for the organisation, and request its admin scopes (${context.adminScopes.join(" ")}).`;
  }
  const fresh = context.retriedWithFreshToken
    ? " The call was repeated once with a freshly fetched token and was refused again, so an expired token is unlikely."
    : "";
  return `401 Unauthorized: the self-service API did not accept the token. The usual causes are an expired or missing token, a token from the other environment (test vs prod), or a token whose client is not registered as an admin client.${fresh}`;
}

export interface ForbiddenContext {
  /** Admin scopes of which any one allows the call; empty when unknown. */
  requiredScopes: readonly string[];
  token?: SentTokenFacts;
  adminScopes: readonly string[];
}

/** A 403 is usually a missing admin scope (docs/maskinporten.md §2); name it when the call tells which one. */
export function explainForbidden(context: ForbiddenContext): string {
  const { requiredScopes } = context;
  if (requiredScopes.length === 0) {
    return "403 Forbidden: the token is valid but not allowed to do this. The admin client may lack an admin scope, or the resource belongs to another organisation.";
  }
  const needs = requiredScopes.join(" or ");
  const carried = context.token?.scopes;
  if (carried) {
    const has = requiredScopes.some((scope) => carried.includes(scope));
    if (!has) {
      const requested = requiredScopes.some((scope) => context.adminScopes.includes(scope));
      const fix = requested
        ? "Maskinporten did not issue it, so the admin client does not have it: ask Digdir (servicedesk@digdir.no) to add it."
        : "Add it to the admin scopes Portvakt requests (and ask Digdir to add it to the admin client if it lacks it).";
      return `403 Forbidden: this call needs the admin scope ${needs}, which the token does not carry (it has: ${carried.join(" ") || "none"}). ${fix}`;
    }
    return `403 Forbidden: the token carries ${needs}, so the refusal is about the resource itself: it most likely belongs to another organisation than the one in the token.`;
  }
  return `403 Forbidden: this call needs the admin scope ${needs}. Check that the admin client has it and that it is among the admin scopes requested.`;
}

/** Plain language for the other statuses of the self-service API (docs/maskinporten.md §7). */
export function explainHttpStatus(status: number, upstream?: DigdirError): string {
  const said = upstream?.error_description ? ` Digdir said: "${upstream.error_description}".` : "";
  switch (status) {
    case 400:
      return `400 Bad Request: the self-service API did not accept the input.${said}`;
    case 404:
      return `404 Not Found: the scope, client, key or organisation does not exist (or is not visible to this organisation).${said}`;
    case 409:
      return `409 Conflict: the thing is in the wrong state for this change, for example a scope name that already exists (active or deactivated).${said}`;
    case 429:
      return `429 Too Many Requests: the self-service API is rate limiting; try again later.${said}`;
    case 502:
    case 503:
    case 504:
      return `${status}: the self-service API or a gateway in front of it is unavailable; try again later.${said}`;
    default:
      if (status >= 500) {
        return `${status}: the self-service API failed unexpectedly. Quote the correlation id if you contact Digdir.${said}`;
      }
      return `${status}: the self-service API refused the call.${said}`;
  }
}

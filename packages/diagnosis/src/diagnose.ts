import { decodeJwt, decodeProtectedHeader } from "jose";
import { z } from "zod";
import { explainTokenError, MP_CODES, mpCodeFromUri } from "./mp-codes";

export type Severity = "error" | "warning" | "info";

/** One rule checked against the input: passed or not, and what to do when not. */
export interface Check {
  /** Stable id, e.g. `claims.aud`; the UI may name it in the user's language. */
  rule: string;
  ok: boolean;
  severity: Severity;
  message: string;
  fix?: string;
  /** The Maskinporten error code this failure gives at the token endpoint. */
  mpCode?: string;
}

export type InputKind =
  | "grant"
  | "access-token"
  | "token-response"
  | "token-error"
  | "self-service-error"
  | "problem"
  | "unknown";

export interface DiagnosisContext {
  environment?: { issuer: string; kind?: string };
  /** The client named by the grant's iss (or chosen by the user), as the self-service API has it. */
  client?: {
    client_id: string;
    scopes: string[];
    keys: Array<{ kid: string; exp?: number }>;
    hasKeys?: boolean;
  };
  /** Scopes the organisation may use: APPROVED grants, own and accessible to all. */
  grantedScopes?: string[];
  /** Default: the current time. */
  now?: Date | number;
}

export interface Diagnosis {
  kind: InputKind;
  /** One sentence: what the input is and whether anything is wrong. */
  summary: string;
  header?: Record<string, unknown>;
  claims?: Record<string, unknown>;
  /** The error body, when the input was one. */
  error?: Record<string, unknown>;
  mpCode?: string;
  checks: Check[];
}

export const GRANT_ALGS = ["RS256", "RS384", "RS512"] as const;
export const REQUIRED_GRANT_CLAIMS = ["aud", "iss", "scope", "iat", "exp", "jti"] as const;
export const OPTIONAL_GRANT_CLAIMS = [
  "resource",
  "consumer_org",
  "iss_onbehalfof",
  "authorization_details",
] as const;
export const MAX_GRANT_LIFETIME_SECONDS = 120;
export const IAT_SKEW_SECONDS = 10;
const ALLOWED_CLAIMS = new Set<string>([...REQUIRED_GRANT_CLAIMS, ...OPTIONAL_GRANT_CLAIMS]);
const JWT_SHAPE = /^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]*$/;

const TokenErrorBody = z.object({
  error: z.string(),
  error_description: z.string().optional(),
  error_uri: z.string().optional(),
});
const DigdirErrorBody = z.object({
  status: z.number().int(),
  error: z.string().optional(),
  error_description: z.string().optional(),
  correlation_id: z.string().optional(),
  timestamp: z.string().optional(),
});
const ProblemBody = z.object({
  title: z.string(),
  status: z.number().int(),
  type: z.string().optional(),
  detail: z.string().optional(),
});
const TokenResponseBody = z.object({ access_token: z.string() }).loose();

function nowSeconds(context?: DiagnosisContext): number {
  const now = context?.now ?? Date.now();
  return Math.floor((now instanceof Date ? now.getTime() : now) / 1000);
}

function pass(rule: string, message: string): Check {
  return { rule, ok: true, severity: "info", message };
}

function fail(rule: string, message: string, fix: string, mpCode?: string): Check {
  return { rule, ok: false, severity: "error", message, fix, ...(mpCode ? { mpCode } : {}) };
}

function warn(rule: string, message: string, fix: string, mpCode?: string): Check {
  return { rule, ok: false, severity: "warning", message, fix, ...(mpCode ? { mpCode } : {}) };
}

/** Strips what people paste around a token: quotes, `Bearer `, `assertion=` form bodies. */
function unwrap(input: string): string {
  let text = input.trim().replace(/^["']|["']$/g, "");
  text = text.replace(/^(authorization:\s*)?bearer\s+/i, "");
  if (/(^|&)assertion=/.test(text) && !text.startsWith("{")) {
    const assertion = new URLSearchParams(text).get("assertion");
    if (assertion) text = assertion;
  }
  return text.trim();
}

function decodeJwtParts(
  jwt: string,
): { header: Record<string, unknown>; claims: Record<string, unknown> } | null {
  try {
    return {
      header: decodeProtectedHeader(jwt) as Record<string, unknown>,
      claims: decodeJwt(jwt) as Record<string, unknown>,
    };
  } catch {
    return null;
  }
}

/** An access token names its client and consumer; a grant names the client as `iss`. */
function looksLikeAccessToken(claims: Record<string, unknown>, header: Record<string, unknown>) {
  return (
    "consumer" in claims ||
    "client_amr" in claims ||
    "client_id" in claims ||
    "token_type" in claims ||
    header.typ === "at+jwt"
  );
}

/**
 * Reads a pasted JWT grant, access token, token response or error body and says what is
 * wrong with it, rule by rule (docs/maskinporten.md §2, §7).
 */
export function diagnose(input: string, context?: DiagnosisContext): Diagnosis {
  const text = unwrap(input);
  if (text.startsWith("{")) {
    let body: unknown;
    try {
      body = JSON.parse(text);
    } catch {
      return unknownInput("The text starts like JSON but cannot be read as JSON.");
    }
    return diagnoseJson(body, context);
  }
  if (JWT_SHAPE.test(text)) {
    const decoded = decodeJwtParts(text);
    if (!decoded) {
      return {
        kind: "unknown",
        summary: "This looks like a JWT, but its header or payload cannot be decoded.",
        checks: [
          fail(
            "jwt.format",
            "The header or payload is not base64url-encoded JSON.",
            "Copy the whole token (three parts separated by dots) without line breaks.",
            "MP-011",
          ),
        ],
      };
    }
    if (looksLikeAccessToken(decoded.claims, decoded.header)) {
      return diagnoseAccessToken(decoded.header, decoded.claims, context);
    }
    return diagnoseGrant(decoded.header, decoded.claims, context);
  }
  return unknownInput(
    "This is neither a JWT (three base64url parts separated by dots) nor a JSON error body.",
  );
}

function unknownInput(message: string): Diagnosis {
  return {
    kind: "unknown",
    summary: message,
    checks: [
      fail(
        "input.kind",
        message,
        "Paste a JWT grant, an access token, or the JSON body of an error response.",
      ),
    ],
  };
}

function diagnoseJson(body: unknown, context?: DiagnosisContext): Diagnosis {
  const token = TokenResponseBody.safeParse(body);
  if (token.success) {
    const decoded = decodeJwtParts(token.data.access_token);
    if (decoded) {
      const result = diagnoseAccessToken(decoded.header, decoded.claims, context);
      return { ...result, kind: "token-response" };
    }
    return {
      kind: "token-response",
      summary: "A successful token response with an opaque access token (not a JWT).",
      checks: [pass("token.response", "Maskinporten issued a token.")],
    };
  }
  const problem = ProblemBody.safeParse(body);
  if (problem.success) {
    return diagnoseProblem(problem.data, body as Record<string, unknown>);
  }
  const digdir = DigdirErrorBody.safeParse(body);
  if (digdir.success) return diagnoseSelfServiceError(digdir.data, body as Record<string, unknown>);
  const tokenError = TokenErrorBody.safeParse(body);
  if (tokenError.success) return diagnoseTokenError(tokenError.data);
  return unknownInput(
    "The JSON is not a token response, a Maskinporten token error, a self-service API error or a Portvakt problem.",
  );
}

function diagnoseTokenError(body: z.infer<typeof TokenErrorBody>): Diagnosis {
  const explanation = explainTokenError(body);
  const mpCode = mpCodeFromUri(body.error_uri) ?? explanation?.code;
  const description = body.error_description ? ` (“${body.error_description}”)` : "";
  const checks: Check[] = [
    explanation
      ? fail(
          `mp.${explanation.code}`,
          `${explanation.code}: ${explanation.cause}${description}`,
          explanation.fix,
          explanation.code,
        )
      : fail(
          "mp.unknown",
          `Maskinporten refused the grant with ${body.error}${description}.`,
          "Paste the grant itself here too: its checks usually show the cause.",
        ),
  ];
  const kidMatch = body.error_description?.match(/kid "([^"]+)"/);
  if (mpCode === "MP-124" && kidMatch) {
    checks.push(
      fail(
        "header.kid.known",
        `The key "${kidMatch[1]}" is unknown to the client (not registered, or removed).`,
        "Sign with a key that is registered on the client now, or register this key's public half.",
        "MP-124",
      ),
    );
  }
  return {
    kind: "token-error",
    summary: `Maskinporten's token endpoint refused the grant${mpCode ? ` with ${mpCode}` : ""}.`,
    error: body,
    ...(mpCode ? { mpCode } : {}),
    checks,
  };
}

/** Digdir's FAQ: "I get 401 unauthorized when I post a change" (docs/maskinporten.md §7). */
function selfServiceCause(status: number, description: string): Check {
  if (status === 403) {
    const needs = description.match(/needs ([^,]+)/)?.[1];
    return fail(
      "admin.scope",
      `The admin token lacks the admin scope this call needs${needs ? ` (${needs})` : ""}.`,
      "Ask Digdir to add the admin scope to the admin client, then request a token with it in scope.",
    );
  }
  if (/expired/i.test(description)) {
    return fail(
      "admin.token.expired",
      "The access token has expired (they live about 2 minutes).",
      "Request a new token before the call; cache tokens only until shortly before expires_in.",
    );
  }
  if (/another .*environment|other environment|issuer/i.test(description)) {
    return fail(
      "admin.token.environment",
      "The token was issued by the other Maskinporten environment (test vs prod).",
      "Request the token from the token endpoint of the same environment as the API (test.maskinporten.no for api.test.samarbeid.digdir.no).",
    );
  }
  if (/not an admin client|no idporten/i.test(description)) {
    return fail(
      "admin.client",
      "The token's client is not an admin client: it holds no idporten: admin scope.",
      "Use the admin client Digdir registered for self-service, and request the idporten: admin scopes.",
    );
  }
  if (/authentication is required|bearer|missing/i.test(description)) {
    return fail(
      "admin.token.missing",
      "No access token was sent.",
      "Send Authorization: Bearer <access token> with every call.",
    );
  }
  return fail(
    "admin.token",
    "The self-service API did not accept the token. The usual causes: an expired or missing token, a token from the other environment, or a token whose client is not an admin client.",
    "Request a fresh token in the same environment with the admin client and its idporten: scopes.",
  );
}

function diagnoseSelfServiceError(
  body: z.infer<typeof DigdirErrorBody>,
  raw: Record<string, unknown>,
): Diagnosis {
  const description = body.error_description ?? "";
  const checks: Check[] = [];
  if (body.status === 401 || body.status === 403) {
    checks.push(selfServiceCause(body.status, description));
  } else {
    checks.push(
      fail(
        "selfservice.status",
        `The self-service API answered ${body.status}${description ? `: ${description}` : ""}.`,
        body.status === 400
          ? "Correct the fields named in errors and send again."
          : body.status === 409
            ? "The thing exists already or is deactivated: read it first and change it instead."
            : "Quote the correlation_id to Digdir if the error persists.",
      ),
    );
  }
  return {
    kind: "self-service-error",
    summary: `The self-service API refused the call with ${body.status}${body.correlation_id ? ` (correlation_id ${body.correlation_id})` : ""}.`,
    error: raw,
    checks,
  };
}

function diagnoseProblem(
  body: z.infer<typeof ProblemBody>,
  raw: Record<string, unknown>,
): Diagnosis {
  const detail = body.detail ?? body.title;
  const check =
    body.status === 401
      ? fail("portvakt.session", `Portvakt: ${detail}`, "Sign in to Portvakt again.")
      : body.status === 403
        ? fail(
            "portvakt.role",
            `Portvakt refused: ${detail}`,
            "Ask an administrator for the role the message names in this environment.",
          )
        : fail(
            "portvakt.problem",
            `Portvakt answered ${body.status}: ${detail}`,
            "Follow the message; quote request_id and correlation_id when asking for help.",
          );
  return {
    kind: "problem",
    summary: `Portvakt's server answered ${body.status} (${body.title}).`,
    error: raw,
    checks: [check],
  };
}

function diagnoseAccessToken(
  header: Record<string, unknown>,
  claims: Record<string, unknown>,
  context?: DiagnosisContext,
): Diagnosis {
  const checks: Check[] = [];
  const now = nowSeconds(context);
  const issuer = context?.environment?.issuer;
  if (issuer) {
    checks.push(
      claims.iss === issuer
        ? pass("token.iss", `Issued by this environment's Maskinporten (${issuer}).`)
        : fail(
            "token.iss",
            `Issued by ${JSON.stringify(claims.iss)}, not by this environment (${issuer}). An API of the other environment answers 401.`,
            "Request the token from the token endpoint of the environment whose API you call.",
          ),
    );
  }
  if (typeof claims.exp === "number") {
    checks.push(
      claims.exp > now
        ? pass("token.exp", `Valid for ${claims.exp - now} s more.`)
        : fail(
            "token.exp",
            `Expired ${now - claims.exp} s ago; an API answers 401.`,
            "Request a new token; access tokens live about 2 minutes.",
          ),
    );
  }
  const scopes = typeof claims.scope === "string" ? claims.scope.split(" ").filter(Boolean) : [];
  const adminScopes = scopes.filter((scope) => scope.startsWith("idporten:"));
  checks.push(
    adminScopes.length > 0
      ? pass("token.admin", `Carries admin scopes: ${adminScopes.join(" ")}.`)
      : {
          rule: "token.admin",
          ok: false,
          severity: "info",
          message:
            "Carries no idporten: admin scope: the self-service API answers 401 (not an admin client). Fine for calling an API provider.",
          fix: "For the self-service API, use the admin client and request idporten: scopes.",
        },
  );
  const consumer = claims.consumer as { ID?: unknown } | undefined;
  if (typeof consumer?.ID === "string") {
    checks.push(
      pass("token.consumer", `Issued to the organisation ${consumer.ID.replace(/^0192:/, "")}.`),
    );
  }
  const failed = checks.some((check) => !check.ok && check.severity === "error");
  return {
    kind: "access-token",
    summary: failed
      ? "An access token from Maskinporten, but an API will refuse it."
      : "An access token from Maskinporten.",
    header,
    claims,
    checks,
  };
}

function diagnoseGrant(
  header: Record<string, unknown>,
  claims: Record<string, unknown>,
  context?: DiagnosisContext,
): Diagnosis {
  const checks: Check[] = [];
  const now = nowSeconds(context);
  const client = context?.client;

  // Header: algorithm.
  checks.push(
    typeof header.alg === "string" && (GRANT_ALGS as readonly string[]).includes(header.alg)
      ? pass("header.alg", `alg ${header.alg} is accepted.`)
      : fail(
          "header.alg",
          `alg ${JSON.stringify(header.alg)} is not accepted; Maskinporten takes ${GRANT_ALGS.join(", ")}.`,
          "Sign with RSA and RS256 (or RS384/RS512).",
          "MP-011",
        ),
  );

  // Header: how the key is named (x5c array, or kid).
  const hasKid = typeof header.kid === "string" && header.kid !== "";
  if (header.x5c !== undefined) {
    const x5cOk =
      Array.isArray(header.x5c) &&
      header.x5c.length > 0 &&
      header.x5c.every((cert) => typeof cert === "string" && /^[A-Za-z0-9+/=]+$/.test(cert));
    checks.push(
      x5cOk
        ? pass(
            "header.x5c",
            `x5c is an array of ${(header.x5c as unknown[]).length} certificate(s).`,
          )
        : fail(
            "header.x5c",
            typeof header.x5c === "string"
              ? "x5c is a plain string; it must be an array of base64 DER certificates."
              : "x5c is not an array of base64 DER certificates.",
            'Send x5c as ["<leaf base64 DER>", "<intermediate>"…], leaf first, without PEM headers or line breaks.',
            "MP-123",
          ),
    );
  }
  if (!hasKid && header.x5c === undefined) {
    checks.push(
      fail(
        "header.key",
        "The header names no key: neither kid nor x5c.",
        "Put the kid of the registered key (or x5c with the business certificate) in the header.",
        "MP-123",
      ),
    );
  }
  const clientHasKeys = client ? (client.hasKeys ?? client.keys.length > 0) : undefined;
  if (clientHasKeys && !hasKid) {
    checks.push(
      fail(
        "header.kid.required",
        "The client has registered keys, so the grant must name one with kid (x5c is refused).",
        `Put kid in the header: one of ${client!.keys.map((k) => k.kid).join(", ")}.`,
        "MP-123",
      ),
    );
  }
  if (hasKid && client) {
    const kid = header.kid as string;
    const key = client.keys.find((candidate) => candidate.kid === kid);
    if (!key) {
      checks.push(
        fail(
          "header.kid.known",
          clientHasKeys
            ? `kid "${kid}" is not registered on the client (it has ${client.keys.map((k) => k.kid).join(", ")}). A removed key fails like this.`
            : `kid "${kid}" is unknown: the client has no registered keys.`,
          clientHasKeys
            ? "Sign with a private key registered on the client now, or register this key first."
            : "Register the key's public half on the client, or use x5c with the business certificate.",
          "MP-124",
        ),
      );
    } else if (key.exp !== undefined && key.exp <= now) {
      checks.push(
        fail(
          "header.kid.expired",
          `The key "${kid}" expired ${new Date(key.exp * 1000).toISOString()}.`,
          "Rotate: register a new key, switch to it, then remove the expired one.",
          "MP-121",
        ),
      );
    } else {
      const days = key.exp !== undefined ? Math.floor((key.exp - now) / 86_400) : undefined;
      checks.push(
        days !== undefined && days <= 30
          ? warn(
              "header.kid.expiring",
              `The key "${kid}" is registered but expires in ${days} day(s).`,
              "Rotate the key now: register a new one next to it.",
            )
          : pass("header.kid.known", `kid "${kid}" is registered on the client.`),
      );
    }
  }

  // Claims: only the allowed set, the required ones present.
  const unknownClaims = Object.keys(claims).filter((claim) => !ALLOWED_CLAIMS.has(claim));
  checks.push(
    unknownClaims.length === 0
      ? pass("claims.allowed", "No claims outside the allowed set.")
      : fail(
          "claims.allowed",
          `Claims Maskinporten does not allow: ${unknownClaims.join(", ")} ("Invalid assertion").`,
          `Remove them; allowed are ${[...ALLOWED_CLAIMS].join(", ")}.`,
          "MP-011",
        ),
  );
  const missing = REQUIRED_GRANT_CLAIMS.filter(
    (claim) => claims[claim] === undefined || claims[claim] === "",
  );
  checks.push(
    missing.length === 0
      ? pass("claims.required", "aud, iss, scope, iat, exp and jti are present.")
      : fail(
          "claims.required",
          `Missing claim(s): ${missing.join(", ")}.`,
          "Add every required claim: aud, iss, scope, iat, exp, jti.",
          "MP-011",
        ),
  );

  // aud = the issuer, exactly.
  const issuer = context?.environment?.issuer;
  if (claims.aud !== undefined) {
    if (Array.isArray(claims.aud)) {
      checks.push(
        fail(
          "claims.aud",
          "aud is an array; Maskinporten wants a single string.",
          `Set aud to "${issuer ?? "the issuer"}".`,
          "MP-110",
        ),
      );
    } else if (issuer) {
      const aud = String(claims.aud);
      const isTokenEndpoint = aud.replace(/\/+$/, "") === `${issuer}token`.replace(/\/+$/, "");
      checks.push(
        aud === issuer
          ? pass("claims.aud", `aud is this environment's issuer (${issuer}).`)
          : fail(
              "claims.aud",
              isTokenEndpoint
                ? `aud is the token endpoint URL (${aud}); Maskinporten wants the issuer.`
                : aud.replace(/\/+$/, "") === issuer.replace(/\/+$/, "")
                  ? `aud "${aud}" lacks the issuer's trailing slash; it must match exactly.`
                  : `aud "${aud}" is not this environment's issuer (${issuer}) — another environment?`,
              `Set aud to "${issuer}" exactly.`,
              "MP-110",
            ),
      );
    }
  }

  // iss = the client.
  if (client && typeof claims.iss === "string") {
    checks.push(
      claims.iss === client.client_id
        ? pass("claims.iss", "iss is the client's client_id.")
        : fail(
            "claims.iss",
            `iss "${claims.iss}" is not the chosen client (${client.client_id}).`,
            "Set iss to the client_id of the client whose key signs the grant.",
            "MP-100",
          ),
    );
  }

  // Times.
  const iat = claims.iat;
  const exp = claims.exp;
  const timesAreNumbers = Number.isInteger(iat) && Number.isInteger(exp);
  if (iat !== undefined || exp !== undefined) {
    if (!timesAreNumbers) {
      checks.push(
        fail(
          "claims.times",
          "iat and exp must be whole epoch seconds (numbers, not strings or milliseconds).",
          "Use Math.floor(Date.now() / 1000) for iat and iat + 120 at most for exp.",
          "MP-011",
        ),
      );
    } else {
      const issuedAt = iat as number;
      const expiresAt = exp as number;
      const lifetime = expiresAt - issuedAt;
      checks.push(
        lifetime <= MAX_GRANT_LIFETIME_SECONDS && lifetime > 0
          ? pass("claims.lifetime", `exp - iat is ${lifetime} s (at most 120).`)
          : fail(
              "claims.lifetime",
              lifetime <= 0
                ? `exp is not after iat (exp - iat = ${lifetime} s).`
                : `exp - iat is ${lifetime} s; at most ${MAX_GRANT_LIFETIME_SECONDS} s is accepted.`,
              "Set exp to at most iat + 120.",
              "MP-130",
            ),
      );
      const skew = issuedAt - now;
      checks.push(
        Math.abs(skew) <= IAT_SKEW_SECONDS
          ? pass("claims.iat", `iat is ${skew} s from now (±10 s accepted).`)
          : fail(
              "claims.iat",
              `iat is ${skew} s from now; Maskinporten accepts ±${IAT_SKEW_SECONDS} s. ${skew < 0 ? "The grant is old or the clock runs behind." : "The signing machine's clock runs ahead."}`,
              "Make a fresh grant for each request and keep the clock in sync (NTP).",
              "MP-130",
            ),
      );
      if (expiresAt <= now) {
        checks.push(
          fail(
            "claims.exp",
            `The grant expired ${now - expiresAt} s ago.`,
            "Make a new grant and send it at once.",
            "MP-130",
          ),
        );
      }
    }
  }

  // jti.
  checks.push(
    typeof claims.jti === "string" && claims.jti.length > 0
      ? pass("claims.jti", "jti is present (each grant may be used once).")
      : fail(
          "claims.jti",
          "jti is missing or empty.",
          "Add a fresh random jti (a UUID) to every grant.",
          "MP-011",
        ),
  );

  // Scopes: on the client, and usable by the organisation.
  if (typeof claims.scope === "string") {
    const scopes = claims.scope.split(" ").filter(Boolean);
    if (scopes.length === 0) {
      checks.push(
        fail(
          "claims.scope",
          "scope is empty.",
          "Request at least one scope the client carries.",
          "MP-200",
        ),
      );
    }
    if (client) {
      const notOnClient = scopes.filter((scope) => !client.scopes.includes(scope));
      checks.push(
        notOnClient.length === 0
          ? pass("scope.client", "Every requested scope is on the client.")
          : fail(
              "scope.client",
              `Not on the client: ${notOnClient.join(", ")}.`,
              "Add the scope to the client, or stop requesting it.",
              "MP-200",
            ),
      );
    }
    if (context?.grantedScopes) {
      const granted = new Set(context.grantedScopes);
      const notGranted = scopes.filter(
        (scope) => !granted.has(scope) && !scope.startsWith("idporten:"),
      );
      checks.push(
        notGranted.length === 0
          ? pass("scope.granted", "The organisation may use every requested scope.")
          : fail(
              "scope.granted",
              `The organisation has no access to: ${notGranted.join(", ")} (not granted, not own, not accessible to all).`,
              "Ask the scope's owner to grant your organisation access.",
              "MP-250",
            ),
      );
    }
  } else if (claims.scope !== undefined) {
    checks.push(
      fail(
        "claims.scope",
        "scope must be a space-separated string.",
        'Send scope as "a:b c:d", not an array.',
        "MP-011",
      ),
    );
  }

  const failures = checks.filter((check) => !check.ok && check.severity === "error");
  const first = failures.find((check) => check.mpCode);
  return {
    kind: "grant",
    summary:
      failures.length === 0
        ? "A JWT grant; every rule that can be checked here passes."
        : `A JWT grant that Maskinporten will refuse: ${failures.length} rule(s) fail${first?.mpCode ? ` (expect ${first.mpCode})` : ""}.`,
    header,
    claims,
    ...(first?.mpCode ? { mpCode: first.mpCode } : {}),
    checks,
  };
}

export { MP_CODES };

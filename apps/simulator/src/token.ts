import { createPublicKey, type KeyObject, verify as verifySignature } from "node:crypto";
import { ADMIN_SCOPES, type Client, JWT_BEARER_GRANT } from "@portvakt/contracts";
import { Hono } from "hono";
import type { ClientAmr } from "./access-token";
import { DEFAULT_ACCESS_TOKEN_LIFETIME } from "./admin/clients";
import { verifyCertificateChain } from "./certificate-chain";
import type { SimulatorContext, SimulatorEnv } from "./simulator-context";
import type { StoredKey } from "./store";

export const GRANT_SIGNING_ALGORITHMS = ["RS256", "RS384", "RS512"] as const;
const HASH_OF_ALG: Record<string, string> = { RS256: "sha256", RS384: "sha384", RS512: "sha512" };

const REQUIRED_CLAIMS = ["aud", "iss", "scope", "iat", "exp", "jti"] as const;
const OPTIONAL_CLAIMS = ["resource", "consumer_org", "iss_onbehalfof", "authorization_details"];
const KNOWN_CLAIMS = new Set<string>([...REQUIRED_CLAIMS, ...OPTIONAL_CLAIMS]);
const MAX_GRANT_LIFETIME_SECONDS = 120;
const IAT_SKEW_SECONDS = 10;

/** Maskinporten's token-endpoint error codes (docs/maskinporten.md §2). */
export type MaskinportenErrorCode =
  | "MP-011"
  | "MP-012"
  | "MP-100"
  | "MP-110"
  | "MP-120"
  | "MP-121"
  | "MP-122"
  | "MP-123"
  | "MP-124"
  | "MP-130"
  | "MP-200"
  | "MP-201"
  | "MP-250";

const OAUTH_ERROR_OF: Record<MaskinportenErrorCode, string> = {
  "MP-011": "invalid_request",
  "MP-012": "invalid_grant",
  "MP-100": "invalid_client",
  "MP-110": "invalid_grant",
  "MP-120": "invalid_grant",
  "MP-121": "invalid_grant",
  "MP-122": "invalid_grant",
  "MP-123": "invalid_grant",
  "MP-124": "invalid_grant",
  "MP-130": "invalid_grant",
  "MP-200": "invalid_scope",
  "MP-201": "invalid_scope",
  "MP-250": "forbidden",
};

export class TokenGrantError extends Error {
  constructor(
    readonly code: MaskinportenErrorCode,
    description: string,
  ) {
    super(description);
  }

  get status(): 400 | 403 {
    return this.code === "MP-250" ? 403 : 400;
  }

  body(issuer: string): { error: string; error_description: string; error_uri: string } {
    return {
      error: OAUTH_ERROR_OF[this.code],
      error_description: this.message,
      error_uri: `${issuer}errors/${this.code}`,
    };
  }
}

function invalidAssertion(code: MaskinportenErrorCode, detail: string): TokenGrantError {
  return new TokenGrantError(code, `Invalid assertion. ${detail}`);
}

function decodeSegment(segment: string | undefined, what: string): Record<string, unknown> {
  try {
    const value: unknown = JSON.parse(Buffer.from(segment ?? "", "base64url").toString("utf8"));
    if (value && typeof value === "object" && !Array.isArray(value)) {
      return value as Record<string, unknown>;
    }
  } catch {
    // fall through: reported below
  }
  throw invalidAssertion("MP-011", `The ${what} of the JWT is not a JSON object`);
}

// Registered keys are replaced, never mutated, so caching by object identity is safe.
const publicKeyOfJwk = new WeakMap<StoredKey, KeyObject>();
function keyObjectOf(jwk: StoredKey): KeyObject {
  let key = publicKeyOfJwk.get(jwk);
  if (!key) {
    key = createPublicKey({ key: { kty: jwk.kty, n: jwk.n, e: jwk.e }, format: "jwk" });
    publicKeyOfJwk.set(jwk, key);
  }
  return key;
}

interface VerifiedGrant {
  client: Client;
  amr: ClientAmr;
  scopes: string[];
}

/** Checks a JWT-bearer grant exactly as docs/maskinporten.md §2 describes; throws `TokenGrantError`. */
export function verifyGrant(ctx: SimulatorContext, assertion: string): VerifiedGrant {
  const parts = assertion.split(".");
  if (parts.length !== 3) throw invalidAssertion("MP-011", "The assertion is not a signed JWT");
  const header = decodeSegment(parts[0], "header");
  const claims = decodeSegment(parts[1], "payload");

  const alg = header.alg;
  if (typeof alg !== "string" || !(alg in HASH_OF_ALG)) {
    throw invalidAssertion("MP-011", `alg must be one of ${GRANT_SIGNING_ALGORITHMS.join(", ")}`);
  }
  const unknown = Object.keys(claims).filter((claim) => !KNOWN_CLAIMS.has(claim));
  if (unknown.length > 0) {
    throw invalidAssertion("MP-011", `Unknown claim(s) in the grant: ${unknown.join(", ")}`);
  }
  const missing = REQUIRED_CLAIMS.filter((claim) => claims[claim] === undefined);
  if (missing.length > 0) {
    throw invalidAssertion("MP-011", `Missing claim(s) in the grant: ${missing.join(", ")}`);
  }
  const { aud, iss, scope, iat, exp, jti } = claims;
  if (typeof iss !== "string" || typeof scope !== "string" || typeof jti !== "string" || !jti) {
    throw invalidAssertion("MP-011", "iss, scope and jti must be strings");
  }
  if (!Number.isInteger(iat) || !Number.isInteger(exp)) {
    throw invalidAssertion("MP-011", "iat and exp must be whole epoch seconds");
  }
  if (aud !== ctx.issuer) {
    throw invalidAssertion(
      "MP-110",
      `aud must be exactly "${ctx.issuer}" (got ${JSON.stringify(aud)}); the token endpoint URL is not accepted`,
    );
  }

  const client = ctx.store.getClient(iss);
  if (!client?.active) {
    throw new TokenGrantError(
      "MP-100",
      `Invalid client: no active client "${iss}" in this Maskinporten environment`,
    );
  }

  const now = ctx.clock.now();
  const { amr, key } = resolveSigningKey(ctx, client, header, now);
  const signed = Buffer.from(`${parts[0]}.${parts[1]}`);
  let valid = false;
  try {
    valid = verifySignature(HASH_OF_ALG[alg], signed, key, Buffer.from(parts[2]!, "base64url"));
  } catch {
    valid = false;
  }
  if (!valid) throw invalidAssertion("MP-124", "The signature of the grant does not verify");

  const nowSeconds = ctx.clock.epochSeconds();
  const issuedAt = iat as number;
  const expiresAt = exp as number;
  if (Math.abs(issuedAt - nowSeconds) > IAT_SKEW_SECONDS) {
    throw invalidAssertion(
      "MP-130",
      `iat is ${issuedAt - nowSeconds} s from server time; at most ±${IAT_SKEW_SECONDS} s is accepted`,
    );
  }
  if (expiresAt - issuedAt > MAX_GRANT_LIFETIME_SECONDS) {
    throw invalidAssertion(
      "MP-130",
      `The grant lives ${expiresAt - issuedAt} s (exp - iat); at most ${MAX_GRANT_LIFETIME_SECONDS} s is accepted`,
    );
  }
  if (expiresAt <= nowSeconds) throw invalidAssertion("MP-130", "The grant has expired");
  if (!ctx.replayGuard.remember(`${client.client_id}\u0000${jti}`, expiresAt, nowSeconds)) {
    throw invalidAssertion("MP-012", `The grant with jti "${jti}" has been used before`);
  }

  const scopes = scope.split(" ").filter(Boolean);
  if (scopes.length === 0) throw new TokenGrantError("MP-200", "No scope was requested");
  for (const name of scopes) checkScope(ctx, client, name);
  return { client, amr, scopes };
}

function resolveSigningKey(
  ctx: SimulatorContext,
  client: Client,
  header: Record<string, unknown>,
  now: Date,
): { amr: ClientAmr; key: KeyObject } {
  const keys = ctx.store.getJwks(client.client_id)?.keys ?? [];
  if (keys.length > 0) {
    if (typeof header.kid !== "string") {
      throw invalidAssertion(
        "MP-123",
        `The client "${client.client_id}" has registered keys; the grant must name one with kid instead of x5c`,
      );
    }
    const jwk = keys.find((key) => key.kid === header.kid);
    if (!jwk) {
      throw invalidAssertion(
        "MP-124",
        `No key with kid "${header.kid}" is registered on the client`,
      );
    }
    if (jwk.exp !== undefined && jwk.exp * 1000 <= now.getTime()) {
      throw invalidAssertion(
        "MP-121",
        `The key "${jwk.kid}" expired at ${new Date(jwk.exp * 1000).toISOString()}; upload it again or rotate`,
      );
    }
    return { amr: "private_key_jwt", key: keyObjectOf(jwk) };
  }
  if (header.x5c === undefined) {
    if (typeof header.kid === "string") {
      throw invalidAssertion(
        "MP-124",
        `The client has no registered keys, so the kid "${header.kid}" is unknown; use x5c with the business certificate`,
      );
    }
    throw invalidAssertion("MP-123", "The grant needs either x5c (business certificate) or kid");
  }
  const chain = verifyCertificateChain(header.x5c, ctx.trustAnchor, now);
  if (!chain.ok) {
    throw invalidAssertion(
      chain.problem.kind === "malformed" ? "MP-123" : "MP-120",
      chain.problem.message,
    );
  }
  if (chain.orgno !== client.client_orgno && chain.orgno !== client.supplier_orgno) {
    throw invalidAssertion(
      "MP-122",
      `The certificate belongs to ${chain.orgno}, but the client "${client.client_id}" belongs to ${client.client_orgno}`,
    );
  }
  return { amr: "virksomhetssertifikat", key: chain.leaf.publicKey };
}

function checkScope(ctx: SimulatorContext, client: Client, name: string): void {
  if (!client.scopes.includes(name)) {
    throw new TokenGrantError(
      "MP-200",
      `Invalid scope: the client "${client.client_id}" does not have the scope ${name}`,
    );
  }
  // Admin scopes are Digdir's own, put on admin clients by hand; they are not in the catalogue.
  if (name in ADMIN_SCOPES) return;
  const scope = ctx.store.getScope(name);
  if (!scope?.active) {
    throw new TokenGrantError("MP-200", `Invalid scope: ${name} does not exist or is deactivated`);
  }
  const allowed = scope.allowed_integration_types;
  if (allowed.length > 0 && !allowed.includes(client.integration_type)) {
    throw new TokenGrantError(
      "MP-201",
      `The scope ${name} is not allowed for ${client.integration_type} clients`,
    );
  }
  if (!ctx.store.mayUseScope(client.client_orgno, scope)) {
    throw new TokenGrantError(
      "MP-250",
      `Consumer has not been granted access to the scope ${name}`,
    );
  }
}

/** `/.well-known/oauth-authorization-server`, `/jwk` and `/token`. */
export function tokenRoutes(ctx: SimulatorContext): Hono<SimulatorEnv> {
  const routes = new Hono<SimulatorEnv>();

  routes.get("/.well-known/oauth-authorization-server", (c) =>
    c.json({
      issuer: ctx.issuer,
      token_endpoint: `${ctx.issuer}token`,
      jwks_uri: `${ctx.issuer}jwk`,
      grant_types_supported: [JWT_BEARER_GRANT],
      token_endpoint_auth_methods_supported: ["private_key_jwt"],
      token_endpoint_auth_signing_alg_values_supported: [...GRANT_SIGNING_ALGORITHMS],
    }),
  );

  routes.get("/jwk", (c) => c.json(ctx.tokens.jwks()));

  routes.post("/token", async (c) => {
    c.header("Cache-Control", "no-store");
    try {
      const form = await readForm(c.req.raw);
      if (form.get("grant_type") !== JWT_BEARER_GRANT) {
        ctx.stats.countTokenRequest(false);
        return c.json(
          {
            error: "unsupported_grant_type",
            error_description: `grant_type must be ${JWT_BEARER_GRANT}`,
            error_uri: `${ctx.issuer}errors/MP-011`,
          },
          400,
        );
      }
      const assertion = form.get("assertion");
      if (!assertion) throw new TokenGrantError("MP-011", "Invalid request: assertion is missing");
      const grant = verifyGrant(ctx, assertion);
      const lifetime = grant.client.access_token_lifetime || DEFAULT_ACCESS_TOKEN_LIFETIME;
      const { token } = await ctx.tokens.issue({
        clientId: grant.client.client_id,
        orgno: grant.client.client_orgno,
        amr: grant.amr,
        scopes: grant.scopes,
        lifetimeSeconds: lifetime,
      });
      ctx.stats.countTokenRequest(true);
      return c.json({
        access_token: token,
        token_type: "Bearer",
        expires_in: lifetime,
        scope: grant.scopes.join(" "),
      });
    } catch (error) {
      ctx.stats.countTokenRequest(false);
      if (error instanceof TokenGrantError) return c.json(error.body(ctx.issuer), error.status);
      throw error;
    }
  });

  return routes;
}

async function readForm(request: Request): Promise<URLSearchParams> {
  const type = request.headers.get("content-type") ?? "";
  if (!type.startsWith("application/x-www-form-urlencoded")) {
    throw new TokenGrantError(
      "MP-011",
      "Invalid request: the body must be application/x-www-form-urlencoded",
    );
  }
  return new URLSearchParams(await request.text());
}

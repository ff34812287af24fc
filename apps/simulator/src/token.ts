import {
  createPublicKey,
  type KeyObject,
  randomBytes,
  verify as verifySignature,
} from "node:crypto";
import { ADMIN_SCOPES, type Client, JWT_BEARER_GRANT, type Scope } from "@portvakt/contracts";
import {
  ALLOWED_GRANT_CLAIMS,
  GRANT_ALGS,
  IAT_SKEW_SECONDS,
  MAX_GRANT_LIFETIME_SECONDS,
  REQUIRED_GRANT_CLAIMS,
} from "@portvakt/maskinporten-rules";
import { Hono } from "hono";
import type { ClientAmr } from "./access-token";
import { DEFAULT_ACCESS_TOKEN_LIFETIME } from "./admin/clients";
import { verifyCertificateChain } from "./certificate-chain";
import tokenErrorFixtures from "./fixtures/token-errors.json";
import type { SimulatorContext, SimulatorEnv } from "./simulator-context";
import type { StoredKey } from "./store";

export const GRANT_SIGNING_ALGORITHMS = GRANT_ALGS;
const HASH_OF_ALG: Record<string, string> = { RS256: "sha256", RS384: "sha384", RS512: "sha512" };

/** Which documented error body the simulator answers with (keys of `fixtures/token-errors.json`). */
export type TokenErrorFixture = keyof typeof tokenErrorFixtures.errors;

/** Parameters of a fixture's wording, e.g. `{scope}` in MP-250's. */
type FixtureVars = Partial<Record<"scope" | "consumer" | "supplier", string>>;

/**
 * A refused grant. The body is Digdir's documented wording for the error (the fixture), never
 * Portvakt's explanation of it, so tests can check that Portvakt explains what Digdir says. The
 * simulator's own reason (which claim, which kid) goes only into `X-Simulator-Detail`.
 */
export class TokenGrantError extends Error {
  constructor(
    readonly fixture: TokenErrorFixture,
    detail: string,
    readonly vars: FixtureVars = {},
  ) {
    super(detail);
  }

  get status(): 400 | 403 {
    return tokenErrorFixtures.errors[this.fixture].status === 403 ? 403 : 400;
  }

  body(): { error: string; error_description: string } {
    const documented = tokenErrorFixtures.errors[this.fixture];
    const description = documented.error_description.replace(
      /\{(scope|consumer|supplier)\}/g,
      (_match, name: keyof FixtureVars) => this.vars[name] ?? "",
    );
    const traceId = randomBytes(16).toString("hex");
    return {
      error: documented.error,
      error_description: `${description} (trace_id: ${traceId})`,
    };
  }
}

function invalidAssertion(fixture: TokenErrorFixture, detail: string): TokenGrantError {
  return new TokenGrantError(fixture, detail);
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
  /** The token's `consumer`: the client's organisation, or the delegating one (`consumer_org`). */
  consumerOrgno: string;
  /** With delegation: the client's organisation, acting for the consumer. */
  supplierOrgno?: string;
  delegationSource?: string;
  /** From `resource`: the access token's `aud` (audience-restricted token). */
  audience?: string | string[];
  /** The smallest `at_max_age` (s) of the requested scopes that set one. */
  atMaxAge?: number;
}

/**
 * Checks a JWT-bearer grant as Maskinporten's docs describe it and as it has been observed
 * (docs/maskinporten.md §8): `jti` optional (recommended; checked for reuse when present), `pid` allowed, an
 * `iat` in the past accepted while `exp` has not passed, an `iat` ahead by more than 10 s refused,
 * a lifetime over 120 s refused (the docs' rule), `resource` becoming the token's `aud`, and
 * `consumer_org` delegation checked against Altinn's delegations (MP-251). Throws `TokenGrantError`.
 */
export function verifyGrant(ctx: SimulatorContext, assertion: string): VerifiedGrant {
  const parts = assertion.split(".");
  if (parts.length !== 3) throw invalidAssertion("MP-011", "The assertion is not a signed JWT");
  const header = decodeSegment(parts[0], "header");
  const claims = decodeSegment(parts[1], "payload");

  const alg = header.alg;
  if (typeof alg !== "string" || !(alg in HASH_OF_ALG)) {
    throw invalidAssertion("MP-011", `alg must be one of ${GRANT_SIGNING_ALGORITHMS.join(", ")}`);
  }
  const unknown = Object.keys(claims).filter((claim) => !ALLOWED_GRANT_CLAIMS.has(claim));
  if (unknown.length > 0) {
    throw invalidAssertion("MP-011", `Unknown claim(s) in the grant: ${unknown.join(", ")}`);
  }
  const missing = REQUIRED_GRANT_CLAIMS.filter((claim) => claims[claim] === undefined);
  if (missing.length > 0) {
    throw invalidAssertion("MP-011", `Missing claim(s) in the grant: ${missing.join(", ")}`);
  }
  const { aud, iss, scope, iat, exp, jti } = claims;
  if (typeof iss !== "string" || typeof scope !== "string") {
    throw invalidAssertion("MP-011", "iss and scope must be strings");
  }
  if (jti !== undefined && (typeof jti !== "string" || jti === "")) {
    throw invalidAssertion("MP-011", "jti, when sent, must be a non-empty string");
  }
  if (!Number.isInteger(iat) || !Number.isInteger(exp)) {
    throw invalidAssertion("MP-011", "iat and exp must be whole epoch seconds");
  }
  const consumerOrg = claims.consumer_org;
  if (
    consumerOrg !== undefined &&
    !(typeof consumerOrg === "string" && /^\d{9}$/.test(consumerOrg))
  ) {
    throw invalidAssertion("MP-011", "consumer_org must be an organisation number (9 digits)");
  }
  const audience = readResource(claims.resource);
  if (aud !== ctx.issuer) {
    throw invalidAssertion(
      "MP-110",
      `aud must be exactly "${ctx.issuer}" (got ${JSON.stringify(aud)}); the token endpoint URL is not accepted`,
    );
  }

  const client = ctx.store.getClient(iss);
  if (!client?.active) {
    throw invalidAssertion("MP-100", `No active client "${iss}" in this Maskinporten environment`);
  }

  const now = ctx.clock.date();
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
  if (issuedAt - nowSeconds > IAT_SKEW_SECONDS) {
    throw invalidAssertion(
      "MP-130-iat-ahead",
      `iat is ${issuedAt - nowSeconds} s ahead of server time; at most ${IAT_SKEW_SECONDS} s is accepted`,
    );
  }
  if (expiresAt - issuedAt > MAX_GRANT_LIFETIME_SECONDS) {
    throw invalidAssertion(
      "MP-130",
      `The grant lives ${expiresAt - issuedAt} s (exp - iat); the docs allow at most ${MAX_GRANT_LIFETIME_SECONDS} s`,
    );
  }
  if (expiresAt <= nowSeconds) throw invalidAssertion("MP-130", "The grant has expired");
  if (
    typeof jti === "string" &&
    !ctx.replayGuard.remember(`${client.client_id}\u0000${jti}`, expiresAt, nowSeconds)
  ) {
    throw invalidAssertion("MP-012", `The grant with jti "${jti}" has been used before`);
  }

  const scopes = scope.split(" ").filter(Boolean);
  if (scopes.length === 0) throw new TokenGrantError("MP-200", "No scope was requested");
  if (consumerOrg !== undefined && consumerOrg === client.client_orgno) {
    throw new TokenGrantError(
      "consumer-org-own",
      `consumer_org ${consumerOrg} is the client's own organisation`,
    );
  }
  const used = scopes
    .map((name) => checkScope(ctx, client, name, consumerOrg))
    .filter((found): found is Scope => found !== undefined);
  const ages = used
    .map((found) => found.at_max_age)
    .filter((age): age is number => typeof age === "number" && age > 0);
  const delegationSource = used.find((found) => found.delegation_source)?.delegation_source;
  return {
    client,
    amr,
    scopes,
    consumerOrgno: consumerOrg ?? client.client_orgno ?? "",
    ...(consumerOrg !== undefined ? { supplierOrgno: client.client_orgno } : {}),
    ...(consumerOrg !== undefined && delegationSource ? { delegationSource } : {}),
    ...(audience !== undefined ? { audience } : {}),
    ...(ages.length > 0 ? { atMaxAge: Math.min(...ages) } : {}),
  };
}

/** `resource`: a URL or an array of them (the docs: "currently only array supported"). */
function readResource(resource: unknown): string | string[] | undefined {
  if (resource === undefined) return undefined;
  if (typeof resource === "string" && resource !== "") return resource;
  if (
    Array.isArray(resource) &&
    resource.length > 0 &&
    resource.every((value) => typeof value === "string" && value !== "")
  ) {
    return resource as string[];
  }
  throw invalidAssertion("MP-011", "resource must be a string or an array of strings");
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

/**
 * A requested scope: on the client (MP-200), active (MP-200), open to the client's integration type
 * (MP-201), usable by the organisation (MP-250); with `consumer_org`, usable by the consumer and
 * delegated by it to the client's organisation in Altinn (MP-251). Returns the scope (none for
 * Digdir's admin scopes).
 */
function checkScope(
  ctx: SimulatorContext,
  client: Client,
  name: string,
  consumerOrg: string | undefined,
): Scope | undefined {
  if (!(client.scopes ?? []).includes(name)) {
    throw new TokenGrantError(
      "MP-200",
      `The client "${client.client_id}" does not have the scope ${name}`,
    );
  }
  // Admin scopes are Digdir's own, put on admin clients by hand; they are not in the catalogue.
  if (name in ADMIN_SCOPES) return undefined;
  const scope = ctx.store.getScope(name);
  if (!scope?.active) {
    throw new TokenGrantError("MP-200", `${name} does not exist or is deactivated`);
  }
  const allowed = scope.allowed_integration_types ?? [];
  if (allowed.length > 0 && !allowed.includes(client.integration_type ?? "maskinporten")) {
    throw new TokenGrantError(
      "MP-201",
      `The scope ${name} is not allowed for ${client.integration_type} clients`,
    );
  }
  const consumer = consumerOrg ?? client.client_orgno ?? "";
  if (!ctx.store.mayUseScope(consumer, scope)) {
    throw new TokenGrantError("MP-250", `${consumer} has no access to ${name}`, { scope: name });
  }
  if (
    consumerOrg !== undefined &&
    !(scope.delegation_source && ctx.delegations.has(consumerOrg, client.client_orgno ?? "", name))
  ) {
    throw new TokenGrantError(
      "MP-251",
      scope.delegation_source
        ? `${consumerOrg} has not delegated ${name} to ${client.client_orgno} in Altinn`
        : `${name} has no delegation_source, so it cannot be delegated`,
      { scope: name, consumer: consumerOrg, supplier: client.client_orgno },
    );
  }
  return scope;
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
          },
          400,
        );
      }
      const assertion = form.get("assertion");
      if (!assertion) throw new TokenGrantError("MP-011", "The assertion is missing");
      const grant = verifyGrant(ctx, assertion);
      const clientLifetime = grant.client.access_token_lifetime || DEFAULT_ACCESS_TOKEN_LIFETIME;
      // A scope's at_max_age caps the token's lifetime (observed; docs/maskinporten.md §8).
      const lifetime = Math.min(clientLifetime, grant.atMaxAge ?? clientLifetime);
      const { token } = await ctx.tokens.issue({
        clientId: grant.client.client_id,
        orgno: grant.consumerOrgno,
        amr: grant.amr,
        scopes: grant.scopes,
        lifetimeSeconds: lifetime,
        ...(grant.supplierOrgno ? { supplierOrgno: grant.supplierOrgno } : {}),
        ...(grant.delegationSource ? { delegationSource: grant.delegationSource } : {}),
        ...(grant.audience !== undefined ? { audience: grant.audience } : {}),
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
      if (error instanceof TokenGrantError) {
        c.header(
          "X-Simulator-Detail",
          `${error.fixture}: ${error.message}`.replace(/[^\t\x20-\x7e\xa0-\xff]/g, "?"),
        );
        return c.json(error.body(), error.status);
      }
      throw error;
    }
  });

  return routes;
}

async function readForm(request: Request): Promise<URLSearchParams> {
  const type = request.headers.get("content-type") ?? "";
  if (!type.startsWith("application/x-www-form-urlencoded")) {
    throw new TokenGrantError("MP-011", "The body must be application/x-www-form-urlencoded");
  }
  return new URLSearchParams(await request.text());
}

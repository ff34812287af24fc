import { base64url, type CryptoKey, type JWTHeaderParameters, type KeyObject, SignJWT } from "jose";
import { issuerProblem } from "./issuer";
import { GRANT_ALGS, type GrantAlg, MAX_GRANT_LIFETIME_SECONDS } from "./limits";

/** A grant's input that Maskinporten would refuse, found before signing (a `RangeError`). */
export class GrantInputError extends RangeError {
  override readonly name = "GrantInputError";
  constructor(
    /** Stable: `grant.alg`, `grant.lifetime`, `grant.scope`, `grant.client-id`, `grant.key-ref`, `grant.audience`, `grant.consumer-org`. */
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

/** What a grant is signed with and how its header names the key. */
export interface GrantSigningInput {
  /** The private key (WebCrypto `CryptoKey` in browsers, `KeyObject` or `CryptoKey` in Node). */
  key: CryptoKey | KeyObject;
  alg: GrantAlg;
  /** `kid` of a key registered on the client, or the business certificate chain (base64 DER, leaf first). */
  keyRef: { kid: string } | { x5c: readonly string[] };
  /** The issuer exactly, e.g. "https://test.maskinporten.no/" (not the token endpoint URL). */
  audience: string;
  clientId: string;
  scopes: readonly string[];
  /** The clock: epoch ms (the one convention of every package); default `Date.now`. */
  now?: () => number;
  /** `exp - iat` in seconds: 1 to 120, default 120. */
  lifetimeSeconds?: number;
  /** Default: a random UUID. */
  jti?: string;
  /** A supplier's grant for another organisation (9 digits); Maskinporten checks the delegation in Altinn. */
  consumerOrg?: string;
  /** Audience-restricted token: becomes the access token's `aud`. */
  resource?: string | readonly string[];
  /** Allow a plain-http audience that is not loopback (tests only). */
  allowInsecureHttp?: boolean;
}

/** Throws `GrantInputError` when Maskinporten would refuse the grant for its input. */
export function checkGrantInput(input: Omit<GrantSigningInput, "key">): void {
  if (!(GRANT_ALGS as readonly string[]).includes(input.alg)) {
    throw new GrantInputError(
      "grant.alg",
      `alg ${JSON.stringify(input.alg)} is not accepted; use one of ${GRANT_ALGS.join(", ")}`,
    );
  }
  const lifetime = input.lifetimeSeconds ?? MAX_GRANT_LIFETIME_SECONDS;
  if (!Number.isInteger(lifetime) || lifetime < 1 || lifetime > MAX_GRANT_LIFETIME_SECONDS) {
    throw new GrantInputError(
      "grant.lifetime",
      `A grant lives 1 to ${MAX_GRANT_LIFETIME_SECONDS} whole seconds (got ${lifetime})`,
    );
  }
  if (input.scopes.length === 0) {
    throw new GrantInputError("grant.scope", "A grant needs at least one scope");
  }
  const badScope = input.scopes.find((scope) => scope.length === 0 || /\s/.test(scope));
  if (badScope !== undefined) {
    throw new GrantInputError(
      "grant.scope",
      `A scope cannot be empty or contain spaces (${JSON.stringify(badScope)})`,
    );
  }
  if (input.clientId.trim() === "" || input.clientId !== input.clientId.trim()) {
    throw new GrantInputError(
      "grant.client-id",
      "The client id (iss) is empty or has spaces around it",
    );
  }
  if ("kid" in input.keyRef) {
    if (input.keyRef.kid.trim() === "") {
      throw new GrantInputError("grant.key-ref", "kid is empty; name the registered key");
    }
  } else if (
    input.keyRef.x5c.length === 0 ||
    !input.keyRef.x5c.every((cert) => /^[A-Za-z0-9+/]+=*$/.test(cert))
  ) {
    throw new GrantInputError(
      "grant.key-ref",
      "x5c must be a non-empty array of base64 DER certificates (no PEM headers or line breaks)",
    );
  }
  const audience = issuerProblem(input.audience, { allowInsecureHttp: input.allowInsecureHttp });
  if (audience) throw new GrantInputError("grant.audience", audience.message);
  if (input.consumerOrg !== undefined && !/^\d{9}$/.test(input.consumerOrg)) {
    throw new GrantInputError(
      "grant.consumer-org",
      `consumer_org is an organisation number of 9 digits (got ${JSON.stringify(input.consumerOrg)})`,
    );
  }
}

/**
 * Signs a JWT-bearer grant for Maskinporten's token endpoint. The header holds `alg` and either
 * `kid` or `x5c`; the claims are aud, iss, scope, iat, exp, jti and, when asked, consumer_org and
 * resource: nothing else, because Maskinporten refuses unknown claims. Browser-safe (jose).
 * Throws `GrantInputError` for input Maskinporten would refuse.
 */
export async function signGrant(input: GrantSigningInput): Promise<string> {
  checkGrantInput(input);
  const header: JWTHeaderParameters =
    "kid" in input.keyRef
      ? { alg: input.alg, kid: input.keyRef.kid }
      : { alg: input.alg, x5c: [...input.keyRef.x5c] };
  const iat = Math.floor((input.now ?? Date.now)() / 1000);
  const claims: Record<string, unknown> = { scope: input.scopes.join(" ") };
  if (input.consumerOrg !== undefined) claims.consumer_org = input.consumerOrg;
  if (input.resource !== undefined) {
    claims.resource = typeof input.resource === "string" ? input.resource : [...input.resource];
  }
  return new SignJWT(claims)
    .setProtectedHeader(header)
    .setAudience(input.audience)
    .setIssuer(input.clientId)
    .setIssuedAt(iat)
    .setExpirationTime(iat + (input.lifetimeSeconds ?? MAX_GRANT_LIFETIME_SECONDS))
    .setJti(input.jti ?? crypto.randomUUID())
    .sign(input.key);
}

/**
 * Signs a grant's JWS signing input somewhere else: a key service (AWS KMS, Azure Key Vault, an
 * HSM) or a local key. `sign` gets the ASCII bytes of `base64url(header) "." base64url(claims)`
 * and answers the raw signature for the grant's alg (RSASSA-PKCS1-v1_5 with SHA-256/384/512 for
 * RS256/384/512, RFC 7518 §3.3: as many bytes as the modulus). It may throw; the error reaches
 * the caller of `signGrantWith` unchanged.
 */
export interface GrantSigner {
  sign(signingInput: Uint8Array): Promise<Uint8Array>;
}

const HASH_OF_ALG: Record<GrantAlg, "SHA-256" | "SHA-384" | "SHA-512"> = {
  RS256: "SHA-256",
  RS384: "SHA-384",
  RS512: "SHA-512",
};

/**
 * The signer of a private key held in this process: WebCrypto's RSASSA-PKCS1-v1_5 with the
 * alg's hash. The key must be a private RSA `CryptoKey` imported for that algorithm (as jose's
 * `importPKCS8`/`importJWK` give it).
 */
export function localGrantSigner(key: CryptoKey, alg: GrantAlg): GrantSigner {
  return {
    sign: async (signingInput) =>
      new Uint8Array(
        await crypto.subtle.sign(
          { name: "RSASSA-PKCS1-v1_5", hash: HASH_OF_ALG[alg] } as AlgorithmIdentifier,
          key,
          signingInput as BufferSource,
        ),
      ),
  };
}

/**
 * `signGrant` with the signature made by a `GrantSigner` instead of a key in this process: the
 * same header (`alg` and `kid` or `x5c`) and claims, checked the same way (`GrantInputError`).
 * The compact JWS is assembled here (RFC 7515 §7.1), so the private key may live in a key service.
 */
export async function signGrantWith(
  input: Omit<GrantSigningInput, "key"> & { signer: GrantSigner },
): Promise<string> {
  checkGrantInput(input);
  const header: Record<string, unknown> =
    "kid" in input.keyRef
      ? { alg: input.alg, kid: input.keyRef.kid }
      : { alg: input.alg, x5c: [...input.keyRef.x5c] };
  const iat = Math.floor((input.now ?? Date.now)() / 1000);
  const claims: Record<string, unknown> = {
    scope: input.scopes.join(" "),
    ...(input.consumerOrg !== undefined ? { consumer_org: input.consumerOrg } : {}),
    ...(input.resource !== undefined
      ? { resource: typeof input.resource === "string" ? input.resource : [...input.resource] }
      : {}),
    aud: input.audience,
    iss: input.clientId,
    iat,
    exp: iat + (input.lifetimeSeconds ?? MAX_GRANT_LIFETIME_SECONDS),
    jti: input.jti ?? crypto.randomUUID(),
  };
  const signingInput = `${base64url.encode(JSON.stringify(header))}.${base64url.encode(JSON.stringify(claims))}`;
  const signature = await input.signer.sign(new TextEncoder().encode(signingInput));
  if (signature.length === 0) throw new Error("The signer answered an empty signature");
  return `${signingInput}.${base64url.encode(signature)}`;
}

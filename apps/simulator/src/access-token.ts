import { randomUUID } from "node:crypto";
import {
  type CryptoKey,
  exportJWK,
  generateKeyPair,
  importJWK,
  type JWK,
  jwtVerify,
  SignJWT,
} from "jose";
import type { SimulatorClock } from "./clock";

/** The key the simulator signs access tokens with; demo mode keeps it in the data folder. */
export interface SigningKeyMaterial {
  kid: string;
  privateJwk: JWK;
}

export async function createSigningKeyMaterial(): Promise<SigningKeyMaterial> {
  const { privateKey } = await generateKeyPair("RS256", { modulusLength: 2048, extractable: true });
  return {
    kid: `portvakt-simulator-${randomUUID().slice(0, 8)}`,
    privateJwk: await exportJWK(privateKey),
  };
}

export type ClientAmr = "virksomhetssertifikat" | "private_key_jwt";

/** What an access token says about its holder (docs/maskinporten.md §2). */
export interface AccessTokenClaims {
  iss: string;
  client_id: string;
  client_amr: ClientAmr;
  consumer: { authority: "iso6523-actorid-upis"; ID: string };
  /** With delegation (`consumer_org`): the client's organisation, acting for `consumer`. */
  supplier?: { authority: "iso6523-actorid-upis"; ID: string };
  /** With delegation: where the consumer delegated (the scope's `delegation_source`). */
  delegation_source?: string;
  /** The grant's `resource`, or "unspecified" (felleslosninger/docs, audience-restricted tokens). */
  aud: string | string[];
  scope: string;
  token_type: "Bearer";
  iat: number;
  exp: number;
  jti: string;
}

export type AccessTokenCheck =
  | { ok: true; claims: AccessTokenClaims; orgno: string; scopes: Set<string> }
  | { ok: false; reason: string };

/**
 * Issues and checks access tokens. It also remembers which tokens it issued so the control API
 * can make all of them invalid at once (`POST /__control/expire-tokens`).
 */
export class AccessTokenAuthority {
  private generation = 0;
  private readonly issuedGeneration = new Map<string, number>();

  private constructor(
    private readonly material: SigningKeyMaterial,
    private readonly privateKey: CryptoKey,
    private readonly publicKey: CryptoKey,
    private readonly publicJwk: JWK,
    private readonly issuer: string,
    private readonly clock: SimulatorClock,
  ) {}

  static async create(
    material: SigningKeyMaterial,
    issuer: string,
    clock: SimulatorClock,
  ): Promise<AccessTokenAuthority> {
    const privateKey = (await importJWK(material.privateJwk, "RS256")) as CryptoKey;
    const { kty, n, e } = material.privateJwk;
    const publicJwk: JWK = { kty, n, e, kid: material.kid, use: "sig", alg: "RS256" };
    const publicKey = (await importJWK(publicJwk, "RS256")) as CryptoKey;
    return new AccessTokenAuthority(material, privateKey, publicKey, publicJwk, issuer, clock);
  }

  jwks(): { keys: JWK[] } {
    return { keys: [this.publicJwk] };
  }

  async issue(input: {
    clientId: string;
    orgno: string;
    amr: ClientAmr;
    scopes: string[];
    lifetimeSeconds: number;
    /** The client's organisation when it acts for `orgno` by delegation. */
    supplierOrgno?: string;
    delegationSource?: string;
    /** From the grant's `resource`. */
    audience?: string | string[];
  }): Promise<{ token: string; claims: AccessTokenClaims }> {
    const iat = this.clock.epochSeconds();
    const claims: AccessTokenClaims = {
      iss: this.issuer,
      client_id: input.clientId,
      client_amr: input.amr,
      consumer: { authority: "iso6523-actorid-upis", ID: `0192:${input.orgno}` },
      ...(input.supplierOrgno
        ? { supplier: { authority: "iso6523-actorid-upis", ID: `0192:${input.supplierOrgno}` } }
        : {}),
      ...(input.delegationSource ? { delegation_source: input.delegationSource } : {}),
      aud: input.audience ?? "unspecified",
      scope: input.scopes.join(" "),
      token_type: "Bearer",
      iat,
      exp: iat + input.lifetimeSeconds,
      jti: randomUUID(),
    };
    const token = await new SignJWT({ ...claims })
      .setProtectedHeader({ alg: "RS256", kid: this.material.kid, typ: "at+jwt" })
      .sign(this.privateKey);
    this.issuedGeneration.set(claims.jti, this.generation);
    return { token, claims };
  }

  /** Every token issued so far is refused from now on. */
  expireAll(): void {
    this.generation++;
  }

  async check(token: string): Promise<AccessTokenCheck> {
    let payload: Record<string, unknown>;
    try {
      ({ payload } = await jwtVerify(token, this.publicKey, {
        issuer: this.issuer,
        algorithms: ["RS256"],
        currentDate: this.clock.date(),
        clockTolerance: 0,
      }));
    } catch (error) {
      const code = (error as { code?: string }).code;
      if (code === "ERR_JWT_EXPIRED") return { ok: false, reason: "The access token has expired" };
      if (code === "ERR_JWT_CLAIM_VALIDATION_FAILED") {
        return {
          ok: false,
          reason: "The access token was issued by another Maskinporten environment",
        };
      }
      return {
        ok: false,
        reason: "The access token is not one this Maskinporten issued (bad signature or garbled)",
      };
    }
    const claims = payload as unknown as AccessTokenClaims;
    const generation = this.issuedGeneration.get(claims.jti);
    if (generation !== undefined && generation < this.generation) {
      return { ok: false, reason: "The access token has expired" };
    }
    const orgno = /^0192:(\d{9})$/.exec(claims.consumer?.ID ?? "")?.[1];
    if (!orgno || typeof claims.scope !== "string") {
      return { ok: false, reason: "The access token names no consumer organisation" };
    }
    return { ok: true, claims, orgno, scopes: new Set(claims.scope.split(" ").filter(Boolean)) };
  }
}

/** Remembers the `jti` of every accepted grant until it expires, to refuse reuse (MP-012). */
export class GrantReplayGuard {
  private readonly seen = new Map<string, number>();

  /** Returns false when `jti` was seen before; records it otherwise. */
  remember(jti: string, expiresAt: number, now: number): boolean {
    if (this.seen.size > 10_000) {
      for (const [id, exp] of this.seen) if (exp < now) this.seen.delete(id);
    }
    if (this.seen.has(jti)) return false;
    this.seen.set(jti, expiresAt);
    return true;
  }

  clear(): void {
    this.seen.clear();
  }
}

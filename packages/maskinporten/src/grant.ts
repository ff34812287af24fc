import { randomUUID } from "node:crypto";
import { type JWTHeaderParameters, SignJWT } from "jose";
import type { AdminCredential } from "./credentials";

/** Maskinporten refuses grants that live longer than this (docs/maskinporten.md §2: `exp - iat <= 120`). */
export const MAX_GRANT_LIFETIME_SECONDS = 120;

export interface GrantInput {
  credential: AdminCredential;
  clientId: string;
  /** The issuer exactly, e.g. "https://test.maskinporten.no/" (not the token endpoint URL). */
  audience: string;
  scopes: readonly string[];
  now?: Date;
  /** Defaults to and may not exceed 120 seconds. */
  lifetimeSeconds?: number;
}

/**
 * Signs the JWT-bearer grant for Maskinporten's token endpoint. Maskinporten refuses unknown
 * claims, so the grant holds exactly aud, iss, scope, iat, exp and jti.
 */
export async function signGrant(input: GrantInput): Promise<string> {
  const lifetime = input.lifetimeSeconds ?? MAX_GRANT_LIFETIME_SECONDS;
  if (!Number.isInteger(lifetime) || lifetime < 1 || lifetime > MAX_GRANT_LIFETIME_SECONDS) {
    throw new RangeError(
      `A grant lives 1 to ${MAX_GRANT_LIFETIME_SECONDS} whole seconds (got ${lifetime})`,
    );
  }
  if (input.scopes.length === 0) throw new RangeError("A grant needs at least one scope");
  const badScope = input.scopes.find((scope) => scope.length === 0 || /\s/.test(scope));
  if (badScope !== undefined) {
    throw new RangeError(`A scope cannot be empty or contain spaces (${JSON.stringify(badScope)})`);
  }
  const { credential } = input;
  const header: JWTHeaderParameters =
    credential.kind === "certificate"
      ? { alg: credential.alg, x5c: [...credential.x5c] }
      : { alg: credential.alg, kid: credential.kid };
  const iat = Math.floor((input.now ?? new Date()).getTime() / 1000);
  return new SignJWT({ scope: input.scopes.join(" ") })
    .setProtectedHeader(header)
    .setAudience(input.audience)
    .setIssuer(input.clientId)
    .setIssuedAt(iat)
    .setExpirationTime(iat + lifetime)
    .setJti(randomUUID())
    .sign(credential.privateKey);
}

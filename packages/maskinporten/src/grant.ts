import {
  localGrantSigner,
  MAX_GRANT_LIFETIME_SECONDS,
  signGrantWith,
} from "@portvakt/maskinporten-rules";
import type { AdminCredential } from "./credentials";

/** Maskinporten refuses grants that live longer than this (docs/maskinporten.md §2: `exp - iat <= 120`); one definition, in the rules. */
export { MAX_GRANT_LIFETIME_SECONDS };

export interface GrantInput {
  credential: AdminCredential;
  clientId: string;
  /** The issuer exactly, e.g. "https://test.maskinporten.no/" (not the token endpoint URL). */
  audience: string;
  scopes: readonly string[];
  /** The clock: epoch ms (the one convention of every package); default `Date.now`. */
  now?: () => number;
  /** Defaults to and may not exceed 120 seconds. */
  lifetimeSeconds?: number;
  /** Allow a plain-http audience outside loopback (tests against a simulator only). */
  allowInsecureHttp?: boolean;
}

/**
 * Signs the JWT-bearer grant for Maskinporten's token endpoint with the credential: `x5c` for a
 * business certificate, `kid` for a registered key. The grant holds exactly aud, iss, scope, iat,
 * exp and jti (`@portvakt/maskinporten-rules` `signGrant`, which also checks the input and throws
 * its `GrantInputError` with a stable `code`). The signature comes from the credential's `signer`
 * (a key service) or its `privateKey` in this process; throws when it has neither.
 */
export async function signGrant(input: GrantInput): Promise<string> {
  const { credential } = input;
  const signer =
    credential.signer ??
    (credential.privateKey ? localGrantSigner(credential.privateKey, credential.alg) : undefined);
  if (!signer) throw new Error("The admin credential has neither a private key nor a signer");
  return signGrantWith({
    signer,
    alg: credential.alg,
    keyRef: credential.kind === "certificate" ? { x5c: credential.x5c } : { kid: credential.kid },
    audience: input.audience,
    clientId: input.clientId,
    scopes: input.scopes,
    ...(input.now ? { now: input.now } : {}),
    ...(input.lifetimeSeconds !== undefined ? { lifetimeSeconds: input.lifetimeSeconds } : {}),
    ...(input.allowInsecureHttp ? { allowInsecureHttp: true } : {}),
  });
}

import {
  type GrantAlg,
  readPrivateJwk,
  signGrant as signGrantRule,
} from "@portvakt/maskinporten-rules";
import { importJWK, importPKCS8 } from "jose";

export type { GrantAlg };

/** A private key the user loaded: usable for signing, never extractable, never sent. */
export interface LoadedKey {
  key: CryptoKey;
  /** The kid the file named (a JWK's `kid`), if any. */
  kid?: string;
  source: "pem" | "jwk" | "generated";
  /** For a JWK: the shape it came in (bare, base64, key set of one, array of one). */
  shape?: "jwk" | "base64" | "jwks" | "array";
}

export type KeyLoadProblem = "pkcs1" | "public" | "unreadable" | "jwk";

/** Why a key could not be loaded; for JWK shapes a coded text (`jwk.*`, nb/nn/en). */
export class KeyLoadError extends Error {
  constructor(
    readonly problem: KeyLoadProblem,
    readonly coded?: { code: string; params: Record<string, string | number>; detail: string },
  ) {
    super(coded?.detail ?? problem);
  }
}

/**
 * Reads a private key from the user's disk into a non-extractable key: a PKCS#8 PEM, or a
 * private JWK given bare, as base64, as `{"keys":[one]}` or as `[one]` (exactly one private key;
 * otherwise the shape is named). Throws `KeyLoadError`.
 */
export async function loadPrivateKey(text: string, alg: GrantAlg): Promise<LoadedKey> {
  const trimmed = text.trim();
  if (trimmed.includes("BEGIN RSA PRIVATE KEY")) throw new KeyLoadError("pkcs1");
  if (trimmed.includes("BEGIN PUBLIC KEY") || trimmed.includes("BEGIN CERTIFICATE")) {
    throw new KeyLoadError("public");
  }
  if (trimmed.includes("-----BEGIN")) {
    try {
      return { key: await importPKCS8(trimmed, alg), source: "pem" };
    } catch {
      throw new KeyLoadError("unreadable");
    }
  }
  const reading = readPrivateJwk(trimmed);
  if (!reading.ok) {
    throw new KeyLoadError("jwk", {
      code: reading.code,
      params: reading.params,
      detail: reading.message,
    });
  }
  const { key_ops: _ops, ext: _ext, use: _use, alg: _alg, ...rest } = reading.jwk;
  try {
    const key = (await importJWK({ ...rest, alg }, alg, { extractable: false })) as CryptoKey;
    return {
      key,
      source: "jwk",
      shape: reading.shape,
      ...(typeof reading.jwk.kid === "string" ? { kid: reading.jwk.kid } : {}),
    };
  } catch {
    throw new KeyLoadError("unreadable");
  }
}

/**
 * Signs a JWT-bearer grant in the browser with `@portvakt/maskinporten-rules`' `signGrant` (the
 * same rules as the client library: alg, `exp - iat` at most 120 s, scopes, `aud` the issuer with
 * its trailing slash, only the allowed claims). Throws its `GrantInputError` for bad input.
 */
export async function signGrant(options: {
  key: CryptoKey;
  alg: GrantAlg;
  kid: string;
  issuer: string;
  clientId: string;
  scopes: string[];
  /** The clock: epoch ms (the one convention of every package); default `Date.now`. */
  now?: () => number;
}): Promise<string> {
  return signGrantRule({
    key: options.key,
    alg: options.alg,
    keyRef: { kid: options.kid },
    audience: options.issuer,
    clientId: options.clientId,
    scopes: options.scopes,
    ...(options.now !== undefined ? { now: options.now } : {}),
    // The environment's issuer comes from the BFF, which already checked it (http only in the demo).
    allowInsecureHttp: true,
  });
}

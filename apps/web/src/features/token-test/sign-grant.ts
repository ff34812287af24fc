import { importJWK, importPKCS8, SignJWT } from "jose";

export type GrantAlg = "RS256" | "RS384" | "RS512";

/** A private key the user loaded: usable for signing, never extractable, never sent. */
export interface LoadedKey {
  key: CryptoKey;
  /** The kid the file named (a JWK's `kid`), if any. */
  kid?: string;
  source: "pem" | "jwk" | "generated";
}

export type KeyLoadProblem = "pkcs1" | "public" | "unreadable";

export class KeyLoadError extends Error {
  constructor(readonly problem: KeyLoadProblem) {
    super(problem);
  }
}

/** Reads a PKCS#8 PEM or a private JWK (from the user's disk) into a non-extractable key. */
export async function loadPrivateKey(text: string, alg: GrantAlg): Promise<LoadedKey> {
  const trimmed = text.trim();
  if (trimmed.startsWith("{")) {
    let jwk: JsonWebKey & { kid?: string };
    try {
      jwk = JSON.parse(trimmed) as JsonWebKey & { kid?: string };
    } catch {
      throw new KeyLoadError("unreadable");
    }
    if (jwk.kty !== "RSA") throw new KeyLoadError("unreadable");
    if (!jwk.d) throw new KeyLoadError("public");
    try {
      const { key_ops: _ops, ext: _ext, use: _use, alg: _alg, ...rest } = jwk;
      const key = (await importJWK({ ...rest, alg }, alg, { extractable: false })) as CryptoKey;
      return { key, source: "jwk", ...(jwk.kid ? { kid: jwk.kid } : {}) };
    } catch {
      throw new KeyLoadError("unreadable");
    }
  }
  if (trimmed.includes("BEGIN RSA PRIVATE KEY")) throw new KeyLoadError("pkcs1");
  if (trimmed.includes("BEGIN PUBLIC KEY") || trimmed.includes("BEGIN CERTIFICATE")) {
    throw new KeyLoadError("public");
  }
  try {
    return { key: await importPKCS8(trimmed, alg), source: "pem" };
  } catch {
    throw new KeyLoadError("unreadable");
  }
}

/**
 * Signs a JWT-bearer grant as docs/maskinporten.md §2 wants it: header alg + kid; claims aud (the issuer),
 * iss (client_id), scope, iat, exp = iat + 120, jti — and nothing else.
 */
export async function signGrant(options: {
  key: CryptoKey;
  alg: GrantAlg;
  kid: string;
  issuer: string;
  clientId: string;
  scopes: string[];
  now?: number;
}): Promise<string> {
  const iat = Math.floor((options.now ?? Date.now()) / 1000);
  return new SignJWT({ scope: options.scopes.join(" ") })
    .setProtectedHeader({ alg: options.alg, kid: options.kid })
    .setAudience(options.issuer)
    .setIssuer(options.clientId)
    .setIssuedAt(iat)
    .setExpirationTime(iat + 120)
    .setJti(crypto.randomUUID())
    .sign(options.key);
}

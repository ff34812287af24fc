import { GRANT_ALGS } from "@portvakt/maskinporten-rules";
import { compactVerify, importJWK, importX509 } from "jose";
import { type Check, fail, note, pass } from "./check";
import type { DiagnosisContext } from "./context";

function pemOf(base64Der: string): string {
  const lines = base64Der.match(/.{1,64}/g) ?? [];
  return `-----BEGIN CERTIFICATE-----\n${lines.join("\n")}\n-----END CERTIFICATE-----`;
}

async function verifies(jwt: string, key: CryptoKey | Uint8Array): Promise<boolean> {
  try {
    await compactVerify(jwt, key);
    return true;
  } catch {
    return false;
  }
}

/**
 * Checks the grant's signature the way Maskinporten does (MP-124): with the key registered under
 * the header's `kid` when the client has keys, else with the certificate in `x5c`. Without the
 * registered public key (not read) the signature is reported as not checked.
 */
export async function checkSignature(
  jwt: string,
  header: Record<string, unknown>,
  context?: DiagnosisContext,
): Promise<Check | undefined> {
  const alg = header.alg;
  if (typeof alg !== "string" || !(GRANT_ALGS as readonly string[]).includes(alg)) return undefined;
  const client = context?.client;
  const clientHasKeys = client ? (client.hasKeys ?? client.keys.length > 0) : undefined;
  const kid = typeof header.kid === "string" && header.kid !== "" ? header.kid : undefined;

  if (kid && clientHasKeys) {
    const registered = client?.keys.find((key) => key.kid === kid);
    if (!registered) return undefined; // header.kid.known already fails with MP-124
    const jwk = registered.jwk;
    if (!jwk?.n || !jwk.e) {
      return note("signature.unchecked-key", { kid });
    }
    let key: CryptoKey | Uint8Array;
    try {
      key = await importJWK({ kty: "RSA", n: jwk.n, e: jwk.e }, alg);
    } catch {
      return note("signature.unchecked-key", { kid });
    }
    return (await verifies(jwt, key))
      ? pass("signature.ok-kid", { kid })
      : fail("signature.kid-mismatch", { kid, clientId: client?.client_id ?? "" }, "MP-124");
  }
  // A client with keys refuses x5c (header.kid.required, MP-123): the certificate does not matter.
  if (clientHasKeys) return undefined;
  const x5c = header.x5c;
  if (Array.isArray(x5c) && typeof x5c[0] === "string") {
    let key: CryptoKey;
    try {
      key = await importX509(pemOf(x5c[0]), alg);
    } catch {
      return fail("signature.x5c-unreadable", {}, "MP-123");
    }
    return (await verifies(jwt, key))
      ? pass("signature.ok-x5c", {})
      : fail("signature.x5c-mismatch", {}, "MP-124");
  }
  if (kid && !client) {
    return note("signature.unchecked-unknown", { kid });
  }
  return undefined;
}

import { createPrivateKey, createPublicKey, type KeyObject, X509Certificate } from "node:crypto";
import { readFile } from "node:fs/promises";
import { isAbsolute, resolve } from "node:path";
import { certificatesInPem, firstDerElement, Jwk, pemText } from "@portvakt/contracts";
import { type ConfigDocument, DocumentError, type DocumentIssue, InlineJwk } from "./document";

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === "object" && value !== null && !Array.isArray(value);

/** Whether DER bytes are a private key (PKCS#8 or PKCS#1), which must never be registered. */
function isPrivateDer(der: Uint8Array): boolean {
  for (const type of ["pkcs8", "pkcs1"] as const) {
    try {
      createPrivateKey({ key: Buffer.from(der), format: "der", type });
      return true;
    } catch {
      // not this form
    }
  }
  return false;
}

/**
 * The public key in a certificate (PEM `CERTIFICATE`, OpenSSL's `TRUSTED CERTIFICATE` or the old
 * `X509 CERTIFICATE`, or a binary DER `.cer`/`.der`), a public key (PEM, or DER SubjectPublicKeyInfo),
 * a JWK, or (by `kid`) a JWKS, without `kid` and `exp`, as the file has it; checked by the caller.
 * @throws Error for a private key, a key set without the kid, or a file that is not readable.
 */
async function publicJwkFromFile(path: string, kid: string): Promise<Record<string, unknown>> {
  const bytes = await readFile(path);
  const rsa = (key: KeyObject) => {
    const jwk = key.export({ format: "jwk" });
    return { kty: "RSA", n: String(jwk.n), e: String(jwk.e) };
  };
  // A binary DER file starts with a SEQUENCE tag; text (PEM, JSON) never does.
  if (bytes[0] === 0x30) {
    const der = firstDerElement(new Uint8Array(bytes));
    if (!der) throw new Error("the file is neither text nor a whole DER certificate or public key");
    if (isPrivateDer(der)) {
      throw new Error("the file holds a private key; point to the public key or the certificate");
    }
    try {
      return rsa(new X509Certificate(der).publicKey);
    } catch {
      return rsa(createPublicKey({ key: Buffer.from(der), format: "der", type: "spki" }));
    }
  }
  // A byte-order mark (Windows editors write one) is not part of the JSON or PEM.
  const text = bytes.toString("utf8").replace(/^\uFEFF/, "");
  if (/-----BEGIN [A-Z ]*PRIVATE KEY-----/.test(text)) {
    throw new Error("the file holds a private key; point to the public key or the certificate");
  }
  const certificates = certificatesInPem(text);
  if (certificates[0]) return rsa(new X509Certificate(certificates[0]).publicKey);
  if (text.includes("-----BEGIN")) return rsa(createPublicKey(pemText(text)));
  const json: unknown = JSON.parse(text);
  // A JWKS is accepted too: the key with the entry's kid is taken from it.
  const candidate: unknown =
    isRecord(json) && Array.isArray(json.keys)
      ? json.keys.find((key: unknown) => isRecord(key) && key.kid === kid)
      : json;
  if (!candidate) throw new Error(`the key set has no key with kid "${kid}"`);
  const {
    kid: _kid,
    exp: _exp,
    ...rest
  } = isRecord(candidate) ? candidate : Object.fromEntries(Object.entries(candidate));
  return rest;
}

/**
 * Reads the keys a document refers to by `file` (relative to `baseDir`, the document's folder)
 * and puts them inline. The BFF never reads files a document names; only the CLI does.
 */
export async function resolveKeyFiles(
  document: ConfigDocument,
  baseDir: string,
): Promise<ConfigDocument> {
  const issues: DocumentIssue[] = [];
  const clients = await Promise.all(
    (document.clients ?? []).map(async (client, i) => {
      if (!client.keys) return client;
      const keys = await Promise.all(
        client.keys.map(async (key, j) => {
          if (key.file === undefined) return key;
          const path = isAbsolute(key.file) ? key.file : resolve(baseDir, key.file);
          try {
            const jwk = await publicJwkFromFile(path, key.kid);
            const checked = Jwk.safeParse({ use: "sig", alg: "RS256", ...jwk, kid: key.kid });
            const inline = InlineJwk.safeParse(jwk);
            if (!checked.success || !inline.success) {
              for (const issue of (checked.error ?? inline.error)?.issues ?? []) {
                issues.push({
                  path: `clients[${i}].keys[${j}].file`,
                  message: `${key.file}: ${issue.message}`,
                });
              }
              return key;
            }
            // The file's members as written (the parse only types them).
            return { kid: key.kid, jwk: { ...jwk, ...inline.data } };
          } catch (error) {
            issues.push({
              path: `clients[${i}].keys[${j}].file`,
              message: `${key.file}: ${error instanceof Error ? error.message : String(error)}`,
            });
            return key;
          }
        }),
      );
      return { ...client, keys };
    }),
  );
  if (issues.length > 0) throw new DocumentError(issues);
  return { ...document, clients };
}

import { createPublicKey, X509Certificate } from "node:crypto";
import { readFile } from "node:fs/promises";
import { isAbsolute, resolve } from "node:path";
import { Jwk } from "@portvakt/contracts";
import { type ConfigDocument, DocumentError, type DocumentIssue, InlineJwk } from "./document";

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === "object" && value !== null && !Array.isArray(value);

/**
 * The public key in a PEM certificate or public key, a JWK, or (by `kid`) a JWKS, without `kid`
 * and `exp`, as the file has it; checked by the caller.
 * @throws Error for a private key, a key set without the kid, or a file that is not readable.
 */
async function publicJwkFromFile(path: string, kid: string): Promise<Record<string, unknown>> {
  const text = await readFile(path, "utf8");
  if (/-----BEGIN [A-Z ]*PRIVATE KEY-----/.test(text)) {
    throw new Error("the file holds a private key; point to the public key or the certificate");
  }
  if (text.includes("-----BEGIN CERTIFICATE-----")) {
    const jwk = new X509Certificate(text).publicKey.export({ format: "jwk" });
    return { kty: "RSA", n: String(jwk.n), e: String(jwk.e) };
  }
  if (text.includes("-----BEGIN")) {
    const jwk = createPublicKey(text).export({ format: "jwk" });
    return { kty: "RSA", n: String(jwk.n), e: String(jwk.e) };
  }
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

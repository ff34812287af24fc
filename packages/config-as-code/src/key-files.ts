import { createPublicKey, X509Certificate } from "node:crypto";
import { readFile } from "node:fs/promises";
import { isAbsolute, resolve } from "node:path";
import { Jwk } from "@portvakt/contracts";
import { type ConfigDocument, DocumentError, type DocumentIssue, type KeyEntry } from "./document";

type InlineJwk = NonNullable<KeyEntry["jwk"]>;

async function publicJwkFromFile(path: string, kid: string): Promise<InlineJwk> {
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
  const json = JSON.parse(text) as Record<string, unknown>;
  // A JWKS is accepted too: the key with the entry's kid is taken from it.
  const candidate = Array.isArray(json.keys)
    ? (json.keys as Record<string, unknown>[]).find((key) => key.kid === kid)
    : json;
  if (!candidate) throw new Error(`the key set has no key with kid "${kid}"`);
  const { kid: _kid, exp: _exp, ...rest } = candidate;
  return rest as InlineJwk;
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
            if (!checked.success) {
              for (const issue of checked.error.issues) {
                issues.push({
                  path: `clients[${i}].keys[${j}].file`,
                  message: `${key.file}: ${issue.message}`,
                });
              }
              return key;
            }
            return { kid: key.kid, jwk };
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

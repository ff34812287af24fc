import { execFileSync } from "node:child_process";
import { generateKeyPairSync } from "node:crypto";
import type { Page } from "@playwright/test";
import { expect, headersOf, unique } from "./support";

// Keys and clients the key specs (replace-keys, consumer) start from, made outside the page: the
// forms that make them are tested elsewhere (forms.spec, clients-keys.spec).

/** An RSA-2048 key pair as JWKs with `kid`, `use: sig` and `alg: RS256` (made as an HSM would). */
export function rsaJwk(kid: string) {
  const { publicKey, privateKey } = generateKeyPairSync("rsa", { modulusLength: 2048 });
  return {
    pub: { ...publicKey.export({ format: "jwk" }), kid, use: "sig", alg: "RS256" },
    priv: { ...privateKey.export({ format: "jwk" }), kid, use: "sig", alg: "RS256" },
  };
}

/**
 * A fresh self-signed certificate (RSA-2048, 30 days) for `commonName`, made with openssl as an
 * admin would, written as PEM to `path`. Fresh each time: Digdir wants kids (the key's
 * thumbprint) unique across all clients, so the fixed fixture can be registered only once.
 */
export function selfSignedCertificate(path: string, commonName: string) {
  execFileSync(
    "openssl",
    [
      "req",
      "-x509",
      "-newkey",
      "rsa:2048",
      "-nodes",
      "-keyout",
      "/dev/null",
      "-out",
      path,
      "-days",
      "30",
      "-subj",
      `/C=NO/O=PORTVAKT TEST/CN=${commonName}`,
    ],
    { stdio: ["ignore", "ignore", "pipe"] },
  );
}

/**
 * A new client of the demo environment (org 991825827), made through the BFF's API with
 * `scopes` (default none); answers its page's path (`/demo/clients/{id}`).
 */
export async function newClient(page: Page, scopes: string[] = []): Promise<string> {
  const created = await page.request.post("/api/envs/demo/clients", {
    headers: headersOf(page),
    data: { client_name: unique("E2E-nøkler "), description: "Nøkler fra HSM", scopes },
  });
  expect(created.status(), await created.text()).toBe(200);
  const { client_id } = (await created.json()) as { client_id: string };
  return `/demo/clients/${client_id}`;
}

/** Adds public keys to the client at `clientPath` through the BFF's API, one after another. */
export async function addKeys(page: Page, clientPath: string, jwks: object[]) {
  const api = `/api/envs/demo/clients/${clientPath.split("/").pop()}`;
  for (const jwk of jwks) {
    const current = await page.request.get(`${api}/jwks`, { headers: headersOf(page) });
    const added = await page.request.post(`${api}/keys`, {
      headers: { ...headersOf(page), "If-Match": current.headers().etag! },
      data: { jwk },
    });
    expect(added.status(), await added.text()).toBe(200);
  }
}

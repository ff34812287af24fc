import { generateKeyPairSync } from "node:crypto";
import { expect } from "vitest";

/**
 * Registers a fresh RSA public key (2,048 bits, `alg` RS256, `use` sig) as `kid` on client
 * `clientId` in the demo environment through the BFF (`POST /api/envs/demo/clients/{id}/keys`,
 * with `api`: a signed-in `ApiCall` or `stack.api`), expects 200, and answers the `exp` Digdir gave
 * the key (epoch seconds). For the expiry-alert tests, which move the clock relative to it.
 */
export async function addKeyReadExp(
  api: (path: string, init?: RequestInit) => Promise<Response>,
  clientId: string,
  kid: string,
): Promise<number> {
  const { publicKey } = generateKeyPairSync("rsa", { modulusLength: 2048 });
  const added = await api(`/api/envs/demo/clients/${clientId}/keys`, {
    method: "POST",
    body: JSON.stringify({
      jwk: { ...publicKey.export({ format: "jwk" }), kid, use: "sig", alg: "RS256" },
    }),
  });
  expect(added.status).toBe(200);
  return ((await added.json()) as { keys: { kid: string; exp: number }[] }).keys.find(
    (k) => k.kid === kid,
  )!.exp;
}

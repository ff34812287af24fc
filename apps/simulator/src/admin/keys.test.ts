import { randomBytes } from "node:crypto";
import { DigdirError, Jwk, JwksResponse } from "@portvakt/contracts";
import { exportJWK, exportPKCS8, generateKeyPair } from "jose";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { type RunningSimulator, startSimulator } from "../index";
import { consumerAdminToken, keyedClientGrant, requestToken, signGrant } from "../testing/grant";
import { callSelfService } from "../testing/self-service";

let sim: RunningSimulator;
let nav: string;
let realKey: { jwk: Record<string, unknown>; privateKeyPem: string };
const PENSJON = "3f1c2a90-5b7e-4c1d-9a2e-6d8f0b1c2e3a";
const STATISTIKK = "7b2d4e6f-8a1c-4e3b-9d5f-1a2b3c4d5e6f";
const YEAR = 365 * 86_400;

beforeAll(async () => {
  sim = await startSimulator({ mode: "test" });
  const { publicKey, privateKey } = await generateKeyPair("RS256", { extractable: true });
  realKey = {
    jwk: { ...(await exportJWK(publicKey)), kid: "nav-pensjon-2026", use: "sig", alg: "RS256" },
    privateKeyPem: await exportPKCS8(privateKey),
  };
});
afterAll(() => sim.close());
beforeEach(async () => {
  await fetch(`${sim.url}/__control/reset`, { method: "POST" });
  nav = await consumerAdminToken(sim);
});

/** The server only checks a modulus' size, so tests can make up keys that no one can sign with. */
function madeUpKey(kid: string, bits = 2048): Record<string, unknown> {
  const modulus = randomBytes(bits / 8);
  modulus[0]! |= 0x80;
  return { kty: "RSA", use: "sig", alg: "RS256", kid, e: "AQAB", n: modulus.toString("base64url") };
}

const call = (method: string, path: string, body?: unknown, token = nav) =>
  callSelfService<unknown>(sim.url, method, path, { token, body });
const jwksPath = (clientId: string) => `/api/v1/clients/${clientId}/jwks`;

describe("client keys (JWKS)", () => {
  it("answers {keys, created, last_updated} with a server-set exp one year ahead", async () => {
    const answer = await call("GET", jwksPath(PENSJON));
    expect(answer.status).toBe(200);
    const jwks = JwksResponse.parse(answer.body);
    expect(jwks.keys.map((key) => key.kid)).toEqual(["nav-pensjon-2025"]);
    expect(jwks.created).toBeDefined();
    expect(jwks.last_updated).toBeDefined();
    expect(jwks.keys[0]!.exp! - Math.floor(Date.now() / 1000)).toBeGreaterThan(YEAR - 60);
  });

  it("answers 404 for a client without keys, as Digdir does (docs/maskinporten.md §8)", async () => {
    const created = await call("POST", "/api/v1/clients", {
      client_name: "Uten nøkler",
      description: "x",
      scopes: [],
    });
    const clientId = (created.body as { client_id: string }).client_id;
    const answer = await call("GET", jwksPath(clientId));
    expect(answer.status).toBe(404);
    expect(DigdirError.parse(answer.body).status).toBe(404);
  });

  it("keeps the exp a key is sent with, and gives a year to one sent without (docs/maskinporten.md §8)", async () => {
    const kept = Math.floor(Date.now() / 1000) + 40 * 86_400;
    const answer = await call("POST", jwksPath(PENSJON), {
      keys: [{ ...madeUpKey("nav-kept"), exp: kept }, madeUpKey("nav-new")],
    });
    expect(answer.status, JSON.stringify(answer.body)).toBe(200);
    const keys = JwksResponse.parse(answer.body).keys;
    expect(keys.find((key) => key.kid === "nav-kept")?.exp).toBe(kept);
    const fresh = keys.find((key) => key.kid === "nav-new")?.exp ?? 0;
    expect(fresh - Math.floor(Date.now() / 1000)).toBeGreaterThan(YEAR - 60);
  });

  it("PUT .../jwks/{kid} adds one key and leaves the others (and their exp) alone", async () => {
    const before = JwksResponse.parse((await call("GET", jwksPath(PENSJON))).body).keys;
    const put = await call("PUT", `${jwksPath(PENSJON)}/nav-single`, madeUpKey("nav-single"));
    expect(put.status, JSON.stringify(put.body)).toBe(200);
    expect((put.body as { kid: string }).kid).toBe("nav-single");
    const after = JwksResponse.parse((await call("GET", jwksPath(PENSJON))).body).keys;
    expect(after.map((key) => key.kid).sort()).toEqual(["nav-pensjon-2025", "nav-single"]);
    expect(after.find((key) => key.kid === "nav-pensjon-2025")?.exp).toBe(before[0]?.exp);
    // The kid of the path and of the body must agree; alg is RS256 or RS512 only.
    expect((await call("PUT", `${jwksPath(PENSJON)}/other`, madeUpKey("nav-x"))).status).toBe(400);
    expect(
      (await call("PUT", `${jwksPath(PENSJON)}/nav-y`, { ...madeUpKey("nav-y"), alg: "RS384" }))
        .status,
    ).toBe(400);
    const { alg: _alg, ...noAlg } = madeUpKey("nav-z");
    expect((await call("PUT", `${jwksPath(PENSJON)}/nav-z`, noAlg)).status).toBe(400);
  });

  it("PUT .../jwks/{kid} refuses a sixth key and a kid of another client", async () => {
    for (const kid of ["a1", "a2", "a3", "a4"]) {
      expect((await call("PUT", `${jwksPath(PENSJON)}/${kid}`, madeUpKey(kid))).status).toBe(200);
    }
    expect((await call("PUT", `${jwksPath(PENSJON)}/a5`, madeUpKey("a5"))).status).toBe(400);
    expect((await call("PUT", `${jwksPath(STATISTIKK)}/a1`, madeUpKey("a1"))).status).toBe(400);
  });

  it("POST /api/v2/clients/{id}/key takes a PEM public key as text", async () => {
    const { publicKey } = await generateKeyPair("RS256", { extractable: true });
    const { exportSPKI } = await import("jose");
    const pem = await exportSPKI(publicKey);
    const response = await fetch(`${sim.url}/api/v2/clients/${PENSJON}/key`, {
      method: "POST",
      headers: { authorization: `Bearer ${nav}`, "content-type": "text/plain" },
      body: pem,
    });
    expect(response.status).toBe(200);
    const key = (await response.json()) as { kid: string; use: string; exp: number };
    expect(key.use).toBe("sig");
    const set = JwksResponse.parse((await call("GET", jwksPath(PENSJON))).body);
    expect(set.keys.map((k) => k.kid)).toContain(key.kid);
    const bad = await fetch(`${sim.url}/api/v2/clients/${PENSJON}/key`, {
      method: "POST",
      headers: { authorization: `Bearer ${nav}`, "content-type": "text/plain" },
      body: "not a key",
    });
    expect(bad.status).toBe(400);
  });

  it("POST replaces the whole set and sets exp on each key", async () => {
    const answer = await call("POST", jwksPath(PENSJON), {
      keys: [realKey.jwk, madeUpKey("nav-b")],
    });
    expect(answer.status, JSON.stringify(answer.body)).toBe(200);
    const jwks = JwksResponse.parse(answer.body);
    expect(jwks.keys.map((key) => key.kid)).toEqual(["nav-pensjon-2026", "nav-b"]);
    expect(jwks.keys.every((key) => typeof key.exp === "number")).toBe(true);
    expect(JwksResponse.parse((await call("GET", jwksPath(PENSJON))).body).keys).toHaveLength(2);
  });

  it("renews a key's exp when the same key is posted again", async () => {
    const key = madeUpKey("nav-renew");
    const first = JwksResponse.parse((await call("POST", jwksPath(PENSJON), { keys: [key] })).body);
    await fetch(`${sim.url}/__control/clock`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ offsetSeconds: 30 * 86_400 }),
    });
    const fresh = await consumerAdminTokenAt(30 * 86_400);
    const again = JwksResponse.parse(
      (await call("POST", jwksPath(PENSJON), { keys: [key] }, fresh)).body,
    );
    expect(again.keys[0]!.exp! - first.keys[0]!.exp!).toBeGreaterThanOrEqual(30 * 86_400 - 5);
    expect(again.created).toBe(first.created);
  });

  it("lets a newly posted key sign grants (kid), and the old key stop working", async () => {
    await call("POST", jwksPath(PENSJON), { keys: [realKey.jwk] });
    const grant = {
      ...keyedClientGrant(sim, PENSJON, "difi:api3"),
      kid: "nav-pensjon-2026",
      privateKeyPem: realKey.privateKeyPem,
    };
    expect((await requestToken(sim.tokenEndpoint, await signGrant(grant))).status).toBe(200);
    const old = await requestToken(
      sim.tokenEndpoint,
      await signGrant(keyedClientGrant(sim, PENSJON, "difi:api3")),
    );
    expect(old.body.error_description).toMatch(/^Invalid JWT signature \(trace_id: /);
  });

  it("refuses a sixth key", async () => {
    const keys = Array.from({ length: 6 }, (_, index) => madeUpKey(`nav-${index}`));
    const answer = await call("POST", jwksPath(PENSJON), { keys });
    expect(answer.status).toBe(400);
    expect(DigdirError.parse(answer.body).errors?.[0]?.fieldIdentifier).toBe("keys");
    expect((await call("POST", jwksPath(PENSJON), { keys: keys.slice(0, 5) })).status).toBe(200);
  });

  it("refuses a 1024-bit key", async () => {
    const answer = await call("POST", jwksPath(PENSJON), { keys: [madeUpKey("nav-small", 1024)] });
    expect(answer.status).toBe(400);
    const error = DigdirError.parse(answer.body);
    expect(error.errors?.[0]).toMatchObject({ fieldIdentifier: "keys[0].n" });
    expect(error.errors?.[0]?.errorMessage).toMatch(/1024/);
  });

  it("refuses a JWK carrying the private member d", async () => {
    const answer = await call("POST", jwksPath(PENSJON), {
      keys: [{ ...madeUpKey("nav-private"), d: "c2VjcmV0" }],
    });
    expect(answer.status).toBe(400);
    expect(DigdirError.parse(answer.body).errors?.[0]?.fieldIdentifier).toBe("keys[0].d");
  });

  it("refuses keys without use: sig, of another kty, or with another alg", async () => {
    const { use: _use, ...withoutUse } = madeUpKey("nav-nouse");
    expect((await call("POST", jwksPath(PENSJON), { keys: [withoutUse] })).status).toBe(400);
    expect(
      (await call("POST", jwksPath(PENSJON), { keys: [{ ...madeUpKey("nav-ec"), kty: "EC" }] }))
        .status,
    ).toBe(400);
    expect(
      (await call("POST", jwksPath(PENSJON), { keys: [{ ...madeUpKey("nav-ps"), alg: "PS256" }] }))
        .status,
    ).toBe(400);
  });

  it("refuses a kid already used by another client, and frees it when that client's keys go", async () => {
    const taken = await call("POST", jwksPath(STATISTIKK), {
      keys: [madeUpKey("nav-pensjon-2025")],
    });
    expect(taken.status).toBe(400);
    expect(DigdirError.parse(taken.body).errors?.[0]?.fieldIdentifier).toBe("keys[0].kid");
    expect((await call("DELETE", jwksPath(PENSJON))).status).toBe(200);
    expect(
      (await call("POST", jwksPath(STATISTIKK), { keys: [madeUpKey("nav-pensjon-2025")] })).status,
    ).toBe(200);
  });

  it("reads and deletes one key by kid", async () => {
    await call("POST", jwksPath(PENSJON), { keys: [madeUpKey("nav-a"), madeUpKey("nav-b")] });
    const one = await call("GET", `${jwksPath(PENSJON)}/nav-a`);
    expect(one.status).toBe(200);
    expect(Jwk.parse(one.body).kid).toBe("nav-a");
    // Removing the last key leaves a client without keys: 404 from then on.
    const afterDelete = await call("DELETE", `${jwksPath(PENSJON)}/nav-a`);
    expect(afterDelete.status).toBe(200);
    const left = JwksResponse.parse((await call("GET", jwksPath(PENSJON))).body);
    expect(left.keys.map((key) => key.kid)).toEqual(["nav-b"]);
    expect((await call("GET", `${jwksPath(PENSJON)}/nav-a`)).status).toBe(404);
    expect((await call("DELETE", `${jwksPath(PENSJON)}/nav-a`)).status).toBe(404);
  });

  it("deletes the whole set", async () => {
    const answer = await call("DELETE", jwksPath(PENSJON));
    expect(answer.status).toBe(200);
    expect((await call("GET", jwksPath(PENSJON))).status).toBe(404);
  });

  it("guards keys like clients: 403 for another org's client, read scope cannot change keys", async () => {
    const digdirClient = "5d6e7f80-9a0b-4c1d-8e2f-3a4b5c6d7e8f";
    expect((await call("GET", jwksPath(digdirClient))).status).toBe(403);
    const readOnly = await consumerAdminToken(sim, "idporten:dcr.read");
    expect((await call("GET", jwksPath(PENSJON), undefined, readOnly)).status).toBe(200);
    expect((await call("POST", jwksPath(PENSJON), { keys: [] }, readOnly)).status).toBe(403);
  });

  it("enforces the admin scope each operation's OpenAPI names (dcr.modify may change keys, not PUT a client)", async () => {
    const modify = await consumerAdminToken(sim, "idporten:dcr.modify");
    const key = madeUpKey("nav-modify");
    expect((await call("PUT", `${jwksPath(PENSJON)}/nav-modify`, key, modify)).status).toBe(200);
    // GET .../jwks names only idporten:dcr.read.
    expect((await call("GET", jwksPath(PENSJON), undefined, modify)).status).toBe(403);
    const update = await call("PUT", `/api/v1/clients/${PENSJON}`, { description: "ny" }, modify);
    expect(update.status).toBe(403);
    expect((await call("PUT", `/api/v1/clients/${PENSJON}`, { description: "ny" })).status).toBe(
      200,
    );
  });
});

/** An admin token signed when the simulator's clock is `offset` seconds ahead. */
async function consumerAdminTokenAt(offset: number): Promise<string> {
  const nav = sim.demo.orgs["889640782"]!;
  const answer = await requestToken(
    sim.tokenEndpoint,
    await signGrant({
      issuer: sim.issuer,
      clientId: sim.demo.consumerAdminClientId,
      scope: "idporten:dcr.write",
      privateKeyPem: nav.keyPem,
      x5c: nav.x5c,
      iat: Math.floor(Date.now() / 1000) + offset,
    }),
  );
  return String(answer.body.access_token);
}

import { generateKeyPairSync } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestStack, type TestStack } from "./testing/stack";

let stack: TestStack;
let prefix: string;
const env = "/api/envs/demo";
const CONSUMER = "889640782";

function publicJwk(kid: string, bits = 2048) {
  const { publicKey, privateKey } = generateKeyPairSync("rsa", { modulusLength: bits });
  return {
    pub: { ...publicKey.export({ format: "jwk" }), kid, use: "sig", alg: "RS256" },
    priv: { ...privateKey.export({ format: "jwk" }), kid, use: "sig", alg: "RS256" },
  };
}

async function json<T = unknown>(response: Response): Promise<T> {
  return (await response.json()) as T;
}

async function upstreamRequests(): Promise<number> {
  const stats = await json<{ requests: Record<string, number> }>(await stack.control("/stats"));
  return Object.values(stats.requests).reduce((sum, n) => sum + n, 0);
}

async function expectProblem(response: Response, status: number, detail?: RegExp) {
  expect(response.status).toBe(status);
  expect(response.headers.get("content-type")).toMatch(/application\/problem\+json/);
  const body = await json<{ title: string; status: number; detail?: string; request_id?: string }>(
    response,
  );
  expect(body.status).toBe(status);
  expect(body.title).toBeTruthy();
  expect(body.request_id).toBeTruthy();
  if (detail) expect(JSON.stringify(body)).toMatch(detail);
  return body;
}

beforeAll(async () => {
  stack = await startTestStack();
  const prefixes = await json<Array<{ prefix: string }>>(await stack.api(`${env}/prefix`));
  prefix = prefixes[0]!.prefix;
});
afterAll(() => stack?.close());

describe("environments and health", () => {
  it("lists the demo environment with the org it acts as, never its key", async () => {
    const response = await stack.api("/api/envs");
    expect(response.status).toBe(200);
    const { envs } = await json<{ envs: Array<Record<string, unknown>> }>(response);
    expect(envs[0]).toMatchObject({
      id: "demo",
      kind: "demo",
      orgno: stack.simulator.demo.providerOrgno,
      clientId: stack.simulator.demo.adminClientId,
      missingAdminScopes: [],
    });
    expect(envs[0]?.orgName).toMatch(/DIGITALISERINGSDIREKTORATET/);
    expect(JSON.stringify(envs)).not.toMatch(/PRIVATE KEY|"d":/);
  });

  it("answers /api/health and the OpenAPI document", async () => {
    expect(await json(await stack.api("/api/health"))).toEqual({
      status: "ok",
      environments: ["demo"],
    });
    const doc = await json<{ openapi: string; paths: Record<string, unknown> }>(
      await stack.api("/api/openapi.json"),
    );
    expect(doc.openapi).toBe("3.1.0");
    expect(Object.keys(doc.paths)).toEqual(
      expect.arrayContaining([
        "/api/envs/{env}/scopes",
        "/api/envs/{env}/scopes/access/{orgno}",
        "/api/envs/{env}/clients/{id}/keys",
      ]),
    );
  });

  it("answers unknown API paths with a 404 problem, not the web app", async () => {
    await expectProblem(await stack.api("/api/nothing-here"), 404);
  });
});

describe("scopes and access", () => {
  const subscope = () =>
    `portvakt/it/${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)}`;

  it("creates, reads, updates, deactivates and reactivates a scope with / in its name", async () => {
    const sub = subscope();
    const name = `${prefix}:${sub}`;
    const created = await stack.api(`${env}/scopes`, {
      method: "POST",
      body: JSON.stringify({ prefix, subscope: sub, description: "Integrasjonstest" }),
    });
    expect(created.status).toBe(200);
    expect(await json(created)).toMatchObject({ name, active: true });

    const q = `?scope=${encodeURIComponent(name)}`;
    expect(await json(await stack.api(`${env}/scopes/scope${q}`))).toMatchObject({ name });
    const listed = await json<Array<{ name: string }>>(await stack.api(`${env}/scopes`));
    expect(listed.map((s) => s.name)).toContain(name);

    const updated = await stack.api(`${env}/scopes${q}`, {
      method: "PUT",
      body: JSON.stringify({ description: "Endret", visibility: "PUBLIC" }),
    });
    expect(await json(updated)).toMatchObject({ description: "Endret", visibility: "PUBLIC" });

    const catalogue = await json<Array<{ name: string }>>(
      await stack.api(`${env}/scopes/all?prefix=${prefix}`),
    );
    expect(catalogue.map((s) => s.name)).toContain(name);

    expect(await json(await stack.api(`${env}/scopes${q}`, { method: "DELETE" }))).toMatchObject({
      active: false,
    });
    const again = await stack.api(`${env}/scopes`, {
      method: "POST",
      body: JSON.stringify({ prefix, subscope: sub, description: "Igjen" }),
    });
    await expectProblem(again, 409);
    const reactivated = await stack.api(`${env}/scopes${q}`, {
      method: "PUT",
      body: JSON.stringify({ active: true }),
    });
    expect(await json(reactivated)).toMatchObject({ name, active: true });
  });

  it("grants, lists and revokes access, keeping a DENIED row", async () => {
    const sub = subscope();
    const name = `${prefix}:${sub}`;
    await stack.api(`${env}/scopes`, {
      method: "POST",
      body: JSON.stringify({ prefix, subscope: sub, description: "Tilgangstest" }),
    });
    const q = `?scope=${encodeURIComponent(name)}`;
    const granted = await stack.api(`${env}/scopes/access/${CONSUMER}${q}`, { method: "PUT" });
    expect(await json(granted)).toMatchObject({
      scope: name,
      state: "APPROVED",
      consumer_orgno: CONSUMER,
    });

    const byScope = await json<Array<{ consumer_orgno: string }>>(
      await stack.api(`${env}/scopes/access${q}`),
    );
    expect(byScope.map((r) => r.consumer_orgno)).toEqual([CONSUMER]);
    const byConsumer = await json<Array<{ scope: string }>>(
      await stack.api(`${env}/scopes/access?consumer_orgno=${CONSUMER}`),
    );
    expect(byConsumer.map((r) => r.scope)).toContain(name);

    const revoked = await stack.api(`${env}/scopes/access/${CONSUMER}${q}`, { method: "DELETE" });
    expect(await json(revoked)).toMatchObject({ state: "DENIED" });
    expect(await json(await stack.api(`${env}/scopes/access${q}`))).toEqual([
      expect.objectContaining({ state: "DENIED" }),
    ]);
    expect((await stack.api(`${env}/scopes/access/all`)).status).toBe(200);
  });
});

describe("clients and keys", () => {
  let clientId: string;

  beforeAll(async () => {
    const response = await stack.api(`${env}/clients`, {
      method: "POST",
      body: JSON.stringify({ client_name: "Integrasjon", description: "BFF-test" }),
    });
    expect(response.status).toBe(200);
    clientId = (await json<{ client_id: string }>(response)).client_id;
  });

  it("reads, lists, changes and looks up organisations", async () => {
    expect(await json(await stack.api(`${env}/clients/${clientId}`))).toMatchObject({
      client_id: clientId,
      integration_type: "maskinporten",
    });
    const list = await json<Array<{ client_id: string }>>(await stack.api(`${env}/clients`));
    expect(list.map((c) => c.client_id)).toContain(clientId);
    const changed = await stack.api(`${env}/clients/${clientId}`, {
      method: "PUT",
      body: JSON.stringify({ description: "Endret beskrivelse" }),
    });
    expect(await json(changed)).toMatchObject({ description: "Endret beskrivelse" });
    expect(await json(await stack.api(`${env}/organizations/${CONSUMER}`))).toMatchObject({
      orgno: CONSUMER,
    });
  });

  it("adds and removes single keys (If-Match optional, checked when sent: 412 when stale)", async () => {
    const first = await stack.api(`${env}/clients/${clientId}/jwks`);
    const etag0 = first.headers.get("etag")!;
    expect(etag0).toBeTruthy();

    const add = (kid: string, etag: string) =>
      stack.api(`${env}/clients/${clientId}/keys`, {
        method: "POST",
        headers: { "If-Match": etag },
        body: JSON.stringify({ jwk: publicJwk(kid).pub }),
      });
    const added = await add("it-key-1", etag0);
    expect(added.status).toBe(200);
    const etag1 = added.headers.get("etag")!;
    expect(etag1).not.toBe(etag0);
    const set = await json<{ keys: Array<{ kid: string; exp?: number }> }>(added);
    expect(set.keys.map((k) => k.kid)).toEqual(["it-key-1"]);
    expect(set.keys[0]?.exp).toBeGreaterThan(Date.now() / 1000 + 360 * 86400);

    await expectProblem(await add("it-key-2", etag0), 412, /changed since you loaded/);
    // Adding one key rewrites no other key, so it needs no If-Match.
    const withoutIfMatch = await stack.api(`${env}/clients/${clientId}/keys`, {
      method: "POST",
      body: JSON.stringify({ jwk: publicJwk("it-key-3").pub }),
    });
    expect(withoutIfMatch.status).toBe(200);
    const etag3 = withoutIfMatch.headers.get("etag")!;
    const kept = (await json<{ keys: Array<{ kid: string; exp?: number }> }>(withoutIfMatch)).keys;
    expect(kept.find((k) => k.kid === "it-key-1")?.exp).toBe(set.keys[0]?.exp);

    await expectProblem(
      await stack.api(`${env}/clients/${clientId}/keys/it-key-1`, {
        method: "DELETE",
        headers: { "If-Match": etag1 },
      }),
      412,
    );
    const removed = await stack.api(`${env}/clients/${clientId}/keys/it-key-1`, {
      method: "DELETE",
      headers: { "If-Match": etag3 },
    });
    expect(removed.status).toBe(200);
    // Removing the last key leaves a client without keys: Digdir answers its set with 404,
    // Portvakt with an empty set.
    const last = await stack.api(`${env}/clients/${clientId}/keys/it-key-3`, { method: "DELETE" });
    expect(last.status).toBe(200);
    expect((await json<{ keys: unknown[] }>(last)).keys).toEqual([]);
    expect(
      (await json<{ keys: unknown[] }>(await stack.api(`${env}/clients/${clientId}/jwks`))).keys,
    ).toEqual([]);
  });

  it("replaces and deletes the whole set; an empty replacement is refused", async () => {
    const etag = (await stack.api(`${env}/clients/${clientId}/jwks`)).headers.get("etag")!;
    await expectProblem(
      await stack.api(`${env}/clients/${clientId}/jwks`, {
        method: "POST",
        headers: { "If-Match": etag },
        body: JSON.stringify({ keys: [] }),
      }),
      400,
    );
    const replaced = await stack.api(`${env}/clients/${clientId}/jwks`, {
      method: "POST",
      headers: { "If-Match": etag },
      body: JSON.stringify({ keys: [publicJwk("it-set-a").pub, publicJwk("it-set-b").pub] }),
    });
    expect(replaced.status).toBe(200);
    const deleted = await stack.api(`${env}/clients/${clientId}/jwks`, {
      method: "DELETE",
      headers: { "If-Match": replaced.headers.get("etag")! },
    });
    expect(deleted.status).toBe(204);
    expect(
      (await json<{ keys: unknown[] }>(await stack.api(`${env}/clients/${clientId}/jwks`))).keys,
    ).toEqual([]);
  });

  it("deletes a client", async () => {
    const response = await stack.api(`${env}/clients`, {
      method: "POST",
      body: JSON.stringify({ client_name: "Kortlivet", description: "slettes" }),
    });
    const { client_id } = await json<{ client_id: string }>(response);
    expect((await stack.api(`${env}/clients/${client_id}`, { method: "DELETE" })).status).toBe(204);
    // Digdir keeps deleted clients as inactive: gone from the list, still readable by id.
    const list = await json<Array<{ client_id: string }>>(await stack.api(`${env}/clients`));
    expect(list.map((c) => c.client_id)).not.toContain(client_id);
    expect(await json(await stack.api(`${env}/clients/${client_id}`))).toMatchObject({
      active: false,
    });
  });
});

describe("bad input is refused with 400 before anything goes upstream", () => {
  const cases: Array<[string, string, RequestInit, RegExp]> = [
    [
      "an invalid org number",
      `${env}/scopes/access/889640783?scope=difi:api3`,
      { method: "PUT" },
      /check digit/,
    ],
    [
      "a bad scope name",
      `${env}/scopes/access/${CONSUMER}?scope=difi:`,
      { method: "PUT" },
      /subscope is empty/,
    ],
    [
      "a bad subscope on create",
      `${env}/scopes`,
      {
        method: "POST",
        body: JSON.stringify({ prefix: "difi", subscope: "My-API", description: "x" }),
      },
      /"field":"subscope"/,
    ],
    [
      "a JWK with d",
      `${env}/clients/x/keys`,
      {
        method: "POST",
        headers: { "If-Match": '"x"' },
        body: JSON.stringify({ jwk: publicJwk("p").priv }),
      },
      /private key/,
    ],
    [
      "a 1024-bit key",
      `${env}/clients/x/keys`,
      {
        method: "POST",
        headers: { "If-Match": '"x"' },
        body: JSON.stringify({ jwk: publicJwk("w", 1024).pub }),
      },
      /1024 bits/,
    ],
    [
      "six keys",
      `${env}/clients/x/jwks`,
      {
        method: "POST",
        headers: { "If-Match": '"x"' },
        body: JSON.stringify({ keys: ["a", "b", "c", "d", "e", "f"].map((k) => publicJwk(k).pub) }),
      },
      /at most 5 keys/,
    ],
    ["an unknown environment", "/api/envs/staging/scopes", {}, /Unknown environment.*staging/],
    ["malformed JSON", `${env}/scopes`, { method: "POST", body: "{not json" }, /./],
  ];

  it.each(cases)("%s", async (_label, path, init, detail) => {
    const before = await upstreamRequests();
    await expectProblem(await stack.api(path, init), 400, detail);
    expect(await upstreamRequests()).toBe(before);
  });

  it("an oversized body is refused with 413 before anything goes upstream", async () => {
    const before = await upstreamRequests();
    const body = JSON.stringify({ prefix, subscope: "x", description: "x".repeat(300_000) });
    await expectProblem(await stack.api(`${env}/scopes`, { method: "POST", body }), 413);
    expect(await upstreamRequests()).toBe(before);
  });
});

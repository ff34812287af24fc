import { generateKeyPairSync } from "node:crypto";
import { afterEach, describe, expect, it } from "vitest";
import { startTestStack, type TestStack } from "./testing/stack";

const env = "/api/envs/demo";
let stack: TestStack | undefined;
afterEach(async () => {
  await stack?.close();
  stack = undefined;
});

interface SimulatorStats {
  tokenRequests: { total: number; successful: number };
  requests: Record<string, number>;
}

async function stats(s: TestStack): Promise<SimulatorStats> {
  return (await (await s.control("/stats")).json()) as SimulatorStats;
}

function routeCount(st: SimulatorStats, method: string, path: string): number {
  return st.requests[`${method} ${path}`] ?? 0;
}

describe("upstream failures", () => {
  it("retries a GET through a passing 503 and succeeds", async () => {
    stack = await startTestStack();
    await stack.api(`${env}/clients`); // warm the token
    const before = routeCount(await stats(stack), "GET", "/api/v1/clients");
    await stack.fault({
      path: "/api/v1/clients",
      method: "GET",
      kind: "status",
      status: 503,
      times: 1,
    });
    const response = await stack.api(`${env}/clients`);
    expect(response.status).toBe(200);
    expect(routeCount(await stats(stack), "GET", "/api/v1/clients") - before).toBe(2);
  });

  it("answers 503 when Digdir stays unavailable, after bounded retries", async () => {
    stack = await startTestStack();
    await stack.api(`${env}/clients`);
    const before = routeCount(await stats(stack), "GET", "/api/v1/clients");
    await stack.fault({
      path: "/api/v1/clients",
      method: "GET",
      kind: "status",
      status: 503,
      times: 50,
    });
    const response = await stack.api(`${env}/clients`);
    expect(response.status).toBe(503);
    expect(response.headers.get("content-type")).toMatch(/problem\+json/);
    expect(routeCount(await stats(stack), "GET", "/api/v1/clients") - before).toBe(3);
  });

  it("never retries a POST: one upstream attempt, a 502 problem for a 500", async () => {
    stack = await startTestStack();
    await stack.api(`${env}/clients`);
    const before = routeCount(await stats(stack), "POST", "/api/v1/clients");
    await stack.fault({
      path: "/api/v1/clients",
      method: "POST",
      kind: "status",
      status: 500,
      times: 1,
    });
    const response = await stack.api(`${env}/clients`, {
      method: "POST",
      body: JSON.stringify({ client_name: "x", description: "y" }),
    });
    expect(response.status).toBe(502);
    expect(routeCount(await stats(stack), "POST", "/api/v1/clients") - before).toBe(1);
  });

  it("answers 504 when Digdir is slower than the timeout", async () => {
    stack = await startTestStack({ upstreamTimeoutMs: 300 });
    await stack.api(`${env}/clients`);
    await stack.fault({
      path: "/api/v1/clients",
      method: "GET",
      kind: "latency",
      ms: 2000,
      times: 10,
    });
    const response = await stack.api(`${env}/clients`);
    expect(response.status).toBe(504);
  });

  it("answers 502 when Digdir drops the connection every time", async () => {
    stack = await startTestStack();
    await stack.api(`${env}/clients`);
    await stack.fault({ path: "/api/v1/clients", method: "GET", kind: "drop", times: 10 });
    expect((await stack.api(`${env}/clients`)).status).toBe(502);
  });

  it("answers 503 when the token endpoint is down", async () => {
    stack = await startTestStack();
    await stack.fault({ path: "/token", kind: "token-outage", times: 10 });
    // The cached admin token stops working too, so a new one is needed while /token is down.
    await stack.control("/expire-tokens", { method: "POST" });
    const response = await stack.api(`${env}/clients`);
    expect(response.status).toBe(503);
    const body = (await response.json()) as { detail: string };
    expect(body.detail).toBeTruthy();
  });
});

describe("tokens", () => {
  it("recovers transparently when the admin token expires mid-session", async () => {
    stack = await startTestStack();
    expect((await stack.api(`${env}/scopes`)).status).toBe(200);
    const before = (await stats(stack)).tokenRequests.successful;
    await stack.control("/expire-tokens", { method: "POST" });
    expect((await stack.api(`${env}/scopes`)).status).toBe(200);
    expect((await stats(stack)).tokenRequests.successful - before).toBe(1);
  });

  it("makes exactly one token request for 500 concurrent requests after a cold start", async () => {
    stack = await startTestStack();
    const s = stack;
    const responses = await Promise.all(Array.from({ length: 500 }, () => s.api(`${env}/prefix`)));
    expect(responses.every((r) => r.status === 200)).toBe(true);
    expect((await stats(s)).tokenRequests.total).toBe(1);
  });
});

describe("concurrent key edits", () => {
  function jwk(kid: string) {
    const { publicKey } = generateKeyPairSync("rsa", { modulusLength: 2048 });
    return { ...publicKey.export({ format: "jwk" }), kid, use: "sig", alg: "RS256" };
  }

  it("two admins adding a key at once: one wins, the other gets 412, no key is lost", async () => {
    stack = await startTestStack();
    const s = stack;
    const created = await s.api(`${env}/clients`, {
      method: "POST",
      body: JSON.stringify({ client_name: "Samtidig", description: "to admins" }),
    });
    const { client_id } = (await created.json()) as { client_id: string };
    const etag = (await s.api(`${env}/clients/${client_id}/jwks`)).headers.get("etag")!;
    const add = (kid: string) =>
      s.api(`${env}/clients/${client_id}/keys`, {
        method: "POST",
        headers: { "If-Match": etag },
        body: JSON.stringify({ jwk: jwk(kid) }),
      });
    const [a, b] = await Promise.all([add("admin-a"), add("admin-b")]);
    expect([a.status, b.status].sort()).toEqual([200, 412]);
    const winner = a.status === 200 ? "admin-a" : "admin-b";
    const loser = a.status === 200 ? "admin-b" : "admin-a";

    // The refused admin reloads and adds again: both keys end up on the client.
    const fresh = (await s.api(`${env}/clients/${client_id}/jwks`)).headers.get("etag")!;
    const retry = await s.api(`${env}/clients/${client_id}/keys`, {
      method: "POST",
      headers: { "If-Match": fresh },
      body: JSON.stringify({ jwk: jwk(loser) }),
    });
    expect(retry.status).toBe(200);
    const final = (await (await s.api(`${env}/clients/${client_id}/jwks`)).json()) as {
      keys: Array<{ kid: string }>;
    };
    expect(final.keys.map((k) => k.kid).sort()).toEqual([winner, loser].sort());
  });

  it("refuses a sixth key before writing upstream", async () => {
    stack = await startTestStack();
    const s = stack;
    const created = await s.api(`${env}/clients`, {
      method: "POST",
      body: JSON.stringify({ client_name: "Fem", description: "nøkler" }),
    });
    const { client_id } = (await created.json()) as { client_id: string };
    let etag = (await s.api(`${env}/clients/${client_id}/jwks`)).headers.get("etag")!;
    for (const kid of ["k1", "k2", "k3", "k4", "k5"]) {
      const r = await s.api(`${env}/clients/${client_id}/keys`, {
        method: "POST",
        headers: { "If-Match": etag },
        body: JSON.stringify({ jwk: jwk(kid) }),
      });
      expect(r.status).toBe(200);
      etag = r.headers.get("etag")!;
    }
    const posts = routeCount(await stats(s), "POST", "/api/v1/clients/:id/jwks");
    const sixth = await s.api(`${env}/clients/${client_id}/keys`, {
      method: "POST",
      headers: { "If-Match": etag },
      body: JSON.stringify({ jwk: jwk("k6") }),
    });
    expect(sixth.status).toBe(400);
    expect(((await sixth.json()) as { detail: string }).detail).toMatch(/5 keys/);
    expect(routeCount(await stats(s), "POST", "/api/v1/clients/:id/jwks")).toBe(posts);
  });
});

import { DigdirError } from "@portvakt/contracts";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { type RunningSimulator, startSimulator } from "./index";
import { certificateGrant, providerAdminToken, requestToken, signGrant } from "./testing/grant";
import { callSelfService, scopeQuery } from "./testing/self-service";

let sim: RunningSimulator;
let admin: string;

beforeAll(async () => {
  sim = await startSimulator({ mode: "test" });
});
afterAll(() => sim.close());
beforeEach(async () => {
  await control("POST", "/__control/reset");
  admin = await providerAdminToken(sim);
});

async function control(method: string, path: string, body?: unknown) {
  return callSelfService<Record<string, unknown>>(sim.url, method, path, { body });
}

const listScopes = () => callSelfService(sim.url, "GET", "/api/v1/scopes", { token: admin });
const adminTokenAnswer = async () =>
  requestToken(
    sim.tokenEndpoint,
    await signGrant(
      certificateGrant(sim, "991825827", sim.demo.adminClientId, "idporten:scopes.read"),
    ),
  );

describe("fault injection", () => {
  it("delays matching requests (latency)", async () => {
    await control("POST", "/__control/faults", {
      path: "/api/v1/scopes",
      kind: "latency",
      ms: 150,
    });
    const started = performance.now();
    expect((await listScopes()).status).toBe(200);
    expect(performance.now() - started).toBeGreaterThanOrEqual(140);
  });

  it("counts a request held by a latency fault as unfinished until it is handled", async () => {
    await control("POST", "/__control/faults", {
      path: "/api/v1/scopes",
      kind: "latency",
      ms: 1000,
      times: 1,
    });
    const unfinished = async () =>
      (await control("GET", "/__control/unfinished")).body.unfinished as number;
    expect(await unfinished()).toBe(0);
    let answered = false;
    const held = listScopes().finally(() => {
      answered = true;
    });
    // Condition, not a sleep: the held request shows up once the simulator has taken it.
    let seen = 0;
    while (seen === 0 && !answered) seen = await unfinished();
    expect(seen).toBe(1);
    expect((await held).status).toBe(200);
    expect(await unfinished()).toBe(0);
  });

  it("answers a chosen status in Digdir's shape, a given number of times", async () => {
    const added = await control("POST", "/__control/faults", {
      path: "/api/v1/scopes",
      kind: "status",
      status: 503,
      times: 2,
    });
    expect(added.status).toBe(200);
    const first = await listScopes();
    expect(first.status).toBe(503);
    expect(DigdirError.parse(first.body).status).toBe(503);
    expect((await listScopes()).status).toBe(503);
    expect((await listScopes()).status).toBe(200);
  });

  it("matches by path prefix and by method", async () => {
    await control("POST", "/__control/faults", {
      path: "/api/v1/scopes/access",
      method: "put",
      kind: "status",
      status: 500,
    });
    const path = `/api/v1/scopes/access/974761076?${scopeQuery("difi:api3")}`;
    expect((await callSelfService(sim.url, "PUT", path, { token: admin })).status).toBe(500);
    expect(
      (
        await callSelfService(sim.url, "GET", `/api/v1/scopes/access?${scopeQuery("difi:api3")}`, {
          token: admin,
        })
      ).status,
    ).toBe(200);
    expect((await listScopes()).status).toBe(200);
    const listed = await control("GET", "/__control/faults");
    expect(listed.body).toMatchObject([
      { path: "/api/v1/scopes/access", method: "PUT", kind: "status", hits: 1 },
    ]);
  });

  it("drops the connection without answering (drop)", async () => {
    await control("POST", "/__control/faults", { path: "/api/v1/scopes", kind: "drop", times: 1 });
    await expect(listScopes()).rejects.toThrow();
    expect((await listScopes()).status).toBe(200);
  });

  it("makes /token answer 503 (token-outage)", async () => {
    await control("POST", "/__control/faults", { kind: "token-outage" });
    const answer = await adminTokenAnswer();
    expect(answer.status).toBe(503);
    expect(answer.body.error).toBe("temporarily_unavailable");
    expect((await listScopes()).status).toBe(200);
    const cleared = await control("DELETE", "/__control/faults");
    expect(cleared.body).toEqual({ cleared: 1 });
    expect((await adminTokenAnswer()).status).toBe(200);
  });

  const grantPath = `/api/v1/scopes/access/974761076?${scopeQuery("difi:api3")}`;
  const grantState = () => sim.store.getGrant("difi:api3", "974761076")?.state;

  it("before (default): a failed or dropped write changes nothing", async () => {
    await control("POST", "/__control/faults", {
      path: "/api/v1/scopes/access",
      method: "PUT",
      kind: "drop",
      times: 1,
    });
    await expect(callSelfService(sim.url, "PUT", grantPath, { token: admin })).rejects.toThrow();
    expect(grantState()).toBeUndefined();
  });

  it("after + drop: the change is applied, then the connection is cut", async () => {
    await control("POST", "/__control/faults", {
      path: "/api/v1/scopes/access",
      method: "PUT",
      kind: "drop",
      when: "after",
      times: 1,
    });
    await expect(callSelfService(sim.url, "PUT", grantPath, { token: admin })).rejects.toThrow();
    expect(grantState()).toBe("APPROVED");
  });

  it("after + status: the change is applied, the answer is Digdir's error", async () => {
    await control("POST", "/__control/faults", {
      path: "/api/v1/scopes/access",
      kind: "status",
      status: 503,
      when: "after",
      times: 1,
    });
    const answer = await callSelfService(sim.url, "PUT", grantPath, { token: admin });
    expect(answer.status).toBe(503);
    expect(DigdirError.parse(answer.body).status).toBe(503);
    expect(grantState()).toBe("APPROVED");
  });

  it("after + latency: the change is visible to others before its answer arrives", async () => {
    await control("POST", "/__control/faults", {
      path: "/api/v1/scopes/access",
      method: "PUT",
      kind: "latency",
      ms: 400,
      when: "after",
      times: 1,
    });
    const write = callSelfService(sim.url, "PUT", grantPath, { token: admin });
    await new Promise((r) => setTimeout(r, 150));
    expect(grantState()).toBe("APPROVED");
    expect((await write).status).toBe(200);
  });

  it("before + latency: the change lands only after the delay", async () => {
    await control("POST", "/__control/faults", {
      path: "/api/v1/scopes/access",
      method: "PUT",
      kind: "latency",
      ms: 300,
      times: 1,
    });
    const write = callSelfService(sim.url, "PUT", grantPath, { token: admin });
    await new Promise((r) => setTimeout(r, 100));
    expect(grantState()).toBeUndefined();
    expect((await write).status).toBe(200);
    expect(grantState()).toBe("APPROVED");
  });

  it("probability: hits about that share of matching requests", async () => {
    await control("POST", "/__control/faults", {
      path: "/api/v1/scopes",
      method: "GET",
      kind: "status",
      status: 500,
      probability: 0.5,
    });
    const statuses = [];
    for (let i = 0; i < 60; i++) statuses.push((await listScopes()).status);
    const failed = statuses.filter((s) => s === 500).length;
    expect(failed).toBeGreaterThan(10);
    expect(failed).toBeLessThan(50);
  });

  it("refuses an invalid fault with 400", async () => {
    expect(
      (await control("POST", "/__control/faults", { path: "/x", kind: "explode" })).status,
    ).toBe(400);
  });
});

describe("stats, clock, expiry and reset", () => {
  it("counts token requests and requests per route", async () => {
    await adminTokenAnswer();
    await requestToken(sim.tokenEndpoint, "garbage");
    await listScopes();
    await listScopes();
    await callSelfService(sim.url, "GET", "/api/v1/clients/abc", { token: admin });
    const stats = (await control("GET", "/__control/stats")).body as {
      tokenRequests: { total: number; successful: number };
      requests: Record<string, number>;
    };
    // beforeEach fetched one admin token after the reset.
    expect(stats.tokenRequests).toEqual({ total: 3, successful: 2 });
    expect(stats.requests["GET /api/v1/scopes"]).toBe(2);
    expect(stats.requests["GET /api/v1/clients/:id"]).toBe(1);
    expect(stats.requests["POST /token"]).toBe(3);
  });

  it("shifts the clock", async () => {
    const answer = await control("POST", "/__control/clock", { offsetSeconds: 3600 });
    expect(answer.body.offsetSeconds).toBe(3600);
    expect(Date.parse(String(answer.body.now)) - Date.now()).toBeGreaterThan(3590_000);
  });

  it("resets to a fresh seed", async () => {
    await callSelfService(sim.url, "POST", "/api/v1/scopes", {
      token: admin,
      body: { prefix: "digdir", subscope: "midlertidig", description: "x" },
    });
    expect(sim.store.getScope("digdir:midlertidig")).toBeDefined();
    await control("POST", "/__control/reset");
    expect(sim.store.getScope("digdir:midlertidig")).toBeUndefined();
    expect(sim.store.getScope("digdir:demo.read")).toBeDefined();
  });
});

describe("without seed", () => {
  it("starts empty when seed: false", async () => {
    const empty = await startSimulator({ mode: "test", seed: false });
    try {
      expect(empty.store.allScopes()).toEqual([]);
      expect(empty.store.allClients()).toEqual([]);
      const answer = await callSelfService(empty.url, "GET", "/api/v1/scopes/all");
      expect(answer.body).toEqual([]);
    } finally {
      await empty.close();
    }
  });
});

describe("access requests", () => {
  it("turns a grant into a request that the owner then sees as REQUESTED", async () => {
    const made = await control("POST", "/__control/access-requests", {
      consumer: "974760673",
      scope: "difi:api3",
    });
    expect(made.status).toBe(200);
    expect(made.body).toMatchObject({ state: "REQUESTED", consumer_orgno: "974760673" });
    const rows = await callSelfService<Array<{ consumer_orgno: string; state: string }>>(
      sim.url,
      "GET",
      `/api/v1/scopes/access?${scopeQuery("difi:api3")}`,
      { token: admin },
    );
    expect(rows.body.find((r) => r.consumer_orgno === "974760673")?.state).toBe("REQUESTED");
  });

  it("refuses an unknown scope and a malformed org number", async () => {
    const unknown = await control("POST", "/__control/access-requests", {
      consumer: "974760673",
      scope: "difi:finnes-ikke",
    });
    expect(unknown.status).toBe(404);
    const bad = await control("POST", "/__control/access-requests", {
      consumer: "97476",
      scope: "difi:api3",
    });
    expect(bad.status).toBe(400);
  });
});

import type { Plan } from "@portvakt/config-as-code";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { parse, stringify } from "yaml";
import { startTestStack, type TestStack } from "./testing/stack";

// An update of a client or scope is a read-modify-write (the whole resource goes back to
// Digdir). The read belongs before the guarded write, not inside it: a read that fails has sent
// nothing, so it must not be taken for a lost write (re-reads, a pending row, the resource locked,
// a "not seen" follow-up later). And a route that already read the resource under its lock does
// not read it again.
const env = "/api/envs/demo";
let stack: TestStack;

beforeAll(async () => {
  stack = await startTestStack({
    outcome: { windowMs: 500, settleMs: 60_000, intervalMs: 200 },
    mutationsPerMinute: 10_000,
  });
}, 60_000);
afterAll(() => stack?.close());
beforeEach(async () => {
  await stack.clearFaults();
});

/** How many requests of one simulator route (`GET /api/v1/clients/:id`) it has answered. */
async function requestsTo(route: string): Promise<number> {
  const stats = (await (await stack.control("/stats")).json()) as {
    requests: Record<string, number>;
  };
  return stats.requests[route] ?? 0;
}

const q = (scope: string) => `?scope=${encodeURIComponent(scope)}`;

describe("an update reads the resource once, before the write", () => {
  it("a client update through its route: one GET of the client (the route's), then the PUT", async () => {
    const created = await stack.api(`${env}/clients`, {
      method: "POST",
      body: JSON.stringify({ client_name: "les en gang", description: "før" }),
    });
    expect(created.status).toBe(200);
    const { client_id } = (await created.json()) as { client_id: string };
    const reads = await requestsTo("GET /api/v1/clients/:id");
    const puts = await requestsTo("PUT /api/v1/clients/:id");
    const changed = await stack.api(`${env}/clients/${client_id}`, {
      method: "PUT",
      body: JSON.stringify({ description: "etter" }),
    });
    expect(changed.status).toBe(200);
    expect(((await changed.json()) as { description: string }).description).toBe("etter");
    expect(await requestsTo("GET /api/v1/clients/:id")).toBe(reads + 1);
    expect(await requestsTo("PUT /api/v1/clients/:id")).toBe(puts + 1);
  });

  it("a scope update through its route: one GET of the scope, then the PUT", async () => {
    const reads = await requestsTo("GET /api/v1/scopes/scope");
    const changed = await stack.api(`${env}/scopes${q("digdir:demo.read")}`, {
      method: "PUT",
      body: JSON.stringify({ description: "Lest én gang" }),
    });
    expect(changed.status).toBe(200);
    expect(await requestsTo("GET /api/v1/scopes/scope")).toBe(reads + 1);
  });

  it("a config apply whose read of the scope fails: an ordinary failure, nothing pending; the next change goes through", async () => {
    const exported = await stack.api(`${env}/config/export?format=yaml`);
    expect(exported.status).toBe(200);
    const doc = parse(await exported.text()) as {
      scopes: Array<{ name: string; description: string }>;
    };
    doc.scopes.find((s) => s.name === "digdir:demo.read")!.description = "Fra config";
    const document = stringify(doc);
    const planned = await stack.api(`${env}/config/plan`, {
      method: "POST",
      body: JSON.stringify({ document }),
    });
    expect(planned.status).toBe(200);
    const plan = (await planned.json()) as Plan;
    expect(plan.steps.map((s) => s.id)).toEqual([expect.stringContaining("scope.update")]);

    // Every read of the scope answers a gateway's 504 (as when Digdir's gateway times out).
    await stack.fault({
      path: "/api/v1/scopes/scope",
      method: "GET",
      kind: "status",
      status: 504,
    });
    const puts = await requestsTo("PUT /api/v1/scopes");
    const applied = await stack.api(`${env}/config/apply`, {
      method: "POST",
      body: JSON.stringify({ document, planFingerprint: plan.fingerprint, confirm: [] }),
    });
    await stack.clearFaults();
    expect(await requestsTo("PUT /api/v1/scopes")).toBe(puts);
    const requestId = applied.headers.get("x-request-id");
    const entries = (await stack.auditEntries()).filter((e) => e.requestId === requestId);
    const step = entries.find((e) => e.action === "config.apply.scope.update");
    // Nothing was sent: not "unknown" (which would lock the scope and promise a follow-up).
    expect(step?.outcome).toBe("failure");
    expect(entries.map((e) => e.outcome)).not.toContain("unknown");

    // Not locked as pending: a change right after is sent and made.
    const next = await stack.api(`${env}/scopes${q("digdir:demo.read")}`, {
      method: "PUT",
      body: JSON.stringify({ description: "Rett etter" }),
    });
    expect(next.status).toBe(200);
    expect(stack.simulator.store.getScope("digdir:demo.read")?.description).toBe("Rett etter");
  });
});

import { generateApiScopes, insertApiScopes } from "@portvakt/altinn-scopes";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestStack, type TestStack, untilSimulatorIdle } from "./testing/stack";

// Review finding 1 (issue 13's kind): a request still running must not have its audit entry
// replaced by "the instance stopped". An Altinn provisioning makes several guarded writes under
// its one audit id; one grant's answer is lost (pending row), and the run goes on longer than
// `outcome.orphanMs` while the background pass runs. The run's own entry (partial, every item)
// must be written and kept; whatever the pass records meanwhile never takes its id.
const TIMEOUT_MS = 1_000;
const env = "/api/envs/demo";
let stack: TestStack;

beforeAll(async () => {
  stack = await startTestStack({
    upstreamTimeoutMs: TIMEOUT_MS,
    outcome: { windowMs: TIMEOUT_MS, settleMs: 60 * TIMEOUT_MS, intervalMs: 100, orphanMs: 200 },
    mutationsPerMinute: 10_000,
  });
}, 60_000);
afterAll(() => stack?.close());

describe("a long request with an unknown item, passes running meanwhile", () => {
  it("keeps the run's own entry: partial with every item, under its id", async () => {
    const app = `lang${Date.now().toString(36)}`;
    const orgno = "310000051";
    const metadata = insertApiScopes(
      `{"id": "digdir/${app}"}`,
      generateApiScopes({ prefix: "digdir", app, groups: ["users"] }),
    );
    // The first grant is held past the BFF's timeout and re-reads (unknown, a pending row) and
    // lands soon after; the second scope's create is slow (under the timeout), so the run is
    // still going when the grant lands and a pass, past orphanMs, settles the pending row.
    await stack.fault({
      path: `/api/v1/scopes/access/${orgno}`,
      method: "PUT",
      kind: "latency",
      ms: Math.round(TIMEOUT_MS * 2.3),
      times: 1,
    });
    await stack.fault({
      path: "/api/v1/scopes",
      method: "POST",
      kind: "latency",
      ms: Math.round(TIMEOUT_MS * 0.9),
      times: 3,
    });
    const response = await stack.api(`${env}/altinn/provision`, {
      method: "POST",
      body: JSON.stringify({ metadata, grantTo: [orgno] }),
    });
    expect(response.status).toBe(200);
    const report = (await response.json()) as { items: Array<{ kind: string; status: string }> };
    expect(report.items.map((i) => `${i.kind} ${i.status}`)).toContain("grant unknown");
    await untilSimulatorIdle(stack);
    const requestId = response.headers.get("x-request-id");
    const all = await stack.auditEntries();
    const runs = all.filter(
      (e) => e.requestId === requestId && e.action === "altinn.provision" && !e.follows,
    );
    const run = runs.find((e) => e.outcome === "partial");
    expect(run).toBeDefined();
    expect(run!.after).toEqual(report.items);
    // No entry says the instance stopped under the run's own id.
    expect(all.find((e) => e.id === run!.id)?.code).not.toBe("audit.outcome.unrecorded");
  });
});

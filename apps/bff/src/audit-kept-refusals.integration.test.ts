import { generateApiScopes, insertApiScopes } from "@portvakt/altinn-scopes";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { injectAuditFaults } from "./testing/audit-faults";
import { startTestStack, type TestStack } from "./testing/stack";

// While a change's entry waits for the audit store (kept), further changes are refused with 503
// `problem.audit-unavailable` (issue 13's kind). Review finding 12: that refusal comes after the
// role check (a person without the role is told 403, as ever), and a dry run, which changes
// nothing, is not refused. Over real HTTP against the simulator.
const env = "/api/envs/demo";
let stack: TestStack;
const refused = new Set<string>();

beforeAll(async () => {
  stack = await startTestStack({ mutationsPerMinute: 1000 });
  injectAuditFaults(stack.bff.audit, (entry) => (refused.has(entry.action) ? "refuse" : undefined));
}, 60_000);
afterAll(() => stack?.close());

describe("while an entry is kept", () => {
  it("a viewer's change is 403, a dry run is answered, a real change is 503", async () => {
    refused.add("access.grant");
    const made = await stack.api(`${env}/scopes/access/889640782?scope=digdir:demo.read`, {
      method: "PUT",
    });
    expect(made.headers.get("portvakt-audit")).toBe("kept");
    // The grant's entry stays kept (the store refuses it) while the changes below are asked.
    const viewer = await stack.as("demo-viewer");
    const byViewer = await viewer(`${env}/scopes/access/889640782?scope=digdir:demo.read`, {
      method: "DELETE",
    });
    expect(byViewer.status).toBe(403);

    const app = `tort${Date.now().toString(36)}`;
    const metadata = insertApiScopes(
      `{"id": "digdir/${app}"}`,
      generateApiScopes({ prefix: "digdir", app, groups: ["users"] }),
    );
    const dry = await stack.api(`${env}/altinn/provision`, {
      method: "POST",
      body: JSON.stringify({ metadata, grantTo: [], dryRun: true }),
    });
    expect(dry.status).toBe(200);

    const real = await stack.api(`${env}/scopes/access/889640782?scope=digdir:demo.read`, {
      method: "DELETE",
    });
    expect(real.status).toBe(503);
    expect(((await real.json()) as { code?: string }).code).toBe("problem.audit-unavailable");
    refused.clear();
    expect(await stack.bff.audit.writeKept()).toBe(0);
  });
});

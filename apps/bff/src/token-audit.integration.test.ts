import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { injectAuditFaults } from "./testing/audit-faults";
import { startTestStack, type TestStack } from "./testing/stack";

// A pipeline token is Portvakt's own state (issue 13's kind: no state change without its audit
// entry). Over real HTTP (SQLite and, with DATABASE_URL, PostgreSQL): when the store cannot write
// the `token.issue` entry, no token exists afterwards. Unlike a change at Digdir, Portvakt can
// take this one back, so it is not made at all: 503 `problem.audit-unavailable`, nothing kept in
// memory (where a restart would lose it), no token in the list, the refused token never works.
let stack: TestStack;
const refused = new Set<string>();

beforeAll(async () => {
  stack = await startTestStack({ mutationsPerMinute: 1000 });
  injectAuditFaults(stack.bff.audit, (entry) => (refused.has(entry.action) ? "refuse" : undefined));
}, 60_000);
afterAll(() => stack?.close());

async function tokenNames(): Promise<string[]> {
  const { tokens } = (await (await stack.api("/api/tokens")).json()) as {
    tokens: Array<{ name: string }>;
  };
  return tokens.map((t) => t.name);
}

describe("issuing a pipeline token whose entry cannot be written", () => {
  it("issues nothing: 503, no token listed, nothing kept in memory", async () => {
    const name = `uten spor ${Date.now().toString(36)}`;
    refused.add("token.issue");
    const answer = await stack.api("/api/tokens", {
      method: "POST",
      body: JSON.stringify({ name, role: "viewer", envs: ["demo"], days: 1 }),
    });
    refused.clear();
    expect(answer.status).toBe(503);
    expect(((await answer.json()) as { code?: string }).code).toBe("problem.audit-unavailable");
    expect(await tokenNames()).not.toContain(name);
    expect(stack.bff.audit.kept()).toHaveLength(0);

    // With the store back, issuing works and is recorded once.
    const again = await stack.api("/api/tokens", {
      method: "POST",
      body: JSON.stringify({ name, role: "viewer", envs: ["demo"], days: 1 }),
    });
    expect(again.status).toBe(201);
    const { token } = (await again.json()) as { token: string };
    expect((await tokenNames()).filter((n) => n === name)).toHaveLength(1);
    const { entries } = await stack.bff.audit.list({ limit: 1000 });
    expect(
      entries.filter((e) => e.action === "token.issue" && e.target.includes(name)),
    ).toHaveLength(1);
    const used = await fetch(`${stack.url}/api/envs`, {
      headers: { Authorization: `Bearer ${token}` },
    });
    expect(used.status).toBe(200);
  });
});

import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { AuditEntry } from "./audit/store";
import { injectAuditFaults } from "./testing/audit-faults";
import { startTestStack, type TestStack } from "./testing/stack";

// A change's audit entry that the store cannot write (issue 13's kind: no state committed
// without its record, no answer that claims more or less than happened). Over real HTTP against
// the simulator, SQLite and (DATABASE_URL) PostgreSQL: the audit store refuses the entries of one
// action while the test says so. Digdir made the change, so the answer says it was made (not
// 500), the entry is kept and written once when the store answers again, and no further change
// is sent to Digdir while an entry waits.
const env = "/api/envs/demo";
let stack: TestStack;
let prefix: string;
/** Actions whose entries the store refuses now. */
const refused = new Set<string>();
let refusals = 0;

beforeAll(async () => {
  stack = await startTestStack({ mutationsPerMinute: 1000 });
  const prefixes = (await (await stack.api(`${env}/prefix`)).json()) as Array<{ prefix: string }>;
  prefix = prefixes[0]!.prefix;
  injectAuditFaults(stack.bff.audit, (entry) => {
    if (!refused.has(entry.action)) return undefined;
    refusals++;
    return "refuse";
  });
}, 60_000);
afterAll(async () => {
  await stack?.close();
});

/** Writes the simulator received (its traffic counts of POST, PUT and DELETE). */
async function writes(): Promise<number> {
  const stats = (await (await stack.control("/stats")).json()) as {
    requests: Record<string, number>;
  };
  return Object.entries(stats.requests)
    .filter(([route]) => /^(POST|PUT|PATCH|DELETE) \/api\//.test(route))
    .reduce((sum, [, n]) => sum + n, 0);
}

async function entriesFor(action: string, target: string): Promise<AuditEntry[]> {
  return (await stack.auditEntries()).filter(
    (e) => e.action === action && e.target.includes(target),
  );
}

async function createScope(subscope: string): Promise<Response> {
  return stack.api(`${env}/scopes`, {
    method: "POST",
    body: JSON.stringify({ prefix, subscope, description: "Audit kept test" }),
  });
}

describe("a change whose audit entry the store cannot write", () => {
  it("answers what Digdir did, keeps the entry, sends nothing more until it is written", async () => {
    const first = `kept/${Date.now().toString(36)}a`;
    const second = `kept/${Date.now().toString(36)}b`;
    refused.add("scope.create");
    const before = await writes();
    // The entry keeps the time of the change, not of its late write (ms, epoch).
    const changedFrom = Date.now();
    const made = await createScope(first);
    const changedBy = Date.now();
    // Digdir made the scope: the answer says so, with the header that the entry waits.
    expect(made.status).toBe(200);
    expect(made.headers.get("portvakt-audit")).toBe("kept");
    expect(((await made.json()) as { name?: string }).name).toBe(`${prefix}:${first}`);
    expect(await writes()).toBe(before + 1);
    expect(refusals).toBeGreaterThanOrEqual(1);
    expect(stack.bff.audit.kept().map((e) => e.action)).toEqual(["scope.create"]);
    expect(await entriesFor("scope.create", first)).toHaveLength(0);

    // While the entry waits, the next change is refused before anything is sent.
    const next = await createScope(second);
    expect(next.status).toBe(503);
    expect(((await next.json()) as { code?: string }).code).toBe("problem.audit-unavailable");
    // A bulk job is refused too (its rows would be changes of their own).
    const job = await stack.api(`${env}/access-jobs`, {
      method: "POST",
      body: JSON.stringify({
        action: "grant",
        scope: `${prefix}:${first}`,
        orgnos: ["481000009"],
      }),
    });
    expect(job.status).toBe(503);
    // So is a new pipeline token (Portvakt's own state).
    const token = await stack.api("/api/tokens", {
      method: "POST",
      body: JSON.stringify({ name: "kept", role: "viewer", envs: ["demo"], days: 1 }),
    });
    expect(token.status).toBe(503);
    expect(((await token.json()) as { code?: string }).code).toBe("problem.audit-unavailable");
    expect(await writes()).toBe(before + 1);

    // The store answers again: the kept entry is written once, as it was (its time, success).
    refused.clear();
    expect(await stack.bff.audit.writeKept()).toBe(0);
    const entries = await entriesFor("scope.create", first);
    expect(entries).toHaveLength(1);
    expect(entries[0]).toMatchObject({ outcome: "success", status: 200 });
    const time = Date.parse(entries[0]!.time);
    expect(time).toBeGreaterThanOrEqual(changedFrom);
    expect(time).toBeLessThanOrEqual(changedBy);
    const again = await createScope(second);
    expect(again.status).toBe(200);
    expect(again.headers.get("portvakt-audit")).toBeNull();
    expect(await entriesFor("scope.create", second)).toHaveLength(1);
    expect(await entriesFor("scope.create", first)).toHaveLength(1);
  });

  it("writes a kept entry by itself once the store answers (no call needed)", async () => {
    const name = `kept/${Date.now().toString(36)}c`;
    refused.add("scope.create");
    const made = await createScope(name);
    expect(made.status).toBe(200);
    expect(made.headers.get("portvakt-audit")).toBe("kept");
    refused.clear();
    const until = Date.now() + 20_000;
    while ((await entriesFor("scope.create", name)).length === 0) {
      if (Date.now() > until) throw new Error("the kept entry was never written");
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    expect(stack.bff.audit.kept()).toHaveLength(0);
    expect(await entriesFor("scope.create", name)).toHaveLength(1);
  });
});

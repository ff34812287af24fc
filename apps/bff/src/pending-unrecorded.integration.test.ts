import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { unrecordedId } from "./changes/guard";
import { databaseLocation, openDatabase } from "./database";
import { startTestStack, type TestStack } from "./testing/stack";

// An unknown outcome whose instance stopped between storing its pending check and writing its
// first (`unknown`) audit entry (issue 13's kind: no state committed without its record). The
// pending row is as such a crash leaves it; the next change of the resource, over real HTTP
// against the simulator (SQLite and, with DATABASE_URL, PostgreSQL), settles it: the first entry
// is written from the row, then the follow-up that follows it, each once.
const env = "/api/envs/demo";
let stack: TestStack;
let prefix: string;

beforeAll(async () => {
  stack = await startTestStack({ mutationsPerMinute: 1000 });
  const prefixes = (await (await stack.api(`${env}/prefix`)).json()) as Array<{ prefix: string }>;
  prefix = prefixes[0]!.prefix;
}, 60_000);
afterAll(async () => {
  await stack?.close();
});

const entries = () => stack.auditEntries();

async function storePending(row: Record<string, unknown>): Promise<void> {
  const db = await openDatabase(
    databaseLocation(stack.config.databaseUrl, stack.config.auditDatabasePath!),
  );
  try {
    await db
      .insertInto("pending_change")
      .values(row as never)
      .execute();
  } finally {
    await db.destroy();
  }
}

describe("an unknown outcome whose first entry was never written", () => {
  it("gets its first entry from the pending row, then the follow-up, before the next change", async () => {
    const subscope = `unrecorded/${Date.now().toString(36)}`;
    const created = await stack.api(`${env}/scopes`, {
      method: "POST",
      body: JSON.stringify({ prefix, subscope, description: "Unrecorded outcome test" }),
    });
    expect(created.status).toBe(200);
    const scope = `${prefix}:${subscope}`;
    // A valid org number (mod 11) nobody else uses.
    const orgno = "481000009";
    // The grant landed at Digdir; the instance stopped before its entry was written.
    stack.simulator.store.setGrantState(scope, orgno, "APPROVED");
    const auditId = randomUUID();
    const now = Date.now();
    await storePending({
      lock_key: `demo/grant/${scope}/${orgno}`,
      env: "demo",
      audit_id: auditId,
      action: "access.grant",
      target: `${scope} → ${orgno}`,
      target_parts: JSON.stringify([{ code: "audit.target.grant", params: { scope, orgno } }]),
      actor_sub: "demo-operator",
      actor_name: "Olav Operator",
      role: "operator",
      check_spec: JSON.stringify({ type: "grant", scope, consumer: orgno, state: "APPROVED" }),
      created_at: now - 120_000,
      settle_at: now + 120_000,
      created_id: null,
    });
    expect((await entries()).filter((e) => e.id === auditId)).toHaveLength(0);

    // The next change of the same grant settles the earlier one first.
    const revoke = await stack.api(
      `${env}/scopes/access/${orgno}?scope=${encodeURIComponent(scope)}`,
      { method: "DELETE" },
    );
    expect(revoke.status).toBe(200);
    const all = await entries();
    // Recorded under an id of its own, never the request's (which stays the request's).
    expect(all.filter((e) => e.id === auditId)).toHaveLength(0);
    const first = all.filter((e) => e.id === unrecordedId(auditId));
    expect(first).toHaveLength(1);
    expect(first[0]).toMatchObject({
      action: "access.grant",
      outcome: "unknown",
      actor: { sub: "demo-operator" },
      code: "audit.outcome.unrecorded",
      time: new Date(now - 120_000).toISOString(),
    });
    const followUps = all.filter((e) => e.follows === first[0]!.id);
    expect(followUps).toHaveLength(1);
    expect(followUps[0]).toMatchObject({ outcome: "success", code: "audit.follow-up.made" });
    // The follow-up is after the first entry in the chain.
    expect(followUps[0]!.seq!).toBeGreaterThan(first[0]!.seq!);
  });
});

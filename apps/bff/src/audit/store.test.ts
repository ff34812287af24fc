import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { followUpId } from "../changes/guard";
import { databaseLocation, openDatabase } from "../database";
import { AuditStore } from "./store";

// The store the run is configured for: SQLite in memory, or PostgreSQL when DATABASE_URL is set.
const db = await openDatabase(databaseLocation(process.env.DATABASE_URL, ":memory:"));
const audit = new AuditStore(db);
afterAll(() => db.destroy());

const base = {
  actor: { sub: "s", name: "Ada" },
  role: "admin",
  env: "test",
  action: "client.create",
  target: "client x",
  status: 200,
  requestId: "r",
} as const;

describe("AuditStore.appendOnce (one follow-up however many instances settle)", () => {
  let first: string;
  beforeAll(() => {
    first = crypto.randomUUID();
  });

  it("writes the entry the first time and returns the first one after that", async () => {
    const id = followUpId(first);
    const a = await audit.appendOnce({ ...base, id, outcome: "success", follows: first });
    const b = await audit.appendOnce({ ...base, id, outcome: "failure", follows: first });
    expect(a.written).toBe(true);
    expect(b.written).toBe(false);
    expect(b.entry.outcome).toBe("success");
    const { entries } = await audit.list({ limit: 1000 });
    expect(entries.filter((e) => e.follows === first)).toHaveLength(1);
  });

  it("several at once write one entry and all see the same verdict", async () => {
    const id = followUpId(crypto.randomUUID());
    const outcomes = ["success", "failure", "success", "failure"] as const;
    const results = await Promise.all(
      outcomes.map((outcome) => audit.appendOnce({ ...base, id, outcome })),
    );
    expect(results.filter((r) => r.written)).toHaveLength(1);
    expect(new Set(results.map((r) => r.entry.outcome)).size).toBe(1);
  });

  it("derives a stable UUID per first entry", () => {
    expect(followUpId("a")).toBe(followUpId("a"));
    expect(followUpId("a")).not.toBe(followUpId("b"));
    expect(followUpId("a")).toMatch(
      /^[0-9a-f]{8}-[0-9a-f]{4}-8[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/,
    );
  });
});

describe("AuditStore.list by request ids and follows", () => {
  it("finds exactly the entries of the given requests, and the follow-ups of given entries", async () => {
    const run = crypto.randomUUID();
    const [r1, r2, other] = [`${run}-1`, `${run}-2`, `${run}-3`];
    const a = await audit.append({ ...base, requestId: r1, outcome: "unknown" });
    const b = await audit.append({ ...base, requestId: r2, outcome: "success" });
    await audit.append({ ...base, requestId: other, outcome: "success" });
    const follow = await audit.append({
      ...base,
      requestId: `follow-up-${run}`,
      outcome: "success",
      follows: a.id,
    });
    const mine = await audit.list({ requestIds: [r1, r2], limit: 1000 });
    expect(mine.entries.map((e) => e.id).sort()).toEqual([a.id, b.id].sort());
    const followUps = await audit.list({ follows: [a.id, b.id], limit: 1000 });
    expect(followUps.entries.map((e) => e.id)).toEqual([follow.id]);
    expect((await audit.list({ requestIds: [] })).entries).toEqual([]);
  });
});

describe("AuditStore.list by action", () => {
  it("finds an action and the actions under it, not siblings that share its first letters", async () => {
    const env = `filter-${crypto.randomUUID()}`;
    for (const action of ["access.revoke", "access.revoke-many", "access.grant", "accesses.x"]) {
      await audit.append({ ...base, env, action, outcome: "success" });
    }
    const actions = async (action: string) =>
      (await audit.list({ env, action })).entries.map((e) => e.action).sort();
    expect(await actions("access.revoke")).toEqual(["access.revoke"]);
    expect(await actions("access")).toEqual([
      "access.grant",
      "access.revoke",
      "access.revoke-many",
    ]);
    expect(await actions("access.")).toEqual(await actions("access"));
    expect(await actions("access.%")).toEqual([]);
    expect(await actions("access_revoke")).toEqual([]);
  });
});

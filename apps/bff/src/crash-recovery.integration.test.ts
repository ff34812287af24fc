import { join } from "node:path";
import { orgNumberSequence } from "@portvakt/contracts";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { AuditEntry } from "./audit/store";
import { injectAuditFaults } from "./testing/audit-faults";
import { type BffProcess, startBffProcess } from "./testing/bff-process";
import { apiCaller, startTestStack, type TestStack } from "./testing/stack";

// Issue 13's kind, the crash window of an ordinary change: Digdir said yes (or is about to), and
// the instance dies before the change's audit entry is written. A real crash over real HTTP
// (SQLite and, with DATABASE_URL, PostgreSQL): a BFF process of its own sends a grant; the
// simulator applies it and holds the answer (`when: "after"`); the process is killed (SIGKILL)
// while it waits. A new process on the same database must leave the record of that change: the
// entry `unknown` (`audit.outcome.unrecorded`, at the time the change was sent) and a follow-up
// with what Digdir shows.
const env = "/api/envs/demo";
// Consumers no earlier run used (the PostgreSQL run keeps one database across runs).
const orgNumbers = orgNumberSequence(83_000_000 + (Date.now() % 1_000_000));
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

let stack: TestStack;
const started: BffProcess[] = [];
/** The instance started after the crash (one for both tests: a start takes long). */
let next: Promise<BffProcess> | undefined;
const afterCrash = (): Promise<BffProcess> => {
  next ??= bff(`crash-b-${Date.now().toString(36)}`);
  return next;
};
/** Actions whose entries the test stack's own store refuses now. */
const refused = new Set<string>();

beforeAll(async () => {
  // The test stack's own BFF settles nothing by itself during the test (its pass is rare and
  // the orphan wait long): what is recorded is the new process's doing.
  stack = await startTestStack({
    mutationsPerMinute: 1000,
    outcome: { intervalMs: 600_000 },
  });
  injectAuditFaults(stack.bff.audit, (entry) => (refused.has(entry.action) ? "refuse" : undefined));
}, 90_000);
afterAll(async () => {
  for (const p of started) {
    if (p.child.exitCode === null && p.child.signalCode === null) await p.stop();
  }
  await stack?.close();
});

async function entries(): Promise<AuditEntry[]> {
  const text = await (await stack.api("/api/audit/export?format=jsonl")).text();
  return text
    .trim()
    .split("\n")
    .filter(Boolean)
    .map((line) => JSON.parse(line) as AuditEntry);
}

const grantEntries = (all: AuditEntry[], orgno: string) =>
  all.filter((e) => e.action === "access.grant" && e.target.includes(orgno));

/** The grant's entries once there are at least `n` (polled, bounded). */
async function untilEntries(orgno: string, n: number): Promise<AuditEntry[]> {
  let found: AuditEntry[] = [];
  for (let i = 0; i < 200; i++) {
    found = grantEntries(await entries(), orgno);
    if (found.length >= n) break;
    await sleep(100);
  }
  return found;
}

async function bff(name: string): Promise<BffProcess> {
  const dir = join(stack.config.auditDatabasePath!, "..");
  // Short passes and a short wait before a write without its entry counts as orphaned.
  const config = { ...stack.config, outcome: { intervalMs: 300, orphanMs: 1_000 } };
  const p = await startBffProcess(config, dir, name);
  started.push(p);
  return p;
}

describe("an instance killed between Digdir's yes and the audit entry", () => {
  it("leaves a record: the next instance writes `unknown` (unrecorded) and the follow-up", async () => {
    const [orgno] = orgNumbers(1) as [string];
    const scope = "digdir:demo.read";
    expect(stack.simulator.store.getGrant(scope, orgno)?.state).not.toBe("APPROVED");
    const first = await bff(`crash-a-${Date.now().toString(36)}`);
    const onFirst = apiCaller(first.url, stack.api.cookie, stack.url);
    // Digdir applies the grant and then holds its answer far past the moment of the kill.
    await stack.fault({
      path: `/api/v1/scopes/access/${orgno}`,
      method: "PUT",
      kind: "latency",
      when: "after",
      ms: 10_000,
      times: 1,
    });
    const sent = Date.now();
    const answer = onFirst(`${env}/scopes/access/${orgno}?scope=${scope}`, { method: "PUT" }).then(
      (r) => r.status,
      () => "no answer" as const,
    );
    for (let i = 0; i < 100; i++) {
      if (stack.simulator.store.getGrant(scope, orgno)?.state === "APPROVED") break;
      await sleep(50);
    }
    expect(stack.simulator.store.getGrant(scope, orgno)?.state).toBe("APPROVED");
    first.child.kill("SIGKILL");
    await first.exited;
    expect(await answer).toBe("no answer");
    // The killed process wrote nothing about it.
    expect(grantEntries(await entries(), orgno)).toHaveLength(0);

    await afterCrash();
    const found = await untilEntries(orgno, 2);
    const firstEntry = found.find((e) => !e.follows);
    expect(firstEntry).toMatchObject({
      outcome: "unknown",
      code: "audit.outcome.unrecorded",
      actor: { sub: "demo-admin" },
    });
    // Its own time: when the change was sent, not when it was settled.
    expect(Math.abs(Date.parse(firstEntry!.time) - sent)).toBeLessThan(2_000);
    const followUps = found.filter((e) => e.follows === firstEntry!.id);
    expect(followUps).toHaveLength(1);
    expect(followUps[0]).toMatchObject({ outcome: "success", code: "audit.follow-up.made" });
    expect(found).toHaveLength(2);
  }, 180_000);

  it("an entry kept in memory when its instance goes: the write-ahead record is the durable copy", async () => {
    const [orgno] = orgNumbers(1) as [string];
    const scope = "digdir:demo.read";
    refused.add("access.grant");
    // The person is told the grant was made; its entry waits in the instance's memory only.
    const made = await stack.api(`${env}/scopes/access/${orgno}?scope=${scope}`, { method: "PUT" });
    expect(made.status).toBe(200);
    expect(made.headers.get("portvakt-audit")).toBe("kept");
    expect(stack.simulator.store.getGrant(scope, orgno)?.state).toBe("APPROVED");
    expect(grantEntries(await entries(), orgno)).toHaveLength(0);

    // That instance is as good as gone (its store never answers it again); the next one leaves
    // the record from the write-ahead copy.
    await afterCrash();
    const found = await untilEntries(orgno, 2);
    const firstEntry = found.find((e) => !e.follows);
    expect(firstEntry).toMatchObject({
      outcome: "unknown",
      code: "audit.outcome.unrecorded",
      actor: { sub: "demo-admin" },
    });
    expect(found.filter((e) => e.follows === firstEntry!.id)).toMatchObject([
      { outcome: "success", code: "audit.follow-up.made" },
    ]);

    // Should the first instance's store answer after all, its kept entry is written under its
    // own id, beside the record the other instance made: nothing lost, nothing written twice.
    refused.clear();
    expect(await stack.bff.audit.writeKept()).toBe(0);
    const after = grantEntries(await entries(), orgno);
    expect(after).toHaveLength(3);
    expect(after.filter((e) => e.id !== firstEntry!.id && !e.follows)).toMatchObject([
      { outcome: "success", status: 200 },
    ]);
  }, 180_000);
});

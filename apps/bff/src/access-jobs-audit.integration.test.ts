import { randomUUID } from "node:crypto";
import { type BulkJob, orgNumberSequence } from "@portvakt/contracts";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { AuditEntry, NewAuditEntry } from "./audit/store";
import { databaseLocation, openDatabase } from "./database";
import { injectAuditFaults } from "./testing/audit-faults";
import { startTestStack, type TestStack } from "./testing/stack";

// A bulk job never reads ended without its one audit entry (issue 13's kind: no state committed
// without its record). The audit store is made to fail (or the instance to "die") at each step
// of the job's end, over real HTTP against the simulator, on SQLite and (DATABASE_URL)
// PostgreSQL: the job stays claimable until its entry is written, a take-up writes the entry
// once, and a job ended without its entry (by an older release) gets it at the next scan.
const env = "/api/envs/demo";
let stack: TestStack;
let prefix: string;

/** What the audit store does to the entries of one scope's bulk job. */
type Fault = "down" | "crash-after-write" | undefined;
const faults = new Map<string, Fault>();
/** Entries refused (or "crashed" after) per scope, and the job's status seen at that moment. */
const hits = new Map<string, Array<{ status: string | undefined; written: boolean }>>();

beforeAll(async () => {
  // A lease of 3 s: a released job is taken up within a second (a scan every third of the
  // lease), not the 5 s of the default 15 s lease, which each test here would wait out.
  stack = await startTestStack({ mutationsPerMinute: 1000, bulkJobs: { leaseMs: 3_000 } });
  const prefixes = (await (await stack.api(`${env}/prefix`)).json()) as Array<{ prefix: string }>;
  prefix = prefixes[0]!.prefix;
  // The audit store's writes for a scope's bulk job fail as the test says: `down` throws before
  // anything is written (a database error), `crash-after-write` writes and then throws once (an
  // instance that stopped right after the entry). Other entries are written as ever.
  const scopeOf = (entry: NewAuditEntry) =>
    entry.action === "access.grant-many" || entry.action === "access.revoke-many"
      ? [...faults.keys()].find((scope) => JSON.stringify(entry.targetParts ?? []).includes(scope))
      : undefined;
  injectAuditFaults(
    stack.bff.audit,
    (entry) => {
      const fault = faults.get(scopeOf(entry) ?? "");
      return fault === "down"
        ? "refuse"
        : fault === "crash-after-write"
          ? "write-then-throw"
          : undefined;
    },
    async (entry, fault) => {
      const scope = scopeOf(entry)!;
      if (fault === "write-then-throw") faults.delete(scope);
      const job = entry.id ? await stack.bff.bulkJobs.get(entry.id) : undefined;
      hits.set(scope, [
        ...(hits.get(scope) ?? []),
        { status: job?.status, written: fault === "write-then-throw" },
      ]);
    },
  );
}, 60_000);
afterAll(async () => {
  await stack?.close();
});

/** Valid org numbers (mod 11) from a base no other test file uses. */
const orgNumbers = orgNumberSequence(47_000_000);

let scopeCount = 0;
async function newScope(): Promise<string> {
  const subscope = `bulkaudit/${Date.now().toString(36)}${scopeCount++}`;
  const created = await stack.api(`${env}/scopes`, {
    method: "POST",
    body: JSON.stringify({ prefix, subscope, description: "Bulk job audit test" }),
  });
  expect(created.status).toBe(200);
  return `${prefix}:${subscope}`;
}

async function startJob(body: Record<string, unknown>): Promise<BulkJob> {
  const response = await stack.api(`${env}/access-jobs`, {
    method: "POST",
    body: JSON.stringify(body),
  });
  expect(response.status).toBe(202);
  return (await response.json()) as BulkJob;
}

async function jobOf(id: string): Promise<BulkJob> {
  const response = await stack.api(`${env}/access-jobs/${id}`);
  expect(response.status).toBe(200);
  return (await response.json()) as BulkJob;
}

/** Polls until `done` holds (bounded: a scan takes a released job up within a third of a lease). */
async function until<T>(what: string, read: () => Promise<T>, done: (value: T) => boolean) {
  const deadline = Date.now() + 30_000;
  for (;;) {
    const value = await read();
    if (done(value)) return value;
    if (Date.now() > deadline) throw new Error(`${what}: still ${JSON.stringify(value)}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}
const ended = (job: BulkJob) => job.status === "done" || job.status === "cancelled";

/** Every audit entry with this id, as the export answers them (read at once, never waited for). */
async function entriesOf(id: string): Promise<AuditEntry[]> {
  return (await stack.auditEntries()).filter((e) => e.id === id);
}

describe("a bulk job's end under a failing audit store", () => {
  it("never reads done while its entry cannot be written; ends with one entry once it can", async () => {
    const scope = await newScope();
    const orgnos = orgNumbers(3);
    faults.set(scope, "down");
    const job = await startJob({ action: "grant", scope, orgnos });
    // The rows are sent and succeed; the entry cannot be written.
    await until(
      "the audit write",
      async () => hits.get(scope)?.length ?? 0,
      (n) => n >= 1,
    );
    // At the failed write the job had not said it ended, and it still has not.
    expect(hits.get(scope)![0]!.status).toBe("running");
    const stuck = await until(
      "rows",
      () => jobOf(job.id),
      (j) => j.counts.success === 3,
    );
    expect(stuck.status).toBe("running");
    expect(await entriesOf(job.id)).toHaveLength(0);
    // The store is back: the job is taken up again (its rows are final: nothing is sent) and
    // ends with its entry, which exists the moment the job reads done.
    faults.delete(scope);
    const done = await until("the job", () => jobOf(job.id), ended);
    const entries = await entriesOf(job.id);
    expect(done.status).toBe("done");
    expect(entries).toHaveLength(1);
    expect(entries[0]).toMatchObject({ action: "access.grant-many", outcome: "success" });
    const after = entries[0]!.after as Array<{ orgno: string; outcome: string }>;
    expect(after.map((r) => [r.orgno, r.outcome])).toEqual(orgnos.map((o) => [o, "success"]));
  });

  it("an instance that stops right after writing the entry: the take-up ends the job, one entry", async () => {
    const scope = await newScope();
    const orgnos = orgNumbers(2);
    faults.set(scope, "crash-after-write");
    const job = await startJob({ action: "grant", scope, orgnos });
    const done = await until("the job", () => jobOf(job.id), ended);
    expect(hits.get(scope)).toEqual([{ status: "running", written: true }]);
    expect(done.status).toBe("done");
    const entries = await entriesOf(job.id);
    expect(entries).toHaveLength(1);
    expect(entries[0]).toMatchObject({ action: "access.grant-many", outcome: "success" });
  });

  it("a job that ended without its entry (an older release's crash) gets it at the next scan", async () => {
    const scope = await newScope();
    const orgnos = orgNumbers(2);
    const model = await startJob({ action: "grant", scope, orgnos });
    await until("the model job", () => jobOf(model.id), ended);
    // As the release before this one left it: status done, every row final, no entry.
    const lost = randomUUID();
    const db = await openDatabase(
      databaseLocation(stack.config.databaseUrl, stack.config.auditDatabasePath!),
    );
    try {
      const job = await db
        .selectFrom("bulk_job")
        .selectAll()
        .where("id", "=", model.id)
        .executeTakeFirstOrThrow();
      const rows = await db
        .selectFrom("bulk_job_row")
        .selectAll()
        .where("job_id", "=", model.id)
        .execute();
      // Its rows first: a scan between the two inserts would find an ended job without rows.
      await db
        .insertInto("bulk_job_row")
        .values(
          rows.map((r, i) => ({
            ...r,
            job_id: lost,
            state: i === 0 ? "success" : "failure",
            status: i === 0 ? 200 : 502,
          })),
        )
        .execute();
      await db
        .insertInto("bulk_job")
        .values({
          ...job,
          id: lost,
          status: "done",
          owner: null,
          lease_until: 0,
          audited_at: null,
        })
        .execute();
    } finally {
      await db.destroy();
    }
    // Written by the scan (no entry had this id before: the scan may already have run here).
    const [entry] = await until(
      "the missing entry",
      () => entriesOf(lost),
      (e) => e.length > 0,
    );
    expect(entry).toMatchObject({ action: "access.grant-many", outcome: "partial", status: 207 });
    const after = entry!.after as Array<{ orgno: string; outcome: string }>;
    expect(after.map((r) => r.outcome)).toEqual(["success", "failure"]);
    expect(await entriesOf(lost)).toHaveLength(1);
  });

  it("a job whose entry retention removed gets no second entry, though entries are written back-dated", async () => {
    const scope = await newScope();
    const job = await startJob({ action: "grant", scope, orgnos: orgNumbers(2) });
    await until("the job", () => jobOf(job.id), ended);
    expect(await entriesOf(job.id)).toHaveLength(1);
    const endedAt = Date.now();
    // Retention removes every entry written so far, the job's among them (the whole chain: under
    // PostgreSQL the worker's log may hold entries dated later than now, which would stop a
    // prune by time before the job's entry).
    await stack.bff.audit.prune("9999-12-31T23:59:59.999Z");
    expect(await entriesOf(job.id)).toHaveLength(0);
    // An entry dated before the job's end is written after the pruning, as a kept entry or a
    // settled change request's approval is (they carry the time of what they record).
    await stack.bff.audit.appendOnce({
      id: randomUUID(),
      time: new Date(endedAt - 3_600_000).toISOString(),
      actor: { sub: "demo-admin", name: "Ada Administrator" },
      role: "admin",
      env: "demo",
      action: "scope.update",
      target: "back-dated",
      outcome: "success",
      status: 200,
      requestId: `back-dated-${randomUUID()}`,
    });
    await stack.bff.bulkJobs.scan();
    expect(await entriesOf(job.id)).toHaveLength(0);
  });
});

import { type BulkJob, orgNumberSequence } from "@portvakt/contracts";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import type { AuditEntry } from "./audit/store";
import { parseConfig } from "./config";
import { databaseLocation, openDatabase } from "./database";
import { createLogger } from "./logger";
import { type RunningBff, startBff } from "./server";
import { startTestStack, type TestStack } from "./testing/stack";

// Issue 17 item 3: a bulk grant/revoke is one server-side job. Over real HTTP against the
// simulator: resumes after a restart without sending a finished row again, cancels, waits out
// Digdir's 429 with Retry-After, one audit entry with every row's outcome, counted once against
// the person's change limit, role and CSRF checked, input validated.
const env = "/api/envs/demo";
let stack: TestStack;
let prefix: string;
/** A BFF started again on the stack's port and database (the restart test). */
let restarted: RunningBff | undefined;

beforeAll(async () => {
  // Two changes a minute: a job of many rows must count as one.
  stack = await startTestStack({ mutationsPerMinute: 3 });
  // Prefixes are objects as Digdir's 2025 OpenAPI answers them (`ScopePrefix`).
  const prefixes = (await (await stack.api(`${env}/prefix`)).json()) as Array<{ prefix: string }>;
  prefix = prefixes[0]!.prefix;
}, 60_000);
afterAll(async () => {
  await restarted?.close();
  await stack?.close();
});
beforeEach(async () => {
  await stack.clearFaults();
});

/** Valid org numbers (mod 11) from a base no other test file uses. */
const orgNumbers = orgNumberSequence(40_000_000);

/** Writes the simulator received per consumer org number (from its traffic counts). */
async function putsAt(): Promise<number> {
  const stats = (await (await stack.control("/stats")).json()) as {
    requests: Record<string, number>;
  };
  return Object.entries(stats.requests)
    .filter(([route]) => route.startsWith("PUT /api/v1/scopes/access/"))
    .reduce((sum, [, n]) => sum + n, 0);
}

let scopeCount = 0;
/** A new scope of the provider, so that no test sees another's grants. */
async function newScope(): Promise<string> {
  const subscope = `bulk/${Date.now().toString(36)}${scopeCount++}`;
  const created = await stack.api(`${env}/scopes`, {
    method: "POST",
    body: JSON.stringify({ prefix, subscope, description: "Bulk job test" }),
  });
  expect(created.status).toBe(200);
  return `${prefix}:${subscope}`;
}

async function startJob(
  body: Record<string, unknown>,
  api = stack.api,
): Promise<{ response: Response; job: BulkJob }> {
  const response = await api(`${env}/access-jobs`, {
    method: "POST",
    body: JSON.stringify(body),
  });
  return { response, job: (await response.clone().json()) as BulkJob };
}

async function jobOf(id: string): Promise<BulkJob> {
  const response = await stack.api(`${env}/access-jobs/${id}`);
  expect(response.status).toBe(200);
  return (await response.json()) as BulkJob;
}

/** Polls the job over HTTP until `done` says so (bounded; no fixed sleeps in assertions). */
async function waitFor(
  id: string,
  done: (job: BulkJob) => boolean,
  timeoutMs = 30_000,
): Promise<BulkJob> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const job = await jobOf(id);
    if (done(job)) return job;
    if (Date.now() > until) throw new Error(`Job ${id} stuck: ${JSON.stringify(job.counts)}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}
const ended = (job: BulkJob) => job.status === "done" || job.status === "cancelled";

/**
 * The job's one audit entry, read at once: it is written before the job's status says it ended
 * (BulkJobs' finish), so a job that reads `done` or `cancelled` has it already. Exactly one.
 */
async function auditEntry(id: string): Promise<AuditEntry> {
  const entries = (await stack.auditEntries()).filter((e) => e.id === id);
  expect(entries).toHaveLength(1);
  return entries[0]!;
}

async function grantsOf(scope: string): Promise<Map<string, string>> {
  const rows = (await (
    await stack.api(`${env}/scopes/access?scope=${encodeURIComponent(scope)}`)
  ).json()) as Array<{ consumer_orgno: string; state: string }>;
  return new Map(rows.map((r) => [r.consumer_orgno, r.state]));
}

describe("bulk grant/revoke job", () => {
  it("grants many consumers as one job, counted once against the change limit, one audit entry", async () => {
    const scope = await newScope();
    // The operator's limit is 3 changes a minute: a job of 25 rows is one of them.
    const operator = await stack.as("demo-operator");
    const orgnos = orgNumbers(25);
    const before = await putsAt();
    const { response, job } = await startJob({ action: "grant", scope, orgnos }, operator);
    expect(response.status).toBe(202);
    expect(response.headers.get("location")).toBe(`${env}/access-jobs/${job.id}`);
    expect(job.total).toBe(25);
    const done = await waitFor(job.id, ended);
    expect(done.status).toBe("done");
    expect(done.counts.success).toBe(25);
    expect(done.rows.map((r) => r.orgno)).toEqual(orgnos);
    expect(done.rows.every((r) => r.state === "success" && r.status === 200 && r.name)).toBe(true);
    // Each row sent once.
    expect((await putsAt()) - before).toBe(25);
    const grants = await grantsOf(scope);
    for (const orgno of orgnos) expect(grants.get(orgno)).toBe("APPROVED");

    const entry = await auditEntry(job.id);
    expect(entry).toMatchObject({
      action: "access.grant-many",
      outcome: "success",
      actor: { sub: "demo-operator" },
    });
    const after = entry.after as Array<{ orgno: string; outcome: string }>;
    expect(after.map((r) => [r.orgno, r.outcome])).toEqual(orgnos.map((o) => [o, "success"]));

    // 25 rows counted as one change: two more changes are allowed, the one after is not.
    for (const orgno of orgnos.slice(0, 2)) {
      const change = await operator(`${env}/scopes/access/${orgno}?scope=${scope}`, {
        method: "DELETE",
      });
      expect(change.status).toBe(200);
    }
    const fourth = await startJob({ action: "grant", scope, orgnos: orgNumbers(2) }, operator);
    expect(fourth.response.status).toBe(429);
    expect(Number(fourth.response.headers.get("retry-after"))).toBeGreaterThan(0);
  });
});

describe("bulk job under Digdir's pace and people's minds", () => {
  let limited: TestStack;
  let scope: string;
  beforeAll(async () => {
    limited = await startTestStack({ mutationsPerMinute: 100 });
    const [row] = (await (await limited.api(`${env}/prefix`)).json()) as Array<{ prefix: string }>;
    const first = row!.prefix;
    const subscope = `bulk/pace${Date.now().toString(36)}`;
    await limited.api(`${env}/scopes`, {
      method: "POST",
      body: JSON.stringify({ prefix: first, subscope, description: "Bulk pace" }),
    });
    scope = `${first}:${subscope}`;
  }, 60_000);
  afterAll(() => limited?.close());
  beforeEach(async () => {
    await limited.clearFaults();
  });
  const get = async (id: string) =>
    (await (await limited.api(`${env}/access-jobs/${id}`)).json()) as BulkJob;
  const until = async (id: string, done: (job: BulkJob) => boolean) => {
    const stop = Date.now() + 30_000;
    for (;;) {
      const job = await get(id);
      if (done(job)) return job;
      if (Date.now() > stop) throw new Error(`stuck: ${JSON.stringify(job.counts)}`);
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  };
  const puts = async () => {
    const stats = (await (await limited.control("/stats")).json()) as {
      requests: Record<string, number>;
    };
    return Object.entries(stats.requests)
      .filter(([route]) => route.startsWith("PUT /api/v1/scopes/access/"))
      .reduce((sum, [, n]) => sum + n, 0);
  };

  it("says partial with each row's outcome when Digdir refuses some rows", async () => {
    const orgnos = orgNumbers(6);
    // Digdir refuses the third consumer's grant (400); the others go through.
    const refused = orgnos[2]!;
    await limited.fault({
      path: `/api/v1/scopes/access/${refused}`,
      method: "PUT",
      kind: "status",
      status: 400,
    });
    const response = await limited.api(`${env}/access-jobs`, {
      method: "POST",
      body: JSON.stringify({ action: "grant", scope, orgnos }),
    });
    const job = await until(((await response.json()) as BulkJob).id, ended);
    expect(job.status).toBe("done");
    expect(job.rows.find((r) => r.orgno === refused)).toMatchObject({
      state: "failure",
      status: 400,
    });
    expect(job.counts).toMatchObject({ success: 5, failure: 1 });
    const entry = (await limited.auditEntries()).find((e) => e.id === job.id)!;
    expect(entry.outcome).toBe("partial");
    const after = entry.after as Array<{ orgno: string; outcome: string }>;
    expect(after.find((r) => r.orgno === refused)?.outcome).toBe("failure");
    expect(after.filter((r) => r.outcome === "success")).toHaveLength(5);
  });

  it("waits out Digdir's 429 as Retry-After says, then sends the row again, each once", async () => {
    const orgnos = orgNumbers(10);
    // The first three writes are refused with 429 and Retry-After: 2 (longer than the 1 s a 429
    // without it would wait).
    await limited.fault({
      path: "/api/v1/scopes/access/",
      method: "PUT",
      kind: "status",
      status: 429,
      retryAfter: 2,
      times: 3,
    });
    const before = await puts();
    const started = Date.now();
    const response = await limited.api(`${env}/access-jobs`, {
      method: "POST",
      body: JSON.stringify({ action: "grant", scope, orgnos }),
    });
    expect(response.status).toBe(202);
    const job = await until(((await response.json()) as BulkJob).id, ended);
    const took = Date.now() - started;
    expect(job.status).toBe("done");
    expect(job.counts.success).toBe(10);
    // The 429s were waited out (at least the 2 s Digdir asked for) and counted per row.
    expect(took).toBeGreaterThanOrEqual(2_000);
    expect(job.rows.reduce((sum, r) => sum + r.rate_limited, 0)).toBe(3);
    // 10 accepted writes and the 3 refused: no row was sent twice once it went through.
    expect((await puts()) - before).toBe(13);
  });

  it("cancels: no row is sent after the rows under way, the rest are cancelled", async () => {
    const orgnos = orgNumbers(60);
    // Each write takes 150 ms at Digdir: the job is still running when it is cancelled.
    await limited.fault({
      path: "/api/v1/scopes/access/",
      method: "PUT",
      kind: "latency",
      ms: 150,
    });
    const before = await puts();
    const response = await limited.api(`${env}/access-jobs`, {
      method: "POST",
      body: JSON.stringify({ action: "grant", scope, orgnos }),
    });
    const { id } = (await response.json()) as BulkJob;
    await until(id, (job) => job.counts.success >= 8);
    // A viewer may watch but not cancel; cancelling needs the CSRF header too.
    const viewer = await limited.as("demo-viewer");
    expect((await viewer(`${env}/access-jobs/${id}`)).status).toBe(200);
    expect((await viewer(`${env}/access-jobs/${id}/cancel`, { method: "POST" })).status).toBe(403);
    const noCsrf = await fetch(`${limited.url}${env}/access-jobs/${id}/cancel`, {
      method: "POST",
      headers: { Cookie: limited.api.cookie, Origin: limited.url },
    });
    expect(noCsrf.status).toBe(403);
    const cancelled = await limited.api(`${env}/access-jobs/${id}/cancel`, { method: "POST" });
    expect(cancelled.status).toBe(200);
    const job = await until(id, ended);
    expect(job.status).toBe("cancelled");
    expect(job.counts.cancelled).toBeGreaterThan(0);
    expect(job.counts.success + job.counts.cancelled).toBe(60);
    expect(job.counts.pending + job.counts.sent).toBe(0);
    // Exactly the rows that succeeded were sent; none after the cancel.
    expect((await puts()) - before).toBe(job.counts.success);
    const grants = new Map(
      (
        (await (
          await limited.api(`${env}/scopes/access?scope=${encodeURIComponent(scope)}`)
        ).json()) as Array<{ consumer_orgno: string; state: string }>
      ).map((r) => [r.consumer_orgno, r.state]),
    );
    for (const row of job.rows) {
      expect(grants.get(row.orgno)).toBe(row.state === "success" ? "APPROVED" : undefined);
    }
    const entry = (await limited.auditEntries()).find((e) => e.id === id)!;
    expect(entry.outcome).toBe("partial");
    expect(entry.detail).toMatch(/^Cancelled/);
  });

  it("refuses a viewer, a request without CSRF, and invalid input, before anything is sent", async () => {
    const before = await puts();
    const viewer = await limited.as("demo-viewer");
    const orgnos = orgNumbers(2);
    const asViewer = await viewer(`${env}/access-jobs`, {
      method: "POST",
      body: JSON.stringify({ action: "grant", scope, orgnos }),
    });
    expect(asViewer.status).toBe(403);
    const refusals = (await limited.auditEntries()).filter(
      (e) => e.requestId === asViewer.headers.get("x-request-id"),
    );
    expect(refusals).toMatchObject([
      { action: "access.grant-many", outcome: "denied", status: 403, target: scope },
    ]);
    const noCsrf = await fetch(`${limited.url}${env}/access-jobs`, {
      method: "POST",
      headers: {
        Cookie: limited.api.cookie,
        Origin: limited.url,
        "Content-Type": "application/json",
      },
      body: JSON.stringify({ action: "grant", scope, orgnos }),
    });
    expect(noCsrf.status).toBe(403);
    const invalid: Array<[Record<string, unknown>, string]> = [
      [{ action: "grant", scope, orgnos: [] }, "orgnos"],
      [{ action: "grant", scope, orgnos: ["123456789"] }, "orgnos.0"],
      [{ action: "grant", scope, orgnos: [orgnos[0], orgnos[1], orgnos[0]] }, "orgnos.2"],
      [{ action: "grant", scope, orgnos: Array(5_001).fill(orgnos[0]) }, "orgnos"],
      [{ action: "delete", scope, orgnos }, "action"],
      [{ action: "grant", scope: "no scope", orgnos }, "scope"],
      [{ action: "grant", scope: "x:\ud800", orgnos }, "scope"],
    ];
    for (const [body, field] of invalid) {
      const response = await limited.api(`${env}/access-jobs`, {
        method: "POST",
        body: JSON.stringify(body),
      });
      expect(response.status, JSON.stringify(body).slice(0, 80)).toBe(400);
      const problem = (await response.json()) as { errors?: Array<{ field?: string }> };
      expect(problem.errors?.some((e) => e.field === field || e.field?.startsWith(field))).toBe(
        true,
      );
    }
    const notAJob = await limited.api(`${env}/access-jobs/00000000-0000-4000-8000-000000000000`);
    expect(notAJob.status).toBe(404);
    expect((await limited.api(`${env}/access-jobs/not-an-id`)).status).toBe(400);
    expect(await puts()).toBe(before);
  });
});

describe("bulk job across a restart", () => {
  it("is taken up again after the BFF restarts; no finished row is sent again", async () => {
    const scope = await newScope();
    const orgnos = orgNumbers(48);
    await stack.fault({ path: "/api/v1/scopes/access/", method: "PUT", kind: "latency", ms: 100 });
    const before = await putsAt();
    const { response, job } = await startJob({ action: "grant", scope, orgnos });
    expect(response.status).toBe(202);
    await waitFor(job.id, (j) => j.counts.success >= 8);
    // A graceful stop: rows under way finish, the rest wait for the next start.
    await stack.bff.close({ drainMs: 5_000 });
    const atStop = await putsAt();
    const stopped = await jobOf0(job.id);
    const finishedBefore = stopped.filter((r) => r.state === "success").map((r) => r.orgno);
    const waiting = stopped.filter((r) => r.state === "pending");
    expect(finishedBefore.length).toBeGreaterThanOrEqual(8);
    expect(waiting.length).toBeGreaterThanOrEqual(2);
    expect(finishedBefore.length + waiting.length).toBe(48);
    // As if the instance had crashed with two rows sent: one reached Digdir (the grant is
    // there), one did not. Neither may be sent twice: the first is re-read, the second sent.
    const [made, lost] = [waiting[0]!, waiting[1]!];
    stack.simulator.store.setGrantState(scope, made.orgno, "APPROVED");
    await markSent(job.id, [made.idx, lost.idx]);

    restarted = await startBff(parseConfig(stack.config, "restart"), createLogger("silent"));
    expect(restarted.url).toBe(stack.url);
    const done = await waitFor(job.id, ended);
    expect(done.status).toBe("done");
    expect(done.counts.success).toBe(48);
    for (const orgno of finishedBefore) {
      expect(done.rows.find((r) => r.orgno === orgno)?.detail).toBeUndefined();
    }
    expect(done.rows[made.idx]?.detail).toMatch(/re-read shows the change was made/);
    expect(done.rows[made.idx]?.code).toBe("bulk.row.settled-after-restart");
    expect(done.rows[lost.idx]?.detail).toBeUndefined();
    // Sent once each: the writes before the stop and after it add up to the rows, less the one
    // that a re-read found made.
    expect(atStop - before).toBe(finishedBefore.length);
    expect((await putsAt()) - before).toBe(47);
    const grants = await grantsOf(scope);
    for (const orgno of orgnos) expect(grants.get(orgno)).toBe("APPROVED");
    const entry = await auditEntry(job.id);
    expect(entry.outcome).toBe("success");
    expect((entry.after as unknown[]).length).toBe(48);
  });
});

/** The job's rows as stored (while no BFF runs). */
async function jobOf0(id: string) {
  const db = await openDatabase(
    databaseLocation(stack.config.databaseUrl, stack.config.auditDatabasePath!),
  );
  try {
    return await db
      .selectFrom("bulk_job_row")
      .select(["idx", "orgno", "state"])
      .where("job_id", "=", id)
      .orderBy("idx")
      .execute();
  } finally {
    await db.destroy();
  }
}

async function markSent(id: string, rows: number[]) {
  const db = await openDatabase(
    databaseLocation(stack.config.databaseUrl, stack.config.auditDatabasePath!),
  );
  try {
    await db
      .updateTable("bulk_job_row")
      .set({ state: "sent" })
      .where("job_id", "=", id)
      .where("idx", "in", rows)
      .execute();
  } finally {
    await db.destroy();
  }
}

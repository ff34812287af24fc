import { type Kysely, Migrator } from "kysely";
import { describe, expect } from "vitest";
import { migrateToLatest, type PortvaktDatabase } from "../database";
import { onEachDatabase } from "../testing/migration-databases";
import { migrationProvider } from "./index";

// Migration 0014 (review 19 #14): `bulk_job.audited_at` on the jobs ended before it, on SQLite
// and (under `pnpm test:postgres`) PostgreSQL. A job with its entry in the log, or ended before
// the last pruning (its entry may have been pruned), counts as audited; one ended without its
// entry after that, and any job still running, does not (the scan writes the entry).
async function migrateJobs(db: Kysely<PortvaktDatabase>) {
  const migrator = new Migrator({ db, provider: migrationProvider });
  const before = await migrator.migrateTo("0013_change_intent");
  expect(before.error).toBeUndefined();
  const job = (id: string, status: string, finished: number | null) => ({
    id,
    deployment: "https://portvakt.example",
    env: "demo",
    action: "access.grant-many",
    scope: "digdir:demo.read",
    actor_sub: "demo-admin",
    actor_name: "Ada Administrator",
    role: "admin",
    request_id: `r-${id}`,
    status,
    total: 1,
    owner: null,
    lease_until: 0,
    created_at: 100,
    updated_at: finished ?? 100,
    finished_at: finished,
    note: null,
  });
  await db
    .insertInto("bulk_job")
    .values([
      job("with-entry", "done", 2_000),
      job("pruned", "cancelled", 400),
      job("lost", "done", 2_000),
      job("running", "running", null),
    ])
    .execute();
  await db
    .insertInto("audit_entry")
    .values({
      id: "with-entry",
      time: new Date(2_000).toISOString(),
      actor_sub: "demo-admin",
      actor_name: "Ada Administrator",
      role: "admin",
      env: "demo",
      action: "access.grant-many",
      target: "digdir:demo.read",
      outcome: "success",
      status: 200,
      request_id: "r-with-entry",
      correlation_id: null,
      detail: null,
      before: null,
      after: null,
      follows: null,
      detail_code: null,
      seq: null,
      prev_hash: null,
      hash: null,
    })
    .execute();
  await db.updateTable("audit_chain").set({ pruned_at: 500, pruned_count: 3 }).execute();

  // 0014 runs first (later migrations after it do not touch these columns).
  expect((await migrateToLatest(db))[0]).toBe("0014_bulk_job_audited_at");
  const rows = await db.selectFrom("bulk_job").select(["id", "audited_at"]).orderBy("id").execute();
  expect(rows.map((r) => [r.id, r.audited_at === null ? null : Number(r.audited_at)])).toEqual([
    ["lost", null],
    ["pruned", 400],
    ["running", null],
    ["with-entry", 2_000],
  ]);
}

describe("migration 0014: bulk jobs say when their entry was written", () => {
  onEachDatabase("0014", migrateJobs);
});

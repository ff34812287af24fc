import { type Kysely, Migrator } from "kysely";
import { describe, expect } from "vitest";
import { migrateToLatest, type PortvaktDatabase } from "../database";
import { onEachDatabase } from "../testing/migration-databases";
import { migrationProvider } from "./index";

// Migration 0009: the consumer's "last seen" states leave `alert_sent` (rows under `seen:` keys)
// for their own table `consumer_access_seen`, on SQLite and (under `pnpm test:postgres`)
// PostgreSQL. A store at 0008 with such rows is migrated and read back.
async function migrateSeenRows(db: Kysely<PortvaktDatabase>) {
  const migrator = new Migrator({ db, provider: migrationProvider });
  const before = await migrator.migrateTo("0008_change_requests");
  expect(before.error).toBeUndefined();
  const rows = [
    // state 2 × approved + active, sent_at = since
    { key: "seen:access:nav:*", threshold_days: 3, sent_at: 10 },
    { key: "seen:access:nav:digdir:demo.read", threshold_days: 1, sent_at: 50 },
    // two rows for one scope (instances at once): the newer counts
    { key: "seen:access:nav:digdir:demo.read", threshold_days: 3, sent_at: 100 },
    { key: "seen:access:nav:difi:api3", threshold_days: 2, sent_at: 70 },
    { key: "seen:access:prod-2:nav:pensjon/v3/alderspensjon", threshold_days: 0, sent_at: 80 },
    // notices stay where they are
    { key: "client:nav:c-1:k-1:2027-01-01T00:00:00.000Z", threshold_days: 30, sent_at: 20 },
    { key: "access:revoked:nav:digdir:demo.read:100", threshold_days: 0, sent_at: 120 },
  ];
  await db.insertInto("alert_sent").values(rows).execute();

  // 0009 runs first (later migrations after it do not touch these tables).
  expect((await migrateToLatest(db))[0]).toBe("0009_consumer_access_seen");
  const seen = await db
    .selectFrom("consumer_access_seen")
    .selectAll()
    .orderBy("env")
    .orderBy("scope")
    .execute();
  expect(
    seen.map((r) => ({
      env: r.env,
      scope: r.scope,
      approved: Number(r.approved),
      active: Number(r.active),
      since: Number(r.since),
    })),
  ).toEqual([
    { env: "nav", scope: "*", approved: 1, active: 1, since: 10 },
    { env: "nav", scope: "difi:api3", approved: 1, active: 0, since: 70 },
    { env: "nav", scope: "digdir:demo.read", approved: 1, active: 1, since: 100 },
    { env: "prod-2", scope: "nav:pensjon/v3/alderspensjon", approved: 0, active: 0, since: 80 },
  ]);
  const left = await db.selectFrom("alert_sent").select("key").orderBy("key").execute();
  expect(left.map((r) => r.key)).toEqual([
    "access:revoked:nav:digdir:demo.read:100",
    "client:nav:c-1:k-1:2027-01-01T00:00:00.000Z",
  ]);
  // One row per environment and scope.
  await expect(
    db
      .insertInto("consumer_access_seen")
      .values({ env: "nav", scope: "*", approved: 1, active: 1, since: 1 })
      .execute(),
  ).rejects.toThrow();
}

describe("migration 0009: consumer access states get their own table", () => {
  onEachDatabase("0009", migrateSeenRows);
});

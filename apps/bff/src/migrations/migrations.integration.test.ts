import { randomUUID } from "node:crypto";
import { mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createClient } from "@libsql/client";
import { type Kysely, sql } from "kysely";
import pg from "pg";
import { afterAll, describe, expect, it } from "vitest";
import { AuditStore } from "../audit/store";
import { SessionRevocations } from "../auth/revocations";
import {
  type DatabaseLocation,
  migrateToLatest,
  openDatabase,
  type PortvaktDatabase,
} from "../database";
import { migrations } from "./index";

// Each earlier release's audit store (a dump made with that release's code, see fixtures/README.md)
// is loaded into an empty database and opened as the BFF opens it at start: it must come out with
// the latest schema, every earlier value unchanged, readable and writable by today's store.
const fixtures = join(import.meta.dirname, "fixtures");
const dumps = (dialect: "sqlite" | "postgres") =>
  readdirSync(fixtures)
    .filter((f) => f.endsWith(`.${dialect}.sql`))
    .map((f) => ({
      release: f.replace(`.${dialect}.sql`, ""),
      sql: readFileSync(join(fixtures, f), "utf8"),
    }));

type Row = Record<string, unknown>;
interface Snapshot {
  audit: Row[];
  sessions: Row[];
  migrations: string[];
}

async function snapshot(db: Kysely<PortvaktDatabase>): Promise<Snapshot> {
  const audit = await sql<Row>`select * from audit_entry order by id`.execute(db);
  const sessions = await sql<Row>`select * from revoked_session order by sid`.execute(db);
  const done = await sql<{ name: string }>`select name from kysely_migration order by name`.execute(
    db,
  );
  // Both drivers may return integers as strings or bigints; compare their values.
  const plain = (rows: Row[]) =>
    rows.map((r) =>
      Object.fromEntries(
        Object.entries(r).map(([k, v]) => [k, typeof v === "bigint" ? Number(v) : v]),
      ),
    );
  return {
    audit: plain(audit.rows),
    sessions: plain(sessions.rows),
    migrations: done.rows.map((r) => r.name),
  };
}

/** Tables and their columns (name, type, nullability, default), sorted, to compare two schemas. */
async function schema(db: Kysely<PortvaktDatabase>) {
  const tables = await db.introspection.getTables();
  return tables
    .map((t) => ({
      table: t.name,
      columns: t.columns
        .map(
          (c) =>
            `${c.name} ${c.dataType.toLowerCase()}${c.isNullable ? "" : " not null"}${c.hasDefaultValue ? " default" : ""}`,
        )
        .sort(),
    }))
    .sort((a, b) => a.table.localeCompare(b.table));
}

/** Opens a loaded dump as the BFF does, then checks it against a fresh database of the dialect. */
async function checkUpgrade(
  loaded: Kysely<PortvaktDatabase>,
  reopen: () => Promise<Kysely<PortvaktDatabase>>,
  fresh: () => Promise<Kysely<PortvaktDatabase>>,
) {
  const before = await snapshot(loaded);
  await loaded.destroy();
  expect(before.audit.length).toBeGreaterThan(0);
  expect(before.sessions.length).toBeGreaterThan(0);

  const db = await reopen();
  const newDb = await fresh();
  try {
    const after = await snapshot(db);
    expect(after.migrations).toEqual(Object.keys(migrations));
    expect(await schema(db)).toEqual(await schema(newDb));
    // Every earlier column of every row keeps its value.
    expect(after.audit).toHaveLength(before.audit.length);
    after.audit.forEach((row, i) => {
      for (const [column, value] of Object.entries(before.audit[i]!)) {
        expect(row[column], `${column} of ${before.audit[i]!.id}`).toEqual(value);
      }
    });
    expect(after.sessions).toEqual(before.sessions);

    // Today's store reads every earlier entry, and writes next to them.
    const audit = new AuditStore(db);
    const listed = await audit.list({ limit: 1000 });
    expect(listed.entries.map((e) => e.id).sort()).toEqual(before.audit.map((r) => r.id));
    for (const entry of listed.entries) {
      const row = before.audit.find((r) => r.id === entry.id)!;
      expect(entry.actor.name).toBe(row.actor_name);
      expect(entry.outcome).toBe(row.outcome);
      expect(entry.status).toBe(Number(row.status));
      if (row.after) expect(entry.after).toEqual(JSON.parse(row.after as string));
    }
    const added = await audit.append({
      actor: { sub: "ada", name: "Ada Administrator" },
      role: "admin",
      env: "demo",
      action: "scope.update",
      target: "digdir:after-upgrade",
      outcome: "success",
      status: 200,
      requestId: "after-upgrade",
    });
    expect((await audit.list({ limit: 1 })).entries[0]?.id).toBe(added.id);
    // Entries from before the hash chain are chained by the upgrade (oldest first), the new
    // one after them: the whole log verifies.
    expect(await audit.verify()).toMatchObject({
      ok: true,
      checked: before.audit.length + 1,
      head: { seq: before.audit.length + 1, hash: added.hash },
    });
    const revocations = new SessionRevocations(db);
    for (const s of before.sessions) expect(await revocations.isRevoked(String(s.sid))).toBe(true);
    expect(await revocations.isRevoked("never-ended")).toBe(false);

    // A second start applies nothing.
    expect(await migrateToLatest(db)).toEqual([]);
  } finally {
    await db.destroy();
    await newDb.destroy();
  }
}

describe("audit store upgrade from earlier releases (SQLite)", () => {
  const dir = mkdtempSync(join(tmpdir(), "portvakt-migrate-"));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it("has a dump of the previous release", () => {
    expect(dumps("sqlite").length).toBeGreaterThan(0);
  });

  for (const dump of dumps("sqlite")) {
    it(`migrates the audit store of ${dump.release} to the latest schema, keeping everything`, async () => {
      const path = join(dir, `${dump.release}.db`);
      const client = createClient({ url: `file:${path}` });
      await client.executeMultiple(dump.sql);
      client.close();
      const location: DatabaseLocation = { kind: "sqlite", path };
      const { Kysely } = await import("kysely");
      const { LibsqlDialect } = await import("@libsql/kysely-libsql");
      const loaded = new Kysely<PortvaktDatabase>({
        dialect: new LibsqlDialect({ url: `file:${path}` }),
      });
      await checkUpgrade(
        loaded,
        () => openDatabase(location),
        () => openDatabase({ kind: "sqlite", path: join(dir, `fresh-${dump.release}.db`) }),
      );
    });
  }
});

// Runs under `pnpm test:postgres` (DATABASE_URL names a PostgreSQL database; see README, Testing).
const postgresUrl = /^postgres(ql)?:\/\//.test(process.env.DATABASE_URL ?? "")
  ? process.env.DATABASE_URL!
  : undefined;

describe.skipIf(!postgresUrl)("audit store upgrade from earlier releases (PostgreSQL)", () => {
  const created: string[] = [];
  const admin = () => new pg.Client({ connectionString: postgresUrl });
  const urlOf = (database: string) => {
    const url = new URL(postgresUrl!);
    url.pathname = `/${database}`;
    return url.toString();
  };
  async function createDatabase(): Promise<string> {
    const name = `portvakt_migrate_${randomUUID().replaceAll("-", "").slice(0, 12)}`;
    const client = admin();
    await client.connect();
    await client.query(`create database ${name}`);
    await client.end();
    created.push(name);
    return name;
  }
  afterAll(async () => {
    const client = admin();
    await client.connect();
    for (const name of created) await client.query(`drop database if exists ${name}`);
    await client.end();
  });

  it("has a dump of the previous release", () => {
    expect(dumps("postgres").length).toBeGreaterThan(0);
  });

  for (const dump of dumps("postgres")) {
    it(`migrates the audit store of ${dump.release} to the latest schema, keeping everything`, async () => {
      const database = await createDatabase();
      const client = new pg.Client({ connectionString: urlOf(database) });
      await client.connect();
      await client.query(dump.sql);
      await client.end();
      const location: DatabaseLocation = { kind: "postgres", url: urlOf(database) };
      const freshDatabase = await createDatabase();
      const { Kysely, PostgresDialect } = await import("kysely");
      const loaded = new Kysely<PortvaktDatabase>({
        dialect: new PostgresDialect({ pool: new pg.Pool({ connectionString: urlOf(database) }) }),
      });
      await checkUpgrade(
        loaded,
        () => openDatabase(location),
        () => openDatabase({ kind: "postgres", url: urlOf(freshDatabase) }),
      );
    });
  }
});

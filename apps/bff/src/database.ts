import { mkdirSync } from "node:fs";
import { dirname } from "node:path";
import { LibsqlDialect } from "@libsql/kysely-libsql";
import {
  Kysely,
  type Migration,
  type MigrationProvider,
  Migrator,
  PostgresDialect,
  sql,
} from "kysely";
import pg from "pg";

export interface AuditEntryTable {
  id: string;
  time: string;
  actor_sub: string;
  actor_name: string;
  role: string;
  env: string;
  action: string;
  target: string;
  outcome: string;
  status: number;
  request_id: string;
  correlation_id: string | null;
  detail: string | null;
  before: string | null;
  after: string | null;
}

export interface RevokedSessionTable {
  sid: string;
  expires_at: number;
}

export interface PortvaktDatabase {
  audit_entry: AuditEntryTable;
  revoked_session: RevokedSessionTable;
}

/**
 * One schema for SQLite and PostgreSQL: text ids and ISO times keep the two dialects identical,
 * so every query is written once.
 */
const migrations: Record<string, Migration> = {
  "0001_audit_and_sessions": {
    async up(db: Kysely<unknown>) {
      await db.schema
        .createTable("audit_entry")
        .ifNotExists()
        .addColumn("id", "text", (c) => c.primaryKey())
        .addColumn("time", "text", (c) => c.notNull())
        .addColumn("actor_sub", "text", (c) => c.notNull())
        .addColumn("actor_name", "text", (c) => c.notNull())
        .addColumn("role", "text", (c) => c.notNull())
        .addColumn("env", "text", (c) => c.notNull())
        .addColumn("action", "text", (c) => c.notNull())
        .addColumn("target", "text", (c) => c.notNull())
        .addColumn("outcome", "text", (c) => c.notNull())
        .addColumn("status", "integer", (c) => c.notNull())
        .addColumn("request_id", "text", (c) => c.notNull())
        .addColumn("correlation_id", "text")
        .addColumn("detail", "text")
        .addColumn("before", "text")
        .addColumn("after", "text")
        .execute();
      await db.schema
        .createIndex("audit_entry_time")
        .ifNotExists()
        .on("audit_entry")
        .columns(["time", "id"])
        .execute();
      await db.schema
        .createTable("revoked_session")
        .ifNotExists()
        .addColumn("sid", "text", (c) => c.primaryKey())
        .addColumn("expires_at", "bigint", (c) => c.notNull())
        .execute();
    },
  },
};

const provider: MigrationProvider = { getMigrations: async () => migrations };

export type DatabaseLocation = { kind: "sqlite"; path: string } | { kind: "postgres"; url: string };

export function databaseLocation(
  databaseUrl: string | undefined,
  sqlitePath: string,
): DatabaseLocation {
  if (databaseUrl && /^postgres(ql)?:\/\//.test(databaseUrl))
    return { kind: "postgres", url: databaseUrl };
  return { kind: "sqlite", path: sqlitePath };
}

/** Opens the database and brings its schema up to date (several instances may start at once). */
export async function openDatabase(location: DatabaseLocation): Promise<Kysely<PortvaktDatabase>> {
  let db: Kysely<PortvaktDatabase>;
  if (location.kind === "postgres") {
    db = new Kysely({
      dialect: new PostgresDialect({
        pool: new pg.Pool({ connectionString: location.url, max: 10 }),
      }),
    });
  } else {
    if (location.path !== ":memory:") mkdirSync(dirname(location.path), { recursive: true });
    db = new Kysely({
      dialect: new LibsqlDialect({
        url: location.path === ":memory:" ? ":memory:" : `file:${location.path}`,
      }),
    });
    // Concurrent writers from one process wait instead of failing with SQLITE_BUSY.
    await sql`PRAGMA busy_timeout = 5000`.execute(db);
    if (location.path !== ":memory:") await sql`PRAGMA journal_mode = WAL`.execute(db);
  }
  const { error, results } = await new Migrator({ db, provider }).migrateToLatest();
  if (error) {
    const failed = results?.find((r) => r.status === "Error")?.migrationName;
    await db.destroy();
    throw new Error(`Database migration ${failed ?? ""} failed: ${(error as Error).message}`);
  }
  return db;
}

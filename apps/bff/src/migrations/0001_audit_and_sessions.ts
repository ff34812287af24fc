import type { Kysely } from "kysely";

/**
 * Release 0.1.0: the audit log and the shared list of ended sessions.
 *
 * One schema for SQLite and PostgreSQL: text ids and ISO-8601 times keep the two dialects
 * identical, so every query is written once. `revoked_session.expires_at` is epoch milliseconds.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
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
}

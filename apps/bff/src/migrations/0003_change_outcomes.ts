import type { Kysely } from "kysely";

/**
 * Truthful changes under faults (issue 13):
 * - `audit_entry.follows`: the id of an earlier entry this one follows up (an `unknown` outcome
 *   settled by a later re-read). Entries are never rewritten; a follow-up is a new entry.
 * - `pending_change`: changes whose outcome is unknown, one per resource (`lock_key`). While a row
 *   exists, no other change of that resource is sent: it is the lock kept after a timeout, shared
 *   by every instance. `settle_at` (epoch ms) is when an unconfirmed change counts as not made.
 *   `created_id`: a create settled as made keeps its row (for `REMEMBER_CREATE_MS`) naming what
 *   it made, so a retry of it is answered with that instead of making a second one.
 * - `rate_limit_window`: fixed-window counters shared by every instance (PostgreSQL runs);
 *   `window_start` is epoch ms.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable("audit_entry").addColumn("follows", "text").execute();
  await db.schema
    .createTable("pending_change")
    .ifNotExists()
    .addColumn("lock_key", "text", (c) => c.primaryKey())
    .addColumn("env", "text", (c) => c.notNull())
    .addColumn("audit_id", "text", (c) => c.notNull())
    .addColumn("action", "text", (c) => c.notNull())
    .addColumn("target", "text", (c) => c.notNull())
    .addColumn("actor_sub", "text", (c) => c.notNull())
    .addColumn("actor_name", "text", (c) => c.notNull())
    .addColumn("role", "text", (c) => c.notNull())
    .addColumn("check_spec", "text", (c) => c.notNull())
    .addColumn("created_at", "bigint", (c) => c.notNull())
    .addColumn("settle_at", "bigint", (c) => c.notNull())
    .addColumn("created_id", "text")
    .execute();
  await db.schema
    .createTable("rate_limit_window")
    .ifNotExists()
    .addColumn("key", "text", (c) => c.primaryKey())
    .addColumn("window_start", "bigint", (c) => c.notNull())
    .addColumn("count", "integer", (c) => c.notNull())
    .execute();
}

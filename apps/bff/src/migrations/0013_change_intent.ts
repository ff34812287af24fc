import type { Kysely } from "kysely";

/**
 * Write-ahead records of changes (issue 13's kind: no change at Digdir without its audit entry):
 * `change_intent` holds one row per write from just before it is sent to Digdir until the audit
 * entry that records it (`audit_id`) is written, which removes it in the same step. A row left
 * behind (its instance stopped, or its entry could not be written) is settled by re-reading
 * Digdir: it becomes the resource's `pending_change`, so the entry `unknown`
 * (`audit.outcome.unrecorded`) and a follow-up are written. Columns as `pending_change`'s; `id` is
 * the write's own id (a request may send several writes), `created_at` and `settle_at` epoch ms.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable("change_intent")
    .ifNotExists()
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("audit_id", "text", (c) => c.notNull())
    .addColumn("lock_key", "text", (c) => c.notNull())
    .addColumn("env", "text", (c) => c.notNull())
    .addColumn("action", "text", (c) => c.notNull())
    .addColumn("target", "text", (c) => c.notNull())
    .addColumn("target_parts", "text")
    .addColumn("actor_sub", "text", (c) => c.notNull())
    .addColumn("actor_name", "text", (c) => c.notNull())
    .addColumn("role", "text", (c) => c.notNull())
    .addColumn("check_spec", "text", (c) => c.notNull())
    .addColumn("created_at", "bigint", (c) => c.notNull())
    .addColumn("settle_at", "bigint", (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex("change_intent_audit_id")
    .ifNotExists()
    .on("change_intent")
    .column("audit_id")
    .execute();
}

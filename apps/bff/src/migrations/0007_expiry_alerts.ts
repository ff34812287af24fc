import type { Kysely } from "kysely";

/**
 * Expiry alerts (issue 18 #1): `alert_sent` remembers each notice sent, one row per key and
 * threshold (`key`: `client:<env>:<client_id>:<kid>:<exp>` or `credential:<env>:<notAfter>`,
 * so a renewed key or certificate is watched afresh; `threshold_days`; `sent_at` epoch ms).
 * The primary key is the claim: the instance whose insert succeeds sends the notice, the others
 * see the row and send nothing.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable("alert_sent")
    .ifNotExists()
    .addColumn("key", "text", (c) => c.notNull())
    .addColumn("threshold_days", "integer", (c) => c.notNull())
    .addColumn("sent_at", "bigint", (c) => c.notNull())
    .addPrimaryKeyConstraint("alert_sent_pk", ["key", "threshold_days"])
    .execute();
}

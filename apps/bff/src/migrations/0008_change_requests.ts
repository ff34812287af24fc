import type { Kysely } from "kysely";

/**
 * Four-eyes change requests (issue 18 #2): a change in an environment with `fourEyes: true` is
 * stored here instead of being made, until a second admin approves (then it runs once), rejects
 * it, its requester withdraws it, or it expires.
 * - `kind`: which executor runs it (`http`: a BFF route's request replayed; others registered).
 * - `action`, `target`, `summary`: what it does, for people (the audit action, e.g. `scope.create`).
 * - `payload`: JSON of the validated request (never private key material).
 * - `state`: `pending`, `approved` (claimed by one approver, running), `executed`, `rejected`,
 *   `withdrawn`, `expired`. Only an update `where state = 'pending'` leaves `pending`, so two
 *   approvers (or two instances) racing: one wins.
 * - `outcome`: `success`, `failure` or `unknown` once executed; `result`: JSON of what it answered.
 * - times: epoch ms.
 *
 * `bulk_job.note`: said first in a bulk job's audit entry (a job run for an approved change
 * request names its requester and approver there).
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable("change_request")
    .ifNotExists()
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("env", "text", (c) => c.notNull())
    .addColumn("kind", "text", (c) => c.notNull())
    .addColumn("action", "text", (c) => c.notNull())
    .addColumn("target", "text", (c) => c.notNull())
    .addColumn("summary", "text", (c) => c.notNull())
    .addColumn("payload", "text", (c) => c.notNull())
    .addColumn("requester_sub", "text", (c) => c.notNull())
    .addColumn("requester_name", "text", (c) => c.notNull())
    .addColumn("requester_role", "text", (c) => c.notNull())
    .addColumn("request_id", "text", (c) => c.notNull())
    .addColumn("state", "text", (c) => c.notNull())
    .addColumn("created_at", "bigint", (c) => c.notNull())
    .addColumn("expires_at", "bigint", (c) => c.notNull())
    .addColumn("decided_at", "bigint")
    .addColumn("decided_by_sub", "text")
    .addColumn("decided_by_name", "text")
    .addColumn("reason", "text")
    .addColumn("executed_at", "bigint")
    .addColumn("outcome", "text")
    .addColumn("result", "text")
    .addColumn("audit_id", "text")
    .execute();
  await db.schema
    .createIndex("change_request_state")
    .ifNotExists()
    .on("change_request")
    .columns(["state", "created_at"])
    .execute();
  await db.schema.alterTable("bulk_job").addColumn("note", "text").execute();
}

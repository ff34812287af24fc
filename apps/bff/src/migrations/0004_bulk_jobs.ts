import type { Kysely } from "kysely";

/**
 * Bulk grant/revoke jobs (issue 17 item 3), run by the BFF itself so that a list of 1,000
 * organisations survives a restart:
 * - `bulk_job`: one job (grant or revoke one scope to many consumers). `status` is `running`,
 *   `cancelling`, `cancelled` or `done`. `deployment`: the public origin of the instances that
 *   run it (instances behind one origin share jobs; other deployments on the same database do
 *   not take them up). `owner` / `lease_until` (epoch ms): the instance running
 *   it, renewed while it runs; a job whose lease ran out (its instance stopped or crashed) is
 *   taken up again by the next instance that looks. `audit_id`: the one audit entry written when
 *   it ends. `created_at`, `updated_at`, `finished_at`: epoch ms.
 * - `bulk_job_row`: one consumer of a job, in the order given (`idx`). `state`: `pending`, `sent`
 *   (handed to Digdir: on a restart it is re-read before anything is sent again), `success`,
 *   `failure`, `unknown` or `cancelled`. `result`: JSON of the grant as Digdir answered, `detail`:
 *   what went wrong, `attempts`: sends refused with 429.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable("bulk_job")
    .ifNotExists()
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("deployment", "text", (c) => c.notNull())
    .addColumn("env", "text", (c) => c.notNull())
    .addColumn("action", "text", (c) => c.notNull())
    .addColumn("scope", "text", (c) => c.notNull())
    .addColumn("actor_sub", "text", (c) => c.notNull())
    .addColumn("actor_name", "text", (c) => c.notNull())
    .addColumn("role", "text", (c) => c.notNull())
    .addColumn("request_id", "text", (c) => c.notNull())
    .addColumn("status", "text", (c) => c.notNull())
    .addColumn("total", "integer", (c) => c.notNull())
    .addColumn("owner", "text")
    .addColumn("lease_until", "bigint", (c) => c.notNull())
    .addColumn("created_at", "bigint", (c) => c.notNull())
    .addColumn("updated_at", "bigint", (c) => c.notNull())
    .addColumn("finished_at", "bigint")
    .execute();
  await db.schema
    .createTable("bulk_job_row")
    .ifNotExists()
    .addColumn("job_id", "text", (c) => c.notNull())
    .addColumn("idx", "integer", (c) => c.notNull())
    .addColumn("orgno", "text", (c) => c.notNull())
    .addColumn("state", "text", (c) => c.notNull())
    .addColumn("status", "integer")
    .addColumn("detail", "text")
    .addColumn("result", "text")
    .addColumn("correlation_id", "text")
    .addColumn("attempts", "integer", (c) => c.notNull().defaultTo(0))
    .addColumn("updated_at", "bigint", (c) => c.notNull())
    .addPrimaryKeyConstraint("bulk_job_row_pk", ["job_id", "idx"])
    .execute();
  await db.schema
    .createIndex("bulk_job_status")
    .ifNotExists()
    .on("bulk_job")
    .columns(["deployment", "status", "lease_until"])
    .execute();
}

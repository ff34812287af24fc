import { type Kysely, sql } from "kysely";

/**
 * When a bulk job's one audit entry was written (review 19 #14): `bulk_job.audited_at`, epoch
 * ms, set in the same update that ends the job (its entry is written just before) or when a
 * later scan writes a missing entry. The scan for ended jobs without their entry looks for
 * `audited_at is null`: it no longer guesses from the oldest entry kept by retention, a time
 * that moved back whenever an entry was written back-dated (kept entries, settled requests), so
 * that a job whose entry had been pruned got it again.
 *
 * Jobs ended before this migration: `audited_at` is their end when their entry is in the log,
 * or when they ended before the last pruning (`audit_chain.pruned_at`: their entry may have been
 * pruned; never written twice). The others (ended without their entry by a release that crashed
 * between the two) stay null, so the next scan writes their entry.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable("bulk_job").addColumn("audited_at", "bigint").execute();
  await sql`
    update bulk_job
    set audited_at = coalesce(finished_at, updated_at)
    where status in ('done', 'cancelled')
      and (
        exists (select 1 from audit_entry where audit_entry.id = bulk_job.id)
        or coalesce(finished_at, updated_at) < (select coalesce(max(pruned_at), 0) from audit_chain)
      )
  `.execute(db);
  await db.schema
    .createIndex("bulk_job_unaudited")
    .ifNotExists()
    .on("bulk_job")
    .columns(["deployment", "audited_at"])
    .execute();
}

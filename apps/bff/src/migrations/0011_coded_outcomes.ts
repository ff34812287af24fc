import type { Kysely } from "kysely";

/**
 * Outcomes and targets carry stable codes beside their English (issue 14 #13):
 * - `bulk_job_row.detail_code`: a row's detail as `{code, params?}` JSON text (the problem's
 *   code, with Digdir's own words as a parameter; or `bulk.row.*`), null on rows finished before
 *   (they keep showing their detail) and on rows without a detail;
 * - `change_request.target_parts`: the request's target as coded parts `[{code, params?}]`
 *   (`audit.target.*`) JSON text, null on requests made before and on targets without parts.
 * A change request's result (`result`, JSON already) carries its `code` inside, no column needed.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable("bulk_job_row").addColumn("detail_code", "text").execute();
  await db.schema.alterTable("change_request").addColumn("target_parts", "text").execute();
}

import type { Kysely } from "kysely";

/**
 * A change whose outcome is unknown keeps its target's coded parts (issue 14 #13):
 * `pending_change.target_parts` holds `[{code, params?}]` (`audit.target.*`) as JSON text, so the
 * follow-up entry that settles it later names its target in the page's language as the first
 * entry did. Null on rows written before and on targets without parts.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable("pending_change").addColumn("target_parts", "text").execute();
}

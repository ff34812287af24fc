import type { Kysely } from "kysely";

/**
 * Audit entries carry their detail as a stable code with parameters beside the English `detail`
 * (issue 14 #13): `detail_code` holds `{code, params?, more?}` as JSON text, null on entries
 * written before (they keep showing their detail) and on texts without a code. The hash chain
 * covers the column from this migration on (format `v2` in audit/chain.ts); older rows keep
 * their `v1` hashes and still verify.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable("audit_entry").addColumn("detail_code", "text").execute();
}

import type { Kysely } from "kysely";

/**
 * Pipeline tokens (issue 18 #4): named, expiring API tokens for the CLI in BFF mode.
 * - `api_token.token_hash`: the SHA-256 (hex) of the whole token; the token itself is shown once
 *   when issued and never stored.
 * - `role` and `envs` (JSON array of environment ids): what the token may do, and where.
 * - `created_at`, `expires_at`, `revoked_at`, `last_used_at`: epoch ms.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable("api_token")
    .ifNotExists()
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("name", "text", (c) => c.notNull())
    .addColumn("token_hash", "text", (c) => c.notNull().unique())
    .addColumn("role", "text", (c) => c.notNull())
    .addColumn("envs", "text", (c) => c.notNull())
    .addColumn("created_by_sub", "text", (c) => c.notNull())
    .addColumn("created_by_name", "text", (c) => c.notNull())
    .addColumn("created_at", "bigint", (c) => c.notNull())
    .addColumn("expires_at", "bigint", (c) => c.notNull())
    .addColumn("revoked_at", "bigint")
    .addColumn("revoked_by", "text")
    .addColumn("last_used_at", "bigint")
    .execute();
}

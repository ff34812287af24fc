import type { Kysely } from "kysely";

/**
 * Roles re-checked with the sign-in provider during a session (issue 13 #12): per session id,
 * the provider's refresh token (sealed with the session secret, never in the cookie), the roles
 * it last gave and when (`checked_at`, epoch ms), and when the row may go (`expires_at`, epoch
 * ms, the session's absolute end).
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable("session_roles")
    .ifNotExists()
    .addColumn("sid", "text", (c) => c.primaryKey())
    .addColumn("refresh_token", "text", (c) => c.notNull())
    .addColumn("roles", "text", (c) => c.notNull())
    .addColumn("checked_at", "bigint", (c) => c.notNull())
    .addColumn("expires_at", "bigint", (c) => c.notNull())
    .execute();
}

import { type Kysely, sql } from "kysely";

/**
 * What a consumer was last seen allowed to use (issue 18 #1, consumer alerts), one row per
 * environment and scope, in a table of its own (until now rows of `alert_sent` under
 * `seen:access:<env>:<scope>` keys):
 * - `approved`: 1 when Digdir listed an APPROVED access row for the scope, else 0;
 * - `active`: 0 when Digdir's catalogue lists the scope as deactivated, else 1;
 * - `since`: when this state was first seen (epoch ms); a notice of its loss is claimed in
 *   `alert_sent` under a key naming it, so every instance sends one notice per loss.
 * The scope `*` marks an environment that has been looked at once (the first look only records).
 * Existing `seen:` rows move here (their `threshold_days` was 2 × approved + active, `sent_at` the
 * since; of two rows for a scope the newer counts) and leave `alert_sent`.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable("consumer_access_seen")
    .ifNotExists()
    .addColumn("env", "text", (c) => c.notNull())
    .addColumn("scope", "text", (c) => c.notNull())
    .addColumn("approved", "integer", (c) => c.notNull())
    .addColumn("active", "integer", (c) => c.notNull())
    .addColumn("since", "bigint", (c) => c.notNull())
    .addPrimaryKeyConstraint("consumer_access_seen_pk", ["env", "scope"])
    .execute();

  const prefix = "seen:access:";
  const rows = await sql<{
    key: string;
    threshold_days: number | string;
    sent_at: number | string;
  }>`
    select key, threshold_days, sent_at from alert_sent where substr(key, 1, ${prefix.length}) = ${prefix}
  `.execute(db);
  const newest = new Map<string, { env: string; scope: string; state: number; since: number }>();
  for (const row of rows.rows) {
    // `seen:access:<env>:<scope>`: an environment id has no colon (a-z, 0-9, -); a scope may.
    const rest = row.key.slice(prefix.length);
    const colon = rest.indexOf(":");
    if (colon <= 0) continue;
    const env = rest.slice(0, colon);
    const scope = rest.slice(colon + 1);
    const since = Number(row.sent_at);
    const earlier = newest.get(`${env}\u0000${scope}`);
    if (earlier && earlier.since >= since) continue;
    newest.set(`${env}\u0000${scope}`, { env, scope, state: Number(row.threshold_days), since });
  }
  for (const row of newest.values()) {
    await sql`
      insert into consumer_access_seen (env, scope, approved, active, since)
      values (${row.env}, ${row.scope}, ${(row.state & 2) === 2 ? 1 : 0}, ${(row.state & 1) === 1 ? 1 : 0}, ${row.since})
    `.execute(db);
  }
  await sql`delete from alert_sent where substr(key, 1, ${prefix.length}) = ${prefix}`.execute(db);
}

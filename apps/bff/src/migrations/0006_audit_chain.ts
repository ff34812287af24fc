import { type Kysely, sql } from "kysely";
import { CHAIN_ID, type ChainedFields, entryHash, GENESIS_HASH } from "../audit/chain";

/**
 * The audit log as a hash chain (issue 18 #6):
 * - `audit_entry.seq`: the entry's place in the chain (1, 2, ...; unique), `prev_hash`: the hash
 *   of the entry before it (or of the anchor), `hash`: `entryHash(prev_hash, entry)` (see
 *   audit/chain.ts).
 * - `audit_chain`: one row (`id` = "audit"): `head_seq`/`head_hash`, the newest entry, updated
 *   with every append (a deleted newest entry is found too); `anchor_seq`/`anchor_hash`, the last
 *   entry removed by retention pruning (0 and 64 zeros when none), so the rest still verifies;
 *   `pruned_at` (epoch ms) and `pruned_count`.
 *
 * Entries written before this migration are chained now, in the order they were written (time,
 * then id): from here on they are covered like any other; what happened to them before cannot be
 * proven by the chain.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable("audit_entry").addColumn("seq", "bigint").execute();
  await db.schema.alterTable("audit_entry").addColumn("prev_hash", "text").execute();
  await db.schema.alterTable("audit_entry").addColumn("hash", "text").execute();
  await db.schema
    .createIndex("audit_entry_seq")
    .ifNotExists()
    .on("audit_entry")
    .column("seq")
    .unique()
    .execute();
  await db.schema
    .createTable("audit_chain")
    .ifNotExists()
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("head_seq", "bigint", (c) => c.notNull())
    .addColumn("head_hash", "text", (c) => c.notNull())
    .addColumn("anchor_seq", "bigint", (c) => c.notNull())
    .addColumn("anchor_hash", "text", (c) => c.notNull())
    .addColumn("pruned_at", "bigint")
    .addColumn("pruned_count", "bigint", (c) => c.notNull().defaultTo(0))
    .execute();

  // Chain the entries already there, oldest first, in pages.
  let seq = 0;
  let prev = GENESIS_HASH;
  const PAGE = 500;
  for (;;) {
    const rows = (
      await sql<ChainedFields>`select * from audit_entry where seq is null order by time, id limit ${PAGE}`.execute(
        db,
      )
    ).rows;
    if (rows.length === 0) break;
    for (const row of rows) {
      seq += 1;
      const hash = entryHash(prev, { ...row, seq });
      await sql`update audit_entry set seq = ${seq}, prev_hash = ${prev}, hash = ${hash} where id = ${row.id}`.execute(
        db,
      );
      prev = hash;
    }
  }
  await sql`insert into audit_chain (id, head_seq, head_hash, anchor_seq, anchor_hash, pruned_count) values (${CHAIN_ID}, ${seq}, ${prev}, ${0}, ${GENESIS_HASH}, ${0})`.execute(
    db,
  );
}

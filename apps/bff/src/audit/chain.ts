import { createHash } from "node:crypto";
import type { AuditEntryTable } from "../database";

/** The `prev_hash` of the first entry of a chain that was never pruned: 64 zeros. */
export const GENESIS_HASH = "0".repeat(64);

/** The one row of `audit_chain`, and the chain's name in it. */
export const CHAIN_ID = "audit";

/**
 * The columns of an audit row a hash covers (as stored: JSON columns as their text): every column
 * of `audit_entries` but the chain's own (`prev_hash`, `hash`), with `seq` set.
 */
export type ChainedFields = Omit<AuditEntryTable, "seq" | "prev_hash" | "hash"> & { seq: number };

/**
 * The hash of one audit entry (format `v1`): SHA-256, hex, of the JSON array
 * `["v1", prev, seq, id, time, actor_sub, actor_name, role, env, action, target, outcome, status,
 * request_id, correlation_id, detail, before, after, follows]`, where `prev` is the previous
 * entry's hash (or the anchor's, or GENESIS_HASH). Each entry thus covers every entry before it:
 * altering or removing one breaks every later hash. Never change this format: databases hold
 * hashes made with it.
 *
 * Format `v2` (migration 0010, an entry with a coded detail): the same array with "v2" first and
 * `detail_code` (its JSON text) last. An entry whose `detail_code` is null is hashed as `v1`, so
 * every row written before the column verifies as it was; setting or clearing a `detail_code`
 * afterwards changes the format and breaks the hash. Since issue 14 #13 `detail_code` may also
 * hold the target's coded parts (`target`), so an entry with a coded target is `v2` as well; the
 * format is unchanged (the column is hashed as its text, whatever it holds).
 */
export function entryHash(prev: string, row: ChainedFields): string {
  const v2 = row.detail_code !== null && row.detail_code !== undefined;
  const fields: unknown[] = [
    v2 ? "v2" : "v1",
    prev,
    Number(row.seq),
    row.id,
    row.time,
    row.actor_sub,
    row.actor_name,
    row.role,
    row.env,
    row.action,
    row.target,
    row.outcome,
    Number(row.status),
    row.request_id,
    row.correlation_id ?? null,
    row.detail ?? null,
    row.before ?? null,
    row.after ?? null,
    row.follows ?? null,
  ];
  if (v2) fields.push(row.detail_code);
  return createHash("sha256").update(JSON.stringify(fields), "utf8").digest("hex");
}

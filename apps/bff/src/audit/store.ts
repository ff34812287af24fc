import { randomUUID } from "node:crypto";
import type { AuditEntry, AuditOutcome } from "@portvakt/contracts";
import type { Kysely } from "kysely";
import type { AuditEntryTable, PortvaktDatabase } from "../database";

/** One state change, or attempt at one, as the audit log keeps it (and `/api/audit` answers it). */
export type { AuditEntry, AuditOutcome } from "@portvakt/contracts";
export { AUDIT_OUTCOMES } from "@portvakt/contracts";

/** An entry to append; `id` may be chosen beforehand (so a pending change can name it). */
export type NewAuditEntry = Omit<AuditEntry, "id" | "time"> & { id?: string; time?: string };

export interface AuditQuery {
  person?: string;
  action?: string;
  env?: string;
  /** Only these environments (the ones the reader holds a role in). */
  envs?: readonly string[];
  from?: string;
  to?: string;
  /** Only the entries of these requests (the `X-Request-Id` the BFF answered with). */
  requestIds?: readonly string[];
  /** Only the follow-ups of these entries (their `follows`). */
  follows?: readonly string[];
  limit?: number;
  /** Opaque cursor from the previous page. */
  after?: string;
}

function toRow(entry: AuditEntry): AuditEntryTable {
  return {
    id: entry.id,
    time: entry.time,
    actor_sub: entry.actor.sub,
    actor_name: entry.actor.name,
    role: entry.role,
    env: entry.env,
    action: entry.action,
    target: entry.target,
    outcome: entry.outcome,
    status: entry.status,
    request_id: entry.requestId,
    correlation_id: entry.correlationId ?? null,
    detail: entry.detail ?? null,
    before: entry.before === undefined ? null : JSON.stringify(entry.before),
    after: entry.after === undefined ? null : JSON.stringify(entry.after),
    follows: entry.follows ?? null,
  };
}

function fromRow(row: AuditEntryTable): AuditEntry {
  return {
    id: row.id,
    time: row.time,
    actor: { sub: row.actor_sub, name: row.actor_name },
    role: row.role,
    env: row.env,
    action: row.action,
    target: row.target,
    outcome: row.outcome as AuditOutcome,
    status: Number(row.status),
    requestId: row.request_id,
    ...(row.correlation_id ? { correlationId: row.correlation_id } : {}),
    ...(row.detail ? { detail: row.detail } : {}),
    ...(row.before ? { before: JSON.parse(row.before) } : {}),
    ...(row.after ? { after: JSON.parse(row.after) } : {}),
    ...(row.follows ? { follows: row.follows } : {}),
  };
}

/** Append-only audit log in SQLite or PostgreSQL; newest first when read. */
export class AuditStore {
  readonly #db: Kysely<PortvaktDatabase>;
  constructor(db: Kysely<PortvaktDatabase>) {
    this.#db = db;
  }

  async append(entry: NewAuditEntry): Promise<AuditEntry> {
    const full: AuditEntry = {
      ...entry,
      id: entry.id ?? randomUUID(),
      time: entry.time ?? new Date().toISOString(),
    };
    await this.#db.insertInto("audit_entry").values(toRow(full)).execute();
    return full;
  }

  /**
   * Appends `entry` under its chosen `id` unless an entry with that id exists already (another
   * instance wrote it first). Several instances settling one change this way write one entry.
   * @returns the entry that is in the log under that id: this one, or the one written first.
   * @throws when the database fails (nothing is written then).
   */
  async appendOnce(entry: NewAuditEntry & { id: string }): Promise<{
    entry: AuditEntry;
    written: boolean;
  }> {
    const full: AuditEntry = { ...entry, time: entry.time ?? new Date().toISOString() };
    const result = await this.#db
      .insertInto("audit_entry")
      .values(toRow(full))
      .onConflict((oc) => oc.column("id").doNothing())
      .executeTakeFirst();
    if (Number(result.numInsertedOrUpdatedRows ?? 0n) > 0) return { entry: full, written: true };
    const first = await this.get(entry.id);
    if (!first) throw new Error(`audit entry ${entry.id} neither written nor found`);
    return { entry: first, written: false };
  }

  /** The entry with this id, or `undefined`. */
  async get(id: string): Promise<AuditEntry | undefined> {
    const row = await this.#db
      .selectFrom("audit_entry")
      .selectAll()
      .where("id", "=", id)
      .executeTakeFirst();
    return row ? fromRow(row) : undefined;
  }

  async list(query: AuditQuery = {}): Promise<{ entries: AuditEntry[]; next?: string }> {
    const limit = Math.min(Math.max(query.limit ?? 50, 1), 1000);
    let q = this.#db.selectFrom("audit_entry").selectAll();
    if (query.person) {
      const like = `%${query.person.toLowerCase()}%`;
      q = q.where((eb) =>
        eb.or([
          eb(eb.fn("lower", ["actor_name"]), "like", like),
          eb("actor_sub", "=", query.person!),
        ]),
      );
    }
    if (query.action) q = q.where("action", "like", `${query.action}%`);
    if (query.env) q = q.where("env", "=", query.env);
    if (query.envs) q = q.where("env", "in", query.envs.length ? [...query.envs] : [""]);
    if (query.from) q = q.where("time", ">=", query.from);
    if (query.to) q = q.where("time", "<=", query.to);
    if (query.requestIds) {
      q = q.where("request_id", "in", query.requestIds.length ? [...query.requestIds] : [""]);
    }
    if (query.follows) {
      q = q.where("follows", "in", query.follows.length ? [...query.follows] : [""]);
    }
    if (query.after) {
      const [time, id] = Buffer.from(query.after, "base64url").toString().split("|");
      if (time && id) {
        q = q.where((eb) =>
          eb.or([eb("time", "<", time), eb.and([eb("time", "=", time), eb("id", "<", id)])]),
        );
      }
    }
    const rows = await q
      .orderBy("time", "desc")
      .orderBy("id", "desc")
      .limit(limit + 1)
      .execute();
    const entries = rows.slice(0, limit).map(fromRow);
    const last = entries.at(-1);
    return {
      entries,
      ...(rows.length > limit && last
        ? { next: Buffer.from(`${last.time}|${last.id}`).toString("base64url") }
        : {}),
    };
  }

  async ping(): Promise<void> {
    await this.#db.selectFrom("audit_entry").select("id").limit(1).execute();
  }
}

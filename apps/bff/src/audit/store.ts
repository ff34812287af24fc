import { AsyncLocalStorage } from "node:async_hooks";
import { createHash, randomUUID } from "node:crypto";
import type { AuditEntry, AuditOutcome } from "@portvakt/contracts";
import { type Kysely, PostgresAdapter, sql } from "kysely";
import type { Logger } from "pino";
import type { AuditEntryTable, PortvaktDatabase } from "../database";
import { CHAIN_ID, entryHash } from "./chain";

/** One state change, or attempt at one, as the audit log keeps it (and `/api/audit` answers it). */
export type { AuditEntry, AuditOutcome } from "@portvakt/contracts";
export { AUDIT_OUTCOMES } from "@portvakt/contracts";

/**
 * The id of an entry that belongs to another one (`purpose`: `follow-up`, `approval` …): a UUID
 * (version 8, RFC 9562) derived from `purpose` and `id`, so every instance writing it (with
 * `appendOnce`) names the same entry, and a scan can tell whether it was written.
 */
export function derivedAuditId(purpose: string, id: string): string {
  const hex = createHash("sha256").update(`${purpose}:${id}`).digest("hex");
  const variant = ((Number.parseInt(hex[16]!, 16) & 0x3) | 0x8).toString(16);
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-8${hex.slice(13, 16)}-${variant}${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}

/**
 * Whether work (one HTTP request, see `noticeKept`) kept an audit entry for later
 * (`AuditStore.appendKept` could not write it). A notice opened inside another's work (the
 * replay of an approved change request inside its approval's request) marks both.
 */
export class KeptNotice {
  #kept = false;
  readonly #outer: KeptNotice | undefined;
  constructor(outer?: KeptNotice) {
    this.#outer = outer;
  }
  /** True once any entry was kept in this work (or in work nested in it). */
  get kept(): boolean {
    return this.#kept;
  }
  /** Called by `appendKept` when it keeps an entry. */
  mark(): void {
    this.#kept = true;
    this.#outer?.mark();
  }
}

const keptNotices = new AsyncLocalStorage<KeptNotice>();

/**
 * Runs `work` with a `KeptNotice` that every `AuditStore.appendKept` in it (however deep: routes,
 * services, the four-eyes replay) marks when it keeps an entry, whichever store instance. The
 * BFF opens one per request and says so in the answer (`Portvakt-Audit: kept`).
 */
export function noticeKept<T>(work: (notice: KeptNotice) => Promise<T>): Promise<T> {
  const notice = new KeptNotice(keptNotices.getStore());
  return keptNotices.run(notice, () => work(notice));
}

/** An entry to append; `id` may be chosen beforehand (so a pending change can name it). */
export type NewAuditEntry = Omit<AuditEntry, "id" | "time" | "seq" | "hash"> & {
  id?: string;
  time?: string;
};

/** The first problem `verify` found; `seq` and `id` name the row (the id when it still exists). */
export interface ChainBreak {
  kind: "altered" | "deleted" | "unchained";
  seq?: number;
  id?: string;
  message: string;
}

/** What `verify` found: `ok` with the entries checked and the head, or the first break. */
export interface ChainReport {
  ok: boolean;
  checked: number;
  head: { seq: number; hash: string };
  anchor: { seq: number; hash: string };
  problem?: ChainBreak;
}

/** Called with every entry once it is written (streaming to a SIEM). */
export type AuditListener = (entry: AuditEntry) => void;

export interface AuditQuery {
  person?: string;
  /** An action (`access.revoke`) or a group of them (`access` or `access.`); whole dotted segments. */
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

function toRow(entry: AuditEntry): Omit<AuditEntryTable, "seq" | "prev_hash" | "hash"> {
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
    detail_code:
      entry.code || entry.targetParts?.length
        ? JSON.stringify({
            ...(entry.code ? { code: entry.code } : {}),
            ...(entry.code && entry.params ? { params: entry.params } : {}),
            ...(entry.code && entry.more?.length ? { more: entry.more } : {}),
            ...(entry.targetParts?.length ? { target: entry.targetParts } : {}),
          })
        : null,
  };
}

type CodedPart = { code: string; params?: Record<string, string | number> };

/** Parts read back leniently: only `{code: string, params?: object}` items are kept. */
function partsOf(value: unknown): CodedPart[] | undefined {
  if (!Array.isArray(value)) return undefined;
  const parts = value.filter(
    (p): p is CodedPart =>
      typeof p?.code === "string" &&
      (p.params === undefined || (typeof p.params === "object" && p.params !== null)),
  );
  return parts.length === value.length && parts.length > 0 ? parts : undefined;
}

/**
 * The `detail_code` column read back (lenient: a value that is not the shape is left out): the
 * detail's `{code, params?, more?}` and, since issue 14 #13's targets, the target's parts under
 * `target` (an entry may have either or both).
 */
function codeOf(
  text: string | null | undefined,
): Pick<AuditEntry, "code" | "params" | "more" | "targetParts"> {
  if (!text) return {};
  try {
    const value = JSON.parse(text) as Pick<AuditEntry, "code" | "params" | "more"> & {
      target?: unknown;
    };
    const target = partsOf(value?.target);
    const targetParts = target ? { targetParts: target } : {};
    if (typeof value?.code !== "string") return targetParts;
    return {
      code: value.code,
      ...(value.params && typeof value.params === "object" ? { params: value.params } : {}),
      ...(Array.isArray(value.more) ? { more: value.more } : {}),
      ...targetParts,
    };
  } catch {
    return {};
  }
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
    ...codeOf(row.detail_code),
    ...(row.before ? { before: JSON.parse(row.before) } : {}),
    ...(row.after ? { after: JSON.parse(row.after) } : {}),
    ...(row.follows ? { follows: row.follows } : {}),
    ...(row.seq !== null && row.seq !== undefined ? { seq: Number(row.seq) } : {}),
    ...(row.hash ? { hash: row.hash } : {}),
  };
}

/**
 * Append-only audit log in SQLite or PostgreSQL; newest first when read. Every entry is chained
 * (issue 18 #6): it gets the next `seq` and a hash covering the previous entry's hash, written in
 * one transaction with the chain's head (`audit_chain`). Appends take turns: in this process by a
 * queue, across instances on PostgreSQL by the head row's lock (`select ... for update`), so
 * seq order is the order of writing whatever the number of instances.
 */
export class AuditStore {
  readonly #db: Kysely<PortvaktDatabase>;
  readonly #postgres: boolean;
  readonly #listeners: AuditListener[] = [];
  #queue: Promise<unknown> = Promise.resolve();
  readonly #logger: Logger | undefined;
  /** Entries `appendKept` could not write yet, by id. */
  readonly #kept = new Map<string, AuditEntry>();
  #keptTimer: NodeJS.Timeout | undefined;
  #keptWait: number;
  #closed = false;
  /** The first wait before a kept entry is written again, ms (doubles up to 30 s). */
  readonly keptRetryMs: number;

  /** `keptRetryMs`: see `appendKept` (default 1,000 ms); `logger` gets kept entries' failures. */
  constructor(
    db: Kysely<PortvaktDatabase>,
    options: { logger?: Logger; keptRetryMs?: number } = {},
  ) {
    this.#db = db;
    this.#postgres = db.getExecutor().adapter instanceof PostgresAdapter;
    this.#logger = options.logger;
    this.keptRetryMs = options.keptRetryMs ?? 1_000;
    this.#keptWait = this.keptRetryMs;
  }

  /** Calls `listener` with every entry this store writes from now on (after its commit). */
  onAppend(listener: AuditListener): void {
    this.#listeners.push(listener);
  }

  /**
   * Runs `work` holding the chain's head, one at a time. PostgreSQL: in a transaction that locks
   * the head row (`for update`), so instances take turns. SQLite (one instance by design): in
   * this process's queue, without a transaction (a libsql transaction takes a connection of its
   * own, and other writers meanwhile would get SQLITE_BUSY); an entry written just before a crash
   * without its head update is taken as the head.
   */
  #chained<T>(
    work: (db: Kysely<PortvaktDatabase>, head: { seq: number; hash: string }) => Promise<T>,
  ): Promise<T> {
    const headOf = async (db: Kysely<PortvaktDatabase>) => {
      let q = db.selectFrom("audit_chain").selectAll().where("id", "=", CHAIN_ID);
      if (this.#postgres) q = q.forUpdate();
      const row = await q.executeTakeFirst();
      if (!row) throw new Error("The audit chain's head row is missing (audit_chain)");
      return { seq: Number(row.head_seq), hash: row.head_hash };
    };
    const run = this.#queue.then(async () => {
      if (this.#postgres) {
        return this.#db.transaction().execute(async (trx) => work(trx, await headOf(trx)));
      }
      let head = await headOf(this.#db);
      const ahead = await this.#db
        .selectFrom("audit_entry")
        .select(["seq", "hash", "prev_hash"])
        .where("seq", "=", head.seq + 1)
        .executeTakeFirst();
      if (ahead?.hash && ahead.prev_hash === head.hash) {
        head = { seq: head.seq + 1, hash: ahead.hash };
        await this.#db
          .updateTable("audit_chain")
          .set({ head_seq: head.seq, head_hash: head.hash })
          .where("id", "=", CHAIN_ID)
          .execute();
      }
      return work(this.#db, head);
    });
    this.#queue = run.catch(() => undefined);
    return run;
  }

  async #insert(
    trx: Kysely<PortvaktDatabase>,
    head: { seq: number; hash: string },
    entry: AuditEntry,
  ): Promise<AuditEntry> {
    const seq = head.seq + 1;
    const row = { ...toRow(entry), seq };
    const hash = entryHash(head.hash, row);
    await trx
      .insertInto("audit_entry")
      .values({ ...row, prev_hash: head.hash, hash })
      .execute();
    await trx
      .updateTable("audit_chain")
      .set({ head_seq: seq, head_hash: hash })
      .where("id", "=", CHAIN_ID)
      .execute();
    // The write-ahead records of the writes this entry records (`change_intent`, ChangeGuard)
    // go in the same step: on PostgreSQL the same transaction; on SQLite the same turn, and a
    // crash in between leaves a record whose entry exists, which the next pass removes.
    await trx.deleteFrom("change_intent").where("audit_id", "=", entry.id).execute();
    return { ...entry, seq, hash };
  }

  #announce(entry: AuditEntry): void {
    for (const listener of this.#listeners) {
      try {
        listener(entry);
      } catch {
        // A listener's failure never fails the change it records.
      }
    }
  }

  async append(entry: NewAuditEntry): Promise<AuditEntry> {
    const full: AuditEntry = {
      ...entry,
      id: entry.id ?? randomUUID(),
      time: entry.time ?? new Date().toISOString(),
    };
    const written = await this.#chained((trx, head) => this.#insert(trx, head, full));
    this.#announce(written);
    return written;
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
    const result = await this.#chained(async (trx, head) => {
      const first = await trx
        .selectFrom("audit_entry")
        .selectAll()
        .where("id", "=", entry.id)
        .executeTakeFirst();
      if (first) return { entry: fromRow(first), written: false };
      return { entry: await this.#insert(trx, head, full), written: true };
    });
    if (result.written) this.#announce(result.entry);
    return result;
  }

  /**
   * Makes a change of Portvakt's own state (`change`, e.g. a new pipeline token) and writes the
   * entries that record it as one step, so neither is there without the other: on PostgreSQL in
   * one transaction with the chain's head; on SQLite (one instance) in the same turn of the
   * append queue, `undo` taking the change back when an entry cannot be written (a crash between
   * the two statements is not covered there).
   * @returns the change's value and the entries as written.
   * @throws what the change or the store threw; nothing is changed or written then.
   */
  async appendWith<T>(
    entries: readonly NewAuditEntry[],
    change: (db: Kysely<PortvaktDatabase>) => Promise<T>,
    undo: (db: Kysely<PortvaktDatabase>) => Promise<void>,
  ): Promise<{ value: T; entries: AuditEntry[] }> {
    const full: AuditEntry[] = entries.map((entry) => ({
      ...entry,
      id: entry.id ?? randomUUID(),
      time: entry.time ?? new Date().toISOString(),
    }));
    const result = await this.#chained(async (trx, head) => {
      const value = await change(trx);
      const written: AuditEntry[] = [];
      try {
        let at = head;
        for (const entry of full) {
          const one = await this.#insert(trx, at, entry);
          written.push(one);
          at = { seq: one.seq!, hash: one.hash! };
        }
      } catch (error) {
        if (!this.#postgres) await undo(trx).catch(() => undefined);
        throw error;
      }
      return { value, entries: written };
    });
    for (const entry of result.entries) this.#announce(entry);
    return result;
  }

  /**
   * Appends an entry that must not be lost because the store failed at that moment: the record
   * of a change Digdir (or Portvakt's own state) has already taken. Written with `appendOnce`
   * under its id (chosen here when it has none, so a retry never writes it twice). When the
   * write fails, the entry is kept in this process and written again with a growing wait
   * (`keptRetryMs`, doubling up to 30 s) until it is in, and the failure is logged with the
   * entry (entries hold no secrets) so a crash before then still leaves its record in the log.
   * Never throws: the change happened whatever the store says. A kept entry marks the
   * `KeptNotice` of the work under way (`noticeKept`: the request's answer says so).
   * @returns `written: false` when the entry is kept for later (the answer may say so).
   */
  async appendKept(
    entry: NewAuditEntry,
  ): Promise<{ entry: AuditEntry; written: boolean; kept: boolean }> {
    const full = {
      ...entry,
      id: entry.id ?? randomUUID(),
      time: entry.time ?? new Date().toISOString(),
    };
    try {
      const result = await this.appendOnce(full);
      return { ...result, kept: false };
    } catch (error) {
      this.#keep(full, error as Error);
      keptNotices.getStore()?.mark();
      return { entry: full as AuditEntry, written: false, kept: true };
    }
  }

  /** Entries `appendKept` could not write yet, oldest first. */
  kept(): readonly AuditEntry[] {
    return [...this.#kept.values()];
  }

  /**
   * Writes the kept entries now (each once, in the order kept); the ones that fail again stay.
   * @returns how many are still kept.
   */
  async writeKept(): Promise<number> {
    if (this.#keptTimer) clearTimeout(this.#keptTimer);
    this.#keptTimer = undefined;
    for (const [id, entry] of [...this.#kept]) {
      try {
        await this.appendOnce(entry);
        this.#kept.delete(id);
        this.#keptWait = this.keptRetryMs;
        this.#logger?.warn({ audit_id: id, action: entry.action }, "kept audit entry written");
      } catch (error) {
        this.#keptWait = Math.min(this.#keptWait * 2, 30_000);
        this.#logger?.error(
          { audit_id: id, err: { message: (error as Error).message } },
          "kept audit entry still not written",
        );
        break;
      }
    }
    if (this.#kept.size > 0) this.#scheduleKept();
    return this.#kept.size;
  }

  #keep(entry: AuditEntry, error: Error): void {
    this.#kept.set(entry.id, entry);
    this.#logger?.error(
      { err: { message: error.message }, audit_entry: entry },
      "audit entry not written: kept and written again when the store answers",
    );
    this.#scheduleKept();
  }

  #scheduleKept(): void {
    if (this.#keptTimer || this.#closed) return;
    this.#keptTimer = setTimeout(() => {
      this.#keptTimer = undefined;
      void this.writeKept();
    }, this.#keptWait);
    this.#keptTimer.unref();
  }

  /** Tries the kept entries once more and stops retrying (at shutdown, before the database closes). */
  async close(): Promise<void> {
    if (this.#kept.size > 0) await this.writeKept();
    this.#closed = true;
    if (this.#keptTimer) clearTimeout(this.#keptTimer);
    this.#keptTimer = undefined;
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

  /**
   * Checks the whole chain, oldest first, from the pruning anchor to the head: each entry's hash
   * recomputed from its columns and the previous hash, `seq` without gaps, the last entry the
   * head. Stops at the first break and names its row: `altered` (an entry's content, hash or
   * prev_hash changed), `deleted` (a seq missing, or the newest entries gone), `unchained` (a row
   * written outside Portvakt: without a seq, or with one at or before the anchor, where every
   * entry was pruned).
   */
  async verify(): Promise<ChainReport> {
    const chain = await this.#db
      .selectFrom("audit_chain")
      .selectAll()
      .where("id", "=", CHAIN_ID)
      .executeTakeFirstOrThrow();
    const head = { seq: Number(chain.head_seq), hash: chain.head_hash };
    const anchor = { seq: Number(chain.anchor_seq), hash: chain.anchor_hash };
    const report = (checked: number, problem?: ChainBreak): ChainReport => ({
      ok: !problem,
      checked,
      head,
      anchor,
      ...(problem ? { problem } : {}),
    });
    const stray = await this.#db
      .selectFrom("audit_entry")
      .select("id")
      .where("seq", "is", null)
      .orderBy("time")
      .executeTakeFirst();
    if (stray) {
      return report(0, {
        kind: "unchained",
        id: stray.id,
        message: `Entry ${stray.id} is not in the chain (no seq): it was written outside Portvakt`,
      });
    }
    // Everything up to the anchor was pruned: a row there now was put back from outside (made
    // up, or restored from a backup), and the chain, which starts after the anchor, never reads it.
    const behind = await this.#db
      .selectFrom("audit_entry")
      .select(["id", "seq"])
      .where("seq", "<=", anchor.seq)
      .orderBy("seq")
      .executeTakeFirst();
    if (behind) {
      const seq = Number(behind.seq);
      return report(0, {
        kind: "unchained",
        seq,
        id: behind.id,
        message: `Entry ${behind.id} (seq ${seq}) is at or before the chain's anchor (seq ${anchor.seq}), where every entry was pruned: it was put back outside Portvakt`,
      });
    }
    let expected = anchor.seq + 1;
    let prev = anchor.hash;
    let prevId: string | undefined;
    let checked = 0;
    const PAGE = 1000;
    for (;;) {
      const rows = await this.#db
        .selectFrom("audit_entry")
        .selectAll()
        .where("seq", ">=", expected)
        .orderBy("seq")
        .limit(PAGE)
        .execute();
      for (const row of rows) {
        const seq = Number(row.seq);
        if (seq !== expected) {
          return report(checked, {
            kind: "deleted",
            seq: expected,
            message: `Entry seq ${expected}${seq - 1 > expected ? ` to ${seq - 1}` : ""} is missing (deleted)${prevId ? `: after entry ${prevId}` : ""}, before entry ${row.id} (seq ${seq})`,
          });
        }
        if (row.prev_hash !== prev || row.hash !== entryHash(prev, { ...row, seq })) {
          return report(checked, {
            kind: "altered",
            seq,
            id: row.id,
            message: `Entry ${row.id} (seq ${seq}) was altered: its hash does not match its content and the previous entry's hash`,
          });
        }
        prev = row.hash;
        prevId = row.id;
        expected = seq + 1;
        checked++;
      }
      if (rows.length < PAGE) break;
    }
    if (expected - 1 !== head.seq || prev !== head.hash) {
      return report(checked, {
        kind: "deleted",
        seq: expected,
        message:
          expected - 1 < head.seq
            ? `Entries seq ${expected} to ${head.seq} are missing (deleted)${prevId ? `: after entry ${prevId}` : ""}, the newest ones`
            : `The chain's head (seq ${head.seq}) does not match the newest entry (seq ${expected - 1})`,
      });
    }
    return report(checked);
  }

  /**
   * Retention: removes the oldest entries written before `before` (ISO 8601), as a prefix of the
   * chain (an older entry after a newer one stays until everything before it may go), and moves
   * the anchor to the last one removed so the rest still verifies. Returns how many went.
   */
  async prune(before: string, now: () => number = Date.now): Promise<number> {
    return this.#chained(async (trx, head) => {
      const chain = await trx
        .selectFrom("audit_chain")
        .selectAll()
        .where("id", "=", CHAIN_ID)
        .executeTakeFirstOrThrow();
      const firstKept = await trx
        .selectFrom("audit_entry")
        .select("seq")
        .where("time", ">=", before)
        .orderBy("seq")
        .limit(1)
        .executeTakeFirst();
      const last = firstKept ? Number(firstKept.seq) - 1 : head.seq;
      if (last <= Number(chain.anchor_seq)) return 0;
      const lastRow = await trx
        .selectFrom("audit_entry")
        .select(["hash"])
        .where("seq", "=", last)
        .executeTakeFirst();
      if (!lastRow?.hash) throw new Error(`Cannot prune: entry seq ${last} is missing`);
      const removed = await trx
        .deleteFrom("audit_entry")
        .where("seq", "<=", last)
        .executeTakeFirst();
      const count = Number(removed.numDeletedRows);
      await trx
        .updateTable("audit_chain")
        .set({
          anchor_seq: last,
          anchor_hash: lastRow.hash,
          pruned_at: now(),
          pruned_count: Number(chain.pruned_count) + count,
        })
        .where("id", "=", CHAIN_ID)
        .execute();
      return count;
    });
  }

  /** Entries after `seq` in chain order (streaming catch-up), at most `limit`. */
  async after(seq: number, limit = 500): Promise<AuditEntry[]> {
    const rows = await this.#db
      .selectFrom("audit_entry")
      .selectAll()
      .where("seq", ">", seq)
      .orderBy("seq")
      .limit(limit)
      .execute();
    return rows.map(fromRow);
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
    if (query.action) {
      // The action itself and the actions under it (`access` and `access.` find `access.grant`),
      // but not a sibling that merely starts with the same letters (`access.revoke` is not
      // `access.revoke-many`). No LIKE, so `%` and `_` in the filter mean themselves.
      const group = query.action.endsWith(".") ? query.action : `${query.action}.`;
      q = q.where((eb) =>
        eb.or([
          eb("action", "=", query.action!),
          eb(eb.fn("substr", ["action", sql.lit(1), sql.lit(group.length)]), "=", group),
        ]),
      );
    }
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

import { randomUUID } from "node:crypto";
import type { ChangeRequestState, MessageParams } from "@portvakt/contracts";
import type { Kysely } from "kysely";
import type { TargetPart } from "../audit/text";
import type { ChangeRequestTable, PortvaktDatabase } from "../database";

/** Where a change request is in its life; see migrations/0008_change_requests.ts. */
export { CHANGE_REQUEST_STATES, type ChangeRequestState } from "@portvakt/contracts";

/** What an executed change request came to (the truthful-change rules' outcomes). */
export type ChangeRequestOutcome = "success" | "failure" | "unknown";

/** A person (or a pipeline token, `token:<id>`) as a change request names them. */
export interface ChangeRequestPerson {
  sub: string;
  name: string;
}

/** A change request as the API answers it. Times are ISO 8601. */
export interface ChangeRequest {
  id: string;
  env: string;
  /** The executor that runs it (`http`: a BFF route's request; see `ChangeRequests.register`). */
  kind: string;
  /** The audit action it performs, e.g. `scope.create`. */
  action: string;
  target: string;
  /** `target` as coded parts (`audit.target.*`), when it has them. */
  targetParts?: TargetPart[];
  /** One line for people: what it will do. */
  summary: string;
  /** The validated request (kind `http`: method, path, query, body, headers). */
  payload: unknown;
  requester: ChangeRequestPerson & { role: string };
  /** The BFF request id of the request that asked for it. */
  requestId: string;
  state: ChangeRequestState;
  createdAt: string;
  expiresAt: string;
  decidedAt?: string;
  decidedBy?: ChangeRequestPerson;
  reason?: string;
  executedAt?: string;
  outcome?: ChangeRequestOutcome;
  /** What the execution answered: HTTP status, problem detail or the answer's body. */
  result?: ExecutionResult;
  /** The audit entry of the execution. */
  auditId?: string;
}

/** What an executor reports. `status`: the HTTP status the change answered (202/200/4xx/5xx). */
export interface ExecutionResult {
  outcome: ChangeRequestOutcome;
  status: number;
  /** English, for API clients and the CLI. */
  detail?: string;
  /** `detail` as code (a problem's, or `change-request.result.*`), and further sentences. */
  code?: string;
  params?: MessageParams;
  more?: TargetPart[];
  body?: unknown;
  auditId?: string;
}

/** A change request to store; see `ChangeRequests.submit`. */
export interface NewChangeRequest {
  env: string;
  kind: string;
  action: string;
  target: string;
  targetParts?: TargetPart[];
  summary: string;
  payload: unknown;
  requester: ChangeRequestPerson & { role: string };
  requestId: string;
}

export interface ChangeRequestQuery {
  state?: ChangeRequestState;
  /** Only these environments (the reader's). */
  envs?: readonly string[];
  limit?: number;
}

/** The `target_parts` column read back (lenient: a value not of the shape is left out). */
function partsOf(text: string | null | undefined): { targetParts?: TargetPart[] } {
  if (!text) return {};
  try {
    const value = JSON.parse(text) as unknown;
    if (!Array.isArray(value) || value.length === 0) return {};
    const ok = value.every(
      (p) =>
        typeof p?.code === "string" &&
        (p.params === undefined || (typeof p.params === "object" && p.params !== null)),
    );
    return ok ? { targetParts: value as TargetPart[] } : {};
  } catch {
    return {};
  }
}

const iso = (ms: number | null | undefined) =>
  ms === null || ms === undefined ? undefined : new Date(Number(ms)).toISOString();

function fromRow(row: ChangeRequestTable): ChangeRequest {
  const optional = <K extends string, V>(key: K, value: V | undefined | null) =>
    value === undefined || value === null ? {} : ({ [key]: value } as Record<K, V>);
  return {
    id: row.id,
    env: row.env,
    kind: row.kind,
    action: row.action,
    target: row.target,
    ...partsOf(row.target_parts),
    summary: row.summary,
    payload: JSON.parse(row.payload),
    requester: { sub: row.requester_sub, name: row.requester_name, role: row.requester_role },
    requestId: row.request_id,
    state: row.state as ChangeRequestState,
    createdAt: iso(row.created_at)!,
    expiresAt: iso(row.expires_at)!,
    ...optional("decidedAt", iso(row.decided_at)),
    ...(row.decided_by_sub
      ? { decidedBy: { sub: row.decided_by_sub, name: row.decided_by_name ?? row.decided_by_sub } }
      : {}),
    ...optional("reason", row.reason),
    ...optional("executedAt", iso(row.executed_at)),
    ...optional("outcome", row.outcome as ChangeRequestOutcome | null),
    ...(row.result && row.state === "executed"
      ? { result: JSON.parse(row.result) as ExecutionResult }
      : {}),
    ...optional("auditId", row.audit_id),
  };
}

/**
 * Change requests in the audit database (SQLite or PostgreSQL), shared by every instance. Every
 * change of state is one `update ... where state = 'pending'` (and, for an approval, not yet
 * expired), so of two approvers or two instances racing exactly one gets the row: the database
 * decides, not the process.
 */
export class ChangeRequestStore {
  readonly #db: Kysely<PortvaktDatabase>;
  readonly #now: () => number;
  readonly #ttlMs: number;
  /** `ttlMs`: how long a request waits for a decision; `now`: the clock, epoch ms. */
  constructor(db: Kysely<PortvaktDatabase>, ttlMs: number, now: () => number = Date.now) {
    this.#db = db;
    this.#ttlMs = ttlMs;
    this.#now = now;
  }

  async create(input: NewChangeRequest): Promise<ChangeRequest> {
    const prepared = this.prepare(input);
    await prepared.insert(this.#db);
    return prepared.request;
  }

  /**
   * A request to store, not stored yet (state `pending`, expiring after the store's days):
   * `insert` stores it (in the caller's step, e.g. with its audit entry:
   * `AuditStore.appendWith`), `remove` takes it back.
   */
  prepare(input: NewChangeRequest): {
    request: ChangeRequest;
    insert: (db: Kysely<PortvaktDatabase>) => Promise<void>;
    remove: (db: Kysely<PortvaktDatabase>) => Promise<void>;
  } {
    const now = this.#now();
    const row: ChangeRequestTable = {
      id: randomUUID(),
      env: input.env,
      kind: input.kind,
      action: input.action,
      target: input.target.slice(0, 500),
      target_parts: input.targetParts?.length ? JSON.stringify(input.targetParts) : null,
      summary: input.summary.slice(0, 1000),
      payload: JSON.stringify(input.payload ?? null),
      requester_sub: input.requester.sub,
      requester_name: input.requester.name,
      requester_role: input.requester.role,
      request_id: input.requestId,
      state: "pending",
      created_at: now,
      expires_at: now + this.#ttlMs,
      decided_at: null,
      decided_by_sub: null,
      decided_by_name: null,
      reason: null,
      executed_at: null,
      outcome: null,
      result: null,
      audit_id: null,
    };
    return {
      request: fromRow(row),
      insert: async (db) => {
        await db.insertInto("change_request").values(row).execute();
      },
      remove: async (db) => {
        await db.deleteFrom("change_request").where("id", "=", row.id).execute();
      },
    };
  }

  /** Marks every pending request whose time is up as `expired`. */
  async expire(): Promise<void> {
    await this.#db
      .updateTable("change_request")
      .set({ state: "expired" })
      .where("state", "=", "pending")
      .where("expires_at", "<=", this.#now())
      .execute();
  }

  async get(id: string): Promise<ChangeRequest | undefined> {
    await this.expire();
    const row = await this.#db
      .selectFrom("change_request")
      .selectAll()
      .where("id", "=", id)
      .executeTakeFirst();
    return row ? fromRow(row) : undefined;
  }

  /** Newest first. */
  async list(query: ChangeRequestQuery = {}): Promise<ChangeRequest[]> {
    await this.expire();
    if (query.envs && query.envs.length === 0) return [];
    let q = this.#db.selectFrom("change_request").selectAll();
    if (query.state) q = q.where("state", "=", query.state);
    if (query.envs) q = q.where("env", "in", [...query.envs]);
    const rows = await q
      .orderBy("created_at", "desc")
      .orderBy("id", "desc")
      .limit(Math.min(Math.max(query.limit ?? 200, 1), 500))
      .execute();
    return rows.map(fromRow);
  }

  /**
   * Moves a pending, unexpired request to `to`, naming who decided and why. Returns the request
   * after the move, or `undefined` when it was no longer pending (someone else decided first, it
   * expired, or it does not exist): the one `update` decides, so racing callers get one winner.
   * `db`: the caller's step (a transaction with the decision's audit entry), else the store's.
   */
  async decide(
    id: string,
    to: "executing" | "rejected" | "withdrawn",
    by: ChangeRequestPerson,
    reason?: string,
    claim?: ExecutionClaim,
    db: Kysely<PortvaktDatabase> = this.#db,
  ): Promise<ChangeRequest | undefined> {
    const now = this.#now();
    const result = await db
      .updateTable("change_request")
      .set({
        state: to,
        decided_at: now,
        decided_by_sub: by.sub,
        decided_by_name: by.name,
        reason: reason ?? null,
        // While executing, `result` holds the claim (the column is the outcome's once executed).
        result: claim ? JSON.stringify({ claim }) : null,
      })
      .where("id", "=", id)
      .where("state", "=", "pending")
      .where("expires_at", ">", now)
      .executeTakeFirst();
    if (Number(result.numUpdatedRows) !== 1) return undefined;
    const row = await db
      .selectFrom("change_request")
      .selectAll()
      .where("id", "=", id)
      .executeTakeFirst();
    return row ? fromRow(row) : undefined;
  }

  /**
   * Takes a decision `decide` made back (the request is `pending` again, undecided): when the
   * audit entry that records it could not be written in the same step (SQLite, see
   * `AuditStore.appendWith`). Only while it is still in state `to`.
   */
  async undecide(
    id: string,
    to: "executing" | "rejected" | "withdrawn",
    db: Kysely<PortvaktDatabase> = this.#db,
  ): Promise<void> {
    await db
      .updateTable("change_request")
      .set({
        state: "pending",
        decided_at: null,
        decided_by_sub: null,
        decided_by_name: null,
        reason: null,
        result: null,
      })
      .where("id", "=", id)
      .where("state", "=", to)
      .execute();
  }

  /**
   * Records what the execution came to (`executing` or an older release's `approved` →
   * `executed`). With `claim`, only while the request still holds exactly that claim (a settling
   * instance and a late finisher cannot both write). Answers the request, or `undefined` when
   * another wrote first.
   */
  async finish(
    id: string,
    result: ExecutionResult,
    claim?: ExecutionClaim | null,
  ): Promise<ChangeRequest | undefined> {
    let q = this.#db
      .updateTable("change_request")
      .set({
        state: "executed",
        executed_at: this.#now(),
        outcome: result.outcome,
        result: JSON.stringify(result),
        audit_id: result.auditId ?? null,
      })
      .where("id", "=", id)
      .where("state", "in", ["executing", "approved"]);
    if (claim) q = q.where("result", "=", JSON.stringify({ claim }));
    else if (claim === null) q = q.where("result", "is", null);
    const done = await q.executeTakeFirst();
    if (Number(done.numUpdatedRows) !== 1) return undefined;
    return this.get(id);
  }

  /**
   * Requests approved but not finished whose claim has run out (`until` ≤ now): their executing
   * instance stopped (a crash, a restart). An older release's `approved` rows count from their
   * decision plus `leaseMs`. Oldest first.
   */
  async unfinished(
    leaseMs: number,
  ): Promise<{ request: ChangeRequest; claim: ExecutionClaim | null }[]> {
    const now = this.#now();
    const rows = await this.#db
      .selectFrom("change_request")
      .selectAll()
      .where("state", "in", ["executing", "approved"])
      .orderBy("decided_at", "asc")
      .limit(100)
      .execute();
    const found: { request: ChangeRequest; claim: ExecutionClaim | null }[] = [];
    for (const row of rows) {
      let claim: ExecutionClaim | null = null;
      if (row.result) {
        try {
          claim = (JSON.parse(row.result) as { claim?: ExecutionClaim }).claim ?? null;
        } catch {
          claim = null;
        }
      }
      const until = claim ? claim.until : Number(row.decided_at ?? 0) + leaseMs;
      if (until > now) continue;
      const request = fromRow({ ...row, result: null });
      found.push({ request, claim });
    }
    return found;
  }
}

/**
 * Which instance carries out an approved request, until when (epoch ms), and the id its
 * execution's audit entry will have (so a settling instance can find what happened).
 */
export interface ExecutionClaim {
  instance: string;
  until: number;
  auditId: string;
  /**
   * The id of the approval's audit entry, written (and required) before the execution starts:
   * a claim whose approval entry is missing was never carried out. Absent on claims of older
   * releases (their approval entry has a random id).
   */
  approvalId?: string;
}

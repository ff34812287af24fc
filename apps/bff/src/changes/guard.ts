import { AsyncLocalStorage } from "node:async_hooks";
import { randomUUID } from "node:crypto";
import { setTimeout as sleep } from "node:timers/promises";
import { MaskinportenError, type SelfServiceClient } from "@portvakt/maskinporten";
import type { Kysely } from "kysely";
import type { Logger } from "pino";
import { type AuditStore, derivedAuditId } from "../audit/store";
import {
  type AuditText,
  auditFields,
  auditText,
  codedTarget,
  type TargetPart,
  targetFields,
  targetPart,
} from "../audit/text";
import type { PortvaktDatabase } from "../database";
import { codedProblem } from "../problem";
import { type CheckResult, type PendingCheck, runCheck } from "./checks";
import type { ChangeLocks } from "./locks";

/** Timing of outcome checks; every value in milliseconds. */
export interface OutcomeSettings {
  /**
   * How long the BFF keeps re-reading after a write's answer was lost before it answers
   * "outcome unknown". Default: the upstream timeout.
   */
  windowMs: number;
  /**
   * From the write's start, how long a change no re-read has seen may still land. After it, the
   * change counts as not made (a follow-up entry says so) and the resource is free again.
   * Default: 4 × the upstream timeout. Assumes Digdir finishes or drops a request by then.
   */
  settleMs: number;
  /** How often each instance re-reads the resources of pending changes. Default 30 000. */
  intervalMs: number;
  /**
   * From a write's start, how long its instance may still be writing the audit entry that
   * records it; a write-ahead record (`change_intent`) or pending change older than this with no
   * entry lost it with its instance and is settled from Digdir (`audit.outcome.unrecorded`).
   * Default 30 000.
   */
  orphanMs?: number;
}

/** `pending_change.target_parts` read back (lenient: a value not of the shape is left out). */
function partsOf(text: string | null): { parts?: TargetPart[] } {
  if (!text) return {};
  try {
    const value = JSON.parse(text) as unknown;
    const ok =
      Array.isArray(value) &&
      value.length > 0 &&
      value.every(
        (p) =>
          typeof p?.code === "string" &&
          (p.params === undefined || (typeof p.params === "object" && p.params !== null)),
      );
    return ok ? { parts: value as TargetPart[] } : {};
  } catch {
    return {};
  }
}

/**
 * The id of the follow-up entry of the audit entry `auditId` (`derivedAuditId("follow-up", …)`),
 * so every instance settling the same change names the same entry.
 */
export function followUpId(auditId: string): string {
  return derivedAuditId("follow-up", auditId);
}

/** Who made a change and under which audit entry, for a pending change and its follow-up. */
export interface ChangeContext {
  env: string;
  auditId: string;
  action: string;
  /** English, as the audit entry's `target`. */
  target: string;
  /** `target` in coded parts (`audit.target.*`), for the follow-up entry; absent when plain. */
  targetParts?: TargetPart[];
  actor: { sub: string; name: string };
  role: string;
  requestId: string;
}

/**
 * The write's answer was lost (timeout, dropped connection, gateway error) and re-reads within
 * the window did not show it. The change may still land: the resource stays locked until a
 * re-read settles it (`settleAt`, epoch ms at the latest).
 */
export class OutcomeUnknownError extends Error {
  override readonly name = "OutcomeUnknownError";
  constructor(
    readonly lockKey: string,
    /** The resource as last read, `undefined` when no re-read succeeded. */
    readonly current: unknown,
    readonly settleAt: number,
    readonly auditId: string,
    cause: unknown,
  ) {
    super(
      "Digdir did not confirm the change and a re-read does not show it yet; it may still be made",
      { cause },
    );
  }
}

/** A change of this resource has an unknown outcome that is not settled yet; nothing was sent. */
export class OutcomePendingError extends Error {
  override readonly name = "OutcomePendingError";
  constructor(
    readonly lockKey: string,
    /** Seconds until the earlier change counts as not made if no re-read sees it. */
    readonly retryAfterSeconds: number,
    readonly auditId: string,
  ) {
    super(
      "An earlier change of this resource has an unknown outcome that Portvakt is still checking",
    );
  }
}

/**
 * The write was made (a re-read showed it), but building its answer failed (another read). The
 * change stands; `cause` is what failed after it.
 */
export class MadeButUnreadError extends Error {
  override readonly name = "MadeButUnreadError";
  constructor(
    readonly recovered: AuditText,
    cause: unknown,
  ) {
    super("The change was made, but reading its result failed", { cause });
  }
}

/** An earlier attempt of this create, whose outcome was unknown, made the client after all. */
export class MadeByEarlierAttemptError extends Error {
  override readonly name = "MadeByEarlierAttemptError";
  constructor(
    readonly clientId: string,
    readonly auditId: string,
  ) {
    super(
      `An earlier attempt whose answer was lost created this client (${clientId}); it was not created again`,
    );
  }
}

type Ambiguity = "lost" | "finished";

/**
 * Whether a failed write may have been applied: `lost` (no answer, or a gateway's: it may still
 * land), `finished` (Digdir answered 5xx: a re-read tells), or `undefined` when it certainly was
 * not (Digdir refused it, or it was never sent: token, validation).
 */
export function ambiguityOf(error: unknown): Ambiguity | undefined {
  if (!(error instanceof MaskinportenError)) return undefined;
  if (error.kind === "timeout" || error.kind === "network") return "lost";
  if (error.kind === "invalid-response") return "finished";
  if (error.kind === "http" && error.status !== undefined && error.status >= 500) {
    return error.status === 502 || error.status === 504 ? "lost" : "finished";
  }
  return undefined;
}

/** How long a create settled as made is remembered, so that its retry finds it (15 min). */
export const REMEMBER_CREATE_MS = 15 * 60_000;

/**
 * Default of `OutcomeSettings.orphanMs`: how long after a write started its own request may
 * still be writing its entry, ms.
 */
const ORPHAN_MS = 30_000;

/** After how long an audit id of `ChangeGuard`'s running requests is forgotten (1 h, ms). */
const LIVE_FORGET_MS = 3_600_000;

/**
 * The id of the entry that records a change whose own entry its request never wrote
 * (`audit.outcome.unrecorded`, `derivedAuditId("unrecorded", …)`): the same on every instance,
 * and never the request's own id, which stays the request's.
 */
export function unrecordedId(auditId: string): string {
  return derivedAuditId("unrecorded", auditId);
}

/**
 * How long taking a resource's lock may take for the lock to count as free, ms: a longer wait
 * means a change of it was under way just now, so its instance is alive and about to write the
 * entry of a write-ahead record found then (left for a later pass).
 */
const FREE_LOCK_MS = 250;

const held = new AsyncLocalStorage<ReadonlySet<string>>();

/**
 * Makes every change to Digdir tell the truth under faults (issue 13):
 *
 * - Changes of one resource (a client with its keys, a grant, a scope) are serialised under a
 *   lock (`ChangeLocks`: this process, or PostgreSQL advisory locks across instances).
 * - A write is sent once, never repeated blind. When its answer is lost, the lock is kept and the
 *   resource re-read (bounded by `windowMs`): the change is then `success` (the answer is
 *   rebuilt from the re-read) or, when Digdir answered an error and the re-read does not show
 *   it, `failure`.
 * - Otherwise the outcome is `unknown`: a `pending_change` row keeps the resource locked for
 *   every instance; a later re-read (the next read of it, the next change of it, or the
 *   background pass) appends a follow-up audit entry linked to the first, and frees it.
 */
export class ChangeGuard {
  readonly #db: Kysely<PortvaktDatabase>;
  readonly #audit: AuditStore;
  readonly #locks: ChangeLocks;
  readonly #apiOf: (env: string) => SelfServiceClient | undefined;
  readonly settings: OutcomeSettings;
  readonly #logger: Logger | undefined;
  readonly #now: () => number;
  /** Lock keys with a pending row, as this instance last saw them. */
  #pendingKeys = new Set<string>();
  #timer: NodeJS.Timeout | undefined;
  #sweeping: Promise<void> | undefined;
  /**
   * Audit ids of requests of this instance that sent a write and have not written their entry
   * yet, with when they first did (epoch ms): not orphaned, whatever their age.
   */
  readonly #live = new Map<string, number>();

  constructor(options: {
    db: Kysely<PortvaktDatabase>;
    audit: AuditStore;
    locks: ChangeLocks;
    apiOf: (env: string) => SelfServiceClient | undefined;
    settings: OutcomeSettings;
    logger?: Logger;
    /** Epoch ms. */
    now?: () => number;
  }) {
    this.#db = options.db;
    this.#audit = options.audit;
    this.#locks = options.locks;
    this.#apiOf = options.apiOf;
    this.settings = options.settings;
    this.#logger = options.logger;
    this.#now = options.now ?? Date.now;
    this.#audit.onAppend((entry) => this.#live.delete(entry.id));
  }

  /** Where serialisation holds: this process or every instance sharing the database. */
  get lockScope(): ChangeLocks["scope"] {
    return this.#locks.scope;
  }

  /**
   * Runs `work` holding the resource's lock, after settling an earlier unknown change of it.
   * Re-entrant: work already holding `key` runs at once. This is the `RunLocked` passed to the
   * client library's key-set editor.
   * @throws OutcomePendingError when an earlier change of it is still unknown.
   */
  run<T>(key: string, work: () => Promise<T>, context?: { requestId?: string }): Promise<T> {
    const outer = held.getStore();
    if (outer?.has(key)) return work();
    return this.#locks.run(key, async () => {
      await this.#settleOrRefuse(key, context?.requestId);
      return held.run(new Set([...(outer ?? []), key]), work);
    });
  }

  /**
   * Sends one write under the resource's lock and finds out what happened (see the class).
   * `recover` builds the write's answer from a re-read that shows it.
   * @throws OutcomeUnknownError, OutcomePendingError, or the write's own error when it was not made.
   */
  async write<T>(
    context: ChangeContext,
    spec: {
      lockKey: string;
      check: PendingCheck;
      send: () => Promise<T>;
      recover: (result: CheckResult) => T | Promise<T>;
    },
  ): Promise<{ value: T; recovered?: AuditText }> {
    return this.run(
      spec.lockKey,
      async () => {
        const api = this.#requireApi(context.env);
        const started = this.#now();
        await this.#recordIntent(spec.lockKey, context, spec.check, started);
        if (!this.#live.has(context.auditId)) this.#live.set(context.auditId, started);
        try {
          return { value: await spec.send() };
        } catch (error) {
          const ambiguity = ambiguityOf(error);
          if (!ambiguity) throw error;
          const seen = await this.#reRead(api, spec.check, ambiguity);
          if (seen.result?.applied) {
            const recovered = auditText("audit.recovered", describe(error));
            try {
              return { value: await spec.recover(seen.result), recovered };
            } catch (failure) {
              throw new MadeButUnreadError(recovered, failure);
            }
          }
          // Digdir answered an error and the change is not there: it was not made. Never sent
          // again here: the person decides, and a new attempt goes through this check again.
          if (ambiguity === "finished" && seen.result) throw error;
          const settleAt = started + this.settings.settleMs;
          await this.#recordPending(spec.lockKey, context, spec.check, settleAt);
          throw new OutcomeUnknownError(
            spec.lockKey,
            seen.result?.state,
            settleAt,
            context.auditId,
            error,
          );
        }
      },
      { requestId: context.requestId },
    );
  }

  /** Re-reads until the check shows the write or the window ends (one read if Digdir answered). */
  async #reRead(
    api: SelfServiceClient,
    check: PendingCheck,
    ambiguity: Ambiguity,
  ): Promise<{ result?: CheckResult }> {
    const deadline = this.#now() + this.settings.windowMs;
    const pause = Math.max(25, Math.min(1_000, this.settings.windowMs / 5));
    let last: CheckResult | undefined;
    for (;;) {
      const remaining = deadline - this.#now();
      try {
        const read = runCheck(api, check);
        const result = await (remaining > 0
          ? Promise.race([read, sleep(remaining).then(() => undefined)])
          : read);
        read.catch(() => {});
        if (result) {
          last = result;
          if (result.applied || ambiguity === "finished") return { result };
        }
      } catch {
        // Digdir is still unwell; try again within the window.
      }
      if (this.#now() + pause > deadline) return last ? { result: last } : {};
      await sleep(pause);
    }
  }

  /**
   * The write-ahead record of one write, stored before it is sent: the entry that records the
   * write removes it (`AuditStore`, same step); one left behind is settled by `sweep`.
   * @throws ProblemError 503 `problem.audit-unavailable` when it cannot be stored (nothing sent).
   */
  async #recordIntent(
    lockKey: string,
    context: ChangeContext,
    check: PendingCheck,
    started: number,
  ): Promise<void> {
    try {
      await this.#db
        .insertInto("change_intent")
        .values({
          id: randomUUID(),
          ...changeColumns(lockKey, context, check),
          created_at: started,
          settle_at: started + this.settings.settleMs,
        })
        .execute();
    } catch (error) {
      this.#logger?.error(
        {
          lock_key: lockKey,
          audit_id: context.auditId,
          err: { message: (error as Error).message },
        },
        "write-ahead record not stored: the change is not sent",
      );
      throw codedProblem(503, "problem.audit-unavailable", {});
    }
  }

  /**
   * Write-ahead records whose entry never came (the instance stopped between sending and
   * writing it, or its kept entry died with it), older than `orphanMs` and not kept in this
   * instance: under the resource's lock each becomes the resource's pending change (when no
   * other is pending), which `#settle` then records as `unknown` (`audit.outcome.unrecorded`)
   * and follows up from Digdir. One whose entry exists is removed. A bulk job's wait for the job
   * (which writes its entry when it ends, and is taken up again after a crash).
   */
  async #adoptOrphans(): Promise<void> {
    const rows = await this.#db
      .selectFrom("change_intent")
      .selectAll()
      .where("created_at", "<", this.#now() - this.#orphanMs)
      .orderBy("created_at")
      .execute();
    if (rows.length === 0) return;
    for (const intent of rows) {
      if (this.#runningHere(intent.audit_id)) continue;
      const asked = performance.now();
      try {
        await this.#locks.run(intent.lock_key, async () => {
          if (performance.now() - asked > FREE_LOCK_MS) return;
          const still = await this.#db
            .selectFrom("change_intent")
            .select("id")
            .where("id", "=", intent.id)
            .executeTakeFirst();
          if (!still) return;
          if (await this.#audit.get(intent.audit_id)) {
            await this.#db.deleteFrom("change_intent").where("id", "=", intent.id).execute();
            return;
          }
          if (await this.#isBulkJob(intent.audit_id)) return;
          const { id: _id, ...row } = intent;
          await this.#db
            .insertInto("pending_change")
            .values({ ...row, created_id: null })
            .onConflict((oc) => oc.column("lock_key").doNothing())
            .execute();
          const pending = await this.#db
            .selectFrom("pending_change")
            .select("audit_id")
            .where("lock_key", "=", intent.lock_key)
            .executeTakeFirst();
          if (pending?.audit_id !== intent.audit_id) return;
          await this.#db.deleteFrom("change_intent").where("id", "=", intent.id).execute();
          this.#pendingKeys.add(intent.lock_key);
          this.#logger?.warn(
            { lock_key: intent.lock_key, audit_id: intent.audit_id },
            "a change sent without its audit entry: settling it from Digdir",
          );
        });
      } catch (error) {
        this.#logger?.warn(
          { lock_key: intent.lock_key, err: { message: (error as Error).message } },
          "adopting a write-ahead record failed",
        );
      }
    }
  }

  /**
   * Whether the request of `auditId` is known to be running in this instance (it sent a write
   * and has not written its entry; ids older than an hour are forgotten), or its entry waits
   * in memory for the store (`AuditStore.kept`).
   */
  #runningHere(auditId: string): boolean {
    const since = this.#live.get(auditId);
    if (since !== undefined && this.#now() - since > LIVE_FORGET_MS) this.#live.delete(auditId);
    else if (since !== undefined) return true;
    return this.#audit.kept().some((entry) => entry.id === auditId);
  }

  get #orphanMs(): number {
    return this.settings.orphanMs ?? ORPHAN_MS;
  }

  async #recordPending(
    lockKey: string,
    context: ChangeContext,
    check: PendingCheck,
    settleAt: number,
  ): Promise<void> {
    const row = {
      ...changeColumns(lockKey, context, check),
      created_at: this.#now(),
      settle_at: settleAt,
      created_id: null,
    };
    await this.#db
      .insertInto("pending_change")
      .values(row)
      .onConflict((oc) => oc.column("lock_key").doUpdateSet(row))
      .execute();
    this.#pendingKeys.add(lockKey);
  }

  /** Under the lock: settles an earlier unknown change of `key`, or refuses while it may land. */
  async #settleOrRefuse(key: string, requestId: string | undefined): Promise<void> {
    const pending = await this.#db
      .selectFrom("pending_change")
      .selectAll()
      .where("lock_key", "=", key)
      .executeTakeFirst();
    if (!pending) {
      this.#pendingKeys.delete(key);
      return;
    }
    if (pending.created_id !== null) {
      // A create whose unknown outcome was settled as made: its retry gets what it made.
      if (this.#now() - Number(pending.created_at) < REMEMBER_CREATE_MS) {
        throw new MadeByEarlierAttemptError(pending.created_id, pending.audit_id);
      }
      await this.#forget(pending);
      return;
    }
    const settled = await this.#settle(pending, requestId);
    if (settled.applied === undefined || (!settled.applied && !settled.final)) {
      throw new OutcomePendingError(
        key,
        Math.max(1, Math.ceil((Number(pending.settle_at) - this.#now()) / 1000)),
        pending.audit_id,
      );
    }
    if (settled.applied && settled.created) {
      throw new MadeByEarlierAttemptError(settled.created, pending.audit_id);
    }
  }

  async #isBulkJob(id: string): Promise<boolean> {
    const job = await this.#db
      .selectFrom("bulk_job")
      .select("id")
      .where("id", "=", id)
      .executeTakeFirst();
    return job !== undefined;
  }

  async #forget(pending: PortvaktDatabase["pending_change"]): Promise<void> {
    await this.#db
      .deleteFrom("pending_change")
      .where("lock_key", "=", pending.lock_key)
      .where("audit_id", "=", pending.audit_id)
      .execute();
    this.#pendingKeys.delete(pending.lock_key);
  }

  /**
   * Re-reads a pending change; when the re-read settles it (seen, or not seen after
   * `settle_at`), appends the follow-up entry and frees the resource (a create made keeps its
   * row, naming what it made, for `REMEMBER_CREATE_MS`). Call holding its lock.
   */
  async #settle(
    pending: PortvaktDatabase["pending_change"],
    requestId: string | undefined,
  ): Promise<{ applied?: boolean; final?: boolean; created?: string }> {
    if (pending.created_id !== null) return { applied: true, final: true };
    const api = this.#apiOf(pending.env);
    if (!api) return {};
    const check = JSON.parse(pending.check_spec) as PendingCheck;
    let result: CheckResult;
    try {
      result = await runCheck(api, check);
    } catch {
      return {};
    }
    const now = this.#now();
    const final = result.applied || now >= Number(pending.settle_at);
    if (!final) return { applied: false, final: false };
    // The first entry (`unknown`) is written by the request after the guard gave up; an
    // instance that stopped in between left the pending row without it. Recorded here from the
    // row before the follow-up, so the follow-up never follows nothing: under an id of its own
    // (`unrecordedId`), never the request's, so a request that is still running after all (on
    // another instance, or a long one with several writes) keeps its own entry when it writes
    // it. Not while the request is known to be running here (`#live`, or its entry kept in
    // memory), nor while the row is young. A bulk job's rows name the job's entry, which the job
    // writes when it ends (BulkJobs).
    let follows = pending.audit_id;
    if (!(await this.#audit.get(pending.audit_id)) && !(await this.#isBulkJob(pending.audit_id))) {
      if (now - Number(pending.created_at) < this.#orphanMs) return {};
      if (this.#runningHere(pending.audit_id)) return {};
      follows = unrecordedId(pending.audit_id);
      await this.#audit.appendOnce({
        id: follows,
        time: new Date(Number(pending.created_at)).toISOString(),
        actor: { sub: pending.actor_sub, name: pending.actor_name },
        role: pending.role,
        env: pending.env,
        action: pending.action,
        ...targetFields({ text: pending.target, ...partsOf(pending.target_parts) }),
        outcome: "unknown",
        status: 504,
        requestId: requestId ?? `follow-up-${randomUUID()}`,
        ...auditFields(auditText("audit.outcome.unrecorded")),
      });
    }
    const seenCreated = result.applied ? result.created?.client_id : undefined;
    const waited = Math.round((now - Number(pending.created_at)) / 1000);
    // The follow-up is written first, under an id derived from the first entry's, and the
    // pending row goes only after it: whoever sees the resource free also finds the follow-up,
    // several instances settling at once write one entry (the first one's verdict counts for
    // all), and a crash in between is finished by the next pass.
    const { entry, written } = await this.#audit.appendOnce({
      id: followUpId(pending.audit_id),
      actor: { sub: pending.actor_sub, name: pending.actor_name },
      role: pending.role,
      env: pending.env,
      action: pending.action,
      ...targetFields(
        seenCreated
          ? codedTarget(targetPart("audit.target.client", { id: seenCreated }))
          : { text: pending.target, ...partsOf(pending.target_parts) },
      ),
      outcome: result.applied ? "success" : "failure",
      status: result.applied ? 200 : 504,
      requestId: requestId ?? `follow-up-${randomUUID()}`,
      follows,
      ...auditFields(
        auditText(result.applied ? "audit.follow-up.made" : "audit.follow-up.not-seen", {
          seconds: waited,
        }),
      ),
      ...(result.state !== undefined && result.state !== null ? { after: result.state } : {}),
    });
    const applied = entry.outcome === "success";
    const created =
      applied && check.type === "client.create"
        ? (seenCreated ?? /^client (.+)$/.exec(entry.target)?.[1])
        : undefined;
    if (created) {
      await this.#db
        .updateTable("pending_change")
        .set({ created_id: created })
        .where("lock_key", "=", pending.lock_key)
        .where("audit_id", "=", pending.audit_id)
        .where("created_id", "is", null)
        .execute();
    } else {
      await this.#db
        .deleteFrom("pending_change")
        .where("lock_key", "=", pending.lock_key)
        .where("audit_id", "=", pending.audit_id)
        .execute();
    }
    this.#pendingKeys.delete(pending.lock_key);
    if (written) {
      this.#logger?.info(
        { lock_key: pending.lock_key, follows: pending.audit_id, applied },
        "unknown outcome settled",
      );
    }
    return { applied, final: true, ...(created ? { created } : {}) };
  }

  /**
   * A read of these resources happened: settle their pending changes in the background (the
   * read itself is not held up). `prefix` matches every key starting with it.
   */
  noticeRead(keys: { exact?: string[]; prefix?: string }): void {
    if (this.#pendingKeys.size === 0) return;
    const due = [...this.#pendingKeys].filter(
      (key) => keys.exact?.includes(key) || (keys.prefix && key.startsWith(keys.prefix)),
    );
    for (const key of due) void this.#settleKey(key);
  }

  async #settleKey(key: string): Promise<void> {
    try {
      await this.#locks.run(key, async () => {
        const pending = await this.#db
          .selectFrom("pending_change")
          .selectAll()
          .where("lock_key", "=", key)
          .executeTakeFirst();
        if (!pending) {
          this.#pendingKeys.delete(key);
          return;
        }
        await this.#settle(pending, undefined);
      });
    } catch (error) {
      this.#logger?.warn(
        { lock_key: key, err: { message: (error as Error).message } },
        "settling an unknown outcome failed",
      );
    }
  }

  /** One background pass over every pending change (all instances'). */
  sweep(): Promise<void> {
    this.#sweeping ??= (async () => {
      try {
        await this.#db
          .deleteFrom("pending_change")
          .where("created_id", "is not", null)
          .where("created_at", "<", this.#now() - REMEMBER_CREATE_MS)
          .execute();
        await this.#adoptOrphans();
        const rows = await this.#db
          .selectFrom("pending_change")
          .select("lock_key")
          .where("created_id", "is", null)
          .execute();
        this.#pendingKeys = new Set(rows.map((row) => row.lock_key));
        for (const { lock_key } of rows) await this.#settleKey(lock_key);
      } catch (error) {
        this.#logger?.warn({ err: { message: (error as Error).message } }, "outcome pass failed");
      } finally {
        this.#sweeping = undefined;
      }
    })();
    return this.#sweeping;
  }

  /** The resources (lock keys) of changes whose outcome is not settled yet (all instances'). */
  async pendingKeys(): Promise<string[]> {
    const rows = await this.#db
      .selectFrom("pending_change")
      .select("lock_key")
      .where("created_id", "is", null)
      .execute();
    return rows.map((row) => row.lock_key);
  }

  /** How many changes have an unknown outcome not settled yet (all instances'). */
  async pendingCount(): Promise<number> {
    return (await this.pendingKeys()).length;
  }

  start(): void {
    this.#timer ??= setInterval(() => void this.sweep(), this.settings.intervalMs);
    this.#timer.unref();
    void this.sweep();
  }

  async stop(): Promise<void> {
    if (this.#timer) clearInterval(this.#timer);
    this.#timer = undefined;
    await this.#sweeping;
  }

  #requireApi(env: string): SelfServiceClient {
    const api = this.#apiOf(env);
    if (!api) throw new Error(`No environment ${env}`);
    return api;
  }
}

/** Why Digdir's answer was lost, as the parameters of `audit.recovered`. */
function describe(error: unknown): { why: string; status?: number } {
  if (error instanceof MaskinportenError) {
    if (error.kind === "timeout") return { why: "timeout" };
    if (error.kind === "network") return { why: "network" };
    if (error.status) return { why: "http", status: error.status };
  }
  return { why: "error" };
}

/**
 * The columns a `change_intent` row (written before a change is sent) and a `pending_change` row
 * (an unknown outcome to settle) share: the lock, who changed what where, and how to check it.
 */
function changeColumns(lockKey: string, context: ChangeContext, check: PendingCheck) {
  return {
    lock_key: lockKey,
    env: context.env,
    audit_id: context.auditId,
    action: context.action,
    target: context.target,
    target_parts: context.targetParts?.length ? JSON.stringify(context.targetParts) : null,
    actor_sub: context.actor.sub,
    actor_name: context.actor.name,
    role: context.role,
    check_spec: JSON.stringify(check),
  };
}

import { randomUUID } from "node:crypto";
import {
  type AuditAction,
  auditMessages,
  coded,
  codedFromText,
  type MessageParams,
} from "@portvakt/contracts";
import { MaskinportenError } from "@portvakt/maskinporten";
import type { Kysely } from "kysely";
import type { Logger } from "pino";
import type { AuditOutcome, AuditStore, NewAuditEntry } from "../audit/store";
import {
  type AuditText,
  auditFields,
  auditText,
  codedTarget,
  joinTexts,
  targetFields,
  targetPart,
  textOf,
} from "../audit/text";
import { runCheck } from "../changes/checks";
import { type ChangeGuard, OutcomeUnknownError } from "../changes/guard";
import { GuardedApi } from "../changes/guarded-api";
import type { BulkJobRowTable, BulkJobTable, PortvaktDatabase } from "../database";
import { ProblemError, problemFromChange, problemFromUpstream } from "../problem";
import type { Environment } from "../upstream";

/** What a bulk job does to every consumer of its list. */
export type BulkAction = "grant" | "revoke";

/** The audit action of a bulk job (`access.revoke-many` is destructive: prod asks to confirm). */
export const BULK_AUDIT_ACTIONS: Record<BulkAction, AuditAction> = {
  grant: "access.grant-many",
  revoke: "access.revoke-many",
};

/** `running` → (`cancelling` →) `done` | `cancelled`. */
export type BulkJobStatus = "running" | "cancelling" | "cancelled" | "done";
/** `pending` → `sent` → `success` | `failure` | `unknown`; or `cancelled` before it is sent. */
export type BulkRowState = "pending" | "sent" | "success" | "failure" | "unknown" | "cancelled";

/** One consumer of a job as the page shows it. */
export interface BulkJobRowView {
  orgno: string;
  state: BulkRowState;
  /** HTTP status of the outcome (200, or the problem's status). */
  status?: number;
  detail?: string;
  /** `detail`'s code and parameters (see `BulkJobRow` in contracts). */
  code?: string;
  params?: MessageParams;
  correlation_id?: string;
  /** The consumer's name as Digdir answered the change. */
  name?: string;
  /** How many sends Digdir refused with 429 before this one (each waited out). */
  rate_limited: number;
}

/** A job with its rows, in the order given. Times are ISO 8601. */
export interface BulkJobView {
  id: string;
  env: string;
  action: BulkAction;
  scope: string;
  status: BulkJobStatus;
  created: string;
  finished?: string;
  actor: { sub: string; name: string };
  /** The audit entry written when the job ends (same id as the job). */
  audit_id: string;
  counts: Record<BulkRowState, number>;
  total: number;
  rows: BulkJobRowView[];
}

/** Who starts a job, for its rows' change context and its audit entry. */
export interface BulkJobInput {
  env: string;
  action: BulkAction;
  scope: string;
  orgnos: readonly string[];
  actor: { sub: string; name: string };
  role: string;
  requestId: string;
  /** Said first in the job's audit entry, e.g. who asked for and who approved it (four-eyes). */
  note?: string;
}

export interface BulkJobSettings {
  /** Rows in flight per job. Default 8. */
  concurrency: number;
  /** How long an instance's claim on a job lasts without renewal, ms. Default 15 000. */
  leaseMs: number;
  /** Waits longer than this are cut to it, s (a Retry-After of an hour is not waited out). Default 60. */
  maxRetryAfterSeconds: number;
  /** After this many 429 answers for one row, the row fails. Default 10. */
  max429PerRow: number;
}

const DEFAULTS: BulkJobSettings = {
  concurrency: 8,
  leaseMs: 15_000,
  maxRetryAfterSeconds: 60,
  max429PerRow: 10,
};

/** How long a row's outcome may wait to be stored with others, ms. */
const FLUSH_MS = 20;

const FINAL_ROW_STATES = new Set<BulkRowState>(["success", "failure", "unknown", "cancelled"]);

/** The wait before resending after a 429 that named no Retry-After: 1, 2, 4 … s. */
function fallbackWaitSeconds(attempt: number): number {
  return Math.min(30, 2 ** Math.max(0, attempt - 1));
}

type RowChange = Partial<
  Pick<
    BulkJobRowTable,
    "state" | "status" | "detail" | "detail_code" | "result" | "correlation_id" | "attempts"
  >
>;

/**
 * A row's detail and its code for `bulk_job_row` (`detail`, `detail_code`): a problem keeps its
 * code and parameters (Digdir's own words that no table knows are the `words` parameter of
 * `problem.upstream`, shown as Digdir's), `bulk.row.*` is Portvakt's own.
 */
function rowText(text: {
  detail?: string;
  code?: string;
  params?: MessageParams;
}): Pick<BulkJobRowTable, "detail" | "detail_code"> {
  return {
    detail: text.detail ?? null,
    detail_code:
      text.detail && text.code
        ? JSON.stringify({ code: text.code, ...(text.params ? { params: text.params } : {}) })
        : null,
  };
}

/** `detail_code` read back (lenient: a value not of the shape is left out). */
function rowCodeOf(text: string | null): { code?: string; params?: MessageParams } {
  if (!text) return {};
  try {
    const value = JSON.parse(text) as { code?: unknown; params?: unknown };
    if (typeof value?.code !== "string") return {};
    return {
      code: value.code,
      ...(value.params && typeof value.params === "object"
        ? { params: value.params as MessageParams }
        : {}),
    };
  } catch {
    return {};
  }
}

interface Running {
  cancelled: boolean;
  /** Another instance took the job over (this one's lease ran out): stop, end nothing. */
  lost: boolean;
  /** Epoch ms before which no row of the job is sent (Digdir said 429 with Retry-After). */
  pausedUntil: number;
  done: Promise<void>;
}

/**
 * Bulk grant or revoke of one scope for many consumers as one server-side job (issue 17 item 3).
 *
 * - Persisted (`bulk_job`, `bulk_job_row`): a restart takes the job up again where it stopped;
 *   a row already finished is never sent again, and a row that was sent when the instance
 *   stopped (`sent`) is first re-read at Digdir and only sent again if the re-read does not
 *   show it.
 * - Each row goes through the `ChangeGuard` (via `GuardedApi`) as a single change does:
 *   serialised per (scope, consumer), sent once, its lost answer settled by re-reading.
 * - At most `concurrency` rows in flight; a 429 from Digdir pauses the whole job for its
 *   `Retry-After` (seconds or date; 1, 2, 4 … s when it says nothing) and the row is sent again
 *   (a 429 means Digdir did not take it).
 * - Cancelling stops sending new rows; rows under way finish; the rest become `cancelled`.
 * - When the job ends, one audit entry (id = job id) holds every row's outcome in `after`:
 *   `success` when all succeeded, `partial` when some did not (or it was cancelled), `failure`
 *   when none did, `unknown` when every outcome is unknown. The entry is written before the
 *   status says `done`/`cancelled`: a job never reads ended without its entry, and a failed
 *   audit write leaves the job to be taken up and ended again (see `#finish`).
 * - With PostgreSQL, several instances share the jobs: one holds a job's lease (`leaseMs`,
 *   renewed while it runs); another takes the job up when the lease runs out.
 */
export class BulkJobs {
  readonly #db: Kysely<PortvaktDatabase>;
  readonly #audit: AuditStore;
  readonly #guard: ChangeGuard;
  readonly #environments: () => readonly Environment[];
  readonly #logger: Logger | undefined;
  readonly #now: () => number;
  readonly #deployment: string;
  readonly settings: BulkJobSettings;
  /** This instance, in job leases. */
  readonly #owner = randomUUID();
  readonly #running = new Map<string, Running>();
  #stopping = false;
  /** Row changes not stored yet, by job and row. */
  readonly #rowWrites = new Map<string, BulkJobRowTable>();
  #flushTimer: NodeJS.Timeout | undefined;
  #storing: Promise<void> = Promise.resolve();
  #timer: NodeJS.Timeout | undefined;
  #scanning: Promise<void> | undefined;

  constructor(options: {
    db: Kysely<PortvaktDatabase>;
    audit: AuditStore;
    changeGuard: ChangeGuard;
    environments: () => readonly Environment[];
    /**
     * The instances that share jobs: the public origin. Other deployments (or test stacks) on
     * the same PostgreSQL database never take up each other's jobs.
     */
    deployment: string;
    logger?: Logger;
    settings?: Partial<BulkJobSettings>;
    /** Epoch ms. */
    now?: () => number;
  }) {
    this.#db = options.db;
    this.#audit = options.audit;
    this.#guard = options.changeGuard;
    this.#environments = options.environments;
    this.#logger = options.logger;
    this.#now = options.now ?? Date.now;
    this.#deployment = options.deployment;
    this.settings = { ...DEFAULTS, ...options.settings };
  }

  /**
   * Takes up unfinished jobs nobody holds (after a restart), now and every third of a lease,
   * and renews the leases of the jobs running here.
   */
  start(): void {
    this.#stopping = false;
    const tick = () => {
      this.#scanning ??= this.#scan()
        .catch((error) =>
          this.#logger?.error({ err: (error as Error).message }, "bulk job scan failed"),
        )
        .finally(() => {
          this.#scanning = undefined;
        });
    };
    tick();
    this.#timer = setInterval(tick, Math.max(200, this.settings.leaseMs / 3));
    this.#timer.unref();
  }

  /**
   * Stops sending: rows under way finish (their outcome is stored), the rest wait for the next
   * start. The jobs' leases are given up, so the next instance takes them up at once.
   */
  async stop(): Promise<void> {
    this.#stopping = true;
    if (this.#timer) clearInterval(this.#timer);
    this.#timer = undefined;
    await this.#scanning;
    await Promise.allSettled([...this.#running.values()].map((r) => r.done));
  }

  /** Stores a new job (every row `pending`) and starts it here. */
  async create(input: BulkJobInput): Promise<BulkJobView> {
    const id = randomUUID();
    const now = this.#now();
    await this.#db.transaction().execute(async (tx) => {
      await tx
        .insertInto("bulk_job")
        .values({
          id,
          deployment: this.#deployment,
          env: input.env,
          action: input.action,
          scope: input.scope,
          actor_sub: input.actor.sub,
          actor_name: input.actor.name,
          role: input.role,
          request_id: input.requestId,
          status: "running",
          total: input.orgnos.length,
          owner: this.#owner,
          lease_until: now + this.settings.leaseMs,
          created_at: now,
          updated_at: now,
          finished_at: null,
          note: input.note ?? null,
          audited_at: null,
        })
        .execute();
      // In slices: PostgreSQL takes at most 65,535 parameters in one statement.
      for (let from = 0; from < input.orgnos.length; from += 500) {
        await tx
          .insertInto("bulk_job_row")
          .values(
            input.orgnos.slice(from, from + 500).map((orgno, i) => ({
              job_id: id,
              idx: from + i,
              orgno,
              state: "pending",
              status: null,
              detail: null,
              detail_code: null,
              result: null,
              correlation_id: null,
              attempts: 0,
              updated_at: now,
            })),
          )
          .execute();
      }
    });
    this.#launch(id);
    return (await this.get(id))!;
  }

  /** The job with every row, or undefined when there is none with this id. */
  async get(id: string): Promise<BulkJobView | undefined> {
    const job = await this.#db
      .selectFrom("bulk_job")
      .selectAll()
      .where("id", "=", id)
      .executeTakeFirst();
    if (!job) return undefined;
    const rows = await this.#db
      .selectFrom("bulk_job_row")
      .selectAll()
      .where("job_id", "=", id)
      .orderBy("idx")
      .execute();
    return viewOf(job, rows);
  }

  /**
   * Asks the job to stop: no further row is sent; rows under way finish. Answers the job, or
   * undefined when there is none. A job already ended is answered as it is.
   */
  async cancel(id: string): Promise<BulkJobView | undefined> {
    await this.#db
      .updateTable("bulk_job")
      .set({ status: "cancelling", updated_at: this.#now() })
      .where("id", "=", id)
      .where("status", "=", "running")
      .execute();
    const local = this.#running.get(id);
    if (local) local.cancelled = true;
    else {
      // Nobody runs it here: whoever holds it sees the status at its next renewal; a job
      // nobody holds is finished by the next scan.
      void this.#tick();
    }
    return this.get(id);
  }

  /** Waits until the job has ended here (tests and the benchmark). */
  async settled(id: string): Promise<void> {
    await this.#running.get(id)?.done;
  }

  #tick(): Promise<void> {
    this.#scanning ??= this.#scan().finally(() => {
      this.#scanning = undefined;
    });
    return this.#scanning;
  }

  async #scan(): Promise<void> {
    if (this.#stopping) return;
    const now = this.#now();
    // Renew our leases, and notice a cancel asked for on another instance.
    if (this.#running.size > 0) {
      const ids = [...this.#running.keys()];
      await this.#db
        .updateTable("bulk_job")
        .set({ lease_until: now + this.settings.leaseMs })
        .where("id", "in", ids)
        .where("owner", "=", this.#owner)
        .execute();
      const jobs = await this.#db
        .selectFrom("bulk_job")
        .select(["id", "status", "owner"])
        .where("id", "in", ids)
        .execute();
      for (const job of jobs) {
        const local = this.#running.get(job.id);
        if (!local) continue;
        if (job.status === "cancelling") local.cancelled = true;
        // Our lease ran out (a stalled instance) and another took the job: it re-reads the rows
        // marked sent here, so stopping at once sends no row twice.
        if (job.owner !== this.#owner) local.lost = true;
      }
    }
    const orphans = await this.#db
      .selectFrom("bulk_job")
      .select("id")
      .where("deployment", "=", this.#deployment)
      .where("status", "in", ["running", "cancelling"])
      .where((eb) => eb.or([eb("owner", "is", null), eb("lease_until", "<", now)]))
      .execute();
    for (const { id } of orphans) {
      if (this.#running.has(id) || this.#stopping) continue;
      const claimed = await this.#db
        .updateTable("bulk_job")
        .set({ owner: this.#owner, lease_until: now + this.settings.leaseMs })
        .where("id", "=", id)
        .where("status", "in", ["running", "cancelling"])
        .where((eb) => eb.or([eb("owner", "is", null), eb("lease_until", "<", now)]))
        .executeTakeFirst();
      if (Number(claimed.numUpdatedRows) === 1) {
        this.#logger?.info({ job_id: id }, "bulk job taken up again");
        this.#launch(id);
      }
    }
    await this.#auditEnded();
  }

  #launch(id: string): void {
    const running: Running = {
      cancelled: false,
      lost: false,
      pausedUntil: 0,
      done: Promise.resolve(),
    };
    this.#running.set(id, running);
    running.done = this.#run(id, running)
      .catch((error) => {
        this.#logger?.error(
          { job_id: id, err: (error as Error).message },
          "bulk job stopped by an error; it is taken up again",
        );
        return this.#release(id);
      })
      .finally(() => {
        this.#running.delete(id);
      });
  }

  async #release(id: string): Promise<void> {
    await this.#db
      .updateTable("bulk_job")
      .set({ owner: null, lease_until: 0 })
      .where("id", "=", id)
      .where("owner", "=", this.#owner)
      .execute();
  }

  async #run(id: string, running: Running): Promise<void> {
    const job = await this.#db
      .selectFrom("bulk_job")
      .selectAll()
      .where("id", "=", id)
      .executeTakeFirstOrThrow();
    if (job.status === "cancelling") running.cancelled = true;
    const environment = this.#environments().find((e) => e.config.id === job.env);
    if (!environment) throw new Error(`Environment "${job.env}" is not configured`);
    const action = job.action as BulkAction;
    const state = action === "grant" ? "APPROVED" : "DENIED";
    const rows = await this.#db
      .selectFrom("bulk_job_row")
      .selectAll()
      .where("job_id", "=", id)
      .where("state", "in", ["pending", "sent"])
      .orderBy("idx")
      .execute();
    const queue: BulkJobRowTable[] = [];
    for (const row of rows) {
      if (row.state === "sent") {
        // Sent when the instance stopped: what happened is read, not sent again blind.
        const settled = await this.#settleSent(environment, job, row, state);
        if (!settled) queue.push(row);
      } else queue.push(row);
    }
    const guarded = (orgno: string) =>
      new GuardedApi(this.#guard, environment.api, () => ({
        env: job.env,
        auditId: job.id,
        action: BULK_AUDIT_ACTIONS[action],
        target: `${job.scope} → ${orgno}`,
        targetParts: [targetPart("audit.target.grant", { scope: job.scope, orgno })],
        actor: { sub: job.actor_sub, name: job.actor_name },
        role: job.role,
        requestId: job.request_id,
      }));

    // Rows are marked `sent` a batch at a time before any of them is sent (one write for the
    // batch, not one per row): `sent` means "may have been sent", which a restart re-reads.
    const claimed: BulkJobRowTable[] = [];
    const unsent: BulkJobRowTable[] = [];
    let claiming: Promise<void> | undefined;
    const nextRow = async (): Promise<BulkJobRowTable | undefined> => {
      for (;;) {
        const ready = claimed.shift();
        if (ready) return ready;
        if (queue.length === 0) return undefined;
        claiming ??= (async () => {
          const rows = queue.splice(0, Math.max(1, this.settings.concurrency));
          const now = this.#now();
          for (const row of rows) Object.assign(row, { state: "sent", updated_at: now });
          await this.#storeRows(rows);
          claimed.push(...rows);
        })().finally(() => {
          claiming = undefined;
        });
        await claiming;
      }
    };
    const worker = async () => {
      for (;;) {
        if (running.cancelled || running.lost || this.#stopping) return;
        const wait = running.pausedUntil - this.#now();
        if (wait > 0) {
          await new Promise((resolve) => setTimeout(resolve, Math.min(wait, 250)));
          continue;
        }
        const row = await nextRow();
        if (!row) return;
        if (running.cancelled || running.lost || this.#stopping) {
          unsent.push(row);
          return;
        }
        try {
          const api = guarded(row.orgno);
          const access =
            action === "grant"
              ? await api.grantAccess(job.scope, row.orgno)
              : await api.revokeAccess(job.scope, row.orgno);
          // Not waited for: it is committed with the next rows' `sent` (a crash before that
          // leaves the row `sent`, which a restart re-reads instead of sending again).
          this.#setRowLater(row, {
            state: "success",
            status: 200,
            result: JSON.stringify(access),
          });
        } catch (error) {
          if (
            error instanceof MaskinportenError &&
            error.kind === "http" &&
            error.status === 429 &&
            row.attempts < this.settings.max429PerRow
          ) {
            // Digdir did not take it: wait as it said, then send it again.
            const attempts = row.attempts + 1;
            const seconds = Math.min(
              error.retryAfterSeconds ?? fallbackWaitSeconds(attempts),
              this.settings.maxRetryAfterSeconds,
            );
            running.pausedUntil = Math.max(running.pausedUntil, this.#now() + seconds * 1000);
            this.#setRowLater(row, { state: "pending", attempts });
            queue.unshift(row);
            continue;
          }
          const problem = problemOf(error);
          this.#setRowLater(row, {
            state: error instanceof OutcomeUnknownError ? "unknown" : "failure",
            status: problem.status,
            ...rowText({
              detail: problem.problem.detail ?? problem.message,
              ...(problem.problem.detail && problem.problem.code
                ? { code: problem.problem.code }
                : {}),
              ...(problem.problem.detail && problem.problem.params
                ? { params: problem.problem.params }
                : {}),
            }),
            correlation_id: problem.problem.correlation_id ?? null,
          });
        }
      }
    };
    await Promise.all(
      Array.from({ length: Math.max(1, Math.min(this.settings.concurrency, queue.length)) }, () =>
        worker(),
      ),
    );
    // Claimed but never sent: back to `pending`, or `cancelled` with the rest.
    if (running.lost) {
      await this.#rowsWritten();
      return;
    }
    const notSent = [...unsent, ...claimed];
    if (notSent.length > 0) {
      const now = this.#now();
      const state = running.cancelled ? "cancelled" : "pending";
      for (const row of notSent) Object.assign(row, { state, updated_at: now });
      await this.#storeRows(notSent);
    }
    if (this.#stopping && !running.cancelled && queue.length + notSent.length > 0) {
      await this.#rowsWritten();
      await this.#release(id);
      return;
    }
    if (running.cancelled) {
      await this.#db
        .updateTable("bulk_job_row")
        .set({ state: "cancelled", updated_at: this.#now() })
        .where("job_id", "=", id)
        .where("state", "=", "pending")
        .execute();
    }
    await this.#rowsWritten();
    await this.#finish(job, running.cancelled);
  }

  /** A row sent before a restart: re-read; true when the re-read settled it. */
  async #settleSent(
    environment: Environment,
    job: BulkJobTable,
    row: BulkJobRowTable,
    state: "APPROVED" | "DENIED",
  ): Promise<boolean> {
    try {
      const seen = await runCheck(environment.api, {
        type: "grant",
        scope: job.scope,
        consumer: row.orgno,
        state,
      });
      if (seen.applied) {
        this.#setRowLater(row, {
          state: "success",
          status: 200,
          ...rowText(coded(auditMessages, "bulk.row.settled-after-restart")),
          result: JSON.stringify(seen.state),
        });
        return true;
      }
    } catch {
      // Not readable now: the guard re-reads under the lock before anything is sent.
    }
    return false;
  }

  /**
   * A row's new state, stored with the next write of rows (the next batch's `sent` marks, or
   * within `FLUSH_MS`): group commit, one statement and one disk flush for many rows. Not
   * waited for: a crash before it is stored leaves the row `sent`, which a restart re-reads
   * instead of sending it again. A failed write is logged.
   */
  #setRowLater(row: BulkJobRowTable, change: RowChange): void {
    Object.assign(row, change, { updated_at: this.#now() });
    this.#rowWrites.set(`${row.job_id}\u0000${row.idx}`, { ...row });
    this.#flushTimer ??= setTimeout(() => {
      this.#flushTimer = undefined;
      this.#storeRows([]).catch((error) =>
        this.#logger?.error({ err: (error as Error).message }, "bulk job rows not stored"),
      );
    }, FLUSH_MS);
  }

  /** Resolves once every row change asked for so far is committed. */
  async #rowsWritten(): Promise<void> {
    if (this.#flushTimer) clearTimeout(this.#flushTimer);
    this.#flushTimer = undefined;
    await this.#storeRows([]);
  }

  /**
   * Stores `rows` as they are now, with every change waiting in `#setRowLater`, in one upsert of
   * whole rows (SQLite and PostgreSQL alike). Writes run one after another.
   */
  #storeRows(rows: BulkJobRowTable[]): Promise<void> {
    const write = this.#storing.then(async () => {
      const all = new Map(this.#rowWrites);
      this.#rowWrites.clear();
      for (const row of rows) all.set(`${row.job_id}\u0000${row.idx}`, { ...row });
      if (all.size === 0) return;
      try {
        await this.#db
          .insertInto("bulk_job_row")
          .values([...all.values()])
          .onConflict((oc) =>
            oc.columns(["job_id", "idx"]).doUpdateSet((eb) => ({
              state: eb.ref("excluded.state"),
              status: eb.ref("excluded.status"),
              detail: eb.ref("excluded.detail"),
              detail_code: eb.ref("excluded.detail_code"),
              result: eb.ref("excluded.result"),
              correlation_id: eb.ref("excluded.correlation_id"),
              attempts: eb.ref("excluded.attempts"),
              updated_at: eb.ref("excluded.updated_at"),
            })),
          )
          .execute();
      } catch (error) {
        // Not stored: keep the waiting changes for the next write (newer ones win).
        for (const [key, row] of all) if (!this.#rowWrites.has(key)) this.#rowWrites.set(key, row);
        throw error;
      }
    });
    this.#storing = write.catch(() => {});
    return write;
  }

  /**
   * Ends the job: first its one audit entry with every row's outcome (`appendOnce` under the
   * job's id), then the status. In this order a crash or a failed audit write between the two
   * never leaves a job that reads `done` without its entry: the job is still `running` (or
   * `cancelling`), its lease runs out (or is given up by `#launch`'s catch), and whichever
   * instance takes it up finds every row final and writes the entry once (a second
   * `appendOnce` finds it and writes nothing), then ends it.
   * @throws when the audit store or the database fails (the job stays claimable).
   */
  async #finish(job: BulkJobTable, cancelled: boolean): Promise<void> {
    const rows = await this.#rowsOf(job.id);
    await this.#audit.appendOnce(bulkAuditEntry(job, rows, cancelled));
    const now = this.#now();
    // Another instance may have ended it (it took the job up after our lease ran out): then
    // nothing changes here, and the entry above was its entry (one per id).
    await this.#db
      .updateTable("bulk_job")
      .set({
        status: cancelled ? "cancelled" : "done",
        owner: null,
        finished_at: now,
        updated_at: now,
        // Its entry is in the log (written just above, or by the instance that wrote it first).
        audited_at: now,
      })
      .where("id", "=", job.id)
      .where("status", "in", ["running", "cancelling"])
      .where("owner", "=", this.#owner)
      .execute();
  }

  async #rowsOf(id: string): Promise<BulkJobRowTable[]> {
    return this.#db
      .selectFrom("bulk_job_row")
      .selectAll()
      .where("job_id", "=", id)
      .orderBy("idx")
      .execute();
  }

  /**
   * Ended jobs of this deployment whose audit entry was never written (`audited_at` null: ended
   * by a release that wrote the status before the entry, and crashed or failed between the two):
   * their entry is written now from the stored rows (`appendOnce`, so two instances write one;
   * an entry already there is kept), then `audited_at` is set. The scan reads that column, not
   * the time of the oldest entry retention kept (entries may be written back-dated), so an entry
   * removed by retention (`AuditStore.prune`) is never written again (migration 0014 set the
   * column on the jobs ended before it).
   */
  async #auditEnded(): Promise<void> {
    const jobs = await this.#db
      .selectFrom("bulk_job")
      .selectAll()
      .where("deployment", "=", this.#deployment)
      .where("status", "in", ["done", "cancelled"])
      .where("audited_at", "is", null)
      .orderBy("finished_at")
      .limit(100)
      .execute();
    for (const job of jobs) {
      const { written } = await this.#audit.appendOnce(
        bulkAuditEntry(job, await this.#rowsOf(job.id), job.status === "cancelled"),
      );
      await this.#db
        .updateTable("bulk_job")
        .set({ audited_at: this.#now() })
        .where("id", "=", job.id)
        .where("audited_at", "is", null)
        .execute();
      if (written) this.#logger?.warn({ job_id: job.id }, "bulk job's missing audit entry written");
    }
  }

  /**
   * Runs one scan now, as the timer does (`start`): renews this instance's leases, takes up jobs
   * whose instance stopped, and writes the missing entries of ended jobs. Resolves when a scan
   * begun after the call is done (one under way is waited for first). Tests use it instead of
   * waiting for the timer. @throws what the scan threw (the database or audit store failing).
   */
  async scan(): Promise<void> {
    await this.#scanning?.catch(() => undefined);
    await this.#tick();
  }
}

/**
 * A bulk job's one audit entry (id = job id) from its stored rows: every row's outcome in
 * `after`; `success` when all succeeded, `unknown` when every outcome is unknown, `failure` when
 * none succeeded and none is unknown, `partial` otherwise (issue 13 #3). Status 200, 504, 502, 207.
 */
function bulkAuditEntry(
  job: BulkJobTable,
  rows: readonly BulkJobRowTable[],
  cancelled: boolean,
): NewAuditEntry & { id: string } {
  const count = (state: BulkRowState) => rows.filter((r) => r.state === state).length;
  const success = count("success");
  const unknown = count("unknown");
  const outcome: AuditOutcome =
    success === rows.length
      ? "success"
      : unknown === rows.length
        ? "unknown"
        : success === 0 && unknown === 0
          ? "failure"
          : "partial";
  const status =
    outcome === "success" ? 200 : outcome === "failure" ? 502 : outcome === "unknown" ? 504 : 207;
  return {
    id: job.id,
    actor: { sub: job.actor_sub, name: job.actor_name },
    role: job.role,
    env: job.env,
    action: BULK_AUDIT_ACTIONS[job.action as BulkAction],
    ...targetFields(
      codedTarget(targetPart("audit.target.bulk", { scope: job.scope, count: rows.length })),
    ),
    outcome,
    status,
    requestId: job.request_id,
    ...auditFields(
      bulkSummary(job.note, cancelled, {
        done: success,
        total: rows.length,
        failed: count("failure"),
        unknown,
        skipped: count("cancelled"),
      }),
    ),
    after: rows.map((r) => ({
      orgno: r.orgno,
      outcome: r.state,
      ...(r.status !== null ? { status: Number(r.status) } : {}),
      ...(r.detail ? { detail: r.detail, ...rowCodeOf(r.detail_code) } : {}),
      ...(r.correlation_id ? { correlation_id: r.correlation_id } : {}),
    })),
  };
}

/**
 * A bulk job's audit detail: the job's note (the four-eyes note, stored as its English text and
 * read back into its code with `codedFromText`), then the counts (`audit.bulk.summary`).
 */
function bulkSummary(
  note: string | null,
  cancelled: boolean,
  counts: { done: number; total: number; failed: number; unknown: number; skipped: number },
): AuditText {
  const summary = auditText("audit.bulk.summary", {
    cancelled: cancelled ? "yes" : "no",
    ...counts,
  });
  if (!note) return summary;
  return joinTexts([textOf(codedFromText(note, [auditMessages]) ?? note), summary]);
}

function problemOf(error: unknown): ProblemError {
  if (error instanceof ProblemError) return error;
  const change = problemFromChange(error);
  if (change) return change;
  if (error instanceof MaskinportenError) return problemFromUpstream(error);
  return new ProblemError(500, {
    detail: (error as Error)?.message ?? String(error),
    code: "problem.internal",
  });
}

function viewOf(job: BulkJobTable, rows: BulkJobRowTable[]): BulkJobView {
  const counts: Record<BulkRowState, number> = {
    pending: 0,
    sent: 0,
    success: 0,
    failure: 0,
    unknown: 0,
    cancelled: 0,
  };
  for (const row of rows) counts[row.state as BulkRowState]++;
  return {
    id: job.id,
    env: job.env,
    action: job.action as BulkAction,
    scope: job.scope,
    status: job.status as BulkJobStatus,
    created: new Date(Number(job.created_at)).toISOString(),
    ...(job.finished_at !== null
      ? { finished: new Date(Number(job.finished_at)).toISOString() }
      : {}),
    actor: { sub: job.actor_sub, name: job.actor_name },
    audit_id: job.id,
    counts,
    total: Number(job.total),
    rows: rows.map((row) => {
      const result = row.result ? (JSON.parse(row.result) as Record<string, unknown>) : undefined;
      const name = result?.consumer_organization_name;
      return {
        orgno: row.orgno,
        state: row.state as BulkRowState,
        ...(row.status !== null ? { status: Number(row.status) } : {}),
        ...(row.detail ? { detail: row.detail, ...rowCodeOf(row.detail_code) } : {}),
        ...(row.correlation_id ? { correlation_id: row.correlation_id } : {}),
        ...(typeof name === "string" ? { name } : {}),
        rate_limited: Number(row.attempts),
      };
    }),
  };
}

/** Whether a row state is final (never sent again). */
export function isFinalRowState(state: BulkRowState): boolean {
  return FINAL_ROW_STATES.has(state);
}

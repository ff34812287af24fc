import { accessSync, constants, mkdirSync } from "node:fs";
import { dirname } from "node:path";
import { LibsqlDialect } from "@libsql/kysely-libsql";
import { Kysely, type KyselyPlugin, Migrator, PostgresDialect, sql } from "kysely";
import pg from "pg";
import { migrationProvider } from "./migrations";

export interface AuditEntryTable {
  id: string;
  time: string;
  actor_sub: string;
  actor_name: string;
  role: string;
  env: string;
  action: string;
  target: string;
  outcome: string;
  status: number;
  request_id: string;
  correlation_id: string | null;
  detail: string | null;
  before: string | null;
  after: string | null;
  /** The id of the earlier entry this one follows up (an `unknown` outcome settled later). */
  follows: string | null;
  /**
   * The detail as code: `{code, params?, more?}` as JSON text (migration 0010), null on older
   * entries and on details without a code; since issue 14 #13 also the target's coded parts as
   * `target: [{code, params?}]` (an entry with a coded target but an uncoded detail has only
   * that). Hashed as its text (chain format `v2`).
   */
  detail_code: string | null;
  /** The entry's place in the hash chain (migration 0006); set on every entry Portvakt writes. */
  seq: number | null;
  prev_hash: string | null;
  hash: string | null;
}

/** The audit hash chain's head and pruning anchor; see migrations/0006_audit_chain.ts. */
export interface AuditChainTable {
  id: string;
  head_seq: number;
  head_hash: string;
  anchor_seq: number;
  anchor_hash: string;
  /** Epoch ms of the last pruning. */
  pruned_at: number | null;
  pruned_count: number;
}

/** A change whose outcome is unknown; see migrations/0003_change_outcomes.ts. */
export interface PendingChangeTable {
  lock_key: string;
  env: string;
  audit_id: string;
  action: string;
  target: string;
  /** The target's coded parts `[{code, params?}]` JSON text (migration 0012); null before. */
  target_parts: string | null;
  actor_sub: string;
  actor_name: string;
  role: string;
  /** JSON of the re-read that settles it (`PendingCheck`). */
  check_spec: string;
  /** Epoch ms. */
  created_at: number;
  /** Epoch ms: from then on, a change not seen by a re-read counts as not made. */
  settle_at: number;
  /** A create settled as made: what it made (the row stays a while so a retry finds it). */
  created_id: string | null;
}

/**
 * A write sent (or about to be sent) to Digdir whose audit entry is not written yet (migration
 * 0013): the columns of `PendingChangeTable` without `created_id`, and the write's own `id`.
 */
export interface ChangeIntentTable extends Omit<PendingChangeTable, "created_id"> {
  id: string;
}

/** A fixed-window counter shared by instances; `window_start` in epoch ms. */
export interface RateLimitWindowTable {
  key: string;
  window_start: number;
  count: number;
}

/** A bulk grant/revoke job; see migrations/0004_bulk_jobs.ts. Times are epoch ms. */
export interface BulkJobTable {
  id: string;
  /** The public origin of the instances that run it. */
  deployment: string;
  env: string;
  /** `access.grant-many` or `access.revoke-many`. */
  action: string;
  scope: string;
  actor_sub: string;
  actor_name: string;
  role: string;
  request_id: string;
  /** `running`, `cancelling`, `cancelled` or `done`. */
  status: string;
  total: number;
  /** The instance running it (random per start), null when none. */
  owner: string | null;
  lease_until: number;
  created_at: number;
  updated_at: number;
  finished_at: number | null;
  /** Said first in the job's audit entry (migration 0008: an approved change request's people). */
  note: string | null;
  /**
   * When the job's one audit entry was written (migration 0014), epoch ms; null while it is
   * not (a running job, or one an older release ended without it).
   */
  audited_at: number | null;
}

/** One consumer of a bulk job; see migrations/0004_bulk_jobs.ts. */
export interface BulkJobRowTable {
  job_id: string;
  idx: number;
  orgno: string;
  /** `pending`, `sent`, `success`, `failure`, `unknown` or `cancelled`. */
  state: string;
  /** The HTTP status of the row's outcome (200, or the problem's). */
  status: number | null;
  detail: string | null;
  /**
   * The detail as code: `{code, params?}` as JSON text (migration 0011), null on rows finished
   * before and on rows without a detail.
   */
  detail_code: string | null;
  /** JSON of the grant as Digdir answered it. */
  result: string | null;
  correlation_id: string | null;
  /** Sends Digdir refused with 429 (each waited out as its Retry-After said). */
  attempts: number;
  updated_at: number;
}

export interface RevokedSessionTable {
  sid: string;
  expires_at: number;
}

/** A session's roles as last re-checked with the sign-in provider (migration 0002). */
export interface SessionRolesTable {
  sid: string;
  /** The provider's refresh token, sealed with the session secret. */
  refresh_token: string;
  /** JSON: environment id → role. */
  roles: string;
  /** Epoch ms of the last check with the provider. */
  checked_at: number;
  /** Epoch ms after which the row is of no use (the session's absolute end). */
  expires_at: number;
}

/** A pipeline token; see migrations/0005_api_tokens.ts. Times are epoch ms. */
export interface ApiTokenTable {
  id: string;
  name: string;
  /** SHA-256 (hex) of the whole token. */
  token_hash: string;
  role: string;
  /** JSON array of environment ids. */
  envs: string;
  created_by_sub: string;
  created_by_name: string;
  created_at: number;
  expires_at: number;
  revoked_at: number | null;
  revoked_by: string | null;
  last_used_at: number | null;
}

/** An expiry notice sent, per key and threshold; see migrations/0007_expiry_alerts.ts. */
export interface AlertSentTable {
  key: string;
  threshold_days: number;
  /** Epoch ms. */
  sent_at: number;
}

/**
 * What a consumer was last seen allowed to use, per environment and scope (`*`: looked at once);
 * see migrations/0009_consumer_access_seen.ts. `approved` and `active` are 0 or 1; `since` epoch ms.
 */
export interface ConsumerAccessSeenTable {
  env: string;
  scope: string;
  approved: number;
  active: number;
  since: number;
}

/** A four-eyes change request; see migrations/0008_change_requests.ts. Times are epoch ms. */
export interface ChangeRequestTable {
  id: string;
  env: string;
  kind: string;
  action: string;
  target: string;
  /** The target as coded parts `[{code, params?}]` JSON text (migration 0011); null before. */
  target_parts: string | null;
  summary: string;
  /** JSON of the validated request. */
  payload: string;
  requester_sub: string;
  requester_name: string;
  requester_role: string;
  request_id: string;
  /** `pending`, `approved`, `executed`, `rejected`, `withdrawn` or `expired`. */
  state: string;
  created_at: number;
  expires_at: number;
  decided_at: number | null;
  decided_by_sub: string | null;
  decided_by_name: string | null;
  reason: string | null;
  executed_at: number | null;
  /** `success`, `failure` or `unknown`, once executed. */
  outcome: string | null;
  /** JSON of the execution's answer (status, detail, body). */
  result: string | null;
  /** The audit entry of the execution. */
  audit_id: string | null;
}

/** The audit store's tables, as the latest migration in `./migrations` leaves them. */
export interface PortvaktDatabase {
  audit_entry: AuditEntryTable;
  revoked_session: RevokedSessionTable;
  session_roles: SessionRolesTable;
  pending_change: PendingChangeTable;
  change_intent: ChangeIntentTable;
  rate_limit_window: RateLimitWindowTable;
  bulk_job: BulkJobTable;
  bulk_job_row: BulkJobRowTable;
  api_token: ApiTokenTable;
  audit_chain: AuditChainTable;
  alert_sent: AlertSentTable;
  consumer_access_seen: ConsumerAccessSeenTable;
  change_request: ChangeRequestTable;
}

export type DatabaseLocation = { kind: "sqlite"; path: string } | { kind: "postgres"; url: string };

/** What `databaseUrl` (env DATABASE_URL) must look like: `postgres://` or `postgresql://`, any case. */
export const POSTGRES_URL = /^postgres(ql)?:\/\//i;

export function databaseLocation(
  databaseUrl: string | undefined,
  sqlitePath: string,
): DatabaseLocation {
  if (databaseUrl && POSTGRES_URL.test(databaseUrl)) return { kind: "postgres", url: databaseUrl };
  return { kind: "sqlite", path: sqlitePath };
}

/**
 * Opens the database and brings its schema up to date (several instances may start at once).
 * `plugins`: Kysely plugins every query goes through (tests inject database faults with one).
 */
export async function openDatabase(
  location: DatabaseLocation,
  plugins: readonly KyselyPlugin[] = [],
): Promise<Kysely<PortvaktDatabase>> {
  let db: Kysely<PortvaktDatabase>;
  if (location.kind === "postgres") {
    db = new Kysely({
      dialect: new PostgresDialect({
        pool: new pg.Pool({ connectionString: location.url, max: 25 }),
      }),
      plugins: [...plugins],
    });
  } else {
    if (location.path !== ":memory:") {
      try {
        mkdirSync(dirname(location.path), { recursive: true });
        accessSync(dirname(location.path), constants.W_OK);
      } catch (error) {
        throw new Error(
          `The audit store's folder ${dirname(location.path)} is not writable (${(error as NodeJS.ErrnoException).code}): mount a writable volume there, set auditDatabasePath, or set DATABASE_URL (see README, Configuration)`,
          { cause: error },
        );
      }
    }
    db = new Kysely({
      dialect: new LibsqlDialect({
        url: location.path === ":memory:" ? ":memory:" : `file:${location.path}`,
      }),
      plugins: [...plugins],
    });
    // Concurrent writers from one process wait instead of failing with SQLITE_BUSY.
    await sql`PRAGMA busy_timeout = 5000`.execute(db);
    if (location.path !== ":memory:") await sql`PRAGMA journal_mode = WAL`.execute(db);
  }
  try {
    await migrateToLatest(db);
  } catch (error) {
    await db.destroy();
    throw error;
  }
  return db;
}

/**
 * Applies every migration in `./migrations` the database has not had yet (Kysely's Migrator,
 * which serialises instances starting at once). Returns the names applied now.
 * @throws Error naming the failed migration; the ones before it stay applied.
 */
export async function migrateToLatest(db: Kysely<PortvaktDatabase>): Promise<string[]> {
  const { error, results } = await new Migrator({
    db,
    provider: migrationProvider,
  }).migrateToLatest();
  if (error) {
    const failed = results?.find((r) => r.status === "Error")?.migrationName;
    throw new Error(`Database migration ${failed ?? ""} failed: ${(error as Error).message}`);
  }
  return (results ?? []).filter((r) => r.status === "Success").map((r) => r.migrationName);
}

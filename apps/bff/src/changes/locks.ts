import { createHash } from "node:crypto";
import { type Kysely, sql } from "kysely";
import type { PortvaktDatabase } from "../database";

/**
 * Runs `work` while holding the lock named `key`; callers for the same key run one after
 * another, in arrival order. The key names one resource at Digdir, e.g.
 * `demo/client/<client_id>` or `demo/grant/<scope>/<orgno>` (see `lockKeys`).
 *
 * This is the shape the client library's key-set editor takes as a parameter, so the library
 * stays free of the database.
 */
export type RunLocked = <T>(key: string, work: () => Promise<T>) => Promise<T>;

/** Serialises changes per resource; `run` is a `RunLocked`. */
export interface ChangeLocks {
  run<T>(key: string, work: () => Promise<T>): Promise<T>;
  /** Where the lock holds: `process` (this instance only) or `database` (every instance). */
  readonly scope: "process" | "database";
}

/**
 * Locks inside this process: a promise chain per key, nothing kept once a key is idle. With
 * SQLite (one instance) this is the whole story.
 */
export class InProcessLocks implements ChangeLocks {
  readonly scope = "process" as const;
  readonly #tails = new Map<string, Promise<unknown>>();

  run<T>(key: string, work: () => Promise<T>): Promise<T> {
    const previous = this.#tails.get(key) ?? Promise.resolve();
    const result = previous.then(work, work);
    const tail = result.catch(() => {});
    this.#tails.set(key, tail);
    void tail.then(() => {
      if (this.#tails.get(key) === tail) this.#tails.delete(key);
    });
    return result;
  }
}

/** The two 32-bit integers PostgreSQL's two-key advisory lock functions take, from a key. */
export function advisoryKeyOf(key: string): [number, number] {
  const digest = createHash("sha256").update(key).digest();
  return [digest.readInt32BE(0), digest.readInt32BE(4)];
}

/**
 * Locks held in PostgreSQL, so every instance sharing the database takes turns: a session-level
 * advisory lock (`pg_advisory_lock(int, int)`) on a connection reserved for the time the work
 * runs. Callers in this process first queue in memory, so an instance holds at most one
 * connection per busy key. A crashed instance's locks end with its connections.
 *
 * Waiting for another instance is bounded by `waitMs` (PostgreSQL's `lock_timeout`); past it the
 * work is not run and `LockTimeoutError` is thrown.
 */
export class PostgresAdvisoryLocks implements ChangeLocks {
  readonly scope = "database" as const;
  readonly #db: Kysely<PortvaktDatabase>;
  readonly #local = new InProcessLocks();
  readonly #waitMs: number;

  constructor(db: Kysely<PortvaktDatabase>, options: { waitMs?: number } = {}) {
    this.#db = db;
    this.#waitMs = options.waitMs ?? 60_000;
  }

  run<T>(key: string, work: () => Promise<T>): Promise<T> {
    const [high, low] = advisoryKeyOf(key);
    return this.#local.run(key, () =>
      this.#db.connection().execute(async (connection) => {
        await sql`select set_config('lock_timeout', ${`${this.#waitMs}ms`}, false)`.execute(
          connection,
        );
        try {
          await sql`select pg_advisory_lock(${high}, ${low})`.execute(connection);
        } catch (error) {
          throw new LockTimeoutError(key, { cause: error });
        }
        try {
          return await work();
        } finally {
          await sql`select pg_advisory_unlock(${high}, ${low})`.execute(connection);
        }
      }),
    );
  }
}

/** Another instance held the resource's lock for longer than the wait allowed. */
export class LockTimeoutError extends Error {
  override readonly name = "LockTimeoutError";
  constructor(key: string, options?: ErrorOptions) {
    super(`Another change of ${key} is still under way`, options);
  }
}

/** The lock names of the resources Portvakt changes, one place for all routes. */
export const lockKeys = {
  /** One Maskinporten client: its settings and its key set. */
  client: (env: string, clientId: string) => `${env}/client/${clientId}`,
  /** A client about to be created, by name: a retried create first looks for the first try. */
  clientCreate: (env: string, clientName: string) => `${env}/client-create/${clientName}`,
  /** One (scope, consumer) grant. */
  grant: (env: string, scope: string, consumerOrgno: string) =>
    `${env}/grant/${scope}/${consumerOrgno}`,
  /** One scope's own settings. */
  scope: (env: string, scope: string) => `${env}/scope/${scope}`,
} as const;

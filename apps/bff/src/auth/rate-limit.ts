import { type Kysely, sql } from "kysely";
import type { PortvaktDatabase } from "../database";

/**
 * Counts hits per key (a person, an address) in fixed windows; `hit` answers the seconds to wait
 * when the key is over its limit, else 0.
 */
export interface HitLimiter {
  hit(key: string): number | Promise<number>;
  /** Where the count holds: this instance, or every instance sharing the database. */
  readonly scope: "process" | "database";
}

/**
 * A fixed-window counter per key (person or address), in memory. Each instance counts on its own
 * (the SQLite setup: one instance); with PostgreSQL use `SharedRateLimiter`.
 */
export class RateLimiter implements HitLimiter {
  readonly scope = "process" as const;
  readonly #limit: number;
  readonly #windowMs: number;
  readonly #windows = new Map<string, { start: number; count: number }>();
  constructor(limit: number, windowMs: number) {
    this.#limit = limit;
    this.#windowMs = windowMs;
  }

  /** Counts one hit; answers the seconds to wait when over the limit, else 0. */
  hit(key: string, now = Date.now()): number {
    const window = this.#windows.get(key);
    if (!window || now - window.start >= this.#windowMs) {
      if (this.#windows.size > 10_000) this.#sweep(now);
      this.#windows.set(key, { start: now, count: 1 });
      return 0;
    }
    window.count++;
    if (window.count <= this.#limit) return 0;
    return Math.ceil((window.start + this.#windowMs - now) / 1000);
  }

  #sweep(now: number): void {
    for (const [key, window] of this.#windows) {
      if (now - window.start >= this.#windowMs) this.#windows.delete(key);
    }
  }
}

/**
 * A fixed-window counter per key shared by every instance through the database (PostgreSQL):
 * one upsert per hit, so a person gets the limit once, not once per instance. `name` keeps the
 * limits apart (`mutation`, `sign-in`). Windows of keys not seen for a while are swept.
 */
export class SharedRateLimiter implements HitLimiter {
  readonly scope = "database" as const;
  readonly #db: Kysely<PortvaktDatabase>;
  readonly #name: string;
  readonly #limit: number;
  readonly #windowMs: number;
  #hits = 0;

  constructor(db: Kysely<PortvaktDatabase>, name: string, limit: number, windowMs: number) {
    this.#db = db;
    this.#name = name;
    this.#limit = limit;
    this.#windowMs = windowMs;
  }

  async hit(key: string, now = Date.now()): Promise<number> {
    const expired = now - this.#windowMs;
    const { rows } = await sql<{ window_start: number | string; count: number | string }>`
      insert into rate_limit_window (key, window_start, count)
      values (${`${this.#name}:${key}`}, ${now}, 1)
      on conflict (key) do update set
        count = case when rate_limit_window.window_start <= ${expired} then 1
                     else rate_limit_window.count + 1 end,
        window_start = case when rate_limit_window.window_start <= ${expired} then ${now}
                     else rate_limit_window.window_start end
      returning window_start, count`.execute(this.#db);
    if (++this.#hits % 1000 === 0) {
      await this.#db.deleteFrom("rate_limit_window").where("window_start", "<", expired).execute();
    }
    const row = rows[0];
    if (!row || Number(row.count) <= this.#limit) return 0;
    return Math.max(1, Math.ceil((Number(row.window_start) + this.#windowMs - now) / 1000));
  }
}

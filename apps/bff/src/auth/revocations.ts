import type { Kysely } from "kysely";
import type { PortvaktDatabase } from "../database";

const CACHE_MS = 5_000;

/**
 * Sessions ended by sign-out, shared by every instance through the database, so a cookie copied
 * before sign-out is refused everywhere. A "not revoked" answer is cached for a few seconds per
 * session to keep the database off the hot path; a revocation in this instance is seen at once.
 */
export class SessionRevocations {
  readonly #db: Kysely<PortvaktDatabase>;
  readonly #notRevokedUntil = new Map<string, number>();
  readonly #revoked = new Set<string>();
  readonly #now: () => number;
  /** `now`: the clock, epoch ms (tests pass their own). */
  constructor(db: Kysely<PortvaktDatabase>, now: () => number = Date.now) {
    this.#db = db;
    this.#now = now;
  }

  async revoke(sid: string, expiresAt: number): Promise<void> {
    this.#revoked.add(sid);
    this.#notRevokedUntil.delete(sid);
    await this.#db
      .insertInto("revoked_session")
      .values({ sid, expires_at: expiresAt })
      .onConflict((oc) => oc.column("sid").doNothing())
      .execute();
    await this.#db.deleteFrom("revoked_session").where("expires_at", "<", this.#now()).execute();
  }

  async isRevoked(sid: string): Promise<boolean> {
    if (this.#revoked.has(sid)) return true;
    const now = this.#now();
    if ((this.#notRevokedUntil.get(sid) ?? 0) > now) return false;
    const row = await this.#db
      .selectFrom("revoked_session")
      .select("sid")
      .where("sid", "=", sid)
      .executeTakeFirst();
    if (row) {
      this.#revoked.add(sid);
      return true;
    }
    if (this.#notRevokedUntil.size > 10_000) this.#notRevokedUntil.clear();
    this.#notRevokedUntil.set(sid, now + CACHE_MS);
    return false;
  }
}

import type { Kysely } from "kysely";
import type { PortvaktDatabase } from "../database";
import type { Role } from "./roles";

/** What is kept per session to re-check its roles. */
export interface StoredRoles {
  /** The provider's refresh token, in clear (sealed only at rest). */
  refreshToken: string;
  roles: Record<string, Role>;
  /** Epoch ms of the last check with the provider. */
  checkedAt: number;
}

/** Seals and opens the refresh token at rest (the session secret's A256GCM). */
export interface TokenSeal {
  seal(value: string, expiresAt: number): Promise<string>;
  open(sealed: string): Promise<string | undefined>;
}

/**
 * The provider's refresh token and the roles it last gave, per session id, in the database every
 * instance shares (SQLite or PostgreSQL), so any instance can re-check a session's roles and a
 * re-check done by one is seen by all. The refresh token is sealed with the session secret at
 * rest and never leaves the server.
 */
export class SessionRolesStore {
  readonly #db: Kysely<PortvaktDatabase>;
  readonly #seal: TokenSeal;
  constructor(db: Kysely<PortvaktDatabase>, seal: TokenSeal) {
    this.#db = db;
    this.#seal = seal;
  }

  /** Keeps a new session's refresh token and roles (at sign-in); `expiresAt` is epoch ms. */
  async save(sid: string, stored: StoredRoles, expiresAt: number): Promise<void> {
    const row = {
      sid,
      refresh_token: await this.#seal.seal(stored.refreshToken, expiresAt),
      roles: JSON.stringify(stored.roles),
      checked_at: stored.checkedAt,
      expires_at: expiresAt,
    };
    await this.#db
      .insertInto("session_roles")
      .values(row)
      .onConflict((oc) => oc.column("sid").doUpdateSet(row))
      .execute();
    await this.#db.deleteFrom("session_roles").where("expires_at", "<", Date.now()).execute();
  }

  /** The session's stored roles, or undefined (none kept, expired, or the seal does not open). */
  async load(sid: string): Promise<StoredRoles | undefined> {
    const row = await this.#db
      .selectFrom("session_roles")
      .selectAll()
      .where("sid", "=", sid)
      .executeTakeFirst();
    if (!row || Number(row.expires_at) < Date.now()) return undefined;
    const refreshToken = await this.#seal.open(row.refresh_token);
    if (!refreshToken) return undefined;
    return {
      refreshToken,
      roles: JSON.parse(row.roles) as Record<string, Role>,
      checkedAt: Number(row.checked_at),
    };
  }

  /**
   * Writes a re-check's result only if no one else wrote one since `previousCheckedAt` (a
   * compare-and-set across instances: a refresh token is used once). Answers whether it wrote.
   */
  async update(
    sid: string,
    previousCheckedAt: number,
    stored: StoredRoles,
    expiresAt: number,
  ): Promise<boolean> {
    const result = await this.#db
      .updateTable("session_roles")
      .set({
        refresh_token: await this.#seal.seal(stored.refreshToken, expiresAt),
        roles: JSON.stringify(stored.roles),
        checked_at: stored.checkedAt,
      })
      .where("sid", "=", sid)
      .where("checked_at", "=", previousCheckedAt)
      .executeTakeFirst();
    return Number(result.numUpdatedRows) > 0;
  }

  async remove(sid: string): Promise<void> {
    await this.#db.deleteFrom("session_roles").where("sid", "=", sid).execute();
  }
}

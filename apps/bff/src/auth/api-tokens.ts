import { createHash, randomBytes, randomUUID } from "node:crypto";
import { API_TOKEN_PREFIX, isApiTokenShape, MAX_API_TOKEN_DAYS } from "@portvakt/contracts";
import type { Kysely } from "kysely";
import type { ApiTokenTable, PortvaktDatabase } from "../database";
import { ROLES, type Role } from "./roles";

// Every pipeline token starts so: one definition with the CLI's check, in the contracts.
export { API_TOKEN_PREFIX } from "@portvakt/contracts";

/**
 * The `sub` a token acts under (its requests, audit entries and change requests): `token:<id>`.
 * Never a person's: the sign-in provider's subjects have no such prefix in Portvakt's sessions.
 */
export const tokenSub = (id: string): string => `token:${id}`;

/** The longest life a token may be issued with: one year, in days. */
export const MAX_TOKEN_DAYS = MAX_API_TOKEN_DAYS;

/** How often the last use is written, at most (ms): a busy pipeline does not write every call. */
const LAST_USE_EVERY_MS = 60_000;

/** A pipeline token as listed: never its value or hash. Times are ISO 8601. */
export interface ApiTokenInfo {
  id: string;
  name: string;
  role: Role;
  envs: string[];
  createdBy: { sub: string; name: string };
  createdAt: string;
  expiresAt: string;
  revokedAt?: string;
  revokedBy?: string;
  lastUsedAt?: string;
}

/** What a presented token, once checked, allows. */
export interface ApiTokenIdentity {
  id: string;
  name: string;
  role: Role;
  envs: string[];
  createdBy: string;
  /** Epoch ms. */
  expiresAt: number;
}

/** Why a presented token was not accepted (each answers 401, said in the problem's detail). */
export type TokenRefusal = "unknown" | "expired" | "revoked";

function hashOf(token: string): string {
  return createHash("sha256").update(token, "utf8").digest("hex");
}

const iso = (ms: number | null | undefined) =>
  ms === null || ms === undefined ? undefined : new Date(Number(ms)).toISOString();

function infoOf(row: ApiTokenTable): ApiTokenInfo {
  const revokedAt = iso(row.revoked_at);
  const lastUsedAt = iso(row.last_used_at);
  return {
    id: row.id,
    name: row.name,
    role: row.role as Role,
    envs: JSON.parse(row.envs) as string[],
    createdBy: { sub: row.created_by_sub, name: row.created_by_name },
    createdAt: iso(row.created_at)!,
    expiresAt: iso(row.expires_at)!,
    ...(revokedAt ? { revokedAt } : {}),
    ...(row.revoked_by ? { revokedBy: row.revoked_by } : {}),
    ...(lastUsedAt ? { lastUsedAt } : {}),
  };
}

/**
 * Pipeline tokens (issue 18 #4) in the audit database, shared by every instance. A token is
 * `pvt_` + 43 base64url characters (32 random bytes); only its SHA-256 is stored (a token has
 * 256 bits of entropy, so a plain hash cannot be reversed and needs no salt or slow KDF).
 */
export class ApiTokenStore {
  readonly #db: Kysely<PortvaktDatabase>;
  readonly #now: () => number;
  /** `now`: the clock, epoch ms (tests pass their own). */
  constructor(db: Kysely<PortvaktDatabase>, now: () => number = Date.now) {
    this.#db = db;
    this.#now = now;
  }

  /**
   * Issues a token; returns its value (shown once, never again) and what is listed of it.
   * `days`: its life, 1..MAX_TOKEN_DAYS. @throws RangeError for a role or life out of range.
   */
  async issue(input: Parameters<ApiTokenStore["prepare"]>[0]): Promise<{
    token: string;
    info: ApiTokenInfo;
  }> {
    const prepared = this.prepare(input);
    await prepared.insert(this.#db);
    return { token: prepared.token, info: prepared.info };
  }

  /**
   * A token to issue, not stored yet: `insert` stores it (in the caller's transaction, e.g.
   * with its audit entry: `AuditStore.appendWith`), `remove` takes it back.
   * @throws RangeError for a role or life out of range.
   */
  prepare(input: {
    name: string;
    role: Role;
    envs: readonly string[];
    days: number;
    by: { sub: string; name: string };
  }): {
    token: string;
    info: ApiTokenInfo;
    insert: (db: Kysely<PortvaktDatabase>) => Promise<void>;
    remove: (db: Kysely<PortvaktDatabase>) => Promise<void>;
  } {
    if (!ROLES.includes(input.role)) throw new RangeError(`Unknown role ${input.role}`);
    if (!Number.isInteger(input.days) || input.days < 1 || input.days > MAX_TOKEN_DAYS)
      throw new RangeError(`A token lives 1 to ${MAX_TOKEN_DAYS} days`);
    const token = `${API_TOKEN_PREFIX}${randomBytes(32).toString("base64url")}`;
    const created = this.#now();
    const row: ApiTokenTable = {
      id: randomUUID(),
      name: input.name,
      token_hash: hashOf(token),
      role: input.role,
      envs: JSON.stringify([...new Set(input.envs)]),
      created_by_sub: input.by.sub,
      created_by_name: input.by.name,
      created_at: created,
      expires_at: created + input.days * 86_400_000,
      revoked_at: null,
      revoked_by: null,
      last_used_at: null,
    };
    return {
      token,
      info: infoOf(row),
      insert: async (db) => {
        await db.insertInto("api_token").values(row).execute();
      },
      remove: async (db) => {
        await db.deleteFrom("api_token").where("id", "=", row.id).execute();
      },
    };
  }

  /**
   * The identity of a presented token, or why it is refused. Notes the last use (at most once a
   * minute per token).
   */
  async verify(token: string): Promise<ApiTokenIdentity | TokenRefusal> {
    if (!isApiTokenShape(token)) return "unknown";
    const row = await this.#db
      .selectFrom("api_token")
      .selectAll()
      .where("token_hash", "=", hashOf(token))
      .executeTakeFirst();
    if (!row) return "unknown";
    if (row.revoked_at !== null) return "revoked";
    const at = this.#now();
    if (at >= Number(row.expires_at)) return "expired";
    if (row.last_used_at === null || at - Number(row.last_used_at) >= LAST_USE_EVERY_MS) {
      await this.#db
        .updateTable("api_token")
        .set({ last_used_at: at })
        .where("id", "=", row.id)
        .execute();
    }
    return {
      id: row.id,
      name: row.name,
      role: row.role as Role,
      envs: JSON.parse(row.envs) as string[],
      createdBy: row.created_by_name,
      expiresAt: Number(row.expires_at),
    };
  }

  /** Every token touching one of these environments, newest first (revoked ones too). */
  async list(envs: readonly string[]): Promise<ApiTokenInfo[]> {
    const rows = await this.#db
      .selectFrom("api_token")
      .selectAll()
      .orderBy("created_at", "desc")
      .orderBy("id")
      .execute();
    return rows.map(infoOf).filter((t) => t.envs.some((e) => envs.includes(e)));
  }

  async get(id: string): Promise<ApiTokenInfo | undefined> {
    const row = await this.#db
      .selectFrom("api_token")
      .selectAll()
      .where("id", "=", id)
      .executeTakeFirst();
    return row ? infoOf(row) : undefined;
  }

  /**
   * The person who issued the token behind a `sub` (`tokenSub`), revoked or expired tokens too;
   * undefined when `sub` is not a token's or the token is unknown. Four-eyes treats a token's
   * request as its issuer's own (issue 18 #2: the requester cannot approve their own request).
   */
  async issuerOf(sub: string): Promise<string | undefined> {
    if (!sub.startsWith(tokenSub(""))) return undefined;
    const row = await this.#db
      .selectFrom("api_token")
      .select("created_by_sub")
      .where("id", "=", sub.slice(tokenSub("").length))
      .executeTakeFirst();
    return row?.created_by_sub;
  }

  /**
   * Revokes a token (at once, for every instance); false when it was revoked already. `db`: the
   * caller's step (with the revocation's audit entries, `AuditStore.appendWith`), else the
   * store's.
   */
  async revoke(id: string, by: string, db: Kysely<PortvaktDatabase> = this.#db): Promise<boolean> {
    const result = await db
      .updateTable("api_token")
      .set({ revoked_at: this.#now(), revoked_by: by })
      .where("id", "=", id)
      .where("revoked_at", "is", null)
      .executeTakeFirst();
    return Number(result.numUpdatedRows) > 0;
  }

  /**
   * Takes a revocation back, when the entries that record it could not be written in the same
   * step (SQLite, see `AuditStore.appendWith`).
   */
  async unrevoke(id: string, db: Kysely<PortvaktDatabase> = this.#db): Promise<void> {
    await db
      .updateTable("api_token")
      .set({ revoked_at: null, revoked_by: null })
      .where("id", "=", id)
      .execute();
  }
}

import {
  ContractError,
  type Jwk,
  type JwkRead,
  type JwksResponse,
  MAX_KEYS_PER_CLIENT,
  writableKey,
} from "@portvakt/contracts";
import { MaskinportenInputError } from "./errors";
import type { SelfServiceClient } from "./self-service";

/**
 * Runs `fn` while holding the lock named `key`, and releases it when `fn` settles. Edits of one
 * client's keys run one after another under the same key. The default (`inProcessLock`) holds
 * within one process; a deployment of several instances passes a shared lock (e.g. a PostgreSQL
 * advisory lock), so the client library itself stays free of any database.
 */
export type WithLock = <T>(key: string, fn: () => Promise<T>) => Promise<T>;

/** A lock per key inside this process: callers of one key queue in order (FIFO). */
export function inProcessLock(): WithLock {
  const tails = new Map<string, Promise<unknown>>();
  return <T>(key: string, fn: () => Promise<T>): Promise<T> => {
    const previous = tails.get(key) ?? Promise.resolve();
    const result = previous.then(fn, fn);
    const tail = result.catch(() => {});
    tails.set(key, tail);
    void tail.then(() => {
      if (tails.get(key) === tail) tails.delete(key);
    });
    return result;
  };
}

/** Why a key edit was refused before anything was written; `status` is the HTTP status to answer. */
export class KeyEditRefused extends Error {
  override readonly name = "KeyEditRefused";
  constructor(
    readonly status: 400 | 404 | 409,
    message: string,
    /** The input field concerned, e.g. `jwk.kid`. */
    readonly field?: string,
  ) {
    super(message);
  }
}

export interface KeyEditOptions {
  /**
   * Called with the set as read under the lock, before anything is written: throw to refuse the
   * edit (e.g. an `If-Match` that no longer matches), or note the set for an audit log.
   */
  check?: (current: JwksResponse) => void | Promise<void>;
}

/** The calls of the self-service client the editor uses. */
export type KeySetApi = Pick<
  SelfServiceClient,
  "getJwks" | "putJwk" | "deleteJwk" | "replaceJwks" | "deleteJwks"
>;

export interface KeySetEditorOptions {
  api: KeySetApi;
  /** Default: `inProcessLock()`. */
  withLock?: WithLock;
  /** Prefix of the lock keys, e.g. the environment id: the key is `${namespace}/${clientId}`. */
  namespace?: string;
}

/**
 * The one place key sets are edited (used by the BFF's key routes and by config-as-code apply,
 * issue 15 item 2). Every edit of a client's keys runs under `withLock(namespace/clientId)`, reads
 * the set, lets the caller check it, writes, and reads the set again:
 *
 * - adding and removing one key use Digdir's single-key endpoints (`PUT|DELETE
 *   /api/v1/clients/{id}/jwks/{kid}`, docs/maskinporten.md §8), so the other keys are never rewritten and two
 *   instances cannot lose each other's keys even without a shared lock;
 * - replacing the whole set (`POST .../jwks`) sends each kept key's `exp` back (or Digdir renews
 *   every key by a year and expiry warnings lie) and writes legacy keys with `"use":"sig"`;
 *   an empty set is refused (removing every key is `removeAll`).
 */
export class KeySetEditor {
  readonly #api: KeySetApi;
  readonly #withLock: WithLock;
  readonly #namespace: string;

  constructor(options: KeySetEditorOptions) {
    this.#api = options.api;
    this.#withLock = options.withLock ?? inProcessLock();
    this.#namespace = options.namespace ?? "keys";
  }

  /** The client's keys (none for a client without keys, which Digdir answers with 404). */
  read(clientId: string): Promise<JwksResponse> {
    return this.#api.getJwks(clientId);
  }

  /**
   * Adds one key with `PUT .../jwks/{kid}`. Refused (`KeyEditRefused`) when the kid is already on
   * the client (409) or the client holds `MAX_KEYS_PER_CLIENT` keys (400). Answers the new set.
   */
  addKey(clientId: string, jwk: Jwk, options: KeyEditOptions = {}): Promise<JwksResponse> {
    return this.#edit(clientId, options, async (current) => {
      if (current.keys.some((key) => key.kid === jwk.kid)) {
        throw new KeyEditRefused(
          409,
          `The client already has a key with kid "${jwk.kid}"`,
          "jwk.kid",
        );
      }
      if (current.keys.length >= MAX_KEYS_PER_CLIENT) {
        throw new KeyEditRefused(
          400,
          `The client already has ${MAX_KEYS_PER_CLIENT} keys, the most Maskinporten allows; remove one first`,
          "jwk",
        );
      }
      await this.#api.putJwk(clientId, jwk);
    });
  }

  /** Removes one key with `DELETE .../jwks/{kid}` (also the last one). 404 when it is not there. */
  removeKey(clientId: string, kid: string, options: KeyEditOptions = {}): Promise<JwksResponse> {
    return this.#edit(clientId, options, async (current) => {
      if (!current.keys.some((key) => key.kid === kid)) {
        throw new KeyEditRefused(404, `The client has no key with kid "${kid}"`);
      }
      await this.#api.deleteJwk(clientId, kid);
    });
  }

  /**
   * Replaces the whole set with `keys` (`POST .../jwks`). A key that stays (same kid and modulus)
   * keeps its `exp` unless one is given; a new key gets none, so Digdir gives it a year. A legacy
   * key (read without `use`) is written with `"use":"sig"` (`writableKey`). Refused
   * with 400 for an empty list: removing every key is `removeAll`; a key that cannot be written
   * throws `MaskinportenInputError`.
   */
  replaceAll(
    clientId: string,
    keys: ReadonlyArray<Jwk | JwkRead>,
    options: KeyEditOptions = {},
  ): Promise<JwksResponse> {
    if (keys.length === 0) {
      return Promise.reject(
        new KeyEditRefused(
          400,
          "Replacing the key set needs at least one key; to remove every key, delete the key set",
          "keys",
        ),
      );
    }
    return this.#edit(clientId, options, async (current) => {
      const sent = keys.map((key) => {
        const kept = current.keys.find((old) => old.kid === key.kid && old.n === key.n);
        const exp = key.exp ?? kept?.exp;
        try {
          return writableKey({ ...key, ...(exp !== undefined ? { exp } : {}) });
        } catch (error) {
          // A kept key Portvakt cannot write back (e.g. RS384): this package's coded error.
          if (error instanceof ContractError) {
            throw new MaskinportenInputError(`The key ${key.kid}`, error.issues);
          }
          throw error;
        }
      });
      await this.#api.replaceJwks(clientId, { keys: sent });
    });
  }

  /** Removes every key (`DELETE .../jwks`). */
  removeAll(clientId: string, options: KeyEditOptions = {}): Promise<JwksResponse> {
    return this.#edit(clientId, options, async (current) => {
      if (current.keys.length > 0) await this.#api.deleteJwks(clientId);
    });
  }

  #edit(
    clientId: string,
    options: KeyEditOptions,
    write: (current: JwksResponse) => Promise<void>,
  ): Promise<JwksResponse> {
    return this.#withLock(`${this.#namespace}/${clientId}`, async () => {
      const current = await this.#api.getJwks(clientId);
      await options.check?.(current);
      await write(current);
      return this.#api.getJwks(clientId);
    });
  }
}

import { createHash, randomUUID } from "node:crypto";
import { EncryptJWT, jwtDecrypt } from "jose";
import type { Role } from "./roles";

/** What the encrypted session cookie holds. No token of the identity provider is kept. */
export interface Session {
  sid: string;
  sub: string;
  name: string;
  roles: Record<string, Role>;
  /** Epoch ms of sign-in, last activity, and the absolute end. */
  issuedAt: number;
  /** Epoch ms when the roles were last given by the provider (sign-in or a re-check). */
  rolesCheckedAt?: number;
  seenAt: number;
  expiresAt: number;
}

const OPENED_CACHE_MS = 30_000;
const OPENED_CACHE_SIZE = 10_000;

export interface LoginTransaction {
  state: string;
  nonce: string;
  codeVerifier: string;
  returnTo: string;
}

/**
 * Seals sessions and sign-in transactions with A256GCM (jose, `dir`), keyed by a secret from the
 * configuration, so any instance with the same secret can read them and none can be forged.
 */
export class SessionSealer {
  readonly #key: Uint8Array;
  // Decrypting the same cookie on every request of a session is wasted work: what a cookie holds
  // never changes, so its opened payload is kept for a short while, keyed by the exact value.
  readonly #opened = new Map<string, { payload: object; until: number }>();
  readonly #now: () => number;
  /** `now`: the clock, epoch ms (tests pass their own). */
  constructor(secret: string, now: () => number = Date.now) {
    this.#now = now;
    if (secret.length < 32) throw new Error("The session secret must be at least 32 characters");
    this.#key = new Uint8Array(createHash("sha256").update(`portvakt-session:${secret}`).digest());
  }

  async seal(
    purpose: "session" | "login" | "refresh",
    payload: object,
    expiresAt: number,
  ): Promise<string> {
    return new EncryptJWT({ ...payload })
      .setProtectedHeader({ alg: "dir", enc: "A256GCM", typ: purpose })
      .setExpirationTime(Math.floor(expiresAt / 1000))
      .encrypt(this.#key);
  }

  /** The payload, or undefined for anything tampered, expired, or sealed for another purpose. */
  async open<T>(
    purpose: "session" | "login" | "refresh",
    value: string | undefined,
  ): Promise<T | undefined> {
    if (!value) return undefined;
    const now = this.#now();
    const known = this.#opened.get(`${purpose}:${value}`);
    if (known && known.until > now) return { ...known.payload } as T;
    try {
      const { payload, protectedHeader } = await jwtDecrypt(value, this.#key, {
        currentDate: new Date(now),
      });
      if (protectedHeader.typ !== purpose) return undefined;
      if (this.#opened.size >= OPENED_CACHE_SIZE) this.#opened.clear();
      const until = Math.min(now + OPENED_CACHE_MS, (payload.exp ?? 0) * 1000);
      this.#opened.set(`${purpose}:${value}`, { payload, until });
      return { ...payload } as T;
    } catch {
      return undefined;
    }
  }
}

export function newSession(
  person: { sub: string; name: string; roles: Record<string, Role> },
  now: number,
  absoluteMs: number,
): Session {
  return {
    sid: randomUUID(),
    ...person,
    issuedAt: now,
    rolesCheckedAt: now,
    seenAt: now,
    expiresAt: now + absoluteMs,
  };
}

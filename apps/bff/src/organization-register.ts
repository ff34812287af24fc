import type { RegistryState } from "@portvakt/contracts";

/**
 * The Enhetsregisteret look-up's configuration (`enhetsregisteret` in the config file). No
 * `baseUrl`: switched off (closed networks), Portvakt shows names from Digdir only.
 */
export interface OrganizationRegisterConfig {
  /** Brønnøysund's open API root, the part before `/enheter/{orgnr}`; see README, Configuration. */
  baseUrl?: string;
  /** How long an answer is kept, in seconds (0: not cached). */
  ttlSeconds: number;
  /** At most this many organisations are kept; the least recently used goes first. */
  maxEntries: number;
  /** How long one look-up may take, in milliseconds. */
  timeoutMs: number;
}

/** One organisation's state in Enhetsregisteret, or `unavailable` when it did not answer. */
export type RegisterAnswer =
  | { registry: "on"; state: RegistryState; deleted_on?: string }
  | { registry: "off" }
  | { registry: "unavailable" };

/**
 * Reads Brønnøysund's answer leniently (every field optional; unknown ones ignored): a
 * `slettedato` means deleted, then `konkurs`, `underTvangsavviklingEllerTvangsopplosning`,
 * `underAvvikling` in that order. Shape from Enhetsregisteret's open API (`Enhet`).
 */
export function registryStateOf(body: unknown): { state: RegistryState; deleted_on?: string } {
  const unit = (body && typeof body === "object" ? body : {}) as Record<string, unknown>;
  const deletedOn = typeof unit.slettedato === "string" ? unit.slettedato : undefined;
  if (deletedOn) return { state: "deleted", deleted_on: deletedOn };
  if (unit.konkurs === true) return { state: "bankrupt" };
  if (unit.underTvangsavviklingEllerTvangsopplosning === true) {
    return { state: "forced-winding-up" };
  }
  if (unit.underAvvikling === true) return { state: "winding-up" };
  return { state: "active" };
}

type Entry = { answer: RegisterAnswer; expiresAt: number };

/**
 * Looks organisations up in Enhetsregisteret (`GET {baseUrl}/enheter/{orgnr}`, no key needed)
 * with a bounded cache: at most `maxEntries` answers, each for `ttlSeconds`, least recently used
 * evicted first; concurrent look-ups of one number share one request. 200, 404 and 410 answers
 * are cached; a timeout or any other status is `unavailable` and is not.
 */
export class OrganizationRegister {
  readonly #config: OrganizationRegisterConfig;
  readonly #now: () => number;
  readonly #cache = new Map<string, Entry>();
  readonly #inFlight = new Map<string, Promise<RegisterAnswer>>();
  /** Look-ups sent to Enhetsregisteret since start (for tests and metrics). */
  sent = 0;

  constructor(config: OrganizationRegisterConfig, now: () => number = Date.now) {
    this.#config = config;
    this.#now = now;
  }

  get enabled(): boolean {
    return Boolean(this.#config.baseUrl);
  }

  /** How many answers the cache holds now. */
  get size(): number {
    return this.#cache.size;
  }

  /** The state of `orgno` (nine digits, already validated by the caller). */
  async lookUp(orgno: string): Promise<RegisterAnswer> {
    if (!this.#config.baseUrl) return { registry: "off" };
    const cached = this.#cache.get(orgno);
    if (cached && cached.expiresAt > this.#now()) {
      // Most recently used goes last, so the first key is the one to evict.
      this.#cache.delete(orgno);
      this.#cache.set(orgno, cached);
      return cached.answer;
    }
    if (cached) this.#cache.delete(orgno);
    const running = this.#inFlight.get(orgno);
    if (running) return running;
    const request = this.#fetch(this.#config.baseUrl, orgno).finally(() =>
      this.#inFlight.delete(orgno),
    );
    this.#inFlight.set(orgno, request);
    return request;
  }

  async #fetch(baseUrl: string, orgno: string): Promise<RegisterAnswer> {
    this.sent++;
    let answer: RegisterAnswer;
    try {
      const response = await fetch(`${baseUrl.replace(/\/+$/, "")}/enheter/${orgno}`, {
        headers: { Accept: "application/json" },
        signal: AbortSignal.timeout(this.#config.timeoutMs),
      });
      if (response.status === 200) {
        answer = { registry: "on", ...registryStateOf(await response.json().catch(() => ({}))) };
      } else if (response.status === 410) {
        // Removed for legal reasons: the body names `slettedato`, if anything.
        const body = (await response.json().catch(() => ({}))) as Record<string, unknown>;
        answer = {
          registry: "on",
          state: "deleted",
          ...(typeof body.slettedato === "string" ? { deleted_on: body.slettedato } : {}),
        };
      } else if (response.status === 404) {
        await response.body?.cancel();
        answer = { registry: "on", state: "not-found" };
      } else {
        await response.body?.cancel();
        return { registry: "unavailable" };
      }
    } catch {
      return { registry: "unavailable" };
    }
    this.#remember(orgno, answer);
    return answer;
  }

  #remember(orgno: string, answer: RegisterAnswer) {
    if (this.#config.ttlSeconds <= 0) return;
    this.#cache.set(orgno, { answer, expiresAt: this.#now() + this.#config.ttlSeconds * 1000 });
    while (this.#cache.size > this.#config.maxEntries) {
      const oldest = this.#cache.keys().next().value;
      if (oldest === undefined) break;
      this.#cache.delete(oldest);
    }
  }
}

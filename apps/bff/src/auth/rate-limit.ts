/**
 * A fixed-window counter per key (person or address), in memory. Each instance counts on its own:
 * behind N instances a person gets at most N times the limit, which still stops a runaway script.
 */
export class RateLimiter {
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

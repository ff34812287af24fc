/**
 * The simulator's notion of "now". Tests shift it (POST /__control/clock) to reach key and
 * certificate expiry without waiting a year; everything time-dependent reads it from here.
 * `now` is the clock in the one convention of every package (`() => number`, epoch ms), bound so
 * it can be handed on as it is; `date`, `epochSeconds` and `iso` are the same instant in the
 * shapes Digdir's answers and jose want.
 */
export class SimulatorClock {
  private offsetMs = 0;

  get offsetSeconds(): number {
    return this.offsetMs / 1000;
  }

  setOffsetSeconds(seconds: number): void {
    this.offsetMs = Math.round(seconds * 1000);
  }

  /** Epoch ms, shifted by the offset. */
  readonly now = (): number => Date.now() + this.offsetMs;

  date(): Date {
    return new Date(this.now());
  }

  /** Epoch seconds (JWT `iat`/`exp`, JWK `exp`). */
  epochSeconds(): number {
    return Math.floor(this.now() / 1000);
  }

  /** ISO 8601 (Digdir's `created`/`last_updated`). */
  iso(): string {
    return this.date().toISOString();
  }
}

/**
 * The simulator's notion of "now". Tests shift it (POST /__control/clock) to reach key and
 * certificate expiry without waiting a year; everything time-dependent reads it from here.
 */
export class SimulatorClock {
  private offsetMs = 0;

  get offsetSeconds(): number {
    return this.offsetMs / 1000;
  }

  setOffsetSeconds(seconds: number): void {
    this.offsetMs = Math.round(seconds * 1000);
  }

  nowMs(): number {
    return Date.now() + this.offsetMs;
  }

  now(): Date {
    return new Date(this.nowMs());
  }

  epochSeconds(): number {
    return Math.floor(this.nowMs() / 1000);
  }

  iso(): string {
    return this.now().toISOString();
  }
}

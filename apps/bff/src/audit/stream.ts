import type { Logger } from "pino";
import type { AuditEntry } from "./store";

/** Where audit entries are streamed as they are written (a SIEM); see README, Audit log. */
export interface AuditStreamSettings {
  /** Each entry as one JSON line on stdout (`{"type":"audit",...}`), beside the logs. */
  stdout?: boolean;
  /** POSTs entries in batches as JSON lines (`application/x-ndjson`) to this URL. */
  webhookUrl?: string;
  /** The bearer token the webhook asks for, read from this environment variable. */
  webhookToken?: string;
}

const MAX_QUEUE = 10_000;
const MAX_BATCH = 500;
const MAX_BACKOFF_MS = 60_000;

/** One JSON line of the stream: the entry with `type: "audit"`, `seq` and `hash`. */
export function auditLine(entry: AuditEntry): string {
  return `${JSON.stringify({ type: "audit", ...entry })}\n`;
}

/**
 * Streams audit entries to stdout and/or a webhook (issue 18 #6). Each instance streams the
 * entries it writes, in its order of writing; a webhook failure (no answer, not 2xx; a redirect
 * is not followed) is retried with a growing pause (1 s doubling to 60 s) keeping order, and at
 * most 10,000 entries wait (the oldest are dropped past that, and logged). An instance that stops flushes for at most the drain
 * time; entries still queued then are lost to the stream but not to the log: the receiver sees
 * the gap in `seq` and `portvakt audit verify` proves what the database holds.
 */
export class AuditStream {
  readonly #settings: AuditStreamSettings;
  readonly #logger: Logger;
  readonly #write: (line: string) => void;
  readonly #queue: AuditEntry[] = [];
  #sending: Promise<void> | undefined;
  #backoffMs = 0;
  #timer: NodeJS.Timeout | undefined;
  #closed = false;

  constructor(
    settings: AuditStreamSettings,
    logger: Logger,
    write: (line: string) => void = (line) => process.stdout.write(line),
  ) {
    this.#settings = settings;
    this.#logger = logger;
    this.#write = write;
  }

  /** Takes one written entry (an `AuditStore.onAppend` listener). */
  readonly push = (entry: AuditEntry): void => {
    if (this.#settings.stdout) this.#write(auditLine(entry));
    if (!this.#settings.webhookUrl || this.#closed) return;
    this.#queue.push(entry);
    if (this.#queue.length > MAX_QUEUE) {
      const dropped = this.#queue.splice(0, this.#queue.length - MAX_QUEUE);
      this.#logger.warn(
        { dropped: dropped.length, first_seq: dropped[0]?.seq },
        "audit stream: webhook queue full, oldest entries dropped from the stream",
      );
    }
    this.#kick();
  };

  #kick(): void {
    if (this.#sending || this.#timer || this.#queue.length === 0) return;
    this.#sending = this.#sendBatch().finally(() => {
      this.#sending = undefined;
      if (this.#queue.length === 0) return;
      if (this.#backoffMs === 0) this.#kick();
      else if (!this.#closed) {
        this.#timer = setTimeout(() => {
          this.#timer = undefined;
          this.#kick();
        }, this.#backoffMs);
        this.#timer.unref();
      }
    });
  }

  async #sendBatch(): Promise<void> {
    const batch = this.#queue.slice(0, MAX_BATCH);
    try {
      const response = await fetch(this.#settings.webhookUrl!, {
        method: "POST",
        headers: {
          "Content-Type": "application/x-ndjson",
          ...(this.#settings.webhookToken
            ? { Authorization: `Bearer ${this.#settings.webhookToken}` }
            : {}),
        },
        body: batch.map(auditLine).join(""),
        // Not followed: a 301/302/303 turns the POST into a GET without the entries, whose 200
        // would take them off the queue undelivered. A 3xx is a failure like any other.
        redirect: "manual",
        signal: AbortSignal.timeout(10_000),
      });
      await response.body?.cancel();
      if (!response.ok) throw new Error(`HTTP ${response.status}`);
      this.#queue.splice(0, batch.length);
      this.#backoffMs = 0;
    } catch (error) {
      this.#backoffMs = Math.min(MAX_BACKOFF_MS, Math.max(1000, this.#backoffMs * 2));
      this.#logger.warn(
        { err: { message: (error as Error).message }, waiting: this.#queue.length },
        "audit stream: the webhook did not take the entries; retrying",
      );
    }
  }

  /** Entries waiting for the webhook. */
  get pending(): number {
    return this.#queue.length;
  }

  /** Sends what waits (bounded by `drainMs`), then stops. */
  async close(drainMs = 5_000): Promise<void> {
    const until = Date.now() + drainMs;
    if (this.#timer) {
      clearTimeout(this.#timer);
      this.#timer = undefined;
    }
    while (this.#queue.length > 0 && Date.now() < until) {
      this.#backoffMs = 0;
      this.#kick();
      await this.#sending;
      if (this.#backoffMs > 0) break;
    }
    this.#closed = true;
    if (this.#timer) clearTimeout(this.#timer);
  }
}

import type { Logger } from "pino";
import type { AuditStore } from "./audit/store";
import type { Environment } from "./upstream";

/** One readiness check. `warning`: fine for now, but someone must act (e.g. renew a certificate). */
export interface ReadinessCheck {
  name: string;
  ok: boolean;
  detail: string;
  warning?: boolean;
}

export interface ReadinessSnapshot {
  ready: boolean;
  checkedAt: string | null;
  checks: ReadinessCheck[];
}

const DAY_MS = 86_400_000;

/**
 * Readiness, checked in the background and answered from the last result, so that a probe every
 * few seconds costs nothing and never reaches Maskinporten: the token check uses the token
 * cache, which asks Maskinporten only when the cached token runs out.
 *
 * A business certificate that expires within `expiryWarningDays` (default 30) is a warning
 * (logged when it starts and once a day, in `/readyz`'s checks, in the metric
 * `portvakt_credential_days_to_expiry`, and as a banner for admins), never a failure: the instance
 * still works, and taking every instance out of service for a month would be the outage. An
 * expired certificate (or one not yet valid) is a failure: Maskinporten refuses it.
 */
export class Readiness {
  readonly #environments: readonly Environment[];
  readonly #audit: AuditStore;
  readonly #logger: Logger;
  readonly #intervalMs: number;
  readonly #expiryWarningDays: number;
  readonly #now: () => number;
  #timer: NodeJS.Timeout | undefined;
  /** The warnings last logged, and when (epoch ms), to log each once a day rather than every check. */
  #warned = new Map<string, number>();
  #snapshot: ReadinessSnapshot = {
    ready: false,
    checkedAt: null,
    checks: [{ name: "startup", ok: false, detail: "The first check has not finished" }],
  };

  constructor(options: {
    environments: readonly Environment[];
    audit: AuditStore;
    logger: Logger;
    intervalMs?: number;
    expiryWarningDays?: number;
    /** The clock, epoch ms (tests pass their own). */
    now?: () => number;
  }) {
    this.#environments = options.environments;
    this.#audit = options.audit;
    this.#logger = options.logger;
    this.#intervalMs = options.intervalMs ?? 15_000;
    this.#expiryWarningDays = options.expiryWarningDays ?? 30;
    this.#now = options.now ?? Date.now;
  }

  snapshot(): ReadinessSnapshot {
    return this.#snapshot;
  }

  start(): Promise<ReadinessSnapshot> {
    const first = this.check();
    this.#timer = setInterval(() => void this.check(), this.#intervalMs);
    this.#timer.unref();
    return first;
  }

  stop(): void {
    clearInterval(this.#timer);
  }

  async check(): Promise<ReadinessSnapshot> {
    const checks: ReadinessCheck[] = [{ name: "config", ok: true, detail: "valid" }];
    await Promise.all([
      ...this.#environments.map(async (env) => {
        const id = env.config.id;
        if (env.credential.kind === "certificate") {
          const now = this.#now();
          const { notBefore, notAfter } = env.credential;
          const days = Math.floor((notAfter.getTime() - now) / DAY_MS);
          const name = `${id}.credential`;
          if (notAfter.getTime() <= now) {
            checks.push({
              name,
              ok: false,
              detail: `the business certificate expired on ${notAfter.toISOString()}: renew it`,
            });
          } else if (notBefore.getTime() > now) {
            checks.push({
              name,
              ok: false,
              detail: `the business certificate is not valid before ${notBefore.toISOString()}: check the clock`,
            });
          } else if (days < this.#expiryWarningDays) {
            checks.push({
              name,
              ok: true,
              warning: true,
              detail: `the business certificate expires in ${days} days (${notAfter.toISOString()}): renew it`,
            });
          } else {
            checks.push({ name, ok: true, detail: `certificate valid for ${days} more days` });
          }
        } else {
          checks.push({ name: `${id}.credential`, ok: true, detail: "own key (JWK) loaded" });
        }
        try {
          await env.tokens.getToken(env.config.adminScopes);
          checks.push({ name: `${id}.token`, ok: true, detail: "a token is obtainable" });
        } catch (error) {
          checks.push({
            name: `${id}.token`,
            ok: false,
            detail: `no token from Maskinporten: ${(error as Error).message}`,
          });
        }
      }),
      this.#audit.ping().then(
        () => checks.push({ name: "audit", ok: true, detail: "audit store reachable" }),
        (error: Error) =>
          checks.push({
            name: "audit",
            ok: false,
            detail: `audit store unreachable: ${error.message}`,
          }),
      ),
    ]);
    checks.sort((a, b) => a.name.localeCompare(b.name));
    const ready = checks.every((c) => c.ok);
    const now = this.#now();
    for (const check of checks) {
      if (!check.warning) {
        this.#warned.delete(check.name);
        continue;
      }
      if (now - (this.#warned.get(check.name) ?? Number.NEGATIVE_INFINITY) < DAY_MS) continue;
      this.#warned.set(check.name, now);
      this.#logger.warn({ check: check.name, detail: check.detail }, "readiness warning");
    }
    if (ready !== this.#snapshot.ready) {
      this.#logger[ready ? "info" : "warn"](
        { checks: checks.filter((c) => !c.ok) },
        ready ? "ready" : "not ready",
      );
    }
    this.#snapshot = { ready, checkedAt: new Date(this.#now()).toISOString(), checks };
    return this.#snapshot;
  }
}

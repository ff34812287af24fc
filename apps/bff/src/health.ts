import type { Logger } from "pino";
import type { AuditStore } from "./audit/store";
import type { Environment } from "./upstream";

export interface ReadinessCheck {
  name: string;
  ok: boolean;
  detail: string;
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
 */
export class Readiness {
  readonly #environments: readonly Environment[];
  readonly #audit: AuditStore;
  readonly #logger: Logger;
  readonly #intervalMs: number;
  readonly #expiryWarningDays: number;
  #timer: NodeJS.Timeout | undefined;
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
  }) {
    this.#environments = options.environments;
    this.#audit = options.audit;
    this.#logger = options.logger;
    this.#intervalMs = options.intervalMs ?? 15_000;
    this.#expiryWarningDays = options.expiryWarningDays ?? 30;
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
          const days = Math.floor((env.credential.notAfter.getTime() - Date.now()) / DAY_MS);
          checks.push({
            name: `${id}.credential`,
            ok: days >= this.#expiryWarningDays,
            detail:
              days >= this.#expiryWarningDays
                ? `certificate valid for ${days} more days`
                : `the business certificate expires in ${days} days: renew it`,
          });
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
    if (ready !== this.#snapshot.ready) {
      this.#logger[ready ? "info" : "warn"](
        { checks: checks.filter((c) => !c.ok) },
        ready ? "ready" : "not ready",
      );
    }
    this.#snapshot = { ready, checkedAt: new Date().toISOString(), checks };
    return this.#snapshot;
  }
}

import { coded, type MessageParams, type ProblemCode, problemMessages } from "@portvakt/contracts";
import type { Logger } from "pino";
import type { AuditStore } from "./audit/store";
import type { Environment } from "./upstream";

/**
 * One readiness check. `warning`: fine for now, but someone must act (e.g. renew a certificate).
 * `detail` is English (probes, logs); `code` (`problem.readiness.*` of `problemMessages`) and
 * `params` say the same in nb, nn or en (docs/i18n.md).
 */
export interface ReadinessCheck {
  name: string;
  ok: boolean;
  detail: string;
  code: ProblemCode;
  params?: MessageParams;
  warning?: boolean;
}

/** A check whose text is the readiness code `code` with `params`. */
function said(
  name: string,
  ok: boolean,
  code: ProblemCode & `problem.readiness.${string}`,
  params?: MessageParams,
  warning?: boolean,
): ReadinessCheck {
  const text = coded(problemMessages, code, params);
  return {
    name,
    ok,
    detail: text.detail,
    code,
    ...(text.params ? { params: text.params } : {}),
    ...(warning ? { warning } : {}),
  };
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
    checks: [said("startup", false, "problem.readiness.starting")],
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
    const checks: ReadinessCheck[] = [said("config", true, "problem.readiness.config-valid")];
    await Promise.all([
      ...this.#environments.map(async (env) => {
        const id = env.config.id;
        if (env.credential.kind === "certificate") {
          const now = this.#now();
          const { notBefore, notAfter } = env.credential;
          const days = Math.floor((notAfter.getTime() - now) / DAY_MS);
          const name = `${id}.credential`;
          if (notAfter.getTime() <= now) {
            checks.push(
              said(name, false, "problem.readiness.certificate-expired", {
                date: notAfter.toISOString(),
              }),
            );
          } else if (notBefore.getTime() > now) {
            checks.push(
              said(name, false, "problem.readiness.certificate-not-yet-valid", {
                date: notBefore.toISOString(),
              }),
            );
          } else if (days < this.#expiryWarningDays) {
            checks.push(
              said(
                name,
                true,
                "problem.readiness.certificate-expiring",
                { days, date: notAfter.toISOString() },
                true,
              ),
            );
          } else {
            checks.push(said(name, true, "problem.readiness.certificate-valid", { days }));
          }
        } else {
          checks.push(said(`${id}.credential`, true, "problem.readiness.own-key"));
        }
        try {
          await env.tokens.getToken(env.config.adminScopes);
          checks.push(said(`${id}.token`, true, "problem.readiness.token-ok"));
        } catch (error) {
          checks.push(
            said(`${id}.token`, false, "problem.readiness.token-failed", {
              words: (error as Error).message,
            }),
          );
        }
      }),
      this.#audit.ping().then(
        () => checks.push(said("audit", true, "problem.readiness.audit-ok")),
        (error: Error) =>
          checks.push(
            said("audit", false, "problem.readiness.audit-failed", { words: error.message }),
          ),
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

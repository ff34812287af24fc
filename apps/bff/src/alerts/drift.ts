import { createHash } from "node:crypto";
import { readFile } from "node:fs/promises";
import { dirname, extname } from "node:path";
import {
  type PlanStep,
  parseDocument,
  planChanges,
  readLiveState,
  resolveKeyFiles,
} from "@portvakt/config-as-code";
import type { Logger } from "pino";
import type { Environment } from "../upstream";
import type { Notice, Notifier } from "./notify";

/** Which committed configuration document describes which environment (config `alerts.drift`). */
export interface DriftSource {
  /** The environment's id. */
  env: string;
  /** The document's path on the BFF's disk (YAML or JSON, as `portvakt plan` reads it). */
  path: string;
}

/**
 * A drift notice (format `json`): planning the committed document against Digdir found steps,
 * so the environment was changed outside Portvakt (or the document was not applied). `steps`
 * counts them, `by_kind` per step kind, `step_ids` names up to 50 (`scope.update:…`); `digest`
 * is SHA-256 over the steps and identifies this drift: the same drift notifies once. `code` is
 * `alert.drift`.
 */
export interface DriftNotice extends Notice {
  type: "portvakt.drift";
  env: string;
  document: string;
  steps: number;
  by_kind: Record<string, number>;
  step_ids: string[];
  digest: string;
}

/** SHA-256 (hex) over the steps' ids and their before/after values, in plan order. */
export function driftDigest(steps: readonly PlanStep[]): string {
  const hash = createHash("sha256");
  for (const step of steps) {
    hash.update(JSON.stringify([step.id, step.before ?? null, step.after ?? null]));
    hash.update("\n");
  }
  return hash.digest("hex");
}

/**
 * Plans each configured document against its environment (`@portvakt/config-as-code`
 * `planChanges`, the same plan `portvakt plan` shows; key files named by the document are read
 * relative to it) and notifies once per distinct drift (claimed in `alert_sent` under the
 * digest, so several instances send one notice and a drift that changes notifies again). Only
 * the current drift's claim is kept: once the environment is as its document says, or drifts
 * otherwise, a drift seen before that comes back notifies again. A
 * document that cannot be read or planned is logged as an error, not notified.
 */
export class DriftWatch {
  readonly #notifier: Notifier;
  readonly #logger: Logger;
  readonly #environments: () => readonly Environment[];
  readonly #sources: readonly DriftSource[];

  constructor(options: {
    notifier: Notifier;
    logger: Logger;
    environments: () => readonly Environment[];
    sources: readonly DriftSource[];
  }) {
    this.#notifier = options.notifier;
    this.#logger = options.logger;
    this.#environments = options.environments;
    this.#sources = options.sources;
  }

  /** Plans every configured document now; returns the notices this instance sent. */
  async check(): Promise<DriftNotice[]> {
    const sent: DriftNotice[] = [];
    for (const source of this.#sources) {
      const env = this.#environments().find((e) => e.config.id === source.env);
      if (!env) continue;
      try {
        const text = await readFile(source.path, "utf8");
        const format = extname(source.path).toLowerCase() === ".json" ? "json" : "yaml";
        const document = await resolveKeyFiles(parseDocument(text, format), dirname(source.path));
        const live = await readLiveState(env.api);
        const plan = planChanges(document, live, {
          environment: env.config.id,
          production: env.config.kind === "prod",
        });
        const prefix = `drift:${source.env}:`;
        if (plan.steps.length === 0) {
          // No drift now: a drift seen before and come back later is news again.
          await this.#notifier.forget(prefix);
          continue;
        }
        const digest = driftDigest(plan.steps);
        // Only the drift of now stays claimed: a change back to an earlier drift notifies again.
        await this.#notifier.forget(prefix, `${prefix}${digest}`);
        const byKind: Record<string, number> = {};
        for (const step of plan.steps) byKind[step.kind] = (byKind[step.kind] ?? 0) + 1;
        const notice = await this.#notifier.once<DriftNotice>(`drift:${source.env}:${digest}`, 0, {
          type: "portvakt.drift",
          code: "alert.drift",
          params: {
            env: source.env,
            document: source.path,
            steps: plan.steps.length,
            kinds: Object.entries(byKind)
              .map(([kind, count]) => `${count} ${kind}`)
              .join(", "),
          },
          env: source.env,
          document: source.path,
          steps: plan.steps.length,
          by_kind: byKind,
          step_ids: plan.steps.slice(0, 50).map((step) => step.id),
          digest,
        });
        if (notice) sent.push(notice);
      } catch (error) {
        this.#logger.error(
          { env: source.env, document: source.path, err: { message: (error as Error).message } },
          "drift check: the document could not be planned",
        );
      }
    }
    return sent;
  }
}

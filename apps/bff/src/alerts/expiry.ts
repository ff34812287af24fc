import { dateFromTimestamp } from "@portvakt/contracts";
import type { Logger } from "pino";
import type { Environment } from "../upstream";
import type { Notice, Notifier } from "./notify";

/** A key or credential that expires, as a notice names it. */
export interface ExpiringKey {
  /**
   * `client` (a client's registered key, Digdir's `exp`) or `credential`: the admin certificate
   * (`notAfter`), or in own-key mode the admin client's own registered key (its `exp`; then
   * `clientId` is the admin client and `kid` the key's).
   */
  kind: "client" | "credential";
  env: string;
  clientId?: string;
  clientName?: string;
  kid?: string;
  /** ISO 8601. */
  expiresAt: string;
}

/**
 * The generic JSON notice (format `json`), also the source of the Slack and Teams texts: the
 * threshold crossed and the days left (whole days, rounded up; 0 or less once expired), the key,
 * and `code` (`alert.key-expiry.client`, `.certificate` or `.own-key`) with its `params`.
 */
export interface ExpiryNotice extends Notice {
  type: "portvakt.key-expiry";
  threshold_days: number;
  days_left: number;
  key: ExpiringKey;
}

const DAY_MS = 86_400_000;

/**
 * A JWK's `exp` as ISO 8601, read leniently: epoch seconds (RFC 7519 §2 NumericDate, as Digdir's
 * JWKS has it; read as a number even when sent as text, `@portvakt/contracts` `readRow`), or
 * epoch milliseconds when the number is 10^11 or more (as seconds the year 5138; read so by
 * `dateFromTimestamp`, the one rule for Digdir's dates). Undefined when there is none, it is not
 * positive, or it is no date JavaScript can hold (beyond 8.64e15 ms): such a key is not watched,
 * and stops no other.
 */
export function expiryOf(exp: unknown): string | undefined {
  return typeof exp === "number" ? dateFromTimestamp(exp) : undefined;
}

/** The notice's code and parameters for a key with `daysLeft` days left. */
function codeOf(key: ExpiringKey, daysLeft: number): Pick<ExpiryNotice, "code" | "params"> {
  const common = {
    env: key.env,
    expires_at: key.expiresAt,
    days_left: daysLeft,
    state: daysLeft <= 0 ? "expired" : "expiring",
  };
  if (key.kind === "credential") {
    return key.kid
      ? {
          code: "alert.key-expiry.own-key",
          params: { ...common, kid: key.kid, client_id: key.clientId ?? "" },
        }
      : { code: "alert.key-expiry.certificate", params: common };
  }
  return {
    code: "alert.key-expiry.client",
    params: {
      ...common,
      kid: key.kid ?? "",
      client_id: key.clientId ?? "",
      client: key.clientName ? `${key.clientName} (${key.clientId})` : (key.clientId ?? ""),
    },
  };
}

/**
 * Watches every client key's `exp` (Digdir sets it, one year after a key is posted; docs
 * maskinporten.md §8) and each admin certificate's `notAfter`, and sends one notice per key and
 * threshold crossed (the smallest threshold not above the days left), by webhook and e-mail.
 * In own-key mode (a `jwk` credential) the admin client's own registered key is watched as the
 * certificate is: its `exp` as Digdir answers it on the admin client's JWKS.
 * Which notices went is kept in `alert_sent`, claimed by insert: with several instances on one
 * PostgreSQL, one sends. A key found already past several thresholds gets one notice, for the
 * nearest; the others are marked as passed. `now` is the BFF's clock (epoch ms).
 */
export class ExpiryAlerts {
  readonly #notifier: Notifier;
  readonly #thresholdsDays: readonly number[];
  readonly #logger: Logger;
  readonly #now: () => number;
  readonly #environments: () => readonly Environment[];
  /**
   * The registered keys seen at the last check, for /metrics: every client's, and in own-key
   * mode the admin client's own (not the certificate, which has a metric of its own).
   */
  keys: ExpiringKey[] = [];

  constructor(options: {
    notifier: Notifier;
    /** Days before expiry at which a notice is sent, once each. */
    thresholdsDays: readonly number[];
    logger: Logger;
    now: () => number;
    environments: () => readonly Environment[];
  }) {
    this.#notifier = options.notifier;
    this.#thresholdsDays = options.thresholdsDays;
    this.#logger = options.logger;
    this.#now = options.now;
    this.#environments = options.environments;
  }

  /** Every client key and certificate of every environment, read from Digdir now. */
  async collect(): Promise<ExpiringKey[]> {
    const found: ExpiringKey[] = [];
    for (const env of this.#environments()) {
      const id = env.config.id;
      if (env.credential.kind === "certificate") {
        found.push({
          kind: "credential",
          env: id,
          expiresAt: env.credential.notAfter.toISOString(),
        });
      }
      try {
        if (env.credential.kind === "jwk") {
          const own = await ownKeyExpiry(env);
          if (own) found.push(own);
        }
        for (const client of await env.api.listClients()) {
          // One client at a time: a client deleted since the list (404) or a JWKS that cannot be
          // read costs only that client's keys their notice, not every other client's.
          let keys: readonly { kid?: string; exp?: unknown }[];
          try {
            ({ keys } = await env.api.getJwks(client.client_id));
          } catch (error) {
            this.#logger.warn(
              { env: id, client_id: client.client_id, err: { message: (error as Error).message } },
              "expiry alerts: could not read a client's keys",
            );
            continue;
          }
          for (const key of keys) {
            const expiresAt = expiryOf(key.exp);
            if (expiresAt === undefined) continue;
            // The admin client's own key is watched (and named) as the credential above.
            if (
              env.credential.kind === "jwk" &&
              client.client_id === env.config.clientId &&
              key.kid === env.credential.kid
            )
              continue;
            found.push({
              kind: "client",
              env: id,
              clientId: client.client_id,
              ...(client.client_name ? { clientName: client.client_name } : {}),
              ...(key.kid !== undefined ? { kid: key.kid } : {}),
              expiresAt,
            });
          }
        }
      } catch (error) {
        this.#logger.warn(
          { env: id, err: { message: (error as Error).message } },
          "expiry alerts: could not read the clients' keys",
        );
      }
    }
    this.keys = found.filter((k) => k.kid !== undefined);
    return found;
  }

  /** Checks every key now and sends the notices due; returns those this instance sent. */
  async check(): Promise<ExpiryNotice[]> {
    const sent: ExpiryNotice[] = [];
    const thresholds = [...this.#thresholdsDays].sort((a, b) => a - b);
    for (const key of await this.collect()) {
      const daysLeft = Math.ceil((Date.parse(key.expiresAt) - this.#now()) / DAY_MS);
      const crossed = thresholds.filter((t) => daysLeft <= t);
      const nearest = crossed[0];
      if (nearest === undefined) continue;
      const id =
        key.kind === "credential"
          ? `credential:${key.env}:${key.kid ? `${key.kid}:` : ""}${key.expiresAt}`
          : `client:${key.env}:${key.clientId}:${key.kid}:${key.expiresAt}`;
      // The larger thresholds passed without a notice (Portvakt was not running then) are marked
      // as passed so they never send later; only the nearest sends.
      for (const passed of crossed.slice(1)) await this.#notifier.mark(id, passed);
      const notice = await this.#notifier.once<ExpiryNotice>(id, nearest, {
        type: "portvakt.key-expiry",
        threshold_days: nearest,
        days_left: daysLeft,
        key,
        ...codeOf(key, daysLeft),
      });
      if (notice) sent.push(notice);
    }
    return sent;
  }
}

/**
 * The admin client's own registered key (own-key mode) as an expiring key: the JWKS entry of the
 * admin client whose `kid` is the credential's, with Digdir's `exp` (epoch seconds). None when the
 * key is not registered or Digdir gives it no `exp`.
 */
export async function ownKeyExpiry(env: Environment): Promise<ExpiringKey | undefined> {
  if (env.credential.kind !== "jwk") return undefined;
  const kid = env.credential.kid;
  const { keys } = await env.api.getJwks(env.config.clientId);
  const exp = (keys.find((key) => key.kid === kid) as { exp?: unknown } | undefined)?.exp;
  const expiresAt = expiryOf(exp);
  if (expiresAt === undefined) return undefined;
  return { kind: "credential", env: env.config.id, clientId: env.config.clientId, kid, expiresAt };
}

import type { Kysely } from "kysely";
import type { Logger } from "pino";
import type { PortvaktDatabase } from "../database";
import type { Environment } from "../upstream";
import { claimNotice, type NoticeChannels, noticeBody, sendNotice } from "./notify";

/** Where expiry notices go and when (README, Alerts). */
export interface AlertSettings extends NoticeChannels {
  /** Days before expiry at which a notice is sent, once each (default 30, 14, 7, 1). */
  thresholdsDays: number[];
}

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

/** The generic JSON notice (format `json`), also the source of the Slack and Teams texts. */
export interface ExpiryNotice {
  type: "portvakt.key-expiry";
  threshold_days: number;
  days_left: number;
  key: ExpiringKey;
  text: string;
}

const DAY_MS = 86_400_000;

function describe(key: ExpiringKey, daysLeft: number): string {
  const what =
    key.kind === "credential"
      ? key.kid
        ? `The admin client's own key ${key.kid} (${key.clientId}) of environment ${key.env}`
        : `The admin certificate of environment ${key.env}`
      : `Key ${key.kid} of client ${key.clientName ? `${key.clientName} (${key.clientId})` : key.clientId} in environment ${key.env}`;
  return daysLeft <= 0
    ? `${what} expired at ${key.expiresAt}.`
    : `${what} expires in ${daysLeft} day${daysLeft === 1 ? "" : "s"} (${key.expiresAt}).`;
}

/** The body a webhook of this format gets: generic JSON, Slack's `{text}`, or a Teams MessageCard. */
export function webhookBody(notice: ExpiryNotice, format: "json" | "slack" | "teams"): unknown {
  return noticeBody(notice, "Portvakt: a key expires soon", format);
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
  readonly #db: Kysely<PortvaktDatabase>;
  readonly #settings: AlertSettings;
  readonly #logger: Logger;
  readonly #now: () => number;
  readonly #environments: () => readonly Environment[];
  /** The client keys seen at the last check, for /metrics. */
  keys: ExpiringKey[] = [];

  constructor(options: {
    db: Kysely<PortvaktDatabase>;
    settings: AlertSettings;
    logger: Logger;
    now: () => number;
    environments: () => readonly Environment[];
  }) {
    this.#db = options.db;
    this.#settings = options.settings;
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
          const { keys } = await env.api.getJwks(client.client_id);
          for (const key of keys) {
            const exp = (key as { exp?: unknown }).exp;
            if (typeof exp !== "number") continue;
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
              kid: key.kid,
              expiresAt: new Date(exp * 1000).toISOString(),
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
    this.keys = found.filter((k) => k.kind === "client");
    return found;
  }

  /** Checks every key now and sends the notices due; returns those this instance sent. */
  async check(): Promise<ExpiryNotice[]> {
    const sent: ExpiryNotice[] = [];
    const thresholds = [...this.#settings.thresholdsDays].sort((a, b) => a - b);
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
      for (const passed of crossed.slice(1)) await claimNotice(this.#db, id, passed, this.#now());
      if (!(await claimNotice(this.#db, id, nearest, this.#now()))) continue;
      const notice: ExpiryNotice = {
        type: "portvakt.key-expiry",
        threshold_days: nearest,
        days_left: daysLeft,
        key,
        text: describe(key, daysLeft),
      };
      await this.#send(notice);
      sent.push(notice);
    }
    return sent;
  }

  async #send(notice: ExpiryNotice): Promise<void> {
    const what =
      notice.key.kind === "credential"
        ? notice.key.kid
          ? `the admin client's own key ${notice.key.kid}`
          : "the admin certificate"
        : `key ${notice.key.kid}`;
    await sendNotice(
      this.#settings,
      this.#logger,
      notice,
      `Portvakt: ${what} expires in ${notice.days_left} days (${notice.key.env})`,
    );
    this.#logger.info(
      { threshold_days: notice.threshold_days, key: notice.key },
      "expiry alert sent",
    );
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
  if (typeof exp !== "number") return undefined;
  return {
    kind: "credential",
    env: env.config.id,
    clientId: env.config.clientId,
    kid,
    expiresAt: new Date(exp * 1000).toISOString(),
  };
}

import type { Kysely } from "kysely";
import nodemailer from "nodemailer";
import type { Logger } from "pino";
import type { PortvaktDatabase } from "../database";
import type { Environment } from "../upstream";

/** Where expiry notices go and when (README, Expiry alerts). */
export interface AlertSettings {
  /** Days before expiry at which a notice is sent, once each (default 30, 14, 7, 1). */
  thresholdsDays: number[];
  webhooks: { url: string; format: "json" | "slack" | "teams" }[];
  email?: { smtpUrl: string; from: string; to: string[] };
}

/** A key or credential that expires, as a notice names it. */
export interface ExpiringKey {
  /** `client` (a client's registered key, Digdir's `exp`) or `credential` (the admin certificate). */
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
      ? `The admin certificate of environment ${key.env}`
      : `Key ${key.kid} of client ${key.clientName ? `${key.clientName} (${key.clientId})` : key.clientId} in environment ${key.env}`;
  return daysLeft <= 0
    ? `${what} expired at ${key.expiresAt}.`
    : `${what} expires in ${daysLeft} day${daysLeft === 1 ? "" : "s"} (${key.expiresAt}).`;
}

/** The body a webhook of this format gets: generic JSON, Slack's `{text}`, or a Teams MessageCard. */
export function webhookBody(notice: ExpiryNotice, format: "json" | "slack" | "teams"): unknown {
  if (format === "slack") return { text: `:warning: ${notice.text}` };
  if (format === "teams") {
    return {
      "@type": "MessageCard",
      "@context": "https://schema.org/extensions",
      summary: "Portvakt: a key expires soon",
      themeColor: "D9822B",
      title: "Portvakt: a key expires soon",
      text: notice.text,
    };
  }
  return notice;
}

/**
 * Watches every client key's `exp` (Digdir sets it, one year after a key is posted; docs
 * maskinporten.md §8) and each admin certificate's `notAfter`, and sends one notice per key and
 * threshold crossed (the smallest threshold not above the days left), by webhook and e-mail.
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
        for (const client of await env.api.listClients()) {
          const { keys } = await env.api.getJwks(client.client_id);
          for (const key of keys) {
            const exp = (key as { exp?: unknown }).exp;
            if (typeof exp !== "number") continue;
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
          ? `credential:${key.env}:${key.expiresAt}`
          : `client:${key.env}:${key.clientId}:${key.kid}:${key.expiresAt}`;
      // The larger thresholds passed without a notice (Portvakt was not running then) are marked
      // as passed so they never send later; only the nearest sends.
      for (const passed of crossed.slice(1)) await this.#claim(id, passed);
      if (!(await this.#claim(id, nearest))) continue;
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

  /** True when this instance is the one to send (its insert made the row). */
  async #claim(key: string, threshold: number): Promise<boolean> {
    const result = await this.#db
      .insertInto("alert_sent")
      .values({ key, threshold_days: threshold, sent_at: this.#now() })
      .onConflict((oc) => oc.columns(["key", "threshold_days"]).doNothing())
      .executeTakeFirst();
    return Number(result.numInsertedOrUpdatedRows ?? 0n) > 0;
  }

  async #send(notice: ExpiryNotice): Promise<void> {
    for (const hook of this.#settings.webhooks) {
      try {
        const response = await fetch(hook.url, {
          method: "POST",
          headers: { "Content-Type": "application/json" },
          body: JSON.stringify(webhookBody(notice, hook.format)),
          signal: AbortSignal.timeout(10_000),
        });
        await response.body?.cancel();
        if (!response.ok) throw new Error(`HTTP ${response.status}`);
      } catch (error) {
        this.#logger.error(
          { err: { message: (error as Error).message }, format: hook.format },
          "expiry alert: the webhook did not take the notice",
        );
      }
    }
    const email = this.#settings.email;
    if (email) {
      try {
        await nodemailer.createTransport(email.smtpUrl).sendMail({
          from: email.from,
          to: email.to,
          subject: `Portvakt: ${notice.key.kind === "credential" ? "the admin certificate" : `key ${notice.key.kid}`} expires in ${notice.days_left} days (${notice.key.env})`,
          text: notice.text,
        });
      } catch (error) {
        this.#logger.error(
          { err: { message: (error as Error).message } },
          "expiry alert: the e-mail could not be sent",
        );
      }
    }
    this.#logger.info(
      { threshold_days: notice.threshold_days, key: notice.key },
      "expiry alert sent",
    );
  }
}

import { formatMessage, type MessageParams } from "@portvakt/contracts";
import type { Kysely } from "kysely";
import nodemailer from "nodemailer";
import type { Logger } from "pino";
import type { PortvaktDatabase } from "../database";
import { type AlertLanguage, alertMessages, type NoticeCode } from "./messages";

/**
 * Where notices go (README, Alerts). `language` is the language of every channel that names
 * none of its own (`alerts.language` or PORTVAKT_ALERT_LANGUAGE, default `en`).
 */
export interface NoticeChannels {
  language: AlertLanguage;
  webhooks: { url: string; format: "json" | "slack" | "teams"; language?: AlertLanguage }[];
  email?: { smtpUrl: string; from: string; to: string[]; language?: AlertLanguage };
}

/**
 * What every notice has, whatever it is about: `type` (`portvakt.key-expiry`,
 * `portvakt.access-lost`, `portvakt.drift`), the machine-readable `code` (alerts/messages.ts,
 * e.g. `alert.access.revoked`) and its `params`, and `text`, the sentence a person reads, in
 * `language` (nb, nn or en). The generic JSON webhook gets the notice as it is, in its own
 * channel's language; chat cards and e-mail subjects have the code's `.title` text.
 */
export interface Notice {
  type: string;
  code: NoticeCode;
  params: MessageParams;
  language: AlertLanguage;
  text: string;
}

/** A notice before it is put in words: everything but `text` and `language`. */
export type NoticeDraft<N extends Notice> = Omit<N, "text" | "language">;

/** The notice in `language`: its `text` rendered from the code and parameters. */
export function localize<N extends Notice>(draft: NoticeDraft<N>, language: AlertLanguage): N {
  return {
    ...draft,
    language,
    text: formatMessage(alertMessages[language][draft.code], language, draft.params),
  } as N;
}

/** The one-line title of a notice (chat card, e-mail subject) in `language`. */
export function noticeTitle(notice: Notice, language: AlertLanguage = notice.language): string {
  return formatMessage(alertMessages[language][`${notice.code}.title`], language, notice.params);
}

/**
 * A value as plain text in a Slack message: line breaks as spaces, and `&`, `<`, `>` as HTML
 * entities, the only escaping Slack defines (api.slack.com/reference/surfaces/formatting,
 * "Escaping text"); unescaped, `<!channel>` pings a channel and `<url|text>` is a link.
 */
export function escapeSlack(value: string): string {
  return value
    .replaceAll(/\r\n?|\n/g, " ")
    .replaceAll("&", "&amp;")
    .replaceAll("<", "&lt;")
    .replaceAll(">", "&gt;");
}

/**
 * A value as plain text in a Teams connector card's `text`, which reads Markdown and limited HTML
 * (learn.microsoft.com, "Format cards in Teams"): line breaks as spaces, `&`, `<`, `>` as HTML
 * entities, and Markdown's emphasis, link, code and heading characters escaped with a backslash.
 */
export function escapeTeams(value: string): string {
  return escapeSlack(value).replaceAll(/[\\`*_[\]~#]/g, "\\$&");
}

/**
 * The notice's text with every string parameter escaped by `asText` (the words around them are
 * Portvakt's own and stay as they are); numbers, which plurals select on, are kept.
 */
function escapedText(notice: Notice, asText: (value: string) => string): string {
  const params = Object.fromEntries(
    Object.entries(notice.params).map(([name, value]) => [
      name,
      typeof value === "string" ? asText(value) : value,
    ]),
  );
  return formatMessage(alertMessages[notice.language][notice.code], notice.language, params);
}

/**
 * The body a webhook of this format gets: the notice itself (values as they are), Slack's
 * `{text}`, or a Teams MessageCard; in the chat formats every value (a client's name is free
 * text) is escaped so it reads as text, never as a mention, link or formatting.
 */
export function noticeBody(notice: Notice, format: "json" | "slack" | "teams"): unknown {
  if (format === "slack") return { text: `:warning: ${escapedText(notice, escapeSlack)}` };
  if (format === "teams") {
    // Teams reads no formatting in `title` (nor `summary`): they stay as they are.
    const title = noticeTitle(notice);
    return {
      "@type": "MessageCard",
      "@context": "https://schema.org/extensions",
      summary: title,
      themeColor: "D9822B",
      title,
      text: escapedText(notice, escapeTeams),
    };
  }
  return notice;
}

/**
 * True when this instance is the one to send notice `key` (at `threshold`, 0 for notices without
 * thresholds): its insert into `alert_sent` made the row. With several instances on one
 * PostgreSQL exactly one insert succeeds. `sentAt` is epoch ms.
 */
export async function claimNotice(
  db: Kysely<PortvaktDatabase>,
  key: string,
  threshold: number,
  sentAt: number,
): Promise<boolean> {
  const result = await db
    .insertInto("alert_sent")
    .values({ key, threshold_days: threshold, sent_at: sentAt })
    .onConflict((oc) => oc.columns(["key", "threshold_days"]).doNothing())
    .executeTakeFirst();
  return Number(result.numInsertedOrUpdatedRows ?? 0n) > 0;
}

/** The pauses (ms) before a webhook's second and third try, after an answer worth retrying. */
const WEBHOOK_RETRY_DELAYS_MS = [500, 1_500];

/** A webhook's refusal; `retry` when it may take the notice on a later try (5xx, 408, 429, no connection). */
class WebhookRefusal extends Error {
  constructor(
    message: string,
    readonly retry: boolean,
  ) {
    super(message);
  }
}

/**
 * POSTs `body` as JSON to `url` once (10 s timeout). A redirect is not followed (a followed 302
 * turns the POST into a bodiless GET whose 200 would count as delivered): it is a refusal.
 * @throws WebhookRefusal for any answer but 2xx, or a failed connection (`retry` true for 5xx,
 *   408, 429 and a connection that failed; false for a timeout, which the receiver may have taken).
 */
async function postWebhook(url: string, body: unknown): Promise<void> {
  let response: Response;
  try {
    response = await fetch(url, {
      method: "POST",
      headers: { "Content-Type": "application/json" },
      body: JSON.stringify(body),
      redirect: "manual",
      signal: AbortSignal.timeout(10_000),
    });
  } catch (error) {
    const timedOut = (error as Error).name === "TimeoutError";
    throw new WebhookRefusal((error as Error).message, !timedOut);
  }
  await response.body?.cancel();
  if (response.ok) return;
  const status = response.status;
  if (status >= 300 && status < 400)
    throw new WebhookRefusal(`HTTP ${status}: a redirect, not followed`, false);
  throw new WebhookRefusal(`HTTP ${status}`, status >= 500 || status === 408 || status === 429);
}

/**
 * Sends a notice by every webhook (POST, JSON, 10 s timeout; a 5xx, 408, 429 or failed connection
 * is tried again after 0.5 s and 1.5 s, three tries at most; redirects are not followed) and
 * e-mail, each in its channel's language. A channel that fails is logged and does not stop the
 * others; nothing is thrown.
 */
export async function sendNotice<N extends Notice>(
  channels: NoticeChannels,
  logger: Logger,
  draft: NoticeDraft<N>,
): Promise<void> {
  for (const hook of channels.webhooks) {
    try {
      const body = noticeBody(localize(draft, hook.language ?? channels.language), hook.format);
      for (let attempt = 0; ; attempt++) {
        try {
          await postWebhook(hook.url, body);
          break;
        } catch (error) {
          const delay = WEBHOOK_RETRY_DELAYS_MS[attempt];
          if (!(error instanceof WebhookRefusal && error.retry) || delay === undefined) throw error;
          await new Promise((resolve) => setTimeout(resolve, delay));
        }
      }
    } catch (error) {
      logger.error(
        { err: { message: (error as Error).message }, format: hook.format, code: draft.code },
        "alert: the webhook did not take the notice",
      );
    }
  }
  const email = channels.email;
  if (email) {
    try {
      const notice = localize(draft, email.language ?? channels.language);
      await nodemailer.createTransport(email.smtpUrl).sendMail({
        from: email.from,
        to: email.to,
        subject: noticeTitle(notice),
        text: notice.text,
      });
    } catch (error) {
      logger.error(
        { err: { message: (error as Error).message }, code: draft.code },
        "alert: the e-mail could not be sent",
      );
    }
  }
}

/**
 * Claim-and-send, the one way every watcher notifies (expiry, consumer access, drift): the
 * instance whose claim of `key` (at `threshold`, 0 for notices without thresholds) in
 * `alert_sent` succeeds sends the notice by every channel; every other instance, and this one
 * on a later check, sends nothing. The notice is claimed before it is sent, so it is not sent
 * again on a later check even if every channel failed (a retry storm to a broken webhook helps
 * nobody); a webhook answering 5xx, 408 or 429 is tried three times at most within the send.
 */
export class Notifier {
  readonly #db: Kysely<PortvaktDatabase>;
  readonly #channels: NoticeChannels;
  readonly #logger: Logger;
  readonly #now: () => number;

  constructor(options: {
    db: Kysely<PortvaktDatabase>;
    channels: NoticeChannels;
    logger: Logger;
    /** The BFF's clock, epoch ms. */
    now: () => number;
  }) {
    this.#db = options.db;
    this.#channels = options.channels;
    this.#logger = options.logger;
    this.#now = options.now;
  }

  /** Marks `key` at `threshold` as done without sending (e.g. a threshold that passed unseen). */
  async mark(key: string, threshold: number): Promise<void> {
    await claimNotice(this.#db, key, threshold, this.#now());
  }

  /**
   * Releases the claims whose key starts with `prefix` (but not the key `except`), so those
   * notices may go again (the prefix is matched exactly, whatever characters it holds).
   */
  async forget(prefix: string, except?: string): Promise<void> {
    const rows = await this.#db
      .selectFrom("alert_sent")
      .select("key")
      .where("key", "like", `${prefix.replaceAll(/[%_\\]/g, "_")}%`)
      .execute();
    const keys = [...new Set(rows.map((r) => r.key))].filter(
      (key) => key.startsWith(prefix) && key !== except,
    );
    if (keys.length > 0) await this.#db.deleteFrom("alert_sent").where("key", "in", keys).execute();
  }

  /**
   * Sends `draft` when this instance claims `key` at `threshold`; answers the notice in the
   * default language when it did, undefined when another instance (or an earlier check) had.
   */
  async once<N extends Notice>(
    key: string,
    threshold: number,
    draft: NoticeDraft<N>,
  ): Promise<N | undefined> {
    if (!(await claimNotice(this.#db, key, threshold, this.#now()))) return undefined;
    await sendNotice(this.#channels, this.#logger, draft);
    this.#logger.info({ code: draft.code, params: draft.params }, "alert sent");
    return localize(draft, this.#channels.language);
  }
}

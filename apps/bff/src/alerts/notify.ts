import type { Kysely } from "kysely";
import nodemailer from "nodemailer";
import type { Logger } from "pino";
import type { PortvaktDatabase } from "../database";

/** Where notices go (README, Alerts). */
export interface NoticeChannels {
  webhooks: { url: string; format: "json" | "slack" | "teams" }[];
  email?: { smtpUrl: string; from: string; to: string[] };
}

/**
 * What every notice has, whatever it is about: `type` (`portvakt.key-expiry`,
 * `portvakt.access-lost`, `portvakt.drift`), a one-line `title` for chat and e-mail subjects,
 * and `text`, the sentence a person reads. The generic JSON webhook gets the notice as it is,
 * with `title` left out.
 */
export interface Notice {
  type: string;
  text: string;
}

/** The body a webhook of this format gets: the notice itself, Slack's `{text}`, or a Teams MessageCard. */
export function noticeBody(
  notice: Notice,
  title: string,
  format: "json" | "slack" | "teams",
): unknown {
  if (format === "slack") return { text: `:warning: ${notice.text}` };
  if (format === "teams") {
    return {
      "@type": "MessageCard",
      "@context": "https://schema.org/extensions",
      summary: title,
      themeColor: "D9822B",
      title,
      text: notice.text,
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

/**
 * Sends a notice by every webhook (POST, JSON, 10 s timeout) and e-mail. A channel that fails
 * is logged and does not stop the others; nothing is thrown. The notice is claimed before (it is
 * not sent again even if every channel failed: a retry storm to a broken webhook helps nobody).
 */
export async function sendNotice(
  channels: NoticeChannels,
  logger: Logger,
  notice: Notice,
  title: string,
): Promise<void> {
  for (const hook of channels.webhooks) {
    try {
      const response = await fetch(hook.url, {
        method: "POST",
        headers: { "Content-Type": "application/json" },
        body: JSON.stringify(noticeBody(notice, title, hook.format)),
        signal: AbortSignal.timeout(10_000),
      });
      await response.body?.cancel();
      if (!response.ok) throw new Error(`HTTP ${response.status}`);
    } catch (error) {
      logger.error(
        { err: { message: (error as Error).message }, format: hook.format, type: notice.type },
        "alert: the webhook did not take the notice",
      );
    }
  }
  const email = channels.email;
  if (email) {
    try {
      await nodemailer.createTransport(email.smtpUrl).sendMail({
        from: email.from,
        to: email.to,
        subject: title,
        text: notice.text,
      });
    } catch (error) {
      logger.error(
        { err: { message: (error as Error).message }, type: notice.type },
        "alert: the e-mail could not be sent",
      );
    }
  }
}

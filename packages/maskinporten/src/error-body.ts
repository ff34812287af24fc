import type { DigdirError, DigdirFieldError } from "@portvakt/contracts";
import { parseJson } from "./transport";

/**
 * The longest run of Digdir's (or a gateway's) words kept from an error body, in characters: a
 * sentence or two is what a person reads; a whole HTML page or stack trace is not.
 */
export const MAX_ERROR_WORDS = 300;

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/** A JWS or JWE in compact form: the signed client assertion, an access or ID token. */
const COMPACT_JWT = /\beyJ[A-Za-z0-9_-]{4,}(?:\.[A-Za-z0-9_-]*){2,4}/g;
/** A form or query parameter that carries a credential: `assertion=…`, `access_token=…`. */
const CREDENTIAL_PARAMETER =
  /\b(client_assertion|assertion|access_token|refresh_token|id_token|client_secret)=([^&\s"'<>]+)/gi;
/** An `Authorization` value: `Bearer …`, `DPoP …`, `Basic …`. */
const AUTHORIZATION_VALUE = /\b(Bearer|DPoP|Basic)\s+[A-Za-z0-9._~+/=-]{8,}/gi;
/** A PEM private key block, whole or cut off. */
const PRIVATE_KEY_PEM =
  /-----BEGIN [A-Z ]*PRIVATE KEY-----[\s\S]*?(?:-----END [A-Z ]*PRIVATE KEY-----|$)/g;

/**
 * `text` with every credential it may quote replaced by a marker: compact JWTs (`[redacted JWT]`),
 * credential parameters (`assertion=[redacted]`), `Authorization` values (`Bearer [redacted]`) and
 * PEM private keys (`[redacted private key]`). An error body is quoted to people, logs and the
 * readiness answer; a gateway or WAF that echoes the request would otherwise put the signed client
 * assertion or the admin token there (review of 2026-12-01, finding 7).
 */
export function redactCredentials(text: string): string {
  return text
    .replace(PRIVATE_KEY_PEM, "[redacted private key]")
    .replace(CREDENTIAL_PARAMETER, (_, name: string) => `${name}=[redacted]`)
    .replace(AUTHORIZATION_VALUE, (_, scheme: string) => `${scheme} [redacted]`)
    .replace(COMPACT_JWT, "[redacted JWT]");
}

/**
 * Whitespace collapsed, credentials redacted (`redactCredentials`), cut at `MAX_ERROR_WORDS`
 * with "…"; undefined when nothing is left.
 */
function words(text: unknown): string | undefined {
  if (typeof text !== "string") return undefined;
  const collapsed = redactCredentials(text).replace(/\s+/g, " ").trim();
  if (collapsed === "") return undefined;
  return collapsed.length > MAX_ERROR_WORDS
    ? `${collapsed.slice(0, MAX_ERROR_WORDS - 1)}…`
    : collapsed;
}

function firstString(
  record: Record<string, unknown>,
  names: readonly string[],
): string | undefined {
  for (const name of names) {
    const value = words(record[name]);
    if (value !== undefined) return value;
  }
  return undefined;
}

const ENTITIES: Record<string, string> = {
  amp: "&",
  lt: "<",
  gt: ">",
  quot: '"',
  apos: "'",
  nbsp: " ",
};

/** Text of an HTML fragment: tags dropped, the common entities decoded. */
function htmlText(html: string): string {
  return html
    .replace(/<(script|style)\b[\s\S]*?<\/\1\s*>/gi, " ")
    .replace(/<[^>]*>/g, " ")
    .replace(/&(#x[0-9a-f]+|#\d+|[a-z]+);/gi, (entity, name: string) => {
      if (name[0] === "#") {
        const code =
          name[1] === "x" || name[1] === "X"
            ? Number.parseInt(name.slice(2), 16)
            : Number(name.slice(1));
        return Number.isFinite(code) && code > 0 && code <= 0x10ffff
          ? String.fromCodePoint(code)
          : entity;
      }
      return ENTITIES[name.toLowerCase()] ?? entity;
    });
}

/** Whether a non-JSON body is an HTML page (a gateway's or a proxy's error page). */
function isHtml(text: string, contentType: string | null | undefined): boolean {
  if (contentType && /html/i.test(contentType)) return true;
  return /^\s*<(!doctype\s+html|html|head|body|title|h1|center)\b/i.test(text);
}

/** One field error in any of the shapes seen: Digdir's, Spring's `BindException`, RFC 9457 `errors`, or a bare string. */
function fieldErrorOf(raw: unknown): (DigdirFieldError & Record<string, unknown>) | undefined {
  if (typeof raw === "string") {
    const message = words(raw);
    return message === undefined ? undefined : { errorMessage: message };
  }
  if (!isPlainObject(raw)) return undefined;
  const errorMessage = firstString(raw, [
    "errorMessage",
    "defaultMessage",
    "message",
    "detail",
    "reason",
  ]);
  if (errorMessage === undefined) return undefined;
  const fieldIdentifier = firstString(raw, ["fieldIdentifier", "field", "name", "pointer"]);
  return {
    ...raw,
    errorMessage,
    ...(fieldIdentifier !== undefined ? { fieldIdentifier } : {}),
    ...(typeof raw.isFieldError === "boolean" ? {} : { isFieldError: undefined }),
    ...(typeof raw.objectName === "string" ? {} : { objectName: undefined }),
  };
}

/**
 * An error answer of the self-service API (or of something in front of it) read leniently, as
 * `DigdirError`; undefined only for an empty body. Every shape met in practice gives its words
 * in `error_description`:
 * - Digdir's own body (docs/maskinporten.md §7): members of the wrong type (a `status` of
 *   `"400"`, a numeric `timestamp`, `errors` as strings) are normalised or left out, never
 *   the reason the whole body is ignored; unknown members are kept;
 * - Spring Boot's default error (`{timestamp, status, error, message, path}`): `message`;
 * - RFC 9457 problem details (`{type, title, status, detail, instance}`): `detail`, else `title`;
 * - a gateway's `{"error": {"code", "message"}}`: its message, and the code as `error`;
 * - a bare list of field errors: each kept in `errors`, the first one's words said;
 * - plain text: the text; an HTML page (a gateway's 502 page): its `<title>`, else its `<h1>`,
 *   else its text.
 *
 * The words are whitespace-collapsed and at most `MAX_ERROR_WORDS` characters.
 */
export function readDigdirError(
  text: string,
  contentType?: string | null,
): DigdirError | undefined {
  if (text.trim() === "") return undefined;
  const json = parseJson(text);
  if (json === undefined) {
    if (isHtml(text, contentType)) {
      const title = /<title[^>]*>([\s\S]*?)<\/title\s*>/i.exec(text)?.[1];
      const heading = /<h1[^>]*>([\s\S]*?)<\/h1\s*>/i.exec(text)?.[1];
      const body = /<body[^>]*>([\s\S]*?)(<\/body\s*>|$)/i.exec(text)?.[1];
      const said =
        words(title && htmlText(title)) ??
        words(heading && htmlText(heading)) ??
        words(htmlText(body ?? text));
      return said === undefined ? {} : { error_description: said };
    }
    const said = words(text);
    return said === undefined ? {} : { error_description: said };
  }
  if (Array.isArray(json)) {
    // A bare list of field errors (a validation layer's own answer): each kept, the first said.
    const errors = json.flatMap((raw) => {
      const error = fieldErrorOf(raw);
      return error
        ? [
            Object.fromEntries(
              Object.entries(error).filter(([, v]) => v !== undefined),
            ) as DigdirFieldError,
          ]
        : [];
    });
    if (errors.length > 0) return { error_description: errors[0]!.errorMessage, errors };
  }
  if (!isPlainObject(json)) {
    const said = words(typeof json === "string" ? json : JSON.stringify(json));
    return said === undefined ? {} : { error_description: said };
  }
  const body: Record<string, unknown> = { ...json };
  const read: DigdirError = {};
  // status: an integer, or one sent as text.
  const status =
    typeof json.status === "number"
      ? json.status
      : typeof json.status === "string" && /^\d{3}$/.test(json.status.trim())
        ? Number(json.status.trim())
        : undefined;
  delete body.status;
  if (status !== undefined && Number.isInteger(status)) read.status = status;
  // timestamp: ISO text, or epoch milliseconds.
  delete body.timestamp;
  if (typeof json.timestamp === "string") read.timestamp = json.timestamp;
  else if (typeof json.timestamp === "number" && Number.isFinite(json.timestamp)) {
    const date = new Date(json.timestamp);
    if (!Number.isNaN(date.getTime())) read.timestamp = date.toISOString();
  }
  delete body.correlation_id;
  const correlation = firstString(json, ["correlation_id", "correlationId", "correlation-id"]);
  if (correlation !== undefined) read.correlation_id = correlation;
  // error: a code, or a gateway's {code, message} object.
  delete body.error;
  let nestedWords: string | undefined;
  if (typeof json.error === "string") read.error = json.error;
  else if (isPlainObject(json.error)) {
    const code = firstString(json.error, ["code", "error", "type"]);
    if (code !== undefined) read.error = code;
    nestedWords = firstString(json.error, [
      "message",
      "error_description",
      "description",
      "detail",
    ]);
  }
  delete body.error_description;
  const description =
    firstString(json, ["error_description", "message", "detail"]) ??
    nestedWords ??
    firstString(json, ["title"]);
  if (description !== undefined) read.error_description = description;
  delete body.errors;
  if (Array.isArray(json.errors)) {
    const errors = json.errors.flatMap((raw) => {
      const error = fieldErrorOf(raw);
      if (!error) return [];
      // Members of the wrong type were set to undefined above: leave them out.
      return [
        Object.fromEntries(
          Object.entries(error).filter(([, v]) => v !== undefined),
        ) as DigdirFieldError,
      ];
    });
    if (errors.length > 0) read.errors = errors;
  }
  return { ...(redactDeep(body) as Record<string, unknown>), ...read };
}

/** `value` with `redactCredentials` applied to every string in it (members kept, not dropped). */
function redactDeep(value: unknown): unknown {
  if (typeof value === "string") return redactCredentials(value);
  if (Array.isArray(value)) return value.map(redactDeep);
  if (isPlainObject(value)) {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, redactDeep(v)]));
  }
  return value;
}

import {
  type AuditCode,
  type AuditEntry,
  auditMessages,
  type Coded,
  coded,
  type MessageParams,
} from "@portvakt/contracts";

/**
 * An audit entry's detail while it is put together: the English `detail` (what API clients, the
 * CLI and the SIEM read) and, when every sentence of it has a code, those codes in order
 * (`parts`). A sentence without a code (Digdir's or a library's own words) leaves `parts` out,
 * so the page shows the English detail rather than a translation that drops a sentence.
 */
export interface AuditText {
  detail: string;
  parts?: { code: string; params?: MessageParams }[];
}

/** A sentence of `auditMessages` (issue 14 #13; English rendered from the table's `en` side). */
export function auditText(code: AuditCode, params?: MessageParams): AuditText {
  return textOf(coded(auditMessages, code, params));
}

/**
 * Any text as an `AuditText`: a `Coded` (a problem's `{code, params, detail}`) keeps its code; a
 * plain string has none.
 */
export function textOf(
  text: string | Coded | AuditText | { code?: string; params?: MessageParams; detail?: string },
): AuditText {
  if (typeof text === "string") return { detail: text };
  if ("parts" in text) return text as AuditText;
  const detail = text.detail ?? "";
  if (!("code" in text) || !text.code) return { detail };
  return {
    detail,
    parts: [{ code: text.code, ...(text.params ? { params: text.params } : {}) }],
  };
}

/** Sentences joined by `separator` (default ". "): coded when each of them is. */
export function joinTexts(texts: readonly AuditText[], separator = ". "): AuditText {
  const coded = texts.every((t) => t.parts);
  return {
    detail: texts.map((t) => t.detail).join(separator),
    ...(coded ? { parts: texts.flatMap((t) => t.parts!) } : {}),
  };
}

/**
 * The fields of an audit entry for `text`: `detail`, and `code`, `params`, `more` when it is
 * coded (the first sentence's code, the rest in `more`).
 */
export function auditFields(
  text: AuditText | undefined,
): Pick<AuditEntry, "detail" | "code" | "params" | "more"> {
  if (!text?.detail) return {};
  const [first, ...more] = text.parts ?? [];
  return {
    detail: text.detail,
    ...(first
      ? {
          code: first.code,
          ...(first.params ? { params: first.params } : {}),
          ...(more.length ? { more } : {}),
        }
      : {}),
  };
}

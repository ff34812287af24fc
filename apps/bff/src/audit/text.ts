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

/** One coded part of an audit target (`audit.target.*` of `auditMessages`). */
export interface TargetPart {
  code: string;
  params?: MessageParams;
}

/**
 * An audit entry's target while it is put together (issue 14 #13): `text` is the English target
 * as the `target` column, the CSV/JSON export and the CLI have always shown it; `parts` are the
 * same thing coded, which the audit page joins with ", " in its language.
 */
export interface AuditTarget {
  text: string;
  parts?: TargetPart[];
}

/** A part of a target: `code` of `auditMessages` (`audit.target.*`) with its parameters. */
export function targetPart(code: AuditCode, params: MessageParams): TargetPart {
  return { code, params };
}

/**
 * A target whose English text is each part's English joined with ", " (e.g. "client 42, kid k1").
 */
export function codedTarget(...parts: TargetPart[]): AuditTarget {
  return {
    text: parts.map((p) => coded(auditMessages, p.code as AuditCode, p.params).detail).join(", "),
    parts,
  };
}

/** The fields of an audit entry for `target`: `target` (English) and `targetParts` when coded. */
export function targetFields(
  target: string | AuditTarget,
): Pick<AuditEntry, "target" | "targetParts"> {
  if (typeof target === "string") return { target };
  return {
    target: target.text,
    ...(target.parts?.length ? { targetParts: target.parts } : {}),
  };
}

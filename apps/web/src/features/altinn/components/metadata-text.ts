import {
  AltinnInputError,
  AltinnOptionError,
  JsonSyntaxError,
  MAX_JSON_DEPTH,
  parseJsonSource,
  readTextResourceFile,
  type TextResourceFile,
} from "@portvakt/altinn-scopes";
import { orgNumberProblem } from "@portvakt/contracts";

/** Offset of a 1-based line and column in `text`, clamped to the text. */
export function offsetOf(text: string, line: number, column: number): number {
  let offset = 0;
  for (let current = 1; current < line; current++) {
    const next = text.indexOf("\n", offset);
    if (next < 0) return text.length;
    offset = next + 1;
  }
  return Math.min(offset + Math.max(column - 1, 0), text.length);
}

/**
 * The stretch of the file a problem is about, to select in the editor: the value at its JSON
 * path (with the property name when the path names a property), else from its line and column
 * to the end of that line, else nothing.
 */
export function rangeOfProblem(
  text: string,
  problem: { path: string; line?: number; column?: number },
): { start: number; end: number } | null {
  try {
    const span = parseJsonSource(text).spans.get(problem.path);
    if (span && problem.path !== "$") return { start: span.keyStart ?? span.start, end: span.end };
  } catch {
    // Not JSON (yet): fall back to the position the server gave.
  }
  if (problem.line === undefined) return null;
  const start = offsetOf(text, problem.line, problem.column ?? 1);
  const lineEnd = text.indexOf("\n", start);
  const end = lineEnd < 0 ? text.length : lineEnd;
  return { start, end: end > start ? end : Math.min(start + 1, text.length) };
}

/** 1-based line of an offset, to scroll the editor to it. */
export function lineOf(text: string, offset: number): number {
  let line = 1;
  for (let i = 0; i < offset && i < text.length; i++) if (text[i] === "\n") line++;
  return line;
}

export type LoadedTexts = { fileName: string; language: string; file: TextResourceFile };

/** Why a text resource file was refused: a message key of the Altinn page and its values. */
export type TextFileProblem =
  | { key: "altinn.texts.notJson"; vars: { line: number; column: number } }
  | { key: "altinn.texts.notFile"; vars: { path: string } };

/**
 * Reads one `resource.{lang}.json` as the app does (`readTextResourceFile`: comments, trailing
 * commas, names ignoring case, the language from the file name, else its own `language`, else
 * `nb`). A refusal says where, as a message key with values, so the page can say it in nb, nn
 * or en.
 */
export function parseTextResourceFile(
  fileName: string,
  text: string,
): { ok: true; texts: LoadedTexts } | { ok: false; problem: TextFileProblem } {
  const read = readTextResourceFile(fileName, text);
  if (read.ok) return { ok: true, texts: { fileName, language: read.language, file: read.file } };
  if ("syntax" in read) {
    return {
      ok: false,
      problem: {
        key: "altinn.texts.notJson",
        vars: { line: read.syntax.line, column: read.syntax.column },
      },
    };
  }
  return { ok: false, problem: { key: "altinn.texts.notFile", vars: { path: read.path } } };
}

export type OrgnoEntry = { orgno: string; problem: string | null };

/** Org numbers written one per line or separated by commas, semicolons or spaces. */
export function parseOrgnoList(text: string): OrgnoEntry[] {
  const seen = new Set<string>();
  const entries: OrgnoEntry[] = [];
  for (const raw of text.split(/[\s,;]+/)) {
    const orgno = raw.trim();
    if (!orgno || seen.has(orgno)) continue;
    seen.add(orgno);
    entries.push({ orgno, problem: orgNumberProblem(orgno) ?? null });
  }
  return entries;
}

/**
 * Why `insertApiScopes` / `generateApiScopes` refused, as a coded text for `useI18n().tc`: the
 * package's `AltinnInputError` / `AltinnOptionError` with their codes, a `JsonSyntaxError` as
 * `altinn.metadata.invalid-json` (or `altinn.metadata.too-deep`) with its line and column;
 * anything else as its message (English; no code).
 */
export function codedInsertError(error: unknown): {
  code?: string;
  params?: Record<string, string | number>;
  detail: string;
} {
  if (error instanceof AltinnInputError || error instanceof AltinnOptionError) {
    return { code: error.code, params: error.params, detail: error.message };
  }
  if (error instanceof JsonSyntaxError) {
    const where = { line: error.line, column: error.column };
    return error.kind === "too-deep"
      ? {
          code: "altinn.metadata.too-deep",
          params: { max: MAX_JSON_DEPTH, ...where },
          detail: error.message,
        }
      : { code: "altinn.metadata.invalid-json", params: where, detail: error.message };
  }
  return { detail: error instanceof Error ? error.message : String(error) };
}

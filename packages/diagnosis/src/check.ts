import { DIAGNOSIS_CHECK_CODES, type DiagnosisCheckCode, type DiagnosisSummaryCode } from "./codes";

export type Severity = "error" | "warning" | "info";

/** Parameters of a code's text: plain strings and numbers (lists come joined with ", "). */
export type Params = Record<string, string | number>;

/** One rule checked against the input: passed or not, and what to do when not. */
export interface Check {
  /** Stable id of the rule, e.g. `claims.aud`; the UI names it in the user's language. */
  rule: string;
  /** Stable id of this outcome, e.g. `claims.aud.token-endpoint`; the UI renders its text. */
  code: DiagnosisCheckCode;
  /** The values the text names, e.g. `{ aud, issuer }`. */
  params: Params;
  ok: boolean;
  severity: Severity;
  /** English detail (logs, CLI, fallback). */
  message: string;
  /** English: what to do (only when not ok). */
  fix?: string;
  /** The Maskinporten error code this failure gives at the token endpoint. */
  mpCode?: string;
}

export type InputKind =
  | "grant"
  | "access-token"
  | "token-response"
  | "token-error"
  | "self-service-error"
  | "problem"
  | "unknown";

export interface Diagnosis {
  kind: InputKind;
  /** English: one sentence, what the input is and whether anything is wrong. */
  summary: string;
  summaryCode: DiagnosisSummaryCode;
  summaryParams: Params;
  header?: Record<string, unknown>;
  claims?: Record<string, unknown>;
  /** The error body, when the input was one. */
  error?: Record<string, unknown>;
  mpCode?: string;
  checks: Check[];
}

const TABLE: Record<string, { fix: boolean; rule?: string }> = DIAGNOSIS_CHECK_CODES;

/**
 * The rule a code belongs to: as the table names it, else the code without its outcome
 * (`claims.aud.ok` → `claims.aud`); `mp.*` and `faq.*` codes are their own rule.
 */
export function ruleOf(code: string): string {
  const named = TABLE[code]?.rule;
  if (named) return named;
  if (code.startsWith("mp.")) return code;
  if (code.startsWith("faq.")) return "selfservice.auth";
  const parts = code.split(".");
  return parts.length > 2 ? parts.slice(0, -1).join(".") : code;
}

export function pass(code: DiagnosisCheckCode, params: Params, message: string): Check {
  return { rule: ruleOf(code), code, params, ok: true, severity: "info", message };
}

export function fail(
  code: DiagnosisCheckCode,
  params: Params,
  message: string,
  fix: string,
  mpCode?: string,
): Check {
  return {
    rule: ruleOf(code),
    code,
    params,
    ok: false,
    severity: "error",
    message,
    fix,
    ...(mpCode ? { mpCode } : {}),
  };
}

export function warn(
  code: DiagnosisCheckCode,
  params: Params,
  message: string,
  fix: string,
  mpCode?: string,
): Check {
  return { ...fail(code, params, message, fix, mpCode), severity: "warning" };
}

/** Not a failure, but worth knowing (e.g. the signature could not be checked). */
export function note(
  code: DiagnosisCheckCode,
  params: Params,
  message: string,
  fix?: string,
): Check {
  return {
    rule: ruleOf(code),
    code,
    params,
    ok: false,
    severity: "info",
    message,
    ...(fix ? { fix } : {}),
  };
}

/** `["a", "b"]` → `"a, b"` for a parameter. */
export function list(values: readonly unknown[]): string {
  return values.map(String).join(", ");
}

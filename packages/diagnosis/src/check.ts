import { formatMessage, type MessageParams } from "@portvakt/contracts";
import {
  type MaskinportenRulesCode,
  maskinportenRulesMessages,
} from "@portvakt/maskinporten-rules";
import { type DiagnosisMessageCode, diagnosisMessages } from "./messages";

export type Severity = "error" | "warning" | "info";

/** Parameters of a code's text: plain strings and numbers (lists come joined with ", "). */
export type Params = MessageParams;

/** A check's or summary's text code: the diagnosis's own, or a Maskinporten rule's. */
export type TextCode = DiagnosisMessageCode | MaskinportenRulesCode;

/** One rule checked against the input: passed or not, and what to do when not. */
export interface Check {
  /** Stable id of the rule, e.g. `claims.aud`; the UI names it in the user's language. */
  rule: string;
  /** Text code of this outcome, e.g. `diagnosis.claims.aud.token-endpoint` (nb, nn, en). */
  code: TextCode;
  /** The values the text names, e.g. `{ aud, issuer }`. */
  params: Params;
  ok: boolean;
  severity: Severity;
  /** English rendering of `code`. */
  message: string;
  /** Text code of what to do (only when not ok). */
  fixCode?: TextCode;
  /** English rendering of `fixCode`. */
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
  /** English rendering of `summaryCode`: what the input is and whether anything is wrong. */
  summary: string;
  summaryCode: DiagnosisMessageCode;
  summaryParams: Params;
  header?: Record<string, unknown>;
  claims?: Record<string, unknown>;
  /** The error body, when the input was one. */
  error?: Record<string, unknown>;
  mpCode?: string;
  checks: Check[];
}

type Short<C> = C extends `diagnosis.${infer Rest}` ? Rest : never;
/** An outcome of the diagnosis's own table (not a fix, summary or context text). */
export type OutcomeCode = Exclude<
  Short<DiagnosisMessageCode>,
  `${string}.fix` | `summary.${string}` | `context.${string}`
>;
/** An outcome that has a `.fix` text: only these may fail or warn. */
export type FailingCode = {
  [K in OutcomeCode]: `diagnosis.${K}.fix` extends DiagnosisMessageCode ? K : never;
}[OutcomeCode];

/** English text of a code from either table. */
export function english(code: TextCode, params: Params = {}): string {
  const template =
    (diagnosisMessages.en as Record<string, string>)[code] ??
    (maskinportenRulesMessages.en as Record<string, string>)[code];
  return template === undefined ? code : formatMessage(template, "en", params);
}

const RULE_OF: Partial<Record<OutcomeCode, string>> = {
  "input.json-invalid": "input.kind",
  "input.unknown": "input.kind",
  "input.json-unknown": "input.kind",
  "jwt.undecodable": "jwt.format",
  "mp.unknown": "mp.unknown",
  "header.kid.required": "header.kid.required",
  "header.kid.unknown": "header.kid.known",
  "header.kid.no-keys": "header.kid.known",
  "header.kid.ok": "header.kid.known",
  "header.kid.expired": "header.kid.expired",
  "header.kid.expiring": "header.kid.expiring",
  "header.consumer-org": "header.consumer_org",
  "signature.ok-kid": "signature",
  "signature.ok-x5c": "signature",
  "signature.kid-mismatch": "signature",
  "signature.x5c-mismatch": "signature",
  "signature.x5c-unreadable": "signature",
  "signature.unchecked-key": "signature",
  "signature.unchecked-unknown": "signature",
  "claims.consumer-org.ok": "claims.consumer_org",
  "claims.consumer-org.format": "claims.consumer_org",
};

/** The rule an outcome belongs to: as named above, else the code without its outcome. */
export function ruleOf(code: OutcomeCode): string {
  const named = RULE_OF[code];
  if (named) return named;
  const parts = code.split(".");
  return parts.length > 2 ? parts.slice(0, -1).join(".") : code;
}

export function pass(code: OutcomeCode, params: Params): Check {
  const full = `diagnosis.${code}` as const;
  return {
    rule: ruleOf(code),
    code: full,
    params,
    ok: true,
    severity: "info",
    message: english(full, params),
  };
}

export function fail(code: FailingCode, params: Params, mpCode?: string): Check {
  const full = `diagnosis.${code}` as const;
  const fixCode = `diagnosis.${code}.fix` as const;
  return {
    rule: ruleOf(code),
    code: full,
    params,
    ok: false,
    severity: "error",
    message: english(full, params),
    fixCode,
    fix: english(fixCode, params),
    ...(mpCode ? { mpCode } : {}),
  };
}

export function warn(code: FailingCode, params: Params, mpCode?: string): Check {
  return { ...fail(code, params, mpCode), severity: "warning" };
}

/** Not a failure, but worth knowing (e.g. the signature could not be checked). */
export function note(code: OutcomeCode, params: Params): Check {
  return { ...pass(code, params), ok: false };
}

/** A failing check whose texts are a Maskinporten rule's (token errors, the 401 FAQ). */
export function ruleFailure(
  rule: string,
  code: MaskinportenRulesCode,
  fixCode: MaskinportenRulesCode,
  params: Params,
  mpCode?: string,
): Check {
  return {
    rule,
    code,
    params,
    ok: false,
    severity: "error",
    message: english(code, params),
    fixCode,
    fix: english(fixCode, params),
    ...(mpCode ? { mpCode } : {}),
  };
}

/** A summary from its code. */
export function summary(
  code: Short<DiagnosisMessageCode> & `summary.${string}`,
  params: Params = {},
): Pick<Diagnosis, "summary" | "summaryCode" | "summaryParams"> {
  const full = `diagnosis.${code}` as DiagnosisMessageCode;
  return { summary: english(full, params), summaryCode: full, summaryParams: params };
}

/** `["a", "b"]` → `"a, b"` for a parameter. */
export function list(values: readonly unknown[]): string {
  return values.map(String).join(", ");
}

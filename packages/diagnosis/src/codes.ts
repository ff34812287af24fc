import { type AccessCause, TOKEN_ERROR_IDS, type TokenErrorId } from "@portvakt/maskinporten-rules";

/**
 * Every code a diagnosis can carry, in its checks and its summary, and whether it comes with a
 * fix. The web app has text for each in nb, nn and en (a test fails when one is missing); the
 * English `message`, `fix` and `summary` beside each code are for logs, the CLI and fallbacks.
 *
 * `mp.<id>` codes are the token errors of `@portvakt/maskinporten-rules` and `faq.<cause>` codes
 * the causes of its 401 FAQ; the web app names those from its `mp.*` and `faq.*` entries.
 */
export const DIAGNOSIS_CHECK_CODES = {
  "input.json-invalid": { fix: true, rule: "input.kind" },
  "input.unknown": { fix: true, rule: "input.kind" },
  "input.json-unknown": { fix: true, rule: "input.kind" },
  "input.linebreak": { fix: true },
  "jwt.undecodable": { fix: true, rule: "jwt.format" },
  "mp.unknown": { fix: true },
  "selfservice.status.400": { fix: true },
  "selfservice.status.409": { fix: true },
  "selfservice.status.other": { fix: true },
  "portvakt.session": { fix: true },
  "portvakt.role": { fix: true },
  "portvakt.problem": { fix: true },
  "token.response": { fix: false },
  "token.iss.ok": { fix: false },
  "token.iss.other": { fix: true },
  "token.exp.ok": { fix: false },
  "token.exp.expired": { fix: true },
  "token.admin.ok": { fix: false },
  "token.admin.none": { fix: true },
  "token.consumer": { fix: false },
  "token.supplier": { fix: false },
  "token.aud": { fix: false },
  "header.alg.ok": { fix: false },
  "header.alg.bad": { fix: true },
  "header.x5c.ok": { fix: false },
  "header.x5c.string": { fix: true },
  "header.x5c.bad": { fix: true },
  "header.key.none": { fix: true },
  "header.kid.required": { fix: true, rule: "header.kid.required" },
  "header.kid.unknown": { fix: true, rule: "header.kid.known" },
  "header.kid.no-keys": { fix: true, rule: "header.kid.known" },
  "header.kid.expired": { fix: true, rule: "header.kid.expired" },
  "header.kid.expiring": { fix: true, rule: "header.kid.expiring" },
  "header.kid.ok": { fix: false, rule: "header.kid.known" },
  "header.consumer_org": { fix: true },
  "signature.ok": { fix: false, rule: "signature" },
  "signature.kid-mismatch": { fix: true, rule: "signature" },
  "signature.x5c-mismatch": { fix: true, rule: "signature" },
  "signature.x5c-unreadable": { fix: true, rule: "signature" },
  "signature.unchecked": { fix: false, rule: "signature" },
  "claims.allowed.ok": { fix: false },
  "claims.allowed.unknown": { fix: true },
  "claims.required.ok": { fix: false },
  "claims.required.missing": { fix: true },
  "claims.aud.array": { fix: true },
  "claims.aud.ok": { fix: false },
  "claims.aud.token-endpoint": { fix: true },
  "claims.aud.slash": { fix: true },
  "claims.aud.other": { fix: true },
  "claims.iss.ok": { fix: false },
  "claims.iss.other": { fix: true },
  "claims.times.type": { fix: true },
  "claims.lifetime.ok": { fix: false },
  "claims.lifetime.not-positive": { fix: true },
  "claims.lifetime.over": { fix: true },
  "claims.iat.ok": { fix: false },
  "claims.iat.past": { fix: false },
  "claims.iat.ahead": { fix: true },
  "claims.exp.expired": { fix: true },
  "claims.jti.ok": { fix: false },
  "claims.jti.missing": { fix: true },
  "claims.consumer_org.ok": { fix: false },
  "claims.consumer_org.format": { fix: true },
  "claims.resource": { fix: false },
  "claims.pid": { fix: false },
  "claims.scope.empty": { fix: true },
  "claims.scope.type": { fix: true },
  "scope.client.ok": { fix: false },
  "scope.client.missing": { fix: true },
  "scope.granted.ok": { fix: false },
  "scope.granted.missing": { fix: true },
} as const satisfies Record<string, { fix: boolean; rule?: string }>;

/** Codes of a diagnosis's one-sentence summary (never with a fix). */
export const DIAGNOSIS_SUMMARY_CODES = [
  "summary.grant.ok",
  "summary.grant.fails",
  "summary.grant.fails-mp",
  "summary.access-token.ok",
  "summary.access-token.refused",
  "summary.token-response.opaque",
  "summary.token-error",
  "summary.token-error-mp",
  "summary.self-service-error",
  "summary.self-service-error-correlation",
  "summary.problem",
  "summary.unknown",
  "summary.jwt.undecodable",
] as const;

export type DiagnosisSummaryCode = (typeof DIAGNOSIS_SUMMARY_CODES)[number];

export type DiagnosisCheckCode =
  | keyof typeof DIAGNOSIS_CHECK_CODES
  | `mp.${TokenErrorId}`
  | `faq.${AccessCause}`;

/** Every FAQ cause (kept in step with `AccessCause` by the type below). */
export const FAQ_CAUSES = [
  "token-missing",
  "token-expired",
  "token-environment",
  "not-admin-client",
  "admin-scope-missing",
  "admin-scope-not-issued",
  "other-organisation",
  "unknown",
] as const satisfies readonly AccessCause[];
type MissingCause = Exclude<AccessCause, (typeof FAQ_CAUSES)[number]>;
const _allCauses: MissingCause extends never ? true : never = true;
void _allCauses;

/** Every check code with whether it has a fix: the fixed list, each token error, each FAQ cause. */
export function allDiagnosisCheckCodes(): Array<{ code: DiagnosisCheckCode; fix: boolean }> {
  return [
    ...Object.entries(DIAGNOSIS_CHECK_CODES).map(([code, { fix }]) => ({
      code: code as DiagnosisCheckCode,
      fix,
    })),
    ...TOKEN_ERROR_IDS.map((id) => ({ code: `mp.${id}` as const, fix: true })),
    ...FAQ_CAUSES.map((cause) => ({ code: `faq.${cause}` as const, fix: true })),
  ];
}

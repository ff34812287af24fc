/**
 * Maskinporten's token-endpoint errors: what each one means and what to do, and how to recognise
 * it from Digdir's own `error_description` when the body has no `error_uri` (real bodies often
 * have none, and add a `(trace_id: …)`).
 *
 * Source of the codes and their wording: felleslosninger/docs
 * `_docs/Maskinporten/maskinporten_feilsoking.md` ("Feilsøking i Maskinporten", revision of
 * 2024-06-13 "MP-513: Oppdatere maskinporten feilkoder"), and for the body without `error_uri`
 * the example in `_docs/Maskinporten/maskinporten_skyporten_gcp.md`. The explanations below are
 * Portvakt's own words; the simulator answers with Digdir's wording from its fixtures instead.
 */
import { type MaskinportenRulesCode, maskinportenRulesMessages } from "./messages";

/** The ids of the errors Portvakt can explain: Digdir's MP codes, and two documented without one. */
export const TOKEN_ERROR_IDS = [
  "MP-011",
  "MP-012",
  "MP-100",
  "MP-110",
  "MP-120",
  "MP-121",
  "MP-122",
  "MP-123",
  "MP-124",
  "MP-130",
  "MP-200",
  "MP-201",
  "MP-250",
  "MP-251",
  "MP-301",
  "MP-302",
  "MP-303",
  "consumer-org-own",
] as const;
export type TokenErrorId = (typeof TOKEN_ERROR_IDS)[number];

/** One token error, explained. */
export interface TokenErrorRule {
  id: TokenErrorId;
  /** The MP code, when Digdir documents one. */
  mpCode?: string;
  /** The OAuth `error` Maskinporten answers with. */
  error: string;
  /** HTTP status of the answer. */
  status: 400 | 403;
  /** Recognise the error from `error_description` (tested in order, most specific first). */
  recognise: readonly RegExp[];
  /** What went wrong, in English (`causeCode` in `maskinportenRulesMessages`: nb, nn, en). */
  cause: string;
  /** What to do, in English (`fixCode`). */
  fix: string;
  /** `token-error.<id>.cause`, e.g. `token-error.mp-121.cause`. */
  causeCode: MaskinportenRulesCode;
  fixCode: MaskinportenRulesCode;
}

const rule = (
  r: Omit<TokenErrorRule, "cause" | "fix" | "causeCode" | "fixCode">,
): TokenErrorRule => {
  const causeCode = `token-error.${r.id.toLowerCase()}.cause` as MaskinportenRulesCode;
  const fixCode = `token-error.${r.id.toLowerCase()}.fix` as MaskinportenRulesCode;
  return {
    ...r,
    causeCode,
    fixCode,
    cause: maskinportenRulesMessages.en[causeCode],
    fix: maskinportenRulesMessages.en[fixCode],
  };
};

/**
 * Every explained error, most specific recognisers first: MP-100's bare "Client authentication
 * failed." is a prefix of several others and so comes last among them.
 */
export const TOKEN_ERRORS: readonly TokenErrorRule[] = [
  rule({
    id: "MP-121",
    mpCode: "MP-121",
    error: "invalid_grant",
    status: 400,
    recognise: [/expired key/i],
  }),
  rule({
    id: "MP-110",
    mpCode: "MP-110",
    error: "invalid_grant",
    status: 400,
    recognise: [/invalid jwt claim aud\b/i],
  }),
  rule({
    id: "MP-120",
    mpCode: "MP-120",
    error: "invalid_grant",
    status: 400,
    recognise: [/signed with an invalid certificate/i],
  }),
  rule({
    id: "MP-122",
    mpCode: "MP-122",
    error: "invalid_grant",
    status: 400,
    recognise: [/does not match certificate orgno/i, /invalid organization number for client/i],
  }),
  rule({
    id: "MP-123",
    mpCode: "MP-123",
    error: "invalid_grant",
    status: 400,
    recognise: [/invalid jwt header x5c/i, /failed to extract certificate from jwt/i],
  }),
  rule({
    id: "MP-124",
    mpCode: "MP-124",
    error: "invalid_grant",
    status: 400,
    recognise: [/invalid jwt signature/i, /could not validate jwt signature/i],
  }),
  rule({
    id: "MP-130",
    mpCode: "MP-130",
    error: "invalid_grant",
    status: 400,
    recognise: [/jwt is expired/i, /issue time is after now/i],
  }),
  rule({
    id: "MP-012",
    mpCode: "MP-012",
    error: "invalid_grant",
    status: 400,
    recognise: [/grant is used before/i, /used before/i],
  }),
  rule({
    id: "MP-100",
    mpCode: "MP-100",
    error: "invalid_grant",
    status: 400,
    recognise: [/client not found/i, /client authentication failed\.?$/i],
  }),
  rule({
    id: "consumer-org-own",
    error: "invalid_request",
    status: 400,
    recognise: [/combination consumer_org in claim and delegation scope on client is invalid/i],
  }),
  rule({
    id: "MP-011",
    mpCode: "MP-011",
    error: "invalid_request",
    status: 400,
    recognise: [/invalid parameter value/i],
  }),
  rule({
    id: "MP-201",
    mpCode: "MP-201",
    error: "invalid_scope",
    status: 400,
    recognise: [
      /scopes not allowed for maskinporten/i,
      /integration types only allowed for user login/i,
    ],
  }),
  rule({
    id: "MP-200",
    mpCode: "MP-200",
    error: "invalid_scope",
    status: 400,
    recognise: [/invalid scopes for client/i, /invalid scope/i],
  }),
  rule({
    id: "MP-251",
    mpCode: "MP-251",
    error: "forbidden",
    status: 403,
    recognise: [/has not delegated access to the scope/i],
  }),
  rule({
    id: "MP-250",
    mpCode: "MP-250",
    error: "forbidden",
    status: 403,
    recognise: [/has not been granted access to the scope/i],
  }),
  rule({
    id: "MP-301",
    mpCode: "MP-301",
    error: "invalid_request",
    status: 400,
    recognise: [/unknown authorization details type/i],
  }),
  rule({
    id: "MP-302",
    mpCode: "MP-302",
    error: "invalid_request",
    status: 400,
    recognise: [/unknown fields in the authorization details/i],
  }),
  rule({
    id: "MP-303",
    mpCode: "MP-303",
    error: "invalid_request",
    status: 400,
    recognise: [/invalid authorization details values/i],
  }),
];

const BY_ID = new Map<string, TokenErrorRule>(TOKEN_ERRORS.map((r) => [r.id, r]));

/** The rule of one id or MP code, if Portvakt knows it. */
export function tokenErrorRule(id: string): TokenErrorRule | undefined {
  return BY_ID.get(id);
}

/** `MP-124` from an `error_uri` like `…/errors/MP-124` (or any text naming a code). */
export function mpCodeIn(text: unknown): string | undefined {
  return typeof text === "string" ? text.match(/MP-\d{3}/)?.[0] : undefined;
}

/** A token error explained: which rule, and what told us. */
export interface TokenErrorExplanation {
  rule: TokenErrorRule;
  /** How the rule was found: the code in `error_uri`, Digdir's wording, or only the OAuth `error`. */
  matchedBy: "error_uri" | "error_description" | "error";
  /** The MP code `error_uri` named, also when Portvakt does not know it. */
  uriCode?: string;
}

/** Digdir's description without the trailing `(trace_id: …)` it often carries. */
export function withoutTraceId(description: string): string {
  return description
    .replace(/\s*\(?\btrace_id:\s*[\w-]+\)?\s*\.?\s*$/i, "")
    .replace(/\s+/g, " ")
    .trim();
}

const FALLBACK_BY_ERROR: Record<string, TokenErrorId> = {
  invalid_client: "MP-100",
  invalid_scope: "MP-200",
  forbidden: "MP-250",
  invalid_request: "MP-011",
};

/**
 * Explains a token error body `{error, error_description?, error_uri?}` (read leniently: any
 * field may be missing or of another type). Order: the MP code in `error_uri`; Digdir's documented
 * wording in `error_description` (e.g. "Invalid assertion. Client authentication failed. Expired
 * key" is MP-121); the OAuth `error` alone. `undefined` when none of these is known, e.g. a bare
 * `invalid_grant` with an unknown description.
 */
export function explainTokenError(body: {
  error?: unknown;
  error_description?: unknown;
  error_uri?: unknown;
}): TokenErrorExplanation | undefined {
  const uriCode = mpCodeIn(body.error_uri);
  const byUri = uriCode ? BY_ID.get(uriCode) : undefined;
  if (byUri) return { rule: byUri, matchedBy: "error_uri", uriCode };
  const extra = uriCode ? { uriCode } : {};
  if (typeof body.error_description === "string" && body.error_description.trim() !== "") {
    const described = mpCodeIn(body.error_description);
    const byCode = described ? BY_ID.get(described) : undefined;
    if (byCode) return { rule: byCode, matchedBy: "error_description", ...extra };
    const text = withoutTraceId(body.error_description);
    for (const candidate of TOKEN_ERRORS) {
      if (candidate.recognise.some((pattern) => pattern.test(text))) {
        return { rule: candidate, matchedBy: "error_description", ...extra };
      }
    }
  }
  const fallback = typeof body.error === "string" ? FALLBACK_BY_ERROR[body.error] : undefined;
  const byError = fallback ? BY_ID.get(fallback) : undefined;
  return byError ? { rule: byError, matchedBy: "error", ...extra } : undefined;
}

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
  /** What went wrong, in English (the web app has nb, nn and en under `mp.<id>.cause`). */
  cause: string;
  /** What to do, in English (`mp.<id>.fix`). */
  fix: string;
}

const rule = (r: TokenErrorRule): TokenErrorRule => r;

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
    cause:
      "The key registered on the client under the grant's kid has expired. A key lives one year from when it was posted on the client.",
    fix: "Register a new key on the client and sign with it (or post the same key again to renew it), then remove the old one.",
  }),
  rule({
    id: "MP-110",
    mpCode: "MP-110",
    error: "invalid_grant",
    status: 400,
    recognise: [/invalid jwt claim aud\b/i],
    cause:
      "The grant's aud is not this environment's issuer: another environment, a typo, the token endpoint URL, or a missing or extra trailing slash.",
    fix: "Set aud to the issuer exactly, e.g. https://test.maskinporten.no/ (with the trailing slash, without /token).",
  }),
  rule({
    id: "MP-120",
    mpCode: "MP-120",
    error: "invalid_grant",
    status: 400,
    recognise: [/signed with an invalid certificate/i],
    cause:
      "Maskinporten does not accept the certificate in x5c: it is not a valid business certificate, it has expired or been revoked, or a production certificate is used in test (or a test certificate in production).",
    fix: "Sign with a valid business certificate (virksomhetssertifikat) issued for this environment.",
  }),
  rule({
    id: "MP-122",
    mpCode: "MP-122",
    error: "invalid_grant",
    status: 400,
    recognise: [/does not match certificate orgno/i, /invalid organization number for client/i],
    cause:
      "The business certificate was issued to another organisation number than the one that owns the client.",
    fix: "Sign with a certificate issued to the client's organisation, or register the client on the certificate's organisation.",
  }),
  rule({
    id: "MP-123",
    mpCode: "MP-123",
    error: "invalid_grant",
    status: 400,
    recognise: [/invalid jwt header x5c/i, /failed to extract certificate from jwt/i],
    cause:
      "The x5c header cannot be used: it must be an array of base64 DER certificates, leaf first (a single string is refused). A client with registered keys must name one with kid instead.",
    fix: 'Send x5c as ["<leaf base64 DER>", …] without PEM headers or line breaks, or, for a client with registered keys, send kid.',
  }),
  rule({
    id: "MP-124",
    mpCode: "MP-124",
    error: "invalid_grant",
    status: 400,
    recognise: [/invalid jwt signature/i, /could not validate jwt signature/i],
    cause:
      "The grant's signature does not verify with the key its header names: the kid is not registered on the client (for example removed in a rotation), the grant was signed with another private key than the one registered under that kid, or with another key than the certificate in x5c.",
    fix: "Sign with the private key whose public half is registered on the client under the kid in the header (or that belongs to the certificate in x5c).",
  }),
  rule({
    id: "MP-130",
    mpCode: "MP-130",
    error: "invalid_grant",
    status: 400,
    recognise: [/jwt is expired/i, /issue time is after now/i],
    cause:
      "The grant's times are off: it has expired (used too late, or already used), it lives longer than 120 seconds, or the signing machine's clock is more than 10 seconds ahead of Maskinporten's.",
    fix: "Make a new grant for each request with iat = now and exp at most iat + 120, send it at once, and keep the clock in sync (NTP).",
  }),
  rule({
    id: "MP-012",
    mpCode: "MP-012",
    error: "invalid_grant",
    status: 400,
    recognise: [/grant is used before/i, /used before/i],
    cause: "This grant (its jti) was used before; every grant may be used once.",
    fix: "Make a new grant with a fresh random jti (a UUID) for every token request.",
  }),
  rule({
    id: "MP-100",
    mpCode: "MP-100",
    error: "invalid_grant",
    status: 400,
    recognise: [/client not found/i, /client authentication failed\.?$/i],
    cause:
      "Maskinporten does not know the client in iss in this environment: a typo in the client_id, something other than the client_id in iss, or a client from the other environment (test vs production).",
    fix: "Set iss to the client_id of an active client registered in the environment whose aud you use.",
  }),
  rule({
    id: "consumer-org-own",
    error: "invalid_request",
    status: 400,
    recognise: [/combination consumer_org in claim and delegation scope on client is invalid/i],
    cause:
      "consumer_org names the same organisation as the one that owns the client; delegation only applies when a supplier acts for another organisation.",
    fix: "Remove the consumer_org claim.",
  }),
  rule({
    id: "MP-011",
    mpCode: "MP-011",
    error: "invalid_request",
    status: 400,
    recognise: [/invalid parameter value/i],
    cause:
      "The grant cannot be read: often an accidental line break or another typo in the JWT, a claim Maskinporten does not know, a missing claim, or a claim of the wrong type.",
    fix: "Send the JWT on one line without spaces or line breaks, with only aud, iss, scope, iat, exp, jti (and resource, pid, consumer_org, iss_onbehalfof or authorization_details when needed).",
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
    cause:
      "A requested scope does not allow Maskinporten clients: its allowed_integration_types leave out maskinporten.",
    fix: "Use a client of an integration type the scope allows, or ask the scope's owner to allow maskinporten.",
  }),
  rule({
    id: "MP-200",
    mpCode: "MP-200",
    error: "invalid_scope",
    status: 400,
    recognise: [/invalid scopes for client/i, /invalid scope/i],
    cause:
      "A requested scope is not registered on the client (or is misspelt, does not exist or is deactivated).",
    fix: "Add the scope to the client, or request only scopes the client carries; check the spelling.",
  }),
  rule({
    id: "MP-251",
    mpCode: "MP-251",
    error: "forbidden",
    status: 403,
    recognise: [/has not delegated access to the scope/i],
    cause:
      "The organisation in consumer_org has not delegated this scope to the supplier in Altinn (or delegated another right). Delegations made in Altinn do not apply in Altinn's test environment tt02.",
    fix: "The consumer must sign in to Altinn and delegate the right to the supplier.",
  }),
  rule({
    id: "MP-250",
    mpCode: "MP-250",
    error: "forbidden",
    status: 403,
    recognise: [/has not been granted access to the scope/i],
    cause: "The organisation has not been granted access to the requested scope.",
    fix: "Ask the scope's owner (the API provider) to grant your organisation access, or request a scope you have access to.",
  }),
  rule({
    id: "MP-301",
    mpCode: "MP-301",
    error: "invalid_request",
    status: 400,
    recognise: [/unknown authorization details type/i],
    cause: "authorization_details asks for a type Maskinporten does not support.",
    fix: "Request only the authorization_details types listed in Maskinporten's metadata.",
  }),
  rule({
    id: "MP-302",
    mpCode: "MP-302",
    error: "invalid_request",
    status: 400,
    recognise: [/unknown fields in the authorization details/i],
    cause: "authorization_details contains fields Maskinporten does not know.",
    fix: "Remove the unknown fields from authorization_details.",
  }),
  rule({
    id: "MP-303",
    mpCode: "MP-303",
    error: "invalid_request",
    status: 400,
    recognise: [/invalid authorization details values/i],
    cause: "One or more values in authorization_details are not valid.",
    fix: "Correct the values the error message names in authorization_details.",
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

/** Maskinporten's token-endpoint error codes (docs/maskinporten.md §2), each with its cause and what to do. */
export interface MpCodeExplanation {
  code: string;
  /** The OAuth `error` Maskinporten answers with it. */
  error: string;
  cause: string;
  fix: string;
}

export const MP_CODES: Record<string, MpCodeExplanation> = {
  "MP-011": {
    code: "MP-011",
    error: "invalid_request",
    cause:
      "The request or grant is malformed: a required claim (aud, iss, scope, iat, exp, jti) is missing, a claim Maskinporten does not know is present, or a claim has the wrong type.",
    fix: "Send only aud, iss, scope, iat, exp and jti (plus resource, consumer_org, iss_onbehalfof or authorization_details when needed), with iat and exp as whole epoch seconds, form-encoded as grant_type=urn:ietf:params:oauth:grant-type:jwt-bearer&assertion=<JWT>.",
  },
  "MP-012": {
    code: "MP-012",
    error: "invalid_grant",
    cause: "The grant's jti was used before: every grant may be used once.",
    fix: "Make a new grant for every token request with a fresh random jti (a UUID).",
  },
  "MP-100": {
    code: "MP-100",
    error: "invalid_client",
    cause:
      "Maskinporten does not know the client in iss, or it is inactive — often a client from the other environment (test vs prod).",
    fix: "Check that iss is the client_id of an active client registered in this environment; test and prod have separate clients.",
  },
  "MP-110": {
    code: "MP-110",
    error: "invalid_grant",
    cause: "aud is not the issuer of this environment (the token endpoint URL is not accepted).",
    fix: "Set aud to the issuer exactly, with the trailing slash (e.g. https://test.maskinporten.no/), not …/token.",
  },
  "MP-120": {
    code: "MP-120",
    error: "invalid_grant",
    cause:
      "The business certificate in x5c is not trusted: expired, revoked, from an unknown CA, or a test certificate in prod (or the reverse).",
    fix: "Use a valid business certificate (virksomhetssertifikat) issued for this environment; renew it if it has expired.",
  },
  "MP-121": {
    code: "MP-121",
    error: "invalid_grant",
    cause: "The key named by kid has expired (keys expire one year after they are registered).",
    fix: "Rotate: register a new key on the client, switch the system to it, then remove the old one.",
  },
  "MP-122": {
    code: "MP-122",
    error: "invalid_grant",
    cause: "The business certificate belongs to another organisation than the client.",
    fix: "Sign with the certificate of the organisation that owns the client (or its registered supplier).",
  },
  "MP-123": {
    code: "MP-123",
    error: "invalid_grant",
    cause:
      "x5c is malformed (a plain string instead of an array, not base64 DER), or x5c was sent by a client that has registered keys and must use kid.",
    fix: 'Send x5c as an array of base64 DER certificates, leaf first (["MIIF…"]), or, for a client with registered keys, send kid instead.',
  },
  "MP-124": {
    code: "MP-124",
    error: "invalid_grant",
    cause:
      "The signature does not verify: the kid is not registered on the client (e.g. removed in a rotation), or the grant was signed with another private key than the one registered under that kid.",
    fix: "Sign with the private key whose public half is registered on the client under the kid in the header; check that the key was not removed.",
  },
  "MP-130": {
    code: "MP-130",
    error: "invalid_grant",
    cause:
      "The grant's times are off: iat more than 10 s from Maskinporten's clock, exp - iat more than 120 s, or the grant has expired.",
    fix: "Sync the server clock (NTP), set iat to now and exp to at most iat + 120, and send the grant at once.",
  },
  "MP-200": {
    code: "MP-200",
    error: "invalid_scope",
    cause: "A requested scope is not on the client, or the scope does not exist or is deactivated.",
    fix: "Add the scope to the client (PUT the client with it), or request only scopes the client carries.",
  },
  "MP-201": {
    code: "MP-201",
    error: "invalid_scope",
    cause:
      "The scope does not allow this client's integration type (e.g. an ID-porten-only scope).",
    fix: "Use a scope whose allowed_integration_types admits maskinporten, or ask the owner to allow it.",
  },
  "MP-250": {
    code: "MP-250",
    error: "forbidden",
    cause: "The organisation has not been granted access to the scope.",
    fix: "Ask the scope's owner to grant your organisation access (it must be APPROVED), or use an own scope or one accessible to all.",
  },
};

/** `MP-124` from an `error_uri` like `https://…/errors/MP-124`. */
export function mpCodeFromUri(uri: unknown): string | undefined {
  return typeof uri === "string" ? uri.match(/MP-\d{3}/)?.[0] : undefined;
}

/** The explanation of a token error body, by its MP code or, failing that, its OAuth error. */
export function explainTokenError(body: {
  error?: unknown;
  error_description?: unknown;
  error_uri?: unknown;
}): MpCodeExplanation | undefined {
  const code = mpCodeFromUri(body.error_uri);
  if (code && MP_CODES[code]) return MP_CODES[code];
  const description = typeof body.error_description === "string" ? body.error_description : "";
  if (/granted access/i.test(description)) return MP_CODES["MP-250"];
  if (body.error === "invalid_client") return MP_CODES["MP-100"];
  if (body.error === "invalid_scope") return MP_CODES["MP-200"];
  if (body.error === "forbidden") return MP_CODES["MP-250"];
  if (body.error === "invalid_request") return MP_CODES["MP-011"];
  return undefined;
}

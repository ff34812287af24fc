import {
  ALLOWED_GRANT_CLAIMS,
  daysUntilKeyExpiry,
  GRANT_ALGS,
  IAT_SKEW_SECONDS,
  KEY_EXPIRY_WARNING_DAYS,
  MAX_GRANT_LIFETIME_SECONDS,
  REQUIRED_GRANT_CLAIMS,
} from "@portvakt/maskinporten-rules";
import { type Check, type Diagnosis, fail, list, pass, warn } from "./check";
import { type DiagnosisContext, nowSeconds } from "./context";

type Header = Record<string, unknown>;
type Claims = Record<string, unknown>;

/** `alg`, and how the key is named: `x5c` an array, or `kid` (required, known and valid when the client has keys). */
function headerChecks(header: Header, context: DiagnosisContext | undefined, now: number): Check[] {
  const checks: Check[] = [];
  const client = context?.client;
  checks.push(
    typeof header.alg === "string" && (GRANT_ALGS as readonly string[]).includes(header.alg)
      ? pass("header.alg.ok", { alg: header.alg }, `alg ${header.alg} is accepted.`)
      : fail(
          "header.alg.bad",
          { alg: JSON.stringify(header.alg ?? null), algs: list(GRANT_ALGS) },
          `alg ${JSON.stringify(header.alg)} is not accepted; Maskinporten takes ${GRANT_ALGS.join(", ")}.`,
          "Sign with RSA and RS256 (or RS384/RS512).",
          "MP-011",
        ),
  );
  const hasKid = typeof header.kid === "string" && header.kid !== "";
  if (header.x5c !== undefined) {
    const x5cOk =
      Array.isArray(header.x5c) &&
      header.x5c.length > 0 &&
      header.x5c.every((cert) => typeof cert === "string" && /^[A-Za-z0-9+/=]+$/.test(cert));
    const fix =
      'Send x5c as ["<leaf base64 DER>", "<intermediate>"…], leaf first, without PEM headers or line breaks.';
    checks.push(
      x5cOk
        ? pass(
            "header.x5c.ok",
            { count: (header.x5c as unknown[]).length },
            `x5c is an array of ${(header.x5c as unknown[]).length} certificate(s).`,
          )
        : typeof header.x5c === "string"
          ? fail(
              "header.x5c.string",
              {},
              "x5c is a plain string; it must be an array of base64 DER certificates.",
              fix,
              "MP-123",
            )
          : fail(
              "header.x5c.bad",
              {},
              "x5c is not an array of base64 DER certificates.",
              fix,
              "MP-123",
            ),
    );
  }
  if (!hasKid && header.x5c === undefined) {
    checks.push(
      fail(
        "header.key.none",
        {},
        "The header names no key: neither kid nor x5c.",
        "Put the kid of the registered key (or x5c with the business certificate) in the header.",
        "MP-123",
      ),
    );
  }
  const clientHasKeys = client ? (client.hasKeys ?? client.keys.length > 0) : undefined;
  const kids = list(client?.keys.map((k) => k.kid) ?? []);
  if (clientHasKeys && !hasKid) {
    checks.push(
      fail(
        "header.kid.required",
        { kids },
        "The client has registered keys, so the grant must name one with kid (x5c is refused).",
        `Put kid in the header: one of ${kids}.`,
        "MP-123",
      ),
    );
  }
  if (hasKid && client) {
    const kid = header.kid as string;
    const key = client.keys.find((candidate) => candidate.kid === kid);
    if (!key) {
      checks.push(
        clientHasKeys
          ? fail(
              "header.kid.unknown",
              { kid, kids },
              `kid "${kid}" is not registered on the client (it has ${kids}). A removed key fails like this.`,
              "Sign with a private key registered on the client now, or register this key first.",
              "MP-124",
            )
          : fail(
              "header.kid.no-keys",
              { kid },
              `kid "${kid}" is unknown: the client has no registered keys.`,
              "Register the key's public half on the client, or use x5c with the business certificate.",
              "MP-124",
            ),
      );
    } else if (key.exp !== undefined && key.exp <= now) {
      const expired = new Date(key.exp * 1000).toISOString();
      checks.push(
        fail(
          "header.kid.expired",
          { kid, expired },
          `The key "${kid}" expired ${expired}.`,
          "Rotate: register a new key, switch to it, then remove the expired one.",
          "MP-121",
        ),
      );
    } else {
      const days = key.exp !== undefined ? daysUntilKeyExpiry(key.exp, now * 1000) : undefined;
      checks.push(
        days !== undefined && days <= KEY_EXPIRY_WARNING_DAYS
          ? warn(
              "header.kid.expiring",
              { kid, days },
              `The key "${kid}" is registered but expires in ${days} day(s).`,
              "Rotate the key now: register a new one next to it.",
            )
          : pass("header.kid.ok", { kid }, `kid "${kid}" is registered on the client.`),
      );
    }
  }
  if (header.consumer_org !== undefined) {
    checks.push(
      fail(
        "header.consumer_org",
        { consumerOrg: String(header.consumer_org) },
        `consumer_org (${String(header.consumer_org)}) is in the JWT header; Maskinporten reads it only from the claims, so the token would be for the supplier's own organisation.`,
        "Move consumer_org from the header into the grant's claims.",
      ),
    );
  }
  return checks;
}

/** Only allowed claims, the required ones present, `aud` = the issuer, `iss` = the client. */
function claimChecks(claims: Claims, context: DiagnosisContext | undefined): Check[] {
  const checks: Check[] = [];
  const allowed = list([...ALLOWED_GRANT_CLAIMS]);
  const unknownClaims = Object.keys(claims).filter((claim) => !ALLOWED_GRANT_CLAIMS.has(claim));
  checks.push(
    unknownClaims.length === 0
      ? pass("claims.allowed.ok", {}, "No claims outside the allowed set.")
      : fail(
          "claims.allowed.unknown",
          { claims: list(unknownClaims), allowed },
          `Claims Maskinporten does not allow: ${list(unknownClaims)} ("Invalid assertion").`,
          `Remove them; allowed are ${allowed}.`,
          "MP-011",
        ),
  );
  const missing = REQUIRED_GRANT_CLAIMS.filter(
    (claim) => claims[claim] === undefined || claims[claim] === "",
  );
  checks.push(
    missing.length === 0
      ? pass("claims.required.ok", {}, "aud, iss, scope, iat and exp are present.")
      : fail(
          "claims.required.missing",
          { claims: list(missing) },
          `Missing claim(s): ${list(missing)}.`,
          "Add every required claim: aud, iss, scope, iat, exp (and a jti).",
          "MP-011",
        ),
  );
  const issuer = context?.environment?.issuer;
  if (claims.aud !== undefined) {
    if (Array.isArray(claims.aud)) {
      checks.push(
        fail(
          "claims.aud.array",
          { issuer: issuer ?? "" },
          "aud is an array; Maskinporten wants a single string.",
          `Set aud to "${issuer ?? "the issuer"}".`,
          "MP-110",
        ),
      );
    } else if (issuer) {
      const aud = String(claims.aud);
      const fix = `Set aud to "${issuer}" exactly.`;
      const params = { aud, issuer };
      if (aud === issuer) {
        checks.push(pass("claims.aud.ok", params, `aud is this environment's issuer (${issuer}).`));
      } else if (aud.replace(/\/+$/, "") === `${issuer}token`.replace(/\/+$/, "")) {
        checks.push(
          fail(
            "claims.aud.token-endpoint",
            params,
            `aud is the token endpoint URL (${aud}); Maskinporten wants the issuer.`,
            fix,
            "MP-110",
          ),
        );
      } else if (aud.replace(/\/+$/, "") === issuer.replace(/\/+$/, "")) {
        checks.push(
          fail(
            "claims.aud.slash",
            params,
            `aud "${aud}" lacks the issuer's trailing slash; it must match exactly.`,
            fix,
            "MP-110",
          ),
        );
      } else {
        checks.push(
          fail(
            "claims.aud.other",
            params,
            `aud "${aud}" is not this environment's issuer (${issuer}) — another environment?`,
            fix,
            "MP-110",
          ),
        );
      }
    }
  }
  const client = context?.client;
  if (client && typeof claims.iss === "string") {
    checks.push(
      claims.iss === client.client_id
        ? pass("claims.iss.ok", { clientId: client.client_id }, "iss is the client's client_id.")
        : fail(
            "claims.iss.other",
            { iss: claims.iss, clientId: client.client_id },
            `iss "${claims.iss}" is not the chosen client (${client.client_id}).`,
            "Set iss to the client_id of the client whose key signs the grant.",
            "MP-100",
          ),
    );
  }
  return checks;
}

/**
 * `exp - iat` at most 120 s (the docs' rule, which the simulator enforces; Maskinporten has been
 * seen to accept somewhat more), `iat` not more than 10 s ahead (an `iat` in the past is fine
 * while `exp` has not passed), not expired.
 */
function timeChecks(claims: Claims, now: number): Check[] {
  const { iat, exp } = claims;
  if (iat === undefined && exp === undefined) return [];
  if (!Number.isInteger(iat) || !Number.isInteger(exp)) {
    return [
      fail(
        "claims.times.type",
        {},
        "iat and exp must be whole epoch seconds (numbers, not strings or milliseconds).",
        `Use Math.floor(Date.now() / 1000) for iat and iat + ${MAX_GRANT_LIFETIME_SECONDS} at most for exp.`,
        "MP-011",
      ),
    ];
  }
  const checks: Check[] = [];
  const issuedAt = iat as number;
  const expiresAt = exp as number;
  const lifetime = expiresAt - issuedAt;
  const max = MAX_GRANT_LIFETIME_SECONDS;
  if (lifetime <= 0) {
    checks.push(
      fail(
        "claims.lifetime.not-positive",
        { lifetime },
        `exp is not after iat (exp - iat = ${lifetime} s).`,
        `Set exp to iat + ${max} at most (and after iat).`,
        "MP-130",
      ),
    );
  } else if (lifetime > max) {
    checks.push(
      fail(
        "claims.lifetime.over",
        { lifetime, max },
        `exp - iat is ${lifetime} s. Maskinporten's documentation allows at most ${max} s; the service has been seen to accept somewhat longer grants, but that is not promised and the simulator refuses them (MP-130).`,
        `Set exp to iat + ${max} at most.`,
        "MP-130",
      ),
    );
  } else {
    checks.push(
      pass("claims.lifetime.ok", { lifetime, max }, `exp - iat is ${lifetime} s (at most ${max}).`),
    );
  }
  const skew = issuedAt - now;
  if (skew > IAT_SKEW_SECONDS) {
    checks.push(
      fail(
        "claims.iat.ahead",
        { skew, max: IAT_SKEW_SECONDS },
        `iat is ${skew} s ahead of now; Maskinporten accepts at most ${IAT_SKEW_SECONDS} s ahead ("Issue time is after now"). The signing machine's clock runs ahead.`,
        "Keep the clock in sync (NTP) and set iat to the current time.",
        "MP-130",
      ),
    );
  } else if (skew < -IAT_SKEW_SECONDS) {
    checks.push(
      pass(
        "claims.iat.past",
        { seconds: -skew },
        `iat is ${-skew} s in the past; Maskinporten accepts that while exp has not passed (a clock behind is fine).`,
      ),
    );
  } else {
    checks.push(
      pass("claims.iat.ok", { skew }, `iat is ${skew} s from now (within ${IAT_SKEW_SECONDS} s).`),
    );
  }
  if (expiresAt <= now) {
    checks.push(
      fail(
        "claims.exp.expired",
        { seconds: now - expiresAt },
        `The grant expired ${now - expiresAt} s ago.`,
        "Make a new grant and send it at once.",
        "MP-130",
      ),
    );
  }
  return checks;
}

/** `jti` (recommended), `consumer_org`, `resource`, `pid`. */
function optionalClaimChecks(claims: Claims): Check[] {
  const checks: Check[] = [];
  checks.push(
    typeof claims.jti === "string" && claims.jti.length > 0
      ? pass("claims.jti.ok", {}, "jti is present (each grant may be used once).")
      : warn(
          "claims.jti.missing",
          {},
          "jti is missing. Maskinporten's documentation recommends it rather than requiring it; without it a grant cannot be refused when replayed.",
          "Add a fresh random jti (a UUID) to every grant.",
        ),
  );
  if (claims.consumer_org !== undefined) {
    const org = String(claims.consumer_org);
    checks.push(
      typeof claims.consumer_org === "string" && /^\d{9}$/.test(claims.consumer_org)
        ? pass(
            "claims.consumer_org.ok",
            { consumerOrg: org },
            `The grant asks for a token on behalf of ${org}; Maskinporten checks that ${org} has delegated the scope to the client's organisation in Altinn (MP-251 if not), and the token's consumer becomes ${org}.`,
          )
        : fail(
            "claims.consumer_org.format",
            { consumerOrg: org },
            `consumer_org ${JSON.stringify(claims.consumer_org)} is not an organisation number (9 digits, as a string).`,
            'Send consumer_org as a string of 9 digits, e.g. "910753614".',
            "MP-011",
          ),
    );
  }
  if (claims.resource !== undefined) {
    const resource = Array.isArray(claims.resource)
      ? list(claims.resource)
      : String(claims.resource);
    checks.push(
      pass(
        "claims.resource",
        { resource },
        `resource asks for an audience-restricted token: its aud will be ${resource}.`,
      ),
    );
  }
  if (claims.pid !== undefined) {
    checks.push(
      pass("claims.pid", {}, "pid restricts the token to one end user (allowed, optional)."),
    );
  }
  return checks;
}

/** Scopes on the client and usable by the organisation. */
function scopeChecks(claims: Claims, context: DiagnosisContext | undefined): Check[] {
  const checks: Check[] = [];
  const client = context?.client;
  if (typeof claims.scope === "string") {
    const scopes = claims.scope.split(" ").filter(Boolean);
    if (scopes.length === 0) {
      checks.push(
        fail(
          "claims.scope.empty",
          {},
          "scope is empty.",
          "Request at least one scope the client carries.",
          "MP-200",
        ),
      );
    }
    if (client) {
      const notOnClient = scopes.filter((scope) => !client.scopes.includes(scope));
      checks.push(
        notOnClient.length === 0
          ? pass("scope.client.ok", {}, "Every requested scope is on the client.")
          : fail(
              "scope.client.missing",
              { scopes: list(notOnClient) },
              `Not on the client: ${list(notOnClient)}.`,
              "Add the scope to the client, or stop requesting it.",
              "MP-200",
            ),
      );
    }
    if (context?.grantedScopes && claims.consumer_org === undefined) {
      const granted = new Set(context.grantedScopes);
      const notGranted = scopes.filter(
        (scope) => !granted.has(scope) && !scope.startsWith("idporten:"),
      );
      checks.push(
        notGranted.length === 0
          ? pass("scope.granted.ok", {}, "The organisation may use every requested scope.")
          : fail(
              "scope.granted.missing",
              { scopes: list(notGranted) },
              `The organisation has no access to: ${list(notGranted)} (not granted, not own, not accessible to all).`,
              "Ask the scope's owner to grant your organisation access.",
              "MP-250",
            ),
      );
    }
  } else if (claims.scope !== undefined) {
    checks.push(
      fail(
        "claims.scope.type",
        {},
        "scope must be a space-separated string.",
        'Send scope as "a:b c:d", not an array.',
        "MP-011",
      ),
    );
  }
  return checks;
}

/**
 * Every rule of a JWT grant, in the order Maskinporten applies them; `signature` is the result of
 * `checkSignature` (async, so made by the caller) and goes after the key checks.
 */
export function diagnoseGrant(
  header: Header,
  claims: Claims,
  context: DiagnosisContext | undefined,
  extra: { before: Check[]; signature?: Check },
): Diagnosis {
  const now = nowSeconds(context);
  const checks: Check[] = [
    ...extra.before,
    ...headerChecks(header, context, now),
    ...(extra.signature ? [extra.signature] : []),
    ...claimChecks(claims, context),
    ...timeChecks(claims, now),
    ...optionalClaimChecks(claims),
    ...scopeChecks(claims, context),
  ];
  const failures = checks.filter((check) => !check.ok && check.severity === "error");
  const first = failures.find((check) => check.mpCode);
  const base = { kind: "grant" as const, header, claims, checks };
  if (failures.length === 0) {
    return {
      ...base,
      summary: "A JWT grant; every rule that can be checked here passes.",
      summaryCode: "summary.grant.ok",
      summaryParams: {},
    };
  }
  const count = failures.length;
  if (first?.mpCode) {
    return {
      ...base,
      mpCode: first.mpCode,
      summary: `A JWT grant that Maskinporten will refuse: ${count} rule(s) fail (expect ${first.mpCode}).`,
      summaryCode: "summary.grant.fails-mp",
      summaryParams: { count, mpCode: first.mpCode },
    };
  }
  return {
    ...base,
    summary: `A JWT grant that Maskinporten will refuse: ${count} rule(s) fail.`,
    summaryCode: "summary.grant.fails",
    summaryParams: { count },
  };
}

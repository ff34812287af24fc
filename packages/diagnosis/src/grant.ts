import {
  ALLOWED_GRANT_CLAIMS,
  daysUntilKeyExpiry,
  GRANT_ALGS,
  IAT_SKEW_SECONDS,
  KEY_EXPIRY_WARNING_DAYS,
  MAX_GRANT_LIFETIME_SECONDS,
  REQUIRED_GRANT_CLAIMS,
} from "@portvakt/maskinporten-rules";
import { type Check, type Diagnosis, fail, list, pass, summary, warn } from "./check";
import { type DiagnosisContext, nowSeconds } from "./context";

type Header = Record<string, unknown>;
type Claims = Record<string, unknown>;

/** `alg`, and how the key is named: `x5c` an array, or `kid` (required, known and valid when the client has keys). */
function headerChecks(header: Header, context: DiagnosisContext | undefined, now: number): Check[] {
  const checks: Check[] = [];
  const client = context?.client;
  checks.push(
    typeof header.alg === "string" && (GRANT_ALGS as readonly string[]).includes(header.alg)
      ? pass("header.alg.ok", { alg: header.alg })
      : fail(
          "header.alg.bad",
          { alg: JSON.stringify(header.alg ?? null), algs: list(GRANT_ALGS) },
          "MP-011",
        ),
  );
  const hasKid = typeof header.kid === "string" && header.kid !== "";
  if (header.x5c !== undefined) {
    const x5cOk =
      Array.isArray(header.x5c) &&
      header.x5c.length > 0 &&
      header.x5c.every((cert) => typeof cert === "string" && /^[A-Za-z0-9+/=]+$/.test(cert));
    checks.push(
      x5cOk
        ? pass("header.x5c.ok", { count: (header.x5c as unknown[]).length })
        : typeof header.x5c === "string"
          ? fail("header.x5c.string", {}, "MP-123")
          : fail("header.x5c.bad", {}, "MP-123"),
    );
  }
  if (!hasKid && header.x5c === undefined) {
    checks.push(fail("header.key.none", {}, "MP-123"));
  }
  const clientHasKeys = client ? (client.hasKeys ?? client.keys.length > 0) : undefined;
  const kids = list(client?.keys.map((k) => k.kid) ?? []);
  if (clientHasKeys && !hasKid) {
    checks.push(fail("header.kid.required", { kids }, "MP-123"));
  }
  if (hasKid && client) {
    const kid = header.kid as string;
    const key = client.keys.find((candidate) => candidate.kid === kid);
    if (!key) {
      checks.push(
        clientHasKeys
          ? fail("header.kid.unknown", { kid, kids }, "MP-124")
          : fail("header.kid.no-keys", { kid }, "MP-124"),
      );
    } else if (key.exp !== undefined && key.exp <= now) {
      const expired = new Date(key.exp * 1000).toISOString();
      checks.push(fail("header.kid.expired", { kid, expired }, "MP-121"));
    } else {
      const days = key.exp !== undefined ? daysUntilKeyExpiry(key.exp, now * 1000) : undefined;
      checks.push(
        days !== undefined && days <= KEY_EXPIRY_WARNING_DAYS
          ? warn("header.kid.expiring", { kid, days })
          : pass("header.kid.ok", { kid }),
      );
    }
  }
  if (header.consumer_org !== undefined) {
    checks.push(fail("header.consumer-org", { consumerOrg: String(header.consumer_org) }));
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
      ? pass("claims.allowed.ok", {})
      : fail("claims.allowed.unknown", { claims: list(unknownClaims), allowed }, "MP-011"),
  );
  const missing = REQUIRED_GRANT_CLAIMS.filter(
    (claim) => claims[claim] === undefined || claims[claim] === "",
  );
  checks.push(
    missing.length === 0
      ? pass("claims.required.ok", {})
      : fail("claims.required.missing", { claims: list(missing) }, "MP-011"),
  );
  const issuer = context?.environment?.issuer;
  if (claims.aud !== undefined) {
    if (Array.isArray(claims.aud)) {
      checks.push(fail("claims.aud.array", { issuer: issuer ?? "" }, "MP-110"));
    } else if (issuer) {
      const aud = String(claims.aud);
      const params = { aud, issuer };
      if (aud === issuer) {
        checks.push(pass("claims.aud.ok", params));
      } else if (aud.replace(/\/+$/, "") === `${issuer}token`.replace(/\/+$/, "")) {
        checks.push(fail("claims.aud.token-endpoint", params, "MP-110"));
      } else if (aud.replace(/\/+$/, "") === issuer.replace(/\/+$/, "")) {
        checks.push(fail("claims.aud.slash", params, "MP-110"));
      } else {
        checks.push(fail("claims.aud.other", params, "MP-110"));
      }
    }
  }
  const client = context?.client;
  if (client && typeof claims.iss === "string") {
    checks.push(
      claims.iss === client.client_id
        ? pass("claims.iss.ok", { clientId: client.client_id })
        : fail("claims.iss.other", { iss: claims.iss, clientId: client.client_id }, "MP-100"),
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
    return [fail("claims.times.type", { max: MAX_GRANT_LIFETIME_SECONDS }, "MP-011")];
  }
  const checks: Check[] = [];
  const issuedAt = iat as number;
  const expiresAt = exp as number;
  const lifetime = expiresAt - issuedAt;
  const max = MAX_GRANT_LIFETIME_SECONDS;
  if (lifetime <= 0) {
    checks.push(fail("claims.lifetime.not-positive", { lifetime, max }, "MP-130"));
  } else if (lifetime > max) {
    checks.push(fail("claims.lifetime.over", { lifetime, max }, "MP-130"));
  } else {
    checks.push(pass("claims.lifetime.ok", { lifetime, max }));
  }
  const skew = issuedAt - now;
  if (skew > IAT_SKEW_SECONDS) {
    checks.push(fail("claims.iat.ahead", { skew, max: IAT_SKEW_SECONDS }, "MP-130"));
  } else if (skew < -IAT_SKEW_SECONDS) {
    checks.push(pass("claims.iat.past", { seconds: -skew }));
  } else {
    checks.push(pass("claims.iat.ok", { skew, max: IAT_SKEW_SECONDS }));
  }
  if (expiresAt <= now) {
    checks.push(fail("claims.exp.expired", { seconds: now - expiresAt }, "MP-130"));
  }
  return checks;
}

/** `jti` (recommended), `consumer_org`, `resource`, `pid`. */
function optionalClaimChecks(claims: Claims): Check[] {
  const checks: Check[] = [];
  checks.push(
    typeof claims.jti === "string" && claims.jti.length > 0
      ? pass("claims.jti.ok", {})
      : warn("claims.jti.missing", {}),
  );
  if (claims.consumer_org !== undefined) {
    const org = String(claims.consumer_org);
    checks.push(
      typeof claims.consumer_org === "string" && /^\d{9}$/.test(claims.consumer_org)
        ? pass("claims.consumer-org.ok", { consumerOrg: org })
        : fail("claims.consumer-org.format", { consumerOrg: org }, "MP-011"),
    );
  }
  if (claims.resource !== undefined) {
    const resource = Array.isArray(claims.resource)
      ? list(claims.resource)
      : String(claims.resource);
    checks.push(pass("claims.resource", { resource }));
  }
  if (claims.pid !== undefined) {
    checks.push(pass("claims.pid", {}));
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
      checks.push(fail("claims.scope.empty", {}, "MP-200"));
    }
    if (client) {
      const notOnClient = scopes.filter((scope) => !client.scopes.includes(scope));
      checks.push(
        notOnClient.length === 0
          ? pass("scope.client.ok", {})
          : fail("scope.client.missing", { scopes: list(notOnClient) }, "MP-200"),
      );
    }
    if (context?.grantedScopes && claims.consumer_org === undefined) {
      const granted = new Set(context.grantedScopes);
      const notGranted = scopes.filter(
        (scope) => !granted.has(scope) && !scope.startsWith("idporten:"),
      );
      checks.push(
        notGranted.length === 0
          ? pass("scope.granted.ok", {})
          : fail("scope.granted.missing", { scopes: list(notGranted) }, "MP-250"),
      );
    }
  } else if (claims.scope !== undefined) {
    checks.push(fail("claims.scope.type", {}, "MP-011"));
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
  if (failures.length === 0) return { ...base, ...summary("summary.grant.ok") };
  const count = failures.length;
  if (first?.mpCode) {
    return {
      ...base,
      mpCode: first.mpCode,
      ...summary("summary.grant.fails-mp", { count, mpCode: first.mpCode }),
    };
  }
  return { ...base, ...summary("summary.grant.fails", { count }) };
}

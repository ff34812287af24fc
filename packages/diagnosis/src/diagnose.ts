import { explainTokenError, forbiddenCause, unauthorizedCause } from "@portvakt/maskinporten-rules";
import { decodeJwt, decodeProtectedHeader } from "jose";
import { z } from "zod";
import { type Check, type Diagnosis, fail, pass, ruleFailure, summary } from "./check";
import { type DiagnosisContext, nowSeconds } from "./context";
import { diagnoseGrant } from "./grant";
import { checkSignature } from "./signature";

const JWT_SHAPE = /^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]*$/;

const TokenErrorBody = z.object({
  error: z.string(),
  error_description: z.string().optional(),
  error_uri: z.string().optional(),
});
const DigdirErrorBody = z.object({
  status: z.number().int(),
  error: z.string().optional(),
  error_description: z.string().optional(),
  correlation_id: z.string().optional(),
  timestamp: z.string().optional(),
});
const ProblemBody = z.object({
  title: z.string(),
  status: z.number().int(),
  type: z.string().optional(),
  detail: z.string().optional(),
});
const TokenResponseBody = z.object({ access_token: z.string() }).loose();

/** Strips what people paste around a token: quotes, `Bearer `, `assertion=` form bodies. */
function unwrap(input: string): string {
  let text = input.trim().replace(/^["']|["']$/g, "");
  text = text.replace(/^(authorization:\s*)?bearer\s+/i, "");
  if (/(^|&)assertion=/.test(text) && !text.startsWith("{")) {
    const assertion = new URLSearchParams(text).get("assertion");
    if (assertion) text = assertion;
  }
  return text.trim();
}

function decodeJwtParts(
  jwt: string,
): { header: Record<string, unknown>; claims: Record<string, unknown> } | null {
  try {
    return {
      header: decodeProtectedHeader(jwt) as Record<string, unknown>,
      claims: decodeJwt(jwt) as Record<string, unknown>,
    };
  } catch {
    return null;
  }
}

/** An access token names its client and consumer; a grant names the client as `iss`. */
function looksLikeAccessToken(claims: Record<string, unknown>, header: Record<string, unknown>) {
  return (
    "consumer" in claims ||
    "client_amr" in claims ||
    "client_id" in claims ||
    "token_type" in claims ||
    header.typ === "at+jwt"
  );
}

/**
 * Reads a pasted JWT grant, access token, token response or error body and says what is wrong
 * with it, rule by rule (docs/maskinporten.md §2, §7, §8). Every check and the summary carry a stable `code` with `params` (the web
 * app renders them in nb, nn and en) and an English `message`/`fix`. A grant's signature is
 * checked against the client's registered public key or the `x5c` certificate when known (MP-124).
 * Never throws; unreadable input is diagnosed as `unknown`.
 */
export async function diagnose(input: string, context?: DiagnosisContext): Promise<Diagnosis> {
  const text = unwrap(input);
  if (text.startsWith("{")) {
    let body: unknown;
    try {
      body = JSON.parse(text);
    } catch {
      return unknownInput("input.json-invalid");
    }
    return diagnoseJson(body, context);
  }
  let jwt = text;
  const before: Check[] = [];
  if (!JWT_SHAPE.test(jwt)) {
    const joined = jwt.replace(/\s+/g, "");
    if (JWT_SHAPE.test(joined)) {
      const breaks = (jwt.match(/\s+/g) ?? []).length;
      before.push(fail("input.linebreak", { count: breaks }, "MP-011"));
      jwt = joined;
    }
  }
  if (JWT_SHAPE.test(jwt)) {
    const decoded = decodeJwtParts(jwt);
    if (!decoded) {
      return {
        kind: "unknown",
        ...summary("summary.jwt.undecodable"),
        checks: [...before, fail("jwt.undecodable", {}, "MP-011")],
      };
    }
    if (looksLikeAccessToken(decoded.claims, decoded.header)) {
      const result = diagnoseAccessToken(decoded.header, decoded.claims, context);
      return { ...result, checks: [...before, ...result.checks] };
    }
    const signature = await checkSignature(jwt, decoded.header, context);
    return diagnoseGrant(decoded.header, decoded.claims, context, {
      before,
      ...(signature ? { signature } : {}),
    });
  }
  return unknownInput("input.unknown");
}

function unknownInput(
  code: "input.json-invalid" | "input.unknown" | "input.json-unknown",
): Diagnosis {
  return { kind: "unknown", ...summary("summary.unknown"), checks: [fail(code, {})] };
}

function diagnoseJson(body: unknown, context?: DiagnosisContext): Diagnosis {
  const token = TokenResponseBody.safeParse(body);
  if (token.success) {
    const decoded = decodeJwtParts(token.data.access_token);
    if (decoded) {
      const result = diagnoseAccessToken(decoded.header, decoded.claims, context);
      return { ...result, kind: "token-response" };
    }
    return {
      kind: "token-response",
      ...summary("summary.token-response.opaque"),
      checks: [pass("token.response", {})],
    };
  }
  const problem = ProblemBody.safeParse(body);
  if (problem.success) return diagnoseProblem(problem.data, body as Record<string, unknown>);
  const digdir = DigdirErrorBody.safeParse(body);
  if (digdir.success) return diagnoseSelfServiceError(digdir.data, body as Record<string, unknown>);
  const tokenError = TokenErrorBody.safeParse(body);
  if (tokenError.success) return diagnoseTokenError(tokenError.data);
  return unknownInput("input.json-unknown");
}

/** A token error, explained from `error_uri` or, as real bodies often lack it, Digdir's wording. */
function diagnoseTokenError(body: z.infer<typeof TokenErrorBody>): Diagnosis {
  const explained = explainTokenError(body);
  const mpCode = explained?.uriCode ?? explained?.rule.mpCode;
  const check = explained
    ? ruleFailure(
        `mp.${explained.rule.id}`,
        explained.rule.causeCode,
        explained.rule.fixCode,
        {},
        explained.rule.mpCode,
      )
    : fail("mp.unknown", { error: body.error });
  return {
    kind: "token-error",
    ...(mpCode ? summary("summary.token-error-mp", { mpCode }) : summary("summary.token-error")),
    error: body,
    ...(mpCode ? { mpCode } : {}),
    checks: [check],
  };
}

function diagnoseSelfServiceError(
  body: z.infer<typeof DigdirErrorBody>,
  raw: Record<string, unknown>,
): Diagnosis {
  const description = body.error_description ?? "";
  let check: Check;
  if (body.status === 401 || body.status === 403) {
    const answer =
      body.status === 403 ? forbiddenCause({ description }) : unauthorizedCause({ description });
    check = ruleFailure("selfservice.auth", answer.code, answer.fixCode, answer.params);
  } else {
    const params = { status: body.status };
    check =
      body.status === 400
        ? fail("selfservice.status.400", params)
        : body.status === 409
          ? fail("selfservice.status.409", params)
          : fail("selfservice.status.other", params);
  }
  const correlation = body.correlation_id;
  return {
    kind: "self-service-error",
    ...(correlation
      ? summary("summary.self-service-error-correlation", {
          status: body.status,
          correlationId: correlation,
        })
      : summary("summary.self-service-error", { status: body.status })),
    error: raw,
    checks: [check],
  };
}

function diagnoseProblem(
  body: z.infer<typeof ProblemBody>,
  raw: Record<string, unknown>,
): Diagnosis {
  const params = { status: body.status };
  const check =
    body.status === 401
      ? fail("portvakt.session", params)
      : body.status === 403
        ? fail("portvakt.role", params)
        : fail("portvakt.problem", params);
  return {
    kind: "problem",
    ...summary("summary.problem", { status: body.status, title: body.title }),
    error: raw,
    checks: [check],
  };
}

function orgOf(party: unknown): string | undefined {
  const id = (party as { ID?: unknown } | undefined)?.ID;
  return typeof id === "string" ? id.replace(/^0192:/, "") : undefined;
}

function diagnoseAccessToken(
  header: Record<string, unknown>,
  claims: Record<string, unknown>,
  context?: DiagnosisContext,
): Diagnosis {
  const checks: Check[] = [];
  const now = nowSeconds(context);
  const issuer = context?.environment?.issuer;
  if (issuer) {
    checks.push(
      claims.iss === issuer
        ? pass("token.iss.ok", { issuer })
        : fail("token.iss.other", { iss: JSON.stringify(claims.iss ?? null), issuer }),
    );
  }
  if (typeof claims.exp === "number") {
    checks.push(
      claims.exp > now
        ? pass("token.exp.ok", { seconds: claims.exp - now })
        : fail("token.exp.expired", { seconds: now - claims.exp }),
    );
  }
  const scopes = typeof claims.scope === "string" ? claims.scope.split(" ").filter(Boolean) : [];
  const adminScopes = scopes.filter((scope) => scope.startsWith("idporten:"));
  checks.push(
    adminScopes.length > 0
      ? pass("token.admin.ok", { scopes: adminScopes.join(" ") })
      : { ...fail("token.admin.none", {}), severity: "info" },
  );
  const consumer = orgOf(claims.consumer);
  if (consumer) {
    checks.push(pass("token.consumer", { orgno: consumer }));
  }
  const supplier = orgOf(claims.supplier);
  if (supplier) {
    checks.push(pass("token.supplier", { supplier, consumer: consumer ?? "" }));
  }
  if (claims.aud !== undefined && claims.aud !== "unspecified") {
    const aud = Array.isArray(claims.aud) ? claims.aud.join(", ") : String(claims.aud);
    checks.push(pass("token.aud", { aud }));
  }
  const failed = checks.some((check) => !check.ok && check.severity === "error");
  return {
    kind: "access-token",
    ...summary(failed ? "summary.access-token.refused" : "summary.access-token.ok"),
    header,
    claims,
    checks,
  };
}

import {
  explainTokenError,
  forbiddenCause,
  type TokenErrorId,
  unauthorizedCause,
} from "@portvakt/maskinporten-rules";
import { decodeJwt, decodeProtectedHeader } from "jose";
import { z } from "zod";
import { type Check, type Diagnosis, fail, pass } from "./check";
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
      return unknownInput(
        "input.json-invalid",
        "The text starts like JSON but cannot be read as JSON.",
        "Paste the whole JSON body of the response, from { to }.",
      );
    }
    return diagnoseJson(body, context);
  }
  let jwt = text;
  const before: Check[] = [];
  if (!JWT_SHAPE.test(jwt)) {
    const joined = jwt.replace(/\s+/g, "");
    if (JWT_SHAPE.test(joined)) {
      const breaks = (jwt.match(/\s+/g) ?? []).length;
      before.push(
        fail(
          "input.linebreak",
          { count: breaks },
          `The JWT has ${breaks} line break(s) or space(s) inside it. Maskinporten reads such a grant as garbled ("Invalid assertion. Invalid parameter value"), not as a bad signature; the rest of this diagnosis reads it with them removed.`,
          "Remove the line break(s): send the JWT as one line (check how it is copied, wrapped or put in the form body).",
          "MP-011",
        ),
      );
      jwt = joined;
    }
  }
  if (JWT_SHAPE.test(jwt)) {
    const decoded = decodeJwtParts(jwt);
    if (!decoded) {
      const message = "This looks like a JWT, but its header or payload cannot be decoded.";
      return {
        kind: "unknown",
        summary: message,
        summaryCode: "summary.jwt.undecodable",
        summaryParams: {},
        checks: [
          ...before,
          fail(
            "jwt.undecodable",
            {},
            "The header or payload is not base64url-encoded JSON.",
            "Copy the whole token (three parts separated by dots) without line breaks.",
            "MP-011",
          ),
        ],
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
  return unknownInput(
    "input.unknown",
    "This is neither a JWT (three base64url parts separated by dots) nor a JSON error body.",
    "Paste a JWT grant, an access token, or the JSON body of an error response.",
  );
}

function unknownInput(
  code: "input.json-invalid" | "input.unknown" | "input.json-unknown",
  message: string,
  fix: string,
): Diagnosis {
  return {
    kind: "unknown",
    summary: message,
    summaryCode: "summary.unknown",
    summaryParams: { code },
    checks: [fail(code, {}, message, fix)],
  };
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
      summary: "A successful token response with an opaque access token (not a JWT).",
      summaryCode: "summary.token-response.opaque",
      summaryParams: {},
      checks: [pass("token.response", {}, "Maskinporten issued a token.")],
    };
  }
  const problem = ProblemBody.safeParse(body);
  if (problem.success) return diagnoseProblem(problem.data, body as Record<string, unknown>);
  const digdir = DigdirErrorBody.safeParse(body);
  if (digdir.success) return diagnoseSelfServiceError(digdir.data, body as Record<string, unknown>);
  const tokenError = TokenErrorBody.safeParse(body);
  if (tokenError.success) return diagnoseTokenError(tokenError.data);
  return unknownInput(
    "input.json-unknown",
    "The JSON is not a token response, a Maskinporten token error, a self-service API error or a Portvakt problem.",
    "Paste the body of the response exactly as it came.",
  );
}

/** A token error, explained from `error_uri` or, as real bodies often lack it, Digdir's wording. */
function diagnoseTokenError(body: z.infer<typeof TokenErrorBody>): Diagnosis {
  const explained = explainTokenError(body);
  const mpCode = explained?.uriCode ?? explained?.rule.mpCode;
  const description = body.error_description ?? "";
  const said = description ? ` (“${description}”)` : "";
  const checks: Check[] = [
    explained
      ? fail(
          `mp.${explained.rule.id as TokenErrorId}`,
          { description, error: body.error },
          `${explained.rule.mpCode ?? body.error}: ${explained.rule.cause}${said}`,
          explained.rule.fix,
          explained.rule.mpCode,
        )
      : fail(
          "mp.unknown",
          { error: body.error, description },
          `Maskinporten refused the grant with ${body.error}${said}.`,
          "Paste the grant itself here too: its checks usually show the cause.",
        ),
  ];
  return {
    kind: "token-error",
    summary: `Maskinporten's token endpoint refused the grant${mpCode ? ` with ${mpCode}` : ""}.`,
    summaryCode: mpCode ? "summary.token-error-mp" : "summary.token-error",
    summaryParams: mpCode ? { mpCode } : {},
    error: body,
    ...(mpCode ? { mpCode } : {}),
    checks,
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
    check = fail(`faq.${answer.cause}`, answer.params, answer.message, answer.fix);
  } else {
    const params = { status: body.status, description };
    const message = `The self-service API answered ${body.status}${description ? `: ${description}` : ""}.`;
    check =
      body.status === 400
        ? fail(
            "selfservice.status.400",
            params,
            message,
            "Correct the fields named in errors and send again.",
          )
        : body.status === 409
          ? fail(
              "selfservice.status.409",
              params,
              message,
              "The thing exists already or is deactivated: read it first and change it instead.",
            )
          : fail(
              "selfservice.status.other",
              params,
              message,
              "Quote the correlation_id to Digdir if the error persists.",
            );
  }
  const correlation = body.correlation_id;
  return {
    kind: "self-service-error",
    summary: `The self-service API refused the call with ${body.status}${correlation ? ` (correlation_id ${correlation})` : ""}.`,
    summaryCode: correlation
      ? "summary.self-service-error-correlation"
      : "summary.self-service-error",
    summaryParams: { status: body.status, ...(correlation ? { correlationId: correlation } : {}) },
    error: raw,
    checks: [check],
  };
}

function diagnoseProblem(
  body: z.infer<typeof ProblemBody>,
  raw: Record<string, unknown>,
): Diagnosis {
  const detail = body.detail ?? body.title;
  const params = { status: body.status, detail };
  const check =
    body.status === 401
      ? fail("portvakt.session", params, `Portvakt: ${detail}`, "Sign in to Portvakt again.")
      : body.status === 403
        ? fail(
            "portvakt.role",
            params,
            `Portvakt refused: ${detail}`,
            "Ask an administrator for the role the message names in this environment.",
          )
        : fail(
            "portvakt.problem",
            params,
            `Portvakt answered ${body.status}: ${detail}`,
            "Follow the message; quote request_id and correlation_id when asking for help.",
          );
  return {
    kind: "problem",
    summary: `Portvakt's server answered ${body.status} (${body.title}).`,
    summaryCode: "summary.problem",
    summaryParams: { status: body.status, title: body.title },
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
        ? pass("token.iss.ok", { issuer }, `Issued by this environment's Maskinporten (${issuer}).`)
        : fail(
            "token.iss.other",
            { iss: JSON.stringify(claims.iss ?? null), issuer },
            `Issued by ${JSON.stringify(claims.iss)}, not by this environment (${issuer}). An API of the other environment answers 401.`,
            "Request the token from the token endpoint of the environment whose API you call.",
          ),
    );
  }
  if (typeof claims.exp === "number") {
    checks.push(
      claims.exp > now
        ? pass(
            "token.exp.ok",
            { seconds: claims.exp - now },
            `Valid for ${claims.exp - now} s more.`,
          )
        : fail(
            "token.exp.expired",
            { seconds: now - claims.exp },
            `Expired ${now - claims.exp} s ago; an API answers 401.`,
            "Request a new token; access tokens live about 2 minutes.",
          ),
    );
  }
  const scopes = typeof claims.scope === "string" ? claims.scope.split(" ").filter(Boolean) : [];
  const adminScopes = scopes.filter((scope) => scope.startsWith("idporten:"));
  checks.push(
    adminScopes.length > 0
      ? pass(
          "token.admin.ok",
          { scopes: adminScopes.join(" ") },
          `Carries admin scopes: ${adminScopes.join(" ")}.`,
        )
      : {
          ...fail(
            "token.admin.none",
            {},
            "Carries no idporten: admin scope: the self-service API answers 401 (not an admin client). Fine for calling an API provider.",
            "For the self-service API, use the admin client and request idporten: scopes.",
          ),
          severity: "info",
        },
  );
  const consumer = orgOf(claims.consumer);
  if (consumer) {
    checks.push(
      pass("token.consumer", { orgno: consumer }, `Issued to the organisation ${consumer}.`),
    );
  }
  const supplier = orgOf(claims.supplier);
  if (supplier) {
    checks.push(
      pass(
        "token.supplier",
        { supplier, consumer: consumer ?? "" },
        `Issued to the supplier ${supplier}, acting for ${consumer ?? "the consumer"} by delegation.`,
      ),
    );
  }
  if (claims.aud !== undefined && claims.aud !== "unspecified") {
    const aud = Array.isArray(claims.aud) ? claims.aud.join(", ") : String(claims.aud);
    checks.push(
      pass("token.aud", { aud }, `Audience-restricted to ${aud} (from the grant's resource).`),
    );
  }
  const failed = checks.some((check) => !check.ok && check.severity === "error");
  return {
    kind: "access-token",
    summary: failed
      ? "An access token from Maskinporten, but an API will refuse it."
      : "An access token from Maskinporten.",
    summaryCode: failed ? "summary.access-token.refused" : "summary.access-token.ok",
    summaryParams: {},
    header,
    claims,
    checks,
  };
}

/**
 * Digdir's FAQ "I get 401 unauthorized when I post a change" as one decision: which of its causes
 * fits what is known about the call. Used by the client library (to explain a 401/403 it got) and
 * by the diagnosis (to explain an error body someone pasted).
 *
 * Causes (felleslosninger/docs `_docs/Maskinporten/maskinporten_sjolvbetjening_api.md` and the
 * seed guide's FAQ): no token, an expired token, a token from the other environment, a token whose
 * client is not an admin client (no `idporten:` scope); a token lacking the admin scope is a 403.
 */
import { formatMessage, type MessageParams } from "@portvakt/contracts";
import { type MaskinportenRulesCode, maskinportenRulesMessages } from "./messages";

/** What a caller knows about the access token it sent. */
export interface SentTokenFacts {
  /** `iss` of the access token, i.e. the Maskinporten environment that issued it. */
  issuer?: string;
  /** Epoch seconds. */
  expiresAt?: number;
  scopes?: readonly string[];
}

/** Stable ids of the FAQ's causes; the web app names them as `faq.<cause>` in nb, nn and en. */
export type AccessCause =
  | "token-missing"
  | "token-expired"
  | "token-environment"
  | "not-admin-client"
  | "admin-scope-missing"
  | "admin-scope-not-issued"
  | "other-organisation"
  | "unknown";

/** One cause: its id, the codes of its texts (nb, nn, en in `maskinportenRulesMessages`), parameters and English text. */
export interface AccessCauseAnswer {
  cause: AccessCause;
  code: MaskinportenRulesCode;
  fixCode: MaskinportenRulesCode;
  params: Record<string, string | number>;
  /** English. */
  message: string;
  /** English. */
  fix: string;
}

function answer(
  cause: AccessCause,
  code: MaskinportenRulesCode,
  fixCode: MaskinportenRulesCode,
  params: MessageParams = {},
): AccessCauseAnswer {
  const { en } = maskinportenRulesMessages;
  return {
    cause,
    code,
    fixCode,
    params,
    message: formatMessage(en[code], "en", params),
    fix: formatMessage(en[fixCode], "en", params),
  };
}

export interface UnauthorizedFacts {
  /** Digdir's `error_description`, if any. */
  description?: string;
  /** What is known about the token that was sent; `null` when none was sent. */
  token?: SentTokenFacts | null;
  /** The self-service API the call went to. */
  apiBaseUrl?: string;
  /** The admin scopes the caller requests. */
  adminScopes?: readonly string[];
  /** Whether the call was repeated once with a freshly fetched token and refused again. */
  retriedWithFreshToken?: boolean;
  /** The clock: epoch ms (the one convention of every package); default `Date.now`. */
  now?: () => number;
}

type Environment = "test" | "prod";

function hostOf(url: string | undefined): string | undefined {
  if (!url) return undefined;
  try {
    return new URL(url).hostname;
  } catch {
    return undefined;
  }
}

// Only Digdir's public hosts are known; for the demo simulator the environment cannot be told.
function environmentOfIssuer(issuer: string | undefined): Environment | undefined {
  const host = hostOf(issuer);
  if (host === "test.maskinporten.no") return "test";
  if (host === "maskinporten.no") return "prod";
  return undefined;
}

function environmentOfApi(baseUrl: string | undefined): Environment | undefined {
  const host = hostOf(baseUrl);
  if (host === "api.test.samarbeid.digdir.no") return "test";
  if (host === "api.samarbeid.digdir.no") return "prod";
  return undefined;
}

/** Which FAQ cause explains a 401 of the self-service API. */
export function unauthorizedCause(facts: UnauthorizedFacts): AccessCauseAnswer {
  const description = facts.description ?? "";
  const now = (facts.now ?? Date.now)();
  const token = facts.token;
  if (
    token === null ||
    /authentication is required|no bearer|bearer token is missing/i.test(description)
  ) {
    return answer("token-missing", "faq.token-missing", "faq.token-missing.fix");
  }
  if (
    (token?.expiresAt !== undefined && token.expiresAt * 1000 <= now) ||
    /expired/i.test(description)
  ) {
    return answer("token-expired", "faq.token-expired", "faq.token-expired.fix");
  }
  const tokenEnv = environmentOfIssuer(token?.issuer);
  const apiEnv = environmentOfApi(facts.apiBaseUrl);
  if (tokenEnv && apiEnv && tokenEnv !== apiEnv) {
    return answer("token-environment", "faq.token-environment.known", "faq.token-environment.fix", {
      tokenEnvironment: tokenEnv,
      issuer: token?.issuer ?? "",
      apiEnvironment: apiEnv,
      api: facts.apiBaseUrl ?? "",
    });
  }
  if (/another .*environment|other environment|wrong issuer/i.test(description)) {
    return answer("token-environment", "faq.token-environment", "faq.token-environment.fix");
  }
  const scopes = token?.scopes;
  if (scopes && !scopes.some((scope) => scope.startsWith("idporten:"))) {
    return answer("not-admin-client", "faq.not-admin-client.scopes", "faq.not-admin-client.fix", {
      scopes: scopes.join(" ") || "-",
    });
  }
  if (/not an admin client|no idporten/i.test(description)) {
    return answer("not-admin-client", "faq.not-admin-client", "faq.not-admin-client.fix");
  }
  return facts.retriedWithFreshToken
    ? answer("unknown", "faq.unknown.retried", "faq.unknown.fix")
    : answer("unknown", "faq.unknown", "faq.unknown.fix");
}

export interface ForbiddenFacts {
  /** Admin scopes of which any one allows the call; empty when unknown. */
  requiredScopes?: readonly string[];
  description?: string;
  token?: SentTokenFacts;
  adminScopes?: readonly string[];
}

/** Which cause explains a 403 of the self-service API: usually a missing admin scope. */
export function forbiddenCause(facts: ForbiddenFacts): AccessCauseAnswer {
  const needs = facts.description?.match(/needs ([^,;]+)/i)?.[1] ?? facts.description ?? "";
  const required = facts.requiredScopes?.length
    ? [...facts.requiredScopes]
    : (needs.match(/idporten:[\w./:-]*\w/g) ?? []);
  if (required.length === 0) return answer("unknown", "faq.forbidden", "faq.forbidden.fix");
  const scope = required.join(" or ");
  const carried = facts.token?.scopes;
  if (carried?.some((held) => required.includes(held))) {
    return answer("other-organisation", "faq.other-organisation", "faq.other-organisation.fix", {
      scope,
    });
  }
  const scopes = carried?.join(" ") || "-";
  if (carried && required.some((wanted) => facts.adminScopes?.includes(wanted))) {
    return answer(
      "admin-scope-not-issued",
      "faq.admin-scope-not-issued",
      "faq.admin-scope-not-issued.fix",
      { scope, scopes },
    );
  }
  return carried
    ? answer(
        "admin-scope-missing",
        "faq.admin-scope-missing.carried",
        "faq.admin-scope-missing.fix",
        { scope, scopes },
      )
    : answer("admin-scope-missing", "faq.admin-scope-missing", "faq.admin-scope-missing.fix", {
        scope,
      });
}

/**
 * Digdir's FAQ "I get 401 unauthorized when I post a change" as one decision: which of its causes
 * fits what is known about the call. Used by the client library (to explain a 401/403 it got) and
 * by the diagnosis (to explain an error body someone pasted).
 *
 * Causes (felleslosninger/docs `_docs/Maskinporten/maskinporten_sjolvbetjening_api.md` and the
 * seed guide's FAQ): no token, an expired token, a token from the other environment, a token whose
 * client is not an admin client (no `idporten:` scope); a token lacking the admin scope is a 403.
 */

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

/** One cause with its parameters and English text. */
export interface AccessCauseAnswer {
  cause: AccessCause;
  params: Record<string, string | number>;
  message: string;
  fix: string;
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
  /** Epoch ms; default now. */
  now?: number;
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

const UNKNOWN_401: Omit<AccessCauseAnswer, "params"> = {
  cause: "unknown",
  message:
    "The self-service API did not accept the token. The usual causes are an expired or missing token, a token from the other environment (test vs prod), or a token whose client is not registered as an admin client.",
  fix: "Request a fresh token in the same environment with the admin client and its idporten: scopes.",
};

/** Which FAQ cause explains a 401 of the self-service API. */
export function unauthorizedCause(facts: UnauthorizedFacts): AccessCauseAnswer {
  const description = facts.description ?? "";
  const now = facts.now ?? Date.now();
  const token = facts.token;
  if (
    token === null ||
    /authentication is required|no bearer|bearer token is missing/i.test(description)
  ) {
    return {
      cause: "token-missing",
      params: {},
      message: "The call was sent without an access token.",
      fix: "Send Authorization: Bearer <access token> with every call; every self-service call needs a token from Maskinporten.",
    };
  }
  if (
    (token?.expiresAt !== undefined && token.expiresAt * 1000 <= now) ||
    /expired/i.test(description)
  ) {
    return {
      cause: "token-expired",
      params: {},
      message: "The access token had expired when it was sent (tokens live about 120 seconds).",
      fix: "Request a new token before the call, and check that this machine's clock is right (NTP).",
    };
  }
  const tokenEnv = environmentOfIssuer(token?.issuer);
  const apiEnv = environmentOfApi(facts.apiBaseUrl);
  if (
    (tokenEnv && apiEnv && tokenEnv !== apiEnv) ||
    /another .*environment|other environment|wrong issuer/i.test(description)
  ) {
    return {
      cause: "token-environment",
      params: {
        tokenEnvironment: tokenEnv ?? "",
        issuer: token?.issuer ?? "",
        apiEnvironment: apiEnv ?? "",
        api: facts.apiBaseUrl ?? "",
      },
      message:
        tokenEnv && apiEnv
          ? `The token comes from the ${tokenEnv} environment (${token?.issuer}) but was sent to the ${apiEnv} self-service API (${facts.apiBaseUrl}).`
          : "The token was issued by the other Maskinporten environment (test vs prod).",
      fix: "Use the issuer and credential of the same environment as the API (test.maskinporten.no for api.test.samarbeid.digdir.no).",
    };
  }
  const scopes = token?.scopes;
  if (
    (scopes && !scopes.some((scope) => scope.startsWith("idporten:"))) ||
    /not an admin client|no idporten/i.test(description)
  ) {
    const has = scopes?.join(" ") || "none";
    return {
      cause: "not-admin-client",
      params: { scopes: has, adminScopes: (facts.adminScopes ?? []).join(" ") },
      message: scopes
        ? `The token carries no admin scope (it has: ${has}), so its client is not an admin client of the self-service API.`
        : "The token's client is not an admin client: it holds no idporten: admin scope.",
      fix: `Use the admin client Digdir registered for the organisation, and request its admin scopes${facts.adminScopes?.length ? ` (${facts.adminScopes.join(" ")})` : ""}.`,
    };
  }
  const retried = facts.retriedWithFreshToken
    ? " The call was repeated once with a freshly fetched token and was refused again, so an expired token is unlikely."
    : "";
  return { ...UNKNOWN_401, message: `${UNKNOWN_401.message}${retried}`, params: {} };
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
    : (needs.match(/idporten:[\w./:-]*[\w]/g) ?? []);
  if (required.length === 0) {
    return {
      cause: "unknown",
      params: {},
      message:
        "The token is valid but not allowed to do this: the admin client may lack an admin scope, or the resource belongs to another organisation.",
      fix: "Check the admin client's scopes and that the resource is this organisation's.",
    };
  }
  const needed = required.join(" or ");
  const carried = facts.token?.scopes;
  if (carried?.some((scope) => required.includes(scope))) {
    return {
      cause: "other-organisation",
      params: { scope: needed },
      message: `The token carries ${needed}, so the refusal is about the resource itself: it most likely belongs to another organisation than the one in the token.`,
      fix: "Check that the scope, client or grant belongs to this organisation.",
    };
  }
  const has = carried ? ` (it has: ${carried.join(" ") || "none"})` : "";
  const requested = required.some((scope) => facts.adminScopes?.includes(scope));
  if (carried && requested) {
    return {
      cause: "admin-scope-not-issued",
      params: { scope: needed, scopes: carried.join(" ") },
      message: `This call needs the admin scope ${needed}, which the token does not carry${has}.`,
      fix: "Maskinporten did not issue it, so the admin client does not have it: ask Digdir (servicedesk@digdir.no) to add it.",
    };
  }
  return {
    cause: "admin-scope-missing",
    params: { scope: needed, scopes: carried?.join(" ") ?? "" },
    message: carried
      ? `This call needs the admin scope ${needed}, which the token does not carry${has}.`
      : `This call needs the admin scope ${needed}.`,
    fix: "Add it to the admin scopes requested (and ask Digdir to add it to the admin client if it lacks it).",
  };
}

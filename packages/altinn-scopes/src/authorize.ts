/**
 * "Would this app let this request through?", answered as Altinn's app library answers it: the
 * `ScopeAuthorizationMiddleware` of Altinn/app-lib-dotnet (v8.9+), read at commit 1363997d
 * (`src/Altinn.App.Api/Infrastructure/Middleware/ScopeAuthorizationMiddleware.cs`). Every step
 * names the line it follows; the decision says which rule decided (the numbered rules of
 * issue 19, see `docs/altinn-api-scopes.md`).
 */
import type { ApiScopeGroup, ApiScopeOperation, TextResources } from "./api-scopes";
import { PORTAL_ENDUSER_SCOPE } from "./api-scopes";
import { type CallerKind, callerOf, groupOf, scopeClaimOf, type TokenClaims } from "./caller";
import { splitDotnetScopes } from "./dotnet";
import {
  APP_LIB_ENDPOINTS,
  type AppEndpoint,
  type EndpointRule,
  endpointRule,
  matchRoute,
  requestPath,
} from "./routes";
import { languageOf, type MessageLookup, messageFor } from "./texts";

export type { CallerKind, TokenClaims } from "./caller";

/** The part of a resolved config the decision needs; `resolveApiScopes` returns a superset. */
export interface AuthorizationConfig {
  /** The app name, for `[app]` and the `appName` text. */
  app?: string;
  titles?: Record<string, string>;
  users?: AuthorizationGroup;
  serviceOwners?: AuthorizationGroup;
  /** When set, the app does not start (rule 5). */
  loadError?: { kind: "wrong-type" | "invalid-id"; path: string; message: string };
}

/** One group's resolved scopes and message keys. */
export interface AuthorizationGroup {
  read?: string;
  write?: string;
  /** The message keys as written; absent: the default key. */
  keys?: { group?: string | null; top?: string | null };
}

export interface AuthorizeRequest {
  /** HTTP method; case does not matter for the operation, routing compares it ignoring case. */
  method: string;
  /** The request path, e.g. `/ttd/my-app/instances/50001337/4d2f…/data`; a query is ignored. */
  path: string;
  /** The token's payload: gives the caller kind (rule 2) and the scopes. */
  claims?: TokenClaims;
  /** Without claims: the kind of caller; default "user". "none" means no token at all. */
  caller?: CallerKind;
  /** Without claims: the scopes, a space-separated string or a list. */
  tokenScopes?: string | readonly string[];
  /** The app runs on localtest (older localtest tokens are read differently, see `callerOf`). */
  localtest?: boolean;
  /** A signed-in person's profile language (other callers always get `nb`). */
  profileLanguage?: string;
  config: AuthorizationConfig;
  /** The app's text resources, for the 403 text. */
  textResources?: TextResources;
  /** The app's endpoints; default the app library's own (`APP_LIB_ENDPOINTS`). */
  endpoints?: readonly AppEndpoint[];
}

/** The body the app sends with its 403 (`ProblemDetails`, null members left out). */
export interface ScopeForbiddenBody {
  title: "Forbidden";
  status: 403;
  detail: string;
  instance: string;
}

/** What decided: the steps of the middleware, in its order. */
export type DecisionCode =
  | "app-does-not-start"
  | "no-token"
  | "no-custom-scopes"
  | "no-route"
  | "token-error"
  | "anonymous-endpoint"
  | "not-instance-endpoint"
  | "unknown-caller"
  | "group-not-configured"
  | "scope-matched"
  | "scope-missing";

/**
 * The rule of issue 19 behind each step: 1 endpoints, 2 callers, 3 message texts, 4 .NET
 * whitespace and exact scopes, 5 reading the metadata, 6 the response; 0 the basic activation
 * rule (a scope must be set).
 */
export const RULE_OF: Readonly<Record<DecisionCode, 0 | 1 | 2 | 3 | 4 | 5 | 6>> = {
  "app-does-not-start": 5,
  "no-token": 2,
  "no-custom-scopes": 0,
  "no-route": 1,
  "token-error": 2,
  "anonymous-endpoint": 1,
  "not-instance-endpoint": 1,
  "unknown-caller": 2,
  "group-not-configured": 0,
  "scope-matched": 4,
  "scope-missing": 4,
};

/** Where in the middleware (or its helpers) each step is. */
export const SOURCE_OF: Readonly<Record<DecisionCode, string>> = {
  "app-does-not-start": "AppMetadata.cs 53-100, AppIdentifier.cs 53-70",
  "no-token": "ScopeAuthorizationMiddleware.cs 49-52",
  "no-custom-scopes": "ScopeAuthorizationMiddleware.cs 57-61, 248-252",
  "no-route": "ScopeAuthorizationMiddleware.cs 66-72",
  "token-error": "ScopeAuthorizationMiddleware.cs 78; Authenticated.cs 812-1034",
  "anonymous-endpoint": "ScopeAuthorizationMiddleware.cs 444-446",
  "not-instance-endpoint": "ScopeAuthorizationMiddleware.cs 448-458",
  "unknown-caller": "ScopeAuthorizationMiddleware.cs 79-90; Authenticated.cs 898-911",
  "group-not-configured": "ScopeAuthorizationMiddleware.cs 91, 461-481",
  "scope-matched": "ScopeAuthorizationMiddleware.cs 93-95, 128-140; Scopes.cs 104-132",
  "scope-missing": "ScopeAuthorizationMiddleware.cs 95-116",
};

/** The facts the decision was made from, for showing the trail. */
export interface DecisionFacts {
  /** The caller kind; "error" when the token breaks the app's parsing. */
  caller: CallerKind | "error";
  /** The C# exception message, for a token error. */
  callerError?: string;
  /** The claim the scopes came from, when claims were given. */
  scopeClaim?: string;
  /** The caller's scopes as the app splits them. */
  tokenScopes: string[];
  /** The endpoint routing reached. */
  endpoint?: AppEndpoint;
  /** What rule 1 says of that endpoint. */
  endpointRule?: EndpointRule;
  /** 404 or 405 when routing reached no endpoint. */
  routeStatus?: 404 | 405;
  /** For a 405: the methods the path has. */
  routeAllowed?: string[];
  /** Where the metadata is wrong, when the app does not start. */
  metadataError?: { code: string; path: string };
  group?: ApiScopeGroup;
  operation?: ApiScopeOperation;
  acceptedScopes?: string[];
  matchedScope?: string;
}

export type AuthorizationDecision = DecisionFacts & {
  code: DecisionCode;
  /** The issue-19 rule that decided (see `RULE_OF`). */
  rule: 0 | 1 | 2 | 3 | 4 | 5 | 6;
  /** Where the deciding step is in the C# sources. */
  source: string;
  /** True when the middleware lets the request on (it may still fail elsewhere in the app). */
  allowed: boolean;
  /** True when a scope was compared. */
  checked: boolean;
  /** The answer the middleware itself gives: 403, 500 for a token error; none when it passes. */
  response?:
    | {
        status: 403;
        /** As `WriteAsJsonAsync` sends it (line 106), not `application/problem+json`. */
        contentType: "application/json; charset=utf-8";
        body: ScopeForbiddenBody;
        /** How the `detail` was found (rule 3). */
        message: MessageLookup;
      }
    | { status: 500; reason: string };
};

function decision(
  code: DecisionCode,
  facts: DecisionFacts,
  extra: Partial<Pick<AuthorizationDecision, "response" | "checked">> = {},
): AuthorizationDecision {
  const allowed =
    code !== "scope-missing" && code !== "token-error" && code !== "app-does-not-start";
  return {
    ...facts,
    code,
    rule: RULE_OF[code],
    source: SOURCE_OF[code],
    allowed,
    checked: code === "scope-matched" || code === "scope-missing",
    ...extra,
  };
}

/**
 * Decides a request as the middleware does (lines 47-126), in its order: the metadata must load
 * (rule 5); no token, no check (line 50); no scope set, no check (line 57); routing must reach
 * an endpoint (line 67); the token is parsed into a caller, which can end the request with 500
 * (line 78, rule 2); the endpoint must be one the app checks (rule 1) and the caller's group
 * must have a scope for the operation (lines 79-91); then any one of the accepted scopes must be
 * in the token, split on .NET whitespace and compared exactly (lines 93-95, rule 4). A refusal
 * is a 403 `application/json` ProblemDetails whose `detail` comes from the app's texts (rules
 * 3 and 6).
 */
export function authorize(request: AuthorizeRequest): AuthorizationDecision {
  const { config } = request;
  let facts: DecisionFacts;
  let callerKind: CallerKind | "error";
  let callerError: string | undefined;
  if (request.claims) {
    const caller = callerOf(request.claims, { localtest: request.localtest ?? false });
    callerKind = caller.kind;
    if (caller.kind === "error") callerError = caller.message;
    const claim = scopeClaimOf(request.claims);
    facts = {
      caller: callerKind,
      ...(callerError ? { callerError } : {}),
      ...(claim ? { scopeClaim: claim.claim } : {}),
      tokenScopes: splitDotnetScopes(claim?.value),
    };
  } else {
    callerKind = request.caller ?? "user";
    const scopes = request.tokenScopes ?? [];
    // The typed scopes stand for the token's scope claim.
    facts = {
      caller: callerKind,
      ...(callerKind === "none" ? {} : { scopeClaim: "scope" }),
      tokenScopes: splitDotnetScopes(typeof scopes === "string" ? scopes : scopes.join(" ")),
    };
  }

  if (config.loadError) {
    return decision("app-does-not-start", {
      ...facts,
      metadataError: { code: config.loadError.kind, path: config.loadError.path },
    });
  }
  if (callerKind === "none") return decision("no-token", facts);

  const groups = { users: config.users, serviceOwners: config.serviceOwners };
  const active = Object.values(groups).some((group) => group?.read || group?.write);
  if (!active) return decision("no-custom-scopes", facts);

  const route = matchRoute(request.method, request.path, request.endpoints ?? APP_LIB_ENDPOINTS);
  if (!route.matched) {
    return decision("no-route", {
      ...facts,
      routeStatus: route.status,
      ...(route.allowed ? { routeAllowed: route.allowed } : {}),
    });
  }
  const rule = endpointRule(route.endpoint);
  facts = { ...facts, endpoint: route.endpoint, endpointRule: rule };

  if (callerKind === "error") {
    return decision("token-error", facts, {
      response: { status: 500, reason: callerError ?? "The token cannot be parsed" },
    });
  }
  if (!rule.checked) {
    return decision(
      rule.because === "anonymous" ? "anonymous-endpoint" : "not-instance-endpoint",
      facts,
    );
  }
  const group = groupOf(callerKind);
  if (!group) return decision("unknown-caller", facts);

  const operation = rule.operation;
  facts = { ...facts, group, operation };
  const groupConfig = groups[group];
  const required = groupConfig?.[operation];
  if (!required) return decision("group-not-configured", facts);

  // Lines 461-481: users also pass with the portal's scope; service owners only with theirs.
  const acceptedScopes = group === "users" ? [required, PORTAL_ENDUSER_SCOPE] : [required];
  facts = { ...facts, acceptedScopes };
  const matchedScope = facts.tokenScopes.find((scope) => acceptedScopes.includes(scope));
  if (matchedScope !== undefined) return decision("scope-matched", { ...facts, matchedScope });

  const message = messageFor(
    groupConfig?.keys ?? {},
    languageOf(callerKind, request.profileLanguage),
    {
      ...(request.textResources ? { textResources: request.textResources } : {}),
      appName: config.app ?? "",
      ...(config.titles ? { titles: config.titles } : {}),
    },
  );
  return decision("scope-missing", facts, {
    response: {
      status: 403,
      contentType: "application/json; charset=utf-8",
      body: {
        title: "Forbidden",
        status: 403,
        detail: message.detail,
        instance: requestPath(request.path),
      },
      message,
    },
  });
}

/** Why a pasted token could not be read: a stable code (texts in `messages.ts`). */
export class TokenDecodeError extends TypeError {
  constructor(
    readonly code:
      | "altinn.token.not-jwt"
      | "altinn.token.not-base64url"
      | "altinn.token.not-json"
      | "altinn.token.not-object",
    message: string,
  ) {
    super(message);
    this.name = "TokenDecodeError";
  }
}

/**
 * The token in pasted text as people copy it: the bare JWT, `Bearer <jwt>`, an
 * `Authorization: Bearer <jwt>` header line, the JWT in quotes, or the whole token answer
 * (`{"access_token": "<jwt>", "scope": "…", …}` from Maskinporten or Altinn's exchange).
 */
function tokenText(pasted: string): string {
  let text = pasted.trim();
  if (text.startsWith("{")) {
    try {
      const answer = JSON.parse(text) as { access_token?: unknown };
      if (typeof answer.access_token === "string") text = answer.access_token.trim();
    } catch {
      // Not a token answer: read as it is, and named below.
    }
  }
  return text
    .replace(/^(?:authorization\s*:\s*)?bearer\s+/i, "")
    .replace(/^["']+|["']+$/g, "")
    .trim();
}

/**
 * The payload of a pasted JWT, without verifying it: the decision only needs the claims, and a
 * token pasted to try a request is not trusted for anything. The text may be any of the forms
 * `tokenText` reads. Throws `TokenDecodeError` (a `TypeError` with a `code`) when the text is not
 * a JWT with a JSON object payload.
 */
export function decodeTokenClaims(token: string): TokenClaims {
  const parts = tokenText(token).split(".");
  if (parts.length !== 3 || !parts[1]) {
    throw new TokenDecodeError("altinn.token.not-jwt", "A JWT has three parts separated by dots");
  }
  const base64 = parts[1].replace(/-/g, "+").replace(/_/g, "/");
  let json: string;
  try {
    const binary = atob(base64.padEnd(Math.ceil(base64.length / 4) * 4, "="));
    json = new TextDecoder().decode(Uint8Array.from(binary, (ch) => ch.charCodeAt(0)));
  } catch {
    throw new TokenDecodeError(
      "altinn.token.not-base64url",
      "The token's payload is not base64url",
    );
  }
  let payload: unknown;
  try {
    payload = JSON.parse(json);
  } catch {
    throw new TokenDecodeError("altinn.token.not-json", "The token's payload is not JSON");
  }
  if (typeof payload !== "object" || payload === null || Array.isArray(payload)) {
    throw new TokenDecodeError(
      "altinn.token.not-object",
      "The token's payload is not a JSON object",
    );
  }
  return payload as TokenClaims;
}

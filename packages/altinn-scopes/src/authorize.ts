import {
  type ApiScopeGroup,
  type ApiScopeOperation,
  DEFAULT_MESSAGE_TEXT,
  PORTAL_ENDUSER_SCOPE,
} from "./api-scopes";

/** "user" covers people, system users and organisations: everyone but the app's service owner. */
export type CallerType = "user" | "serviceOwner";

/** The part of a resolved config the decision needs; `resolveApiScopes` returns a superset. */
export interface AuthorizationConfig {
  users?: { read?: string; write?: string; message?: string };
  serviceOwners?: { read?: string; write?: string; message?: string };
}

/** A decoded access token's payload, as far as the decision reads it. */
export type TokenClaims = Record<string, unknown>;

export interface AuthorizeRequest {
  /** HTTP method; case does not matter. */
  method: string;
  /** The request path, e.g. `/ttd/my-app/instances/50001337/4d2f…/data`; a query is ignored. */
  path: string;
  /** The token's payload: gives the scopes and, through `urn:altinn:org`, the caller type. */
  claims?: TokenClaims;
  /** The scopes when no token is at hand: a space-separated string or a list. */
  tokenScopes?: string | readonly string[];
  /** Overrides what the claims say; default "user" when there are no claims. */
  callerType?: CallerType;
  config: AuthorizationConfig;
  /**
   * What the endpoint is, when the path alone does not tell (the app decides from the route's
   * attributes). By default any path whose segment after `/{org}/{app}` is `instances` concerns
   * instances, and no such endpoint allows anonymous callers.
   */
  endpoint?: { concernsInstances?: boolean; anonymous?: boolean };
}

/** The ProblemDetails body the app sends with its 403, in the app's member order. */
export interface ScopeForbiddenBody {
  title: "Forbidden";
  status: 403;
  detail: string;
  instance: string;
}

interface DecisionFacts {
  callerType: CallerType;
  /** The caller's scopes as the app reads them. */
  tokenScopes: string[];
  /** Which claim the scopes came from, when claims were given. */
  scopeClaim?: "urn:altinn:scope" | "scope";
}

export type AuthorizationDecision =
  | (DecisionFacts & { allowed: true; checked: false; reason: string })
  | (DecisionFacts & {
      allowed: true;
      checked: true;
      operation: ApiScopeOperation;
      acceptedScopes: string[];
      matchedScope: string;
    })
  | (DecisionFacts & {
      allowed: false;
      status: 403;
      body: ScopeForbiddenBody;
      operation: ApiScopeOperation;
      acceptedScopes: string[];
    });

const READ_METHODS = new Set(["GET", "HEAD", "OPTIONS"]);

export function operationOf(method: string): ApiScopeOperation {
  return READ_METHODS.has(method.toUpperCase()) ? "read" : "write";
}

function pathOnly(path: string): string {
  const cut = path.search(/[?#]/);
  return cut < 0 ? path : path.slice(0, cut);
}

/**
 * Whether the app checks scopes on this path. The app checks routes with an `instanceGuid`,
 * `instanceId` or `instanceOwnerPartyId` parameter and the instances controller, all of which
 * live under `/{org}/{app}/instances`; ASP.NET routing ignores case, so this does too.
 */
export function concernsInstances(path: string): boolean {
  const segments = pathOnly(path).split("/").filter(Boolean);
  const index = segments.findIndex((segment) => segment.toLowerCase() === "instances");
  // `instances` right after org/app; the short form without them is accepted for convenience.
  return index === 2 || index === 0;
}

/** A .NET claim from a JSON array becomes several claims, of which FindFirst takes the first. */
function claimText(value: unknown): string | undefined {
  if (typeof value === "string") return value;
  if (Array.isArray(value) && typeof value[0] === "string") return value[0];
  return undefined;
}

function splitScopes(value: string | readonly string[]): string[] {
  const parts = typeof value === "string" ? [value] : value;
  return parts.flatMap((part) => part.split(/\s+/)).filter(Boolean);
}

function factsOf(request: AuthorizeRequest): DecisionFacts {
  const claims = request.claims;
  const callerType =
    request.callerType ??
    (claims && claims["urn:altinn:org"] !== undefined ? "serviceOwner" : "user");
  if (claims) {
    // The Altinn claim wins whenever it is present, even when the plain one holds more.
    for (const scopeClaim of ["urn:altinn:scope", "scope"] as const) {
      if (claims[scopeClaim] === undefined) continue;
      const text = claimText(claims[scopeClaim]) ?? "";
      return { callerType, tokenScopes: splitScopes(text), scopeClaim };
    }
    return { callerType, tokenScopes: [] };
  }
  return { callerType, tokenScopes: splitScopes(request.tokenScopes ?? []) };
}

function isSet(value: string | undefined): value is string {
  return value !== undefined && value.trim() !== "";
}

/**
 * Decides a request as the Altinn app library's scope authorization does (app-lib-dotnet
 * v8.9+, `shared/spec/altinn-api-scopes.md`), and gives the exact 403 body when it refuses.
 */
export function authorize(request: AuthorizeRequest): AuthorizationDecision {
  const facts = factsOf(request);
  const { config } = request;
  const active = [config.users, config.serviceOwners].some(
    (group) => isSet(group?.read) || isSet(group?.write),
  );
  if (!active) {
    return {
      ...facts,
      allowed: true,
      checked: false,
      reason: "apiScopes sets no scope, so the app checks none",
    };
  }
  if (request.endpoint?.anonymous) {
    return {
      ...facts,
      allowed: true,
      checked: false,
      reason: "Anonymous endpoints are never checked",
    };
  }
  if (!(request.endpoint?.concernsInstances ?? concernsInstances(request.path))) {
    return {
      ...facts,
      allowed: true,
      checked: false,
      reason: "Only endpoints that concern instances are checked",
    };
  }

  const operation = operationOf(request.method);
  const group: ApiScopeGroup = facts.callerType === "serviceOwner" ? "serviceOwners" : "users";
  const groupConfig = config[group];
  const required = groupConfig?.[operation];
  if (!isSet(required)) {
    return {
      ...facts,
      allowed: true,
      checked: false,
      reason: `apiScopes.${group}.${operation} is not set, so ${operation}s by ${
        group === "users" ? "users" : "service owners"
      } are not checked`,
    };
  }

  // The configured scope replaces the built-in one; only users keep the portal's scope.
  const acceptedScopes = group === "users" ? [required, PORTAL_ENDUSER_SCOPE] : [required];
  const matchedScope = facts.tokenScopes.find((scope) => acceptedScopes.includes(scope));
  if (matchedScope !== undefined) {
    return { ...facts, allowed: true, checked: true, operation, acceptedScopes, matchedScope };
  }
  return {
    ...facts,
    allowed: false,
    status: 403,
    operation,
    acceptedScopes,
    body: {
      title: "Forbidden",
      status: 403,
      detail: groupConfig?.message ?? DEFAULT_MESSAGE_TEXT,
      instance: pathOnly(request.path),
    },
  };
}

/**
 * The payload of a pasted JWT, without verifying it: the decision only needs the claims, and a
 * token pasted to try a request is not trusted for anything.
 */
export function decodeTokenClaims(token: string): TokenClaims {
  const parts = token
    .trim()
    .replace(/^Bearer\s+/i, "")
    .split(".");
  if (parts.length !== 3 || !parts[1]) {
    throw new TypeError("A JWT has three parts separated by dots");
  }
  const base64 = parts[1].replace(/-/g, "+").replace(/_/g, "/");
  let json: string;
  try {
    const binary = atob(base64.padEnd(Math.ceil(base64.length / 4) * 4, "="));
    json = new TextDecoder().decode(Uint8Array.from(binary, (ch) => ch.charCodeAt(0)));
  } catch {
    throw new TypeError("The token's payload is not base64url");
  }
  let payload: unknown;
  try {
    payload = JSON.parse(json);
  } catch {
    throw new TypeError("The token's payload is not JSON");
  }
  if (typeof payload !== "object" || payload === null || Array.isArray(payload)) {
    throw new TypeError("The token's payload is not a JSON object");
  }
  return payload as TokenClaims;
}

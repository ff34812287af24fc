/**
 * Rule 2 of issue 19: who the caller is, as `Authenticated.From` decides it from the token's
 * payload (Altinn/app-lib-dotnet `src/Altinn.App.Core/Features/Auth/Authenticated.cs`, lines
 * 812-1094), and which scopes the middleware reads from the token
 * (`ScopeAuthorizationMiddleware.cs` line 93). Line numbers are of commit 1363997d.
 */
import {
  equalsIgnoreCase,
  hasAltinnInstanceScope,
  hasScope,
  isJsonGuid,
  isNullOrWhiteSpace,
  isOrganisationNumber,
  parseDotnetInt,
} from "./dotnet";

/** A decoded access token's payload. */
export type TokenClaims = Record<string, unknown>;

/**
 * The kinds of `Authenticated` (Authenticated.cs): a signed-in person (`User`), a system user,
 * an organisation, a service owner (`urn:altinn:org`), a token the app cannot place (`Unknown`,
 * e.g. an app's own authentication), and no token at all (`None`).
 */
export type CallerKind = "user" | "systemUser" | "org" | "serviceOwner" | "unknown" | "none";

/** The scope group a caller kind is checked against (middleware lines 79-90); null: none. */
export function groupOf(kind: CallerKind): "users" | "serviceOwners" | null {
  if (kind === "user" || kind === "systemUser" || kind === "org") return "users";
  if (kind === "serviceOwner") return "serviceOwners";
  return null;
}

/**
 * What the app makes of a token: a caller kind, or the `AuthenticationContextException` (or
 * JSON error) that ends the request with 500 instead of a 403; `line` is where it is thrown.
 */
export type Caller =
  | { kind: CallerKind; because: string; line: number }
  | { kind: "error"; message: string; line: number };

/** The claim names `ReadClaims` looks for (lines 776-799; AltinnCoreClaimTypes, JwtClaimTypes). */
const CLAIMS = {
  issuer: "iss",
  actualIssuer: "actual_iss",
  authLevel: "urn:altinn:authlevel",
  authMethod: "urn:altinn:authenticatemethod",
  scope: "scope",
  acr: "acr",
  org: "urn:altinn:org",
  orgNumber: "urn:altinn:orgNumber",
  partyId: "urn:altinn:partyid",
  authorizationDetails: "authorization_details",
  userId: "urn:altinn:userid",
  consumer: "consumer",
} as const;
type ClaimName = keyof typeof CLAIMS;

/** `TokenClaim` (lines 1036-1094): a claim that may be absent. */
interface Claim {
  exists: boolean;
  value: unknown;
}

/**
 * `JsonSerializer.Deserialize<OrgClaim>` of a JSON `consumer` claim (Authenticated.cs line 796,
 * record `OrgClaim` lines 1121-1124): an object whose `authority` and `ID` (names as written,
 * System.Text.Json's default) are strings or null when present. Anything else is a
 * `JsonException`, which ends every request carrying such a token with 500, whatever the
 * caller kind: the claim is read before the kind is decided.
 */
function checkConsumerClaim(value: unknown): void {
  if (typeof value !== "object" || value === null) return; // not a JsonElement: not parsed
  const refuse = (why: string): never => {
    throw new TokenError(`The consumer claim cannot be read as an organisation: ${why}`, 796);
  };
  if (Array.isArray(value)) refuse("it is an array, not an object");
  for (const name of ["authority", "ID"]) {
    const member = (value as Record<string, unknown>)[name];
    if (member !== undefined && member !== null && typeof member !== "string") {
      refuse(`${name} is ${JSON.stringify(member)}, not a string`);
    }
  }
}

/**
 * `ParseContext.ReadClaims` (lines 776-810): every payload member is compared with every known
 * name ignoring case (`TryAssign`, line 803), and a later member overwrites an earlier one. A
 * JSON `consumer` is deserialised on the spot (line 796, `checkConsumerClaim`).
 * @throws TokenError when a `consumer` object cannot be deserialised.
 */
function readClaims(payload: TokenClaims): Record<ClaimName, Claim> {
  const claims = {} as Record<ClaimName, Claim>;
  for (const name of Object.keys(CLAIMS) as ClaimName[])
    claims[name] = { exists: false, value: undefined };
  for (const [key, value] of Object.entries(payload)) {
    for (const name of Object.keys(CLAIMS) as ClaimName[]) {
      if (equalsIgnoreCase(key, CLAIMS[name])) claims[name] = { exists: true, value };
    }
    if (equalsIgnoreCase(key, CLAIMS.consumer)) checkConsumerClaim(value);
  }
  return claims;
}

/** `IsValidString` (lines 1041-1051): a string that is not null, empty or whitespace. */
function validString(claim: Claim): string | undefined {
  return claim.exists && typeof claim.value === "string" && !isNullOrWhiteSpace(claim.value)
    ? claim.value
    : undefined;
}

/** `IsValidInt` (lines 1054-1080): a JSON integer, or a string `int.TryParse` accepts. */
function validInt(claim: Claim): number | undefined {
  if (!claim.exists) return undefined;
  if (typeof claim.value === "number") {
    return Number.isInteger(claim.value) && Math.abs(claim.value) <= 2147483647
      ? claim.value
      : undefined;
  }
  return typeof claim.value === "string" ? parseDotnetInt(claim.value) : undefined;
}

/** `IsJson` (lines 1083-1093): objects and arrays arrive as a JsonElement; nothing else does. */
function isJson(claim: Claim): boolean {
  return claim.exists && typeof claim.value === "object" && claim.value !== null;
}

class TokenError extends Error {
  constructor(
    message: string,
    readonly line: number,
  ) {
    super(message);
  }
}

/** `ParseAuthLevel` (lines 1018-1034): present, an int, 0 to 4. */
function parseAuthLevel(claim: Claim): number {
  if (!claim.exists) {
    throw new TokenError("Missing authentication level claim value for token", 1021);
  }
  const level = validInt(claim);
  if (level === undefined) {
    throw new TokenError(
      `Invalid authentication level claim value for token: ${String(claim.value)}`,
      1023,
    );
  }
  if (level < 0 || level > 4) {
    throw new TokenError(`Invalid authentication level claim value for token: ${level}`, 1028);
  }
  return level;
}

type Issuer = "None" | "Unknown" | "Altinn" | "AltinnStudio" | "IDporten" | "Maskinporten";

/** `ResolveIssuer` (lines 703-774): who issued the token, only needed for the raw-token check. */
function resolveIssuer(claims: Record<ClaimName, Claim>, inAltinnPortal: boolean): Issuer {
  const iss = validString(claims.issuer);
  const authMethod = validString(claims.authMethod);
  if (iss === undefined && authMethod === undefined) return "None";
  if (inAltinnPortal) return "Altinn";
  if (iss !== undefined) {
    const lower = iss.toLowerCase();
    if (lower.includes("studio")) return "AltinnStudio";
    if (lower.includes("idporten.no")) return "IDporten";
    if (lower.includes("maskinporten.no")) return "Maskinporten";
  }
  if (authMethod !== undefined) {
    const method = authMethod.toLowerCase();
    if (method === "idportentestid") return "Altinn";
    if (["maskinporten", "systemuser", "virksomhetsbruker"].includes(method)) return "Maskinporten";
  }
  const acr = validString(claims.acr);
  if (acr?.toLowerCase().startsWith("idporten")) return "IDporten";
  return "Unknown";
}

/** Member lookup as System.Text.Json does by default: names compared exactly. */
function member(value: unknown, name: string): unknown {
  return typeof value === "object" && value !== null && !Array.isArray(value)
    ? (value as Record<string, unknown>)[name]
    : undefined;
}

/** `NewSystemUser` (lines 974-1016) with `AuthorizationDetailsClaim.Parse` (lines 1100-1112). */
function checkSystemUser(claims: Record<ClaimName, Claim>): void {
  if (!isJson(claims.authorizationDetails)) {
    throw new TokenError(
      `Invalid authorization details claim value for token: ${String(claims.authorizationDetails.value)}`,
      977,
    );
  }
  let details = claims.authorizationDetails.value;
  if (Array.isArray(details)) {
    if (details.length !== 1) {
      throw new TokenError(
        `Invalid authorization details claim value for systemuser token: ${JSON.stringify(details)}`,
        1108,
      );
    }
    details = details[0];
  }
  if (details === null) {
    throw new TokenError("Invalid authorization details claim value for systemuser token", 980);
  }
  if (typeof details !== "object" || Array.isArray(details)) {
    // System.Text.Json cannot make a record of a string or number: a JsonException, also a 500.
    throw new TokenError("The authorization details are not a JSON object", 1104);
  }
  // [JsonPolymorphic]: the discriminator "type" must come first (System.Text.Json's default
  // AllowOutOfOrderMetadataProperties = false); without it the base type results.
  const first = Object.keys(details)[0];
  const type = first === "type" ? member(details, "type") : undefined;
  if (type !== undefined && type !== "urn:altinn:systemuser") {
    throw new TokenError(
      `Unknown type discriminator "${String(type)}" in authorization_details`,
      1104,
    );
  }
  if (type !== "urn:altinn:systemuser") {
    throw new TokenError(
      "Unsupported authorization details claim value for systemuser token: AuthorizationDetailsClaim",
      982,
    );
  }
  const ids = member(details, "systemuser_id");
  if (!Array.isArray(ids) || ids.length === 0) {
    throw new TokenError("Missing system user ID claim for systemuser token", 991);
  }
  // System.Text.Json reads a Guid member in the D form only (`isJsonGuid`), else JsonException.
  if (!ids.every((id) => typeof id === "string" && isJsonGuid(id))) {
    throw new TokenError("systemuser_id holds a value that is not a GUID in the D form", 1104);
  }
  const systemId = member(details, "system_id");
  if (typeof systemId !== "string" || isNullOrWhiteSpace(systemId)) {
    throw new TokenError("Missing system ID claim for systemuser token", 993);
  }
  const org = member(details, "systemuser_org");
  const authority = member(org, "authority");
  if (authority !== "iso6523-actorid-upis") {
    throw new TokenError(
      `Unsupported organisation authority in systemuser token: ${String(authority)}`,
      995,
    );
  }
  const orgId = member(org, "ID");
  if (typeof orgId !== "string" || !isOrganisationNumber(orgId)) {
    throw new TokenError(
      `Invalid system user organisation number in system user token: ${String(orgId)}`,
      999,
    );
  }
  const consumerId = member(claims.consumer.value, "ID");
  if (typeof consumerId !== "string" || !isOrganisationNumber(consumerId)) {
    throw new TokenError(
      `Invalid organisation number in supplier organisation number claim for system user token: ${String(consumerId ?? "")}`,
      1003,
    );
  }
}

/** How the app reads tokens. */
export interface CallerOptions {
  /**
   * The app runs on the localtest platform: tokens without `actual_iss: "localtest"` are then
   * read by `FromOldLocalTest` (AuthenticationContext.cs lines 69-97, Authenticated.cs 558-669).
   */
  localtest?: boolean;
}

/** `Authenticated.FromOldLocalTest` (lines 558-669): localtest's older tokens. */
function fromOldLocalTest(claims: Record<ClaimName, Claim>): Caller {
  if (claims.partyId.exists && validInt(claims.partyId) === undefined) {
    throw new TokenError(
      `Invalid party ID claim value for token: ${String(claims.partyId.value)}`,
      608,
    );
  }
  if (claims.authorizationDetails.exists) {
    checkSystemUser(claims);
    return { kind: "systemUser", because: "authorization_details", line: 615 };
  }
  if (claims.org.exists) {
    if (validString(claims.org) === undefined) {
      throw new TokenError(
        `Invlaid org claim for service owner token: ${String(claims.org.value)}`,
        622,
      );
    }
    if (validString(claims.orgNumber) === undefined) {
      throw new TokenError("Missing or invalid org number claim for service owner token", 629);
    }
    parseAuthLevel(claims.authLevel);
    return { kind: "serviceOwner", because: "urn:altinn:org", line: 619 };
  }
  if (!claims.userId.exists) throw new TokenError("Missing user ID claim for user token", 637);
  const userId = validString(claims.userId);
  if (userId === undefined || parseDotnetInt(userId) === undefined) {
    throw new TokenError(
      `Invalid user ID claim value for user token: ${String(claims.userId.value)}`,
      639,
    );
  }
  if (!claims.partyId.exists) throw new TokenError("Missing party ID for user token", 646);
  parseAuthLevel(claims.authLevel);
  return { kind: "user", because: "urn:altinn:userid", line: 636 };
}

/**
 * The caller as `Authenticated.From` (lines 812-915) makes it of a token the app has accepted
 * (signature, expiry and audience are not modelled: a token that fails them is no token).
 * Errors are returned, not thrown: they end the request with 500.
 */
export function callerOf(payload: TokenClaims, options: CallerOptions = {}): Caller {
  try {
    const claims = readClaims(payload);
    if (options.localtest && payload.actual_iss !== "localtest") return fromOldLocalTest(claims);
    const scope = validString(claims.scope);
    // Lines 855-861: the portal's scope, or an Altinn test tools token with a user id.
    const inAltinnPortal =
      hasScope(scope, "altinn:portal/enduser") ||
      (validString(claims.actualIssuer) === "altinn-test-tools" && claims.userId.exists);
    const issuer = resolveIssuer(claims, inAltinnPortal);

    if (claims.authorizationDetails.exists) {
      checkSystemUser(claims);
      return { kind: "systemUser", because: "authorization_details", line: 869 };
    }
    if (claims.org.exists) {
      if (validString(claims.org) === undefined) {
        throw new TokenError(
          `Invalid org claim for service owner token: ${String(claims.org.value)}`,
          876,
        );
      }
      if (validString(claims.orgNumber) === undefined) {
        throw new TokenError("Missing org number claim for service owner token", 883);
      }
      if (validString(claims.authMethod) === undefined) {
        throw new TokenError(
          "Missing or invalid authentication method claim for service owner token",
          885,
        );
      }
      parseAuthLevel(claims.authLevel);
      return { kind: "serviceOwner", because: "urn:altinn:org", line: 873 };
    }
    if (claims.orgNumber.exists) {
      // NewOrg, lines 963-972.
      if (validString(claims.orgNumber) === undefined) {
        throw new TokenError("Invalid org number claim for org token", 966);
      }
      parseAuthLevel(claims.authLevel);
      if (validString(claims.authMethod) === undefined) {
        throw new TokenError("Missing or invalid authentication method claim for org token", 969);
      }
      return { kind: "org", because: "urn:altinn:orgNumber", line: 893 };
    }
    if (!claims.userId.exists) {
      if (issuer !== "Unknown" && hasAltinnInstanceScope(scope)) {
        throw new TokenError(
          `Unrecognized token from ${issuer}. Raw tokens from ID-porten and Maskinporten must be exchanged through Altinn Authentication before use.`,
          906,
        );
      }
      return { kind: "unknown", because: "no-known-claims", line: 911 };
    }
    // NewUser, lines 917-961 (the selected-party cookie is not modelled).
    if (validInt(claims.userId) === undefined) {
      throw new TokenError(
        `Invalid user ID claim value for user token: ${String(claims.userId.value)}`,
        924,
      );
    }
    if (!claims.partyId.exists) throw new TokenError("Missing party ID for user token", 930);
    if (validInt(claims.partyId) === undefined) {
      throw new TokenError(
        `Invalid party ID claim value for user token: ${String(claims.partyId.value)}`,
        932,
      );
    }
    if (validString(claims.authMethod) === undefined) {
      throw new TokenError("Missing or invalid authentication method claim for user token", 937);
    }
    parseAuthLevel(claims.authLevel);
    return { kind: "user", because: "urn:altinn:userid", line: 914 };
  } catch (error) {
    if (error instanceof TokenError)
      return { kind: "error", message: error.message, line: error.line };
    throw error;
  }
}

/**
 * The values of one claim type as a `ClaimsPrincipal` holds them: names compared ignoring case
 * (`ClaimsIdentity.FindFirst`), a JSON array becomes one claim per element, null an empty value.
 */
function claimValues(payload: TokenClaims, type: string): string[] {
  const values: string[] = [];
  for (const [key, value] of Object.entries(payload)) {
    if (!equalsIgnoreCase(key, type)) continue;
    for (const item of Array.isArray(value) ? value : [value]) {
      if (item === null || item === undefined) values.push("");
      else if (typeof item === "string") values.push(item);
      else if (typeof item === "object") values.push(JSON.stringify(item));
      else values.push(String(item));
    }
  }
  return values;
}

/**
 * The scope text the middleware checks (line 93): the first `urn:altinn:scope` claim, else the
 * first `scope` claim, names compared ignoring case; undefined when the token has neither.
 */
export function scopeClaimOf(payload: TokenClaims): { claim: string; value: string } | undefined {
  for (const type of ["urn:altinn:scope", "scope"]) {
    const [first] = claimValues(payload, type);
    if (first !== undefined) {
      const claim = Object.keys(payload).find((key) => equalsIgnoreCase(key, type)) ?? type;
      return { claim, value: first };
    }
  }
  return undefined;
}

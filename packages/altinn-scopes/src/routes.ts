/**
 * Rule 1 of issue 19: which endpoints the app checks. The app decides per endpoint at start-up,
 * from the endpoint's metadata, never from the request path (ScopeAuthorizationMiddleware.cs,
 * Altinn/app-lib-dotnet, `ProcessEndpoints` lines 272-321 and `ShouldAuthorizeEndpoint` lines
 * 442-459):
 * - the stateless data endpoint `GET`/`POST {org}/{app}/v1/data` is included by hand, both as a
 *   read (lines 166-170, 302-310), before anything else is looked at;
 * - an endpoint with `[AllowAnonymous]` is skipped (lines 445-446), even under `/instances`;
 * - a route parameter named `instanceGuid`, `instanceId` or `instanceOwnerPartyId`, compared
 *   ignoring case (lines 172-177, 448-450), or an action of `InstancesController`, or an action
 *   parameter with one of those names (lines 452-458), makes the endpoint checked;
 * - GET, HEAD and OPTIONS are reads, every other method a write (lines 156-158, 313).
 *
 * A request reaches an endpoint through ASP.NET Core routing: literal segments match ignoring
 * case, `{x:int}` and `{x:guid}` constrain, the most specific template wins, and a path that
 * matches no template (404) or no method of a matching one (405) reaches no `RouteEndpoint`, so
 * the middleware lets it pass (lines 66-72).
 */
import { equalsIgnoreCase, isDotnetGuid, parseDotnetInt } from "./dotnet";

/** One endpoint of an Altinn app, as the middleware sees it. */
export interface AppEndpoint {
  /** One HTTP method; an endpoint with several is listed once per method, as the app does. */
  method: string;
  /** The route template as ASP.NET reports it, e.g. `{org}/{app}/instances/{instanceOwnerPartyId:int}/{instanceGuid:guid}`. */
  route: string;
  /** The MVC controller without the `Controller` suffix; absent for minimal APIs. */
  controller?: string;
  /** The action name, where it matters (the stateless data endpoint is included by name). */
  action?: string;
  /** `[AllowAnonymous]` (or `.AllowAnonymous()`) on the action or its controller. */
  anonymous?: boolean;
  /** Action parameters bound from elsewhere than the route (query, body), by name. */
  actionParameters?: readonly string[];
}

/**
 * The endpoints of an app on app-lib-dotnet (the `basic` test app, which adds the
 * `/api/testing/...` minimal APIs), as its own `api/testing/authorization/metadata` answer lists
 * them in `test/Altinn.App.Integration.Tests/CustomScopes/_snapshots/CustomScopesTests.Metadata_Custom_0_Metadata.verified.txt`
 * (commit 1363997d). Controller, action and `[AllowAnonymous]` come from
 * `src/Altinn.App.Api/Controllers/*.cs` and `_testapps/_shared/TestingApis.cs`; the replay test
 * checks that the rules give exactly the snapshot's requirements for every one of them.
 */
export const APP_LIB_ENDPOINTS: readonly AppEndpoint[] = [
  {
    method: "DELETE",
    route: "{org}/{app}/instances/{instanceOwnerPartyId:int}/{instanceGuid:guid}",
    controller: "Instances",
  },
  {
    method: "DELETE",
    route:
      "{org}/{app}/instances/{instanceOwnerPartyId:int}/{instanceGuid:guid}/data/{dataGuid:guid}",
    controller: "Data",
  },
  {
    method: "DELETE",
    route:
      "{org}/{app}/instances/{instanceOwnerPartyId:int}/{instanceGuid:guid}/data/{dataGuid:guid}/tags/{tag}",
    controller: "DataTags",
  },
  { method: "GET", route: "/{org}/{app}/api/testing/authentication/introspection" },
  { method: "GET", route: "/{org}/{app}/api/testing/authorization/metadata" },
  { method: "GET", route: "/{org}/{app}/api/testing/authorization/public", anonymous: true },
  { method: "GET", route: "/{org}/{app}/api/testing/authorization/{instanceGuid:guid}" },
  { method: "GET", route: "/{org}/{app}/api/testing/authorization/{instanceOwnerPartyId:int}" },
  { method: "GET", route: "/{org}/{app}/api/testing/connectivity/localtest" },
  { method: "GET", route: "/{org}/{app}/api/testing/connectivity/pdf" },
  { method: "GET", route: "/{org}/{app}/api/testing/hostedservices" },
  { method: "GET", route: "{org}/{app}", controller: "Home" },
  {
    method: "GET",
    route: "{org}/{app}/api/Authentication/keepAlive",
    controller: "Authentication",
  },
  {
    method: "GET",
    route: "{org}/{app}/api/authorization/parties/current",
    controller: "Authorization",
  },
  { method: "GET", route: "{org}/{app}/api/datalists/{id}", controller: "DataLists" },
  { method: "GET", route: "{org}/{app}/api/jsonschema/{id}", controller: "Resource" },
  { method: "GET", route: "{org}/{app}/api/layouts", controller: "Resource" },
  { method: "GET", route: "{org}/{app}/api/layouts/{id}", controller: "Resource" },
  { method: "GET", route: "{org}/{app}/api/layoutsets", controller: "Resource" },
  { method: "GET", route: "{org}/{app}/api/layoutsettings", controller: "Resource" },
  { method: "GET", route: "{org}/{app}/api/layoutsettings/{id}", controller: "Resource" },
  {
    method: "GET",
    route: "{org}/{app}/api/options/{optionsIdOrLibraryRef}",
    controller: "Options",
  },
  { method: "GET", route: "{org}/{app}/api/ruleconfiguration/{id}", controller: "Resource" },
  { method: "GET", route: "{org}/{app}/api/rulehandler/{id}", controller: "Resource" },
  {
    method: "GET",
    route: "{org}/{app}/api/v1/applicationlanguages",
    controller: "ApplicationLanguage",
  },
  {
    method: "GET",
    route: "{org}/{app}/api/v1/applicationmetadata",
    controller: "ApplicationMetadata",
    anonymous: true,
  },
  {
    method: "GET",
    route: "{org}/{app}/api/v1/applicationsettings",
    controller: "ApplicationSettings",
  },
  { method: "GET", route: "{org}/{app}/api/v1/footer", controller: "Resource" },
  {
    method: "GET",
    route: "{org}/{app}/api/v1/lookup/organisation/{orgNr}",
    controller: "LookupOrganisation",
  },
  {
    method: "GET",
    route: "{org}/{app}/api/v1/meta/authorizationpolicy",
    controller: "ApplicationMetadata",
    anonymous: true,
  },
  {
    method: "GET",
    route: "{org}/{app}/api/v1/meta/process",
    controller: "ApplicationMetadata",
    anonymous: true,
  },
  {
    method: "GET",
    route:
      "{org}/{app}/api/v1/notification-webhook-listener/{instanceOwnerPartyId:int}/{instanceGuid:guid}",
    controller: "NotificationCallback",
    anonymous: true,
  },
  { method: "GET", route: "{org}/{app}/api/v1/parties", controller: "Parties" },
  { method: "GET", route: "{org}/{app}/api/v1/profile/user", controller: "Profile" },
  { method: "GET", route: "{org}/{app}/api/v1/redirect", controller: "Redirect", anonymous: true },
  { method: "GET", route: "{org}/{app}/api/v1/texts/{language}", controller: "Texts" },
  { method: "GET", route: "{org}/{app}/api/validationconfig/{dataTypeId}", controller: "Resource" },
  { method: "GET", route: "{org}/{app}/api/xsdschema/{id}", controller: "Resource" },
  {
    method: "GET",
    route:
      "{org}/{app}/instances/{instanceOwnerId:int}/{instanceId:guid}/data/{dataGuid:guid}/validate",
    controller: "Validate",
  },
  {
    method: "GET",
    route: "{org}/{app}/instances/{instanceOwnerPartyId:int}/active",
    controller: "Instances",
  },
  {
    method: "GET",
    route: "{org}/{app}/instances/{instanceOwnerPartyId:int}/{instanceGuid:guid}",
    controller: "Instances",
  },
  {
    method: "GET",
    route:
      "{org}/{app}/instances/{instanceOwnerPartyId:int}/{instanceGuid:guid}/api/external/{externalApiId}",
    controller: "ExternalApi",
  },
  {
    method: "GET",
    route:
      "{org}/{app}/instances/{instanceOwnerPartyId:int}/{instanceGuid:guid}/data/{dataGuid:guid}",
    controller: "Data",
  },
  {
    method: "GET",
    route:
      "{org}/{app}/instances/{instanceOwnerPartyId:int}/{instanceGuid:guid}/data/{dataGuid:guid}/tags",
    controller: "DataTags",
  },
  {
    method: "GET",
    route:
      "{org}/{app}/instances/{instanceOwnerPartyId:int}/{instanceGuid:guid}/data/{dataGuid:guid}/type/{dataType}",
    controller: "Data",
  },
  {
    method: "GET",
    route:
      "{org}/{app}/instances/{instanceOwnerPartyId:int}/{instanceGuid:guid}/data/{dataGuid:guid}/user-defined-metadata",
    controller: "UserDefinedMetadata",
  },
  {
    method: "GET",
    route:
      "{org}/{app}/instances/{instanceOwnerPartyId:int}/{instanceGuid:guid}/data/{dataGuid}/pdf/format",
    controller: "Pdf",
  },
  {
    method: "GET",
    route: "{org}/{app}/instances/{instanceOwnerPartyId:int}/{instanceGuid:guid}/datalists/{id}",
    controller: "DataLists",
  },
  {
    method: "GET",
    route: "{org}/{app}/instances/{instanceOwnerPartyId:int}/{instanceGuid:guid}/filescanresult",
    controller: "FileScan",
  },
  {
    method: "GET",
    route:
      "{org}/{app}/instances/{instanceOwnerPartyId:int}/{instanceGuid:guid}/options/{optionsIdOrLibraryRef}",
    controller: "Options",
  },
  {
    method: "GET",
    route: "{org}/{app}/instances/{instanceOwnerPartyId:int}/{instanceGuid:guid}/payment",
    controller: "Payment",
  },
  {
    method: "GET",
    route:
      "{org}/{app}/instances/{instanceOwnerPartyId:int}/{instanceGuid:guid}/payment/order-details",
    controller: "Payment",
  },
  {
    method: "GET",
    route: "{org}/{app}/instances/{instanceOwnerPartyId:int}/{instanceGuid:guid}/pdf/preview",
    controller: "Pdf",
  },
  {
    method: "GET",
    route: "{org}/{app}/instances/{instanceOwnerPartyId:int}/{instanceGuid:guid}/process",
    controller: "Process",
  },
  {
    method: "GET",
    route: "{org}/{app}/instances/{instanceOwnerPartyId:int}/{instanceGuid:guid}/process/history",
    controller: "Process",
  },
  {
    method: "GET",
    route: "{org}/{app}/instances/{instanceOwnerPartyId:int}/{instanceGuid:guid}/process/next",
    controller: "Process",
  },
  {
    method: "GET",
    route: "{org}/{app}/instances/{instanceOwnerPartyId:int}/{instanceGuid:guid}/signing",
    controller: "Signing",
  },
  {
    method: "GET",
    route:
      "{org}/{app}/instances/{instanceOwnerPartyId:int}/{instanceGuid:guid}/signing/data-elements",
    controller: "Signing",
  },
  {
    method: "GET",
    route:
      "{org}/{app}/instances/{instanceOwnerPartyId:int}/{instanceGuid:guid}/signing/organizations",
    controller: "Signing",
  },
  {
    method: "GET",
    route: "{org}/{app}/instances/{instanceOwnerPartyId:int}/{instanceGuid:guid}/validate",
    controller: "Validate",
  },
  {
    method: "GET",
    route: "{org}/{app}/legacy/instances/{instanceOwnerPartyId:int}/{instanceGuid:guid}/copy",
    controller: "Instances",
  },
  { method: "GET", route: "{org}/{app}/set-query-params", controller: "Home" },
  { method: "GET", route: "{org}/{app}/v1/customOpenapi.json", controller: "CustomOpenApi" },
  { method: "GET", route: "{org}/{app}/v1/data", controller: "StatelessData", action: "Get" },
  {
    method: "GET",
    route: "{org}/{app}/v1/data/anonymous",
    controller: "StatelessData",
    anonymous: true,
  },
  {
    method: "PATCH",
    route: "{org}/{app}/instances/{instanceOwnerPartyId:int}/{instanceGuid:guid}/data",
    controller: "Data",
  },
  {
    method: "PATCH",
    route:
      "{org}/{app}/instances/{instanceOwnerPartyId:int}/{instanceGuid:guid}/data/{dataGuid:guid}",
    controller: "Data",
  },
  { method: "POST", route: "/{org}/{app}/api/testing/authorization/{instanceGuid:guid}" },
  { method: "POST", route: "/{org}/{app}/api/testing/authorization/{instanceOwnerPartyId:int}" },
  { method: "POST", route: "{org}/{app}/api/v1/eventsreceiver", controller: "EventsReceiver" },
  { method: "POST", route: "{org}/{app}/api/v1/lookup/person", controller: "LookupPerson" },
  {
    method: "POST",
    route: "{org}/{app}/api/v1/parties/validateInstantiation",
    controller: "Parties",
  },
  {
    method: "POST",
    route: "{org}/{app}/instances",
    controller: "Instances",
    actionParameters: ["instanceOwnerPartyId", "language"],
  },
  { method: "POST", route: "{org}/{app}/instances/create", controller: "Instances" },
  {
    method: "POST",
    route: "{org}/{app}/instances/{instanceOwnerPartyId:int}/{instanceGuid:guid}/actions",
    controller: "Actions",
  },
  {
    method: "POST",
    route: "{org}/{app}/instances/{instanceOwnerPartyId:int}/{instanceGuid:guid}/complete",
    controller: "Instances",
  },
  {
    method: "POST",
    route: "{org}/{app}/instances/{instanceOwnerPartyId:int}/{instanceGuid:guid}/data",
    controller: "Data",
  },
  {
    method: "POST",
    route:
      "{org}/{app}/instances/{instanceOwnerPartyId:int}/{instanceGuid:guid}/data/type/{dataType}",
    controller: "Data",
  },
  {
    method: "POST",
    route:
      "{org}/{app}/instances/{instanceOwnerPartyId:int}/{instanceGuid:guid}/data/{dataGuid:guid}/tags",
    controller: "DataTags",
  },
  {
    method: "POST",
    route: "{org}/{app}/instances/{instanceOwnerPartyId:int}/{instanceGuid:guid}/data/{dataType}",
    controller: "Data",
  },
  {
    method: "POST",
    route: "{org}/{app}/instances/{instanceOwnerPartyId:int}/{instanceGuid:guid}/pages/order",
    controller: "Pages",
  },
  {
    method: "POST",
    route:
      "{org}/{app}/instances/{instanceOwnerPartyId:int}/{instanceGuid:guid}/payment/nets-webhook-listener",
    controller: "Payment",
    anonymous: true,
  },
  {
    method: "POST",
    route: "{org}/{app}/instances/{instanceOwnerPartyId:int}/{instanceGuid:guid}/process/start",
    controller: "Process",
  },
  { method: "POST", route: "{org}/{app}/v1/data", controller: "StatelessData", action: "Post" },
  {
    method: "POST",
    route: "{org}/{app}/v1/data/anonymous",
    controller: "StatelessData",
    anonymous: true,
  },
  {
    method: "POST",
    route: "{org}/{app}/v1/pages/order",
    controller: "StatelessPages",
    anonymous: true,
  },
  {
    method: "PUT",
    route: "{org}/{app}/api/Authentication/invalidatecookie",
    controller: "Authentication",
  },
  { method: "PUT", route: "{org}/{app}/api/v1/parties/{partyId}", controller: "Parties" },
  {
    method: "PUT",
    route:
      "{org}/{app}/instances/{instanceOwnerPartyId:int}/{instanceGuid:guid}/data/{dataGuid:guid}",
    controller: "Data",
  },
  {
    method: "PUT",
    route:
      "{org}/{app}/instances/{instanceOwnerPartyId:int}/{instanceGuid:guid}/data/{dataGuid:guid}/tags",
    controller: "DataTags",
  },
  {
    method: "PUT",
    route:
      "{org}/{app}/instances/{instanceOwnerPartyId:int}/{instanceGuid:guid}/data/{dataGuid:guid}/type/{dataType}",
    controller: "Data",
  },
  {
    method: "PUT",
    route:
      "{org}/{app}/instances/{instanceOwnerPartyId:int}/{instanceGuid:guid}/data/{dataGuid:guid}/user-defined-metadata",
    controller: "UserDefinedMetadata",
  },
  {
    method: "PUT",
    route:
      "{org}/{app}/instances/{instanceOwnerPartyId:int}/{instanceGuid:guid}/process/completeProcess",
    controller: "Process",
  },
  {
    method: "PUT",
    route: "{org}/{app}/instances/{instanceOwnerPartyId:int}/{instanceGuid:guid}/process/next",
    controller: "Process",
  },
  {
    method: "PUT",
    route: "{org}/{app}/instances/{instanceOwnerPartyId:int}/{instanceGuid:guid}/substatus",
    controller: "Instances",
  },
];

/** The route parameter names that make an endpoint concern instances (line 172-177). */
export const INSTANCE_PARAMETER_NAMES = ["instanceGuid", "instanceId", "instanceOwnerPartyId"];

/** The actions included by hand, both as reads (lines 166-170). */
const MANUALLY_INCLUDED: Record<string, "read"> = {
  "StatelessData.Get": "read",
  "StatelessData.Post": "read",
};

const READ_METHODS = ["GET", "HEAD", "OPTIONS"];

/** GET, HEAD and OPTIONS read (any case); everything else writes (lines 156-158). */
export function operationOf(method: string): "read" | "write" {
  return READ_METHODS.includes(method.toUpperCase()) ? "read" : "write";
}

type Segment =
  | { kind: "literal"; text: string }
  | {
      kind: "parameter";
      name: string;
      constraints: string[];
      /** `{name?}` or `{name=default}`: may be left out at the end of the path. */
      optional: boolean;
      /** `{*name}` or `{**name}`: takes the rest of the path, zero or more segments. */
      catchAll: boolean;
    };

/**
 * One `{…}` segment as ASP.NET Core's `RoutePatternParser` reads it: leading `*` or `**` for a
 * catch-all, the name, `:constraint` parts (parentheses may hold `:`, `=` or `?`, as in
 * `regex(…)`), then `=default` or a final `?`. Undefined when the text is not a parameter.
 */
function parseParameter(part: string): Segment | undefined {
  if (!part.startsWith("{") || !part.endsWith("}") || part.length < 3) return undefined;
  let text = part.slice(1, -1);
  const stars = /^\*{1,2}/.exec(text)?.[0] ?? "";
  text = text.slice(stars.length);
  const name = /^[^{}:=?*]+/.exec(text)?.[0];
  if (!name) return undefined;
  let rest = text.slice(name.length);
  let optional = false;
  if (rest.endsWith("?")) {
    optional = true;
    rest = rest.slice(0, -1);
  }
  // Split `:a:b(x:y)=d` on ":" and "=" outside parentheses.
  const constraints: string[] = [];
  let depth = 0;
  let current: string | undefined;
  for (const ch of rest) {
    if (depth === 0 && (ch === ":" || ch === "=")) {
      if (current !== undefined) constraints.push(current);
      if (ch === "=") {
        optional = true;
        current = undefined;
        break;
      }
      current = "";
      continue;
    }
    if (current === undefined) return undefined;
    if (ch === "(") depth++;
    else if (ch === ")") depth = Math.max(0, depth - 1);
    current += ch;
  }
  if (current !== undefined && current !== "") constraints.push(current);
  return { kind: "parameter", name, constraints, optional, catchAll: stars !== "" };
}

/**
 * The segments of a route template: `{name:int}` and `{name:guid}` keep their constraints,
 * `{name?}` and `{name=default}` are optional, `{*name}` and `{**name}` catch the rest
 * (ASP.NET Core route templates; `RoutePatternParser`).
 */
export function parseRouteTemplate(route: string): Segment[] {
  return route
    .replace(/^\/+|\/+$/g, "")
    .split("/")
    .filter((part, _i, all) => part !== "" || all.length === 1)
    .map((part): Segment => parseParameter(part) ?? { kind: "literal", text: part });
}

/** The route parameter names of a template. */
export function routeParameters(route: string): string[] {
  return parseRouteTemplate(route).flatMap((segment) =>
    segment.kind === "parameter" ? [segment.name] : [],
  );
}

/** Why the app checks an endpoint, or why not: the outcome of rule 1 for one endpoint. */
export type EndpointRule =
  | { checked: true; operation: "read" | "write"; because: "manually-included" }
  | { checked: true; operation: "read" | "write"; because: "instance-parameter"; parameter: string }
  | { checked: true; operation: "read" | "write"; because: "instances-controller" }
  | { checked: false; because: "anonymous" }
  | { checked: false; because: "no-instance-parameter" };

/** Rule 1 for one endpoint, in the middleware's order (lines 302-319, 442-459). */
export function endpointRule(endpoint: AppEndpoint): EndpointRule {
  const manual =
    endpoint.controller && endpoint.action
      ? MANUALLY_INCLUDED[`${endpoint.controller}.${endpoint.action}`]
      : undefined;
  if (manual) return { checked: true, operation: manual, because: "manually-included" };
  if (endpoint.anonymous) return { checked: false, because: "anonymous" };
  const operation = operationOf(endpoint.method);
  const isInstanceName = (name: string) =>
    INSTANCE_PARAMETER_NAMES.some((known) => equalsIgnoreCase(known, name));
  const parameter = routeParameters(endpoint.route).find(isInstanceName);
  if (parameter) return { checked: true, operation, because: "instance-parameter", parameter };
  if (endpoint.controller === "Instances") {
    return { checked: true, operation, because: "instances-controller" };
  }
  const actionParameter = endpoint.actionParameters?.find(isInstanceName);
  if (actionParameter) {
    return { checked: true, operation, because: "instance-parameter", parameter: actionParameter };
  }
  return { checked: false, because: "no-instance-parameter" };
}

function constraintsHold(constraints: readonly string[], value: string): boolean {
  return constraints.every((constraint) => {
    if (constraint === "int") return parseDotnetInt(value) !== undefined;
    if (constraint === "guid") return isDotnetGuid(value);
    return true;
  });
}

function segmentMatches(segment: Segment, value: string): boolean {
  if (segment.kind === "literal") return equalsIgnoreCase(segment.text, value);
  if (value === "") return false;
  return constraintsHold(segment.constraints, value);
}

/**
 * Whether a template's segments match the path's parts, and the parameter values: a catch-all
 * takes the rest (none too), optional parameters may be missing at the end, constraints are not
 * checked on a parameter that is absent (ASP.NET's `OptionalRouteConstraint`).
 */
function matchSegments(
  segments: readonly Segment[],
  parts: readonly string[],
): Record<string, string> | undefined {
  const values: Record<string, string> = {};
  for (let i = 0; i < segments.length; i++) {
    const segment = segments[i]!;
    if (segment.kind === "parameter" && segment.catchAll) {
      const rest = parts.slice(i).join("/");
      if (rest !== "" && !constraintsHold(segment.constraints, rest)) return undefined;
      if (rest !== "") values[segment.name] = rest;
      return values;
    }
    if (i >= parts.length) {
      if (segment.kind === "parameter" && segment.optional) continue;
      return undefined;
    }
    if (!segmentMatches(segment, parts[i]!)) return undefined;
    if (segment.kind === "parameter") values[segment.name] = parts[i]!;
  }
  return parts.length <= segments.length ? values : undefined;
}

/**
 * ASP.NET Core's inbound precedence digit per segment (`RoutePrecedence`): literal 1, constrained
 * parameter 2, parameter 3, constrained catch-all 4, catch-all 5.
 */
function precedence(segments: Segment[]): number[] {
  return segments.map((s) =>
    s.kind === "literal" ? 1 : (s.catchAll ? 5 : 3) - (s.constraints.length > 0 ? 1 : 0),
  );
}

function comparePrecedence(a: number[], b: number[]): number {
  for (let i = 0; i < Math.max(a.length, b.length); i++) {
    const diff = (a[i] ?? 0) - (b[i] ?? 0);
    if (diff !== 0) return diff;
  }
  return 0;
}

/** One run of `%XX` escapes decoded as UTF-8, `%2F` kept; a run that is not UTF-8 kept as is. */
function decodeEscapes(run: string): string {
  return run
    .split(/(%2[fF])/)
    .map((part) => {
      if (/^%2[fF]$/.test(part)) return part;
      try {
        return decodeURIComponent(part);
      } catch {
        return part;
      }
    })
    .join("");
}

/** RFC 3986 section 5.2.4, as Kestrel's `PathNormalizer.RemoveDotSegments` applies it. */
function removeDotSegments(path: string): string {
  const output: string[] = [];
  const segments = path.split("/").slice(1);
  segments.forEach((segment, i) => {
    const last = i === segments.length - 1;
    if (segment === ".") {
      if (last) output.push("");
    } else if (segment === "..") {
      output.pop();
      if (last) output.push("");
    } else output.push(segment);
  });
  return `/${output.join("/")}`;
}

/**
 * The path of a request target as Kestrel hands it on (`HttpContext.Request.Path`): the query
 * and fragment cut off, `%XX` escapes decoded as UTF-8 except `%2F` (ASP.NET Core
 * `UrlDecoder.DecodeInPlace`), then "." and ".." segments removed (`PathNormalizer`). Routing
 * matches this path, and the 403 names it as its `instance`.
 */
export function requestPath(target: string): string {
  const cut = target.search(/[?#]/);
  const raw = cut < 0 ? target : target.slice(0, cut);
  const decoded = raw.replace(/(?:%[0-9A-Fa-f]{2})+/g, decodeEscapes);
  return removeDotSegments(decoded.startsWith("/") ? decoded : `/${decoded}`);
}

/** What routing makes of a request: an endpoint, or the 404/405 no endpoint answers. */
export type RouteMatch =
  | { matched: true; endpoint: AppEndpoint; values: Record<string, string> }
  | { matched: false; status: 404 | 405; allowed?: string[] };

/**
 * Routes a request path (query ignored, read as `requestPath` does) to one of `endpoints` as
 * ASP.NET Core does: segments
 * compared ignoring case, int and guid constraints applied, optional (`{x?}`, `{x=d}`) and
 * catch-all (`{*x}`, `{**x}`) parameters honoured, the most specific template first, then the
 * method (a template that matches without the method gives 405; HEAD is not GET).
 */
export function matchRoute(
  method: string,
  path: string,
  endpoints: readonly AppEndpoint[] = APP_LIB_ENDPOINTS,
): RouteMatch {
  // One leading "/" opens every path; a second one is an empty segment, which nothing matches.
  const raw = requestPath(path).slice(1).replace(/\/$/, "");
  const parts = raw === "" ? [] : raw.split("/");
  const candidates = endpoints
    .flatMap((endpoint) => {
      const segments = parseRouteTemplate(endpoint.route);
      const values = matchSegments(segments, parts);
      return values ? [{ endpoint, segments, values }] : [];
    })
    .sort((a, b) => comparePrecedence(precedence(a.segments), precedence(b.segments)));
  if (candidates.length === 0) return { matched: false, status: 404 };
  const best = precedence(candidates[0]!.segments);
  const mostSpecific = candidates.filter(
    (candidate) => comparePrecedence(precedence(candidate.segments), best) === 0,
  );
  const withMethod = candidates.find(({ endpoint }) => equalsIgnoreCase(endpoint.method, method));
  if (!withMethod) {
    return {
      matched: false,
      status: 405,
      allowed: [...new Set(mostSpecific.map(({ endpoint }) => endpoint.method))],
    };
  }
  return { matched: true, endpoint: withMethod.endpoint, values: withMethod.values };
}

/**
 * An app's own endpoints written one per line, `METHOD route` with `anonymous` after it for
 * `[AllowAnonymous]` (e.g. `GET {org}/{app}/api/case/{instanceGuid}`). Blank lines and lines
 * starting with `#` are skipped; `invalid` lists the 1-based numbers of lines that are not that.
 */
export function parseEndpointList(text: string): { endpoints: AppEndpoint[]; invalid: number[] } {
  const endpoints: AppEndpoint[] = [];
  const invalid: number[] = [];
  text.split(/\r?\n/).forEach((raw, index) => {
    const line = raw.trim();
    if (line === "" || line.startsWith("#")) return;
    const match = /^([A-Za-z]+)\s+(\S+)(?:\s+(anonymous))?$/i.exec(line);
    if (!match || !/^\/?[^\s]*$/.test(match[2]!)) {
      invalid.push(index + 1);
      return;
    }
    endpoints.push({
      method: match[1]!.toUpperCase(),
      route: match[2]!,
      ...(match[3] ? { anonymous: true } : {}),
    });
  });
  return { endpoints, invalid };
}

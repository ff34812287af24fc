import { coded, type MessageParams } from "@portvakt/contracts";
import {
  API_SCOPE_GROUPS,
  API_SCOPE_OPERATIONS,
  APP_PLACEHOLDER,
  type ApiScopeGroup,
  type ApiScopeOperation,
  type TextResources,
} from "./api-scopes";
import { isNullOrWhiteSpace } from "./dotnet";
import { childPath, type JsonSource, parseJsonSource } from "./json-source";
import { altinnMessages } from "./messages";
import { messageFor } from "./texts";

/** One concrete scope the app will require. */
export interface ResolvedScope {
  /** The scope with `[app]` replaced. */
  name: string;
  /** As written in the file. */
  written: string;
  group: ApiScopeGroup;
  operation: ApiScopeOperation;
  /** Where it is written, e.g. `$.apiScopes.users.read`. */
  path: string;
}

export interface ResolvedGroup {
  /** Unset (or blank, as .NET's IsNullOrWhiteSpace sees it) operations are not checked at all. */
  read?: string;
  write?: string;
  /**
   * The key after the precedence rule: group, then top level, then the default, each used
   * whenever it is present, even blank (ScopeAuthorizationMiddleware.cs lines 404-419).
   */
  messageKey: string;
  /** Where `messageKey` came from. */
  messageKeyFrom: "group" | "top" | "default";
  /** The group's own key and the top level's, as written (null or absent: not given). */
  keys: { group?: string | null; top?: string | null };
  /** The 403 `detail`: the key's text, or "Insufficient scope" when it has none. */
  message: string;
  /** False when the text resources were not given or lack the key. */
  messageFound: boolean;
}

/** Why the app would not start with this file: it cannot read its metadata. */
export interface MetadataLoadError {
  /** What kind of fault stops the app. */
  kind: "wrong-type" | "invalid-id";
  /** The text's code in `altinnMessages` (the validator's code for the same fault). */
  code:
    | "altinn.metadata.wrong-type-string"
    | "altinn.metadata.wrong-type-object"
    | "altinn.metadata.invalid-id";
  params: MessageParams;
  /** JSON path of the value at fault, as written. */
  path: string;
  /** English explanation (the `en` text of `code`). */
  message: string;
}

export interface ResolvedApiScopes {
  /** The metadata `id`, `org/app`. */
  id?: string;
  org?: string;
  app?: string;
  /** True when at least one of the four scopes is set: only then does the app check anything. */
  active: boolean;
  users: ResolvedGroup;
  serviceOwners: ResolvedGroup;
  /** Every set scope, in file order (users read, users write, service owners read, write). */
  scopes: ResolvedScope[];
  /**
   * Set when the app would fail at start-up reading the file (a value of the wrong type, an id
   * without exactly one "/"): then it answers nothing at all.
   */
  loadError?: MetadataLoadError;
  /** The app's `title` by language, for the `appName` text. */
  titles?: Record<string, string>;
}

export interface ResolveOptions {
  /** The app's `App/config/texts/resource.{lang}.json` files. */
  textResources?: TextResources;
  /** The language whose text becomes the 403 `detail`; default `nb`. */
  language?: string;
  /**
   * The values duplicates replaced, when the metadata is given parsed (`parseJsonSource`'s
   * `replaced`); read from the text itself when the metadata is given as text.
   */
  replaced?: JsonSource["replaced"];
}

/** The type the app's model gives a member: a string, or an object with these members. */
type Shape = "string" | { readonly [name: string]: Shape };
const GROUP_SHAPE: Shape = {
  read: "string",
  write: "string",
  errorMessageTextResourceKey: "string",
};
/**
 * The members of `applicationmetadata.json` this package reads, with their C# types
 * (`ApplicationMetadata.Id`, `Application.ApiScopes` of type `ApiScopesConfiguration` with
 * `Users`/`ServiceOwners` of type `ApiScopes`, and the string members of each).
 */
const METADATA_SHAPE: Shape = {
  id: "string",
  apiScopes: {
    users: GROUP_SHAPE,
    serviceOwners: GROUP_SHAPE,
    errorMessageTextResourceKey: "string",
  },
};

/**
 * The first value System.Text.Json could not read into the model: every member whose name
 * matches ignoring case (AppMetadata.cs line 20), and every earlier occurrence of a duplicate
 * (`earlierAt`, by path), since each is deserialised before the last replaces it (lines
 * 72-75). Null fits any member.
 */
function typeFault(
  value: unknown,
  shape: Shape,
  path: string,
  earlierAt: ReadonlyMap<string, readonly unknown[]>,
  looked = new Set<string>(),
): { path: string; what: "string" | "object" } | undefined {
  if (value === null) return undefined;
  if (shape === "string") return typeof value === "string" ? undefined : { path, what: "string" };
  if (!isRecord(value)) return { path, what: "object" };
  for (const [key, member] of Object.entries(value)) {
    const name = Object.keys(shape).find((n) => n.toLowerCase() === key.toLowerCase());
    if (name === undefined) continue;
    const memberPath = childPath(path, key);
    // The earlier values at a path are all known up front: each is looked at once.
    const earlier = looked.has(memberPath) ? [] : (earlierAt.get(memberPath) ?? []);
    looked.add(memberPath);
    for (const occurrence of [...earlier, member]) {
      const fault = typeFault(occurrence, shape[name]!, memberPath, earlierAt, looked);
      if (fault) return fault;
    }
  }
  return undefined;
}

/**
 * A member of a JSON object by name ignoring case, the last one when several match: the app
 * reads its metadata with `PropertyNameCaseInsensitive = true` (AppMetadata.cs line 20), and
 * System.Text.Json lets a later duplicate overwrite an earlier one.
 */
export function memberIgnoringCase(
  object: Record<string, unknown>,
  name: string,
): { key: string; value: unknown } | undefined {
  const lower = name.toLowerCase();
  const key = Object.keys(object).findLast((k) => k.toLowerCase() === lower);
  return key === undefined ? undefined : { key, value: object[key] };
}

/**
 * `org` and `app` from the metadata `id` as `AppIdentifier(string id)` splits it
 * (AppIdentifier.cs lines 53-90): exactly one "/", org before it, app after it; either may hold
 * spaces or be empty. Undefined when the id is missing, not a string or has not exactly one "/"
 * (then the app throws while reading its metadata and does not start).
 */
export function appIdOf(metadata: unknown): { org: string; app: string } | undefined {
  if (!isRecord(metadata)) return undefined;
  const id = memberIgnoringCase(metadata, "id")?.value;
  if (typeof id !== "string" || id === "") return undefined;
  const parts = id.split("/");
  return parts.length === 2 ? { org: parts[0]!, app: parts[1]! } : undefined;
}

/**
 * Replaces `[app]` everywhere in the string, ordinal and case-sensitive (`[App]` stays), as
 * `string.Replace` does in ScopeAuthorizationMiddleware.cs lines 468 and 479.
 */
export function replaceAppPlaceholder(scope: string, app: string): string {
  return scope.split(APP_PLACEHOLDER).join(app);
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/**
 * The concrete scopes and 403 texts of an app's `apiScopes`, read as the app reads its metadata
 * (rule 5 of issue 19): property names ignoring case, trailing commas allowed, a later duplicate
 * winning. A value of the wrong type is reported in `loadError` (the app would not start) and
 * counts as unset here. Accepts the parsed `applicationmetadata.json` or its text; throws
 * `JsonSyntaxError` for text that is not JSON (or nests deeper than 64 levels).
 */
export function resolveApiScopes(
  metadata: unknown,
  options: ResolveOptions = {},
): ResolvedApiScopes {
  const source =
    typeof metadata === "string"
      ? parseJsonSource(metadata, { allowTrailingCommas: true })
      : { value: metadata, replaced: options.replaced ?? [] };
  const parsed = source.value;
  const root = isRecord(parsed) ? parsed : {};
  let loadError: MetadataLoadError | undefined;
  const wrongType = (path: string, what: "string" | "object") => {
    const text = coded(altinnMessages, `altinn.metadata.wrong-type-${what}`, { name: path });
    loadError ??= {
      kind: "wrong-type",
      code: `altinn.metadata.wrong-type-${what}`,
      params: { name: path },
      path,
      message: text.detail,
    };
  };

  const idMember = memberIgnoringCase(root, "id");
  const appId = appIdOf(root);
  if (idMember && idMember.value !== null && typeof idMember.value !== "string") {
    wrongType(childPath("$", idMember.key), "string");
  } else if (!appId) {
    const id = typeof idMember?.value === "string" ? idMember.value : "";
    loadError ??= {
      kind: "invalid-id",
      code: "altinn.metadata.invalid-id",
      params: { id },
      path: idMember ? childPath("$", idMember.key) : "$.id",
      message: coded(altinnMessages, "altinn.metadata.invalid-id", { id }).detail,
    };
  }

  const titleMember = memberIgnoringCase(root, "title");
  const titles = isRecord(titleMember?.value)
    ? Object.fromEntries(
        Object.entries(titleMember.value).filter(
          (e): e is [string, string] => typeof e[1] === "string",
        ),
      )
    : undefined;

  const scopesMember = memberIgnoringCase(root, "apiScopes");
  const apiScopesPath = childPath("$", scopesMember?.key ?? "apiScopes");
  let config: Record<string, unknown> = {};
  if (isRecord(scopesMember?.value)) config = scopesMember.value;
  else if (scopesMember && scopesMember.value !== null) wrongType(apiScopesPath, "object");

  const stringAt = (object: Record<string, unknown>, name: string, parent: string) => {
    const found = memberIgnoringCase(object, name);
    if (!found) return { path: childPath(parent, name) };
    const path = childPath(parent, found.key);
    if (found.value === null) return { path, value: null };
    if (typeof found.value !== "string") {
      wrongType(path, "string");
      return { path };
    }
    return { path, value: found.value };
  };

  const top = stringAt(config, "errorMessageTextResourceKey", apiScopesPath);
  const scopes: ResolvedScope[] = [];
  const groups = {} as Record<ApiScopeGroup, ResolvedGroup>;
  for (const group of API_SCOPE_GROUPS) {
    const member = memberIgnoringCase(config, group);
    const groupPath = childPath(apiScopesPath, member?.key ?? group);
    let groupConfig: Record<string, unknown> = {};
    if (isRecord(member?.value)) groupConfig = member.value;
    else if (member && member.value !== null) wrongType(groupPath, "object");
    const own = stringAt(groupConfig, "errorMessageTextResourceKey", groupPath);
    const keys = {
      ...(own.value !== undefined ? { group: own.value } : {}),
      ...(top.value !== undefined ? { top: top.value } : {}),
    };
    const lookup = messageFor(keys, options.language ?? "nb", {
      ...(options.textResources ? { textResources: options.textResources } : {}),
      appName: appId?.app ?? "",
      ...(titles ? { titles } : {}),
    });
    const resolved: ResolvedGroup = {
      messageKey: lookup.key,
      messageKeyFrom: lookup.keyFrom,
      keys,
      message: lookup.detail,
      messageFound: lookup.text !== undefined,
    };
    for (const operation of API_SCOPE_OPERATIONS) {
      const { value: written, path } = stringAt(groupConfig, operation, groupPath);
      // string.IsNullOrWhiteSpace, .NET's whitespace (middleware lines 248-252, 464, 475).
      if (typeof written !== "string" || isNullOrWhiteSpace(written)) continue;
      // Without an app name the placeholder stays, which the validator reports.
      const name = appId ? replaceAppPlaceholder(written, appId.app) : written;
      resolved[operation] = name;
      scopes.push({ name, written, group, operation, path });
    }
    groups[group] = resolved;
  }
  // A wrong type the checks above did not see: in a differently cased or replaced duplicate.
  const earlierAt = new Map<string, unknown[]>();
  for (const { path, value } of source.replaced) {
    const values = earlierAt.get(path);
    if (values) values.push(value);
    else earlierAt.set(path, [value]);
  }
  const fault = typeFault(root, METADATA_SHAPE, "$", earlierAt);
  if (fault) wrongType(fault.path, fault.what);

  return {
    ...(typeof idMember?.value === "string" ? { id: idMember.value } : {}),
    ...(appId ?? {}),
    active: scopes.length > 0,
    users: groups.users,
    serviceOwners: groups.serviceOwners,
    scopes,
    ...(loadError ? { loadError } : {}),
    ...(titles ? { titles } : {}),
  };
}

import {
  API_SCOPE_GROUPS,
  API_SCOPE_OPERATIONS,
  APP_PLACEHOLDER,
  type ApiScopeGroup,
  type ApiScopeOperation,
  DEFAULT_MESSAGE_KEY,
  DEFAULT_MESSAGE_TEXT,
  type TextResources,
  textsByLanguage,
} from "./api-scopes";
import { parseJsonSource } from "./json-source";

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
  /** Unset (or blank) operations are not checked at all. */
  read?: string;
  write?: string;
  /** The key after the precedence rule: group, then top level, then the default. */
  messageKey: string;
  /** The 403 `detail`: the key's text, or "Insufficient scope" when it has none. */
  message: string;
  /** False when the text resources were not given or lack the key. */
  messageFound: boolean;
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
}

export interface ResolveOptions {
  /** The app's `App/config/texts/resource.{lang}.json` files. */
  textResources?: TextResources;
  /** The language whose text becomes the 403 `detail`; default `nb`. */
  language?: string;
}

/** `org` and `app` from the metadata `id` (`org/app`), or undefined when it is not that shape. */
export function appIdOf(metadata: unknown): { org: string; app: string } | undefined {
  if (!isRecord(metadata) || typeof metadata.id !== "string") return undefined;
  const match = /^([^/\s]+)\/([^/\s]+)$/.exec(metadata.id);
  return match ? { org: match[1]!, app: match[2]! } : undefined;
}

/** Replaces `[app]` everywhere in the string, case-sensitively (`[App]` stays), as the app does. */
export function replaceAppPlaceholder(scope: string, app: string): string {
  return scope.split(APP_PLACEHOLDER).join(app);
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

// The app treats a blank scope as not set (string.IsNullOrWhiteSpace); blank message keys are
// treated the same way so that the precedence rule falls through to the next key.
function setString(value: unknown): string | undefined {
  return typeof value === "string" && value.trim() !== "" ? value : undefined;
}

/**
 * The concrete scopes and 403 texts of an app's `apiScopes`, read leniently: values of the
 * wrong type count as unset (`validateApplicationMetadata` reports them). Accepts the parsed
 * `applicationmetadata.json` or its text.
 */
export function resolveApiScopes(
  metadata: unknown,
  options: ResolveOptions = {},
): ResolvedApiScopes {
  const parsed = typeof metadata === "string" ? parseJsonSource(metadata).value : metadata;
  const appId = appIdOf(parsed);
  const config = isRecord(parsed) && isRecord(parsed.apiScopes) ? parsed.apiScopes : {};
  const texts = options.textResources
    ? textsByLanguage(options.textResources).get(options.language ?? "nb")
    : undefined;
  const topKey = setString(config.errorMessageTextResourceKey);

  const scopes: ResolvedScope[] = [];
  const groups = {} as Record<ApiScopeGroup, ResolvedGroup>;
  for (const group of API_SCOPE_GROUPS) {
    const groupConfig = isRecord(config[group]) ? config[group] : {};
    const messageKey =
      setString(groupConfig.errorMessageTextResourceKey) ?? topKey ?? DEFAULT_MESSAGE_KEY;
    const text = texts?.get(messageKey);
    const resolved: ResolvedGroup = {
      messageKey,
      message: text ?? DEFAULT_MESSAGE_TEXT,
      messageFound: text !== undefined,
    };
    for (const operation of API_SCOPE_OPERATIONS) {
      const written = setString(groupConfig[operation]);
      if (written === undefined) continue;
      // Without an app name the placeholder stays, which the validator reports.
      const name = appId ? replaceAppPlaceholder(written, appId.app) : written;
      resolved[operation] = name;
      scopes.push({ name, written, group, operation, path: `$.apiScopes.${group}.${operation}` });
    }
    groups[group] = resolved;
  }

  return {
    ...(isRecord(parsed) && typeof parsed.id === "string" ? { id: parsed.id } : {}),
    ...(appId ?? {}),
    active: scopes.length > 0,
    users: groups.users,
    serviceOwners: groups.serviceOwners,
    scopes,
  };
}

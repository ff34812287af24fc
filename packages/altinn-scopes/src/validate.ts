import { coded, prefixProblem, scopeNameProblem, splitScopeName } from "@portvakt/contracts";
import {
  API_SCOPE_GROUPS,
  API_SCOPE_OPERATIONS,
  APP_PLACEHOLDER,
  type TextResources,
  textsByLanguage,
} from "./api-scopes";
import { isNullOrWhiteSpace } from "./dotnet";
import {
  childPath,
  type JsonSource,
  JsonSyntaxError,
  lineAndColumn,
  MAX_JSON_DEPTH,
  parseJsonSource,
} from "./json-source";
import { type AltinnMessageCode, altinnMessages } from "./messages";
import {
  appIdOf,
  memberIgnoringCase,
  type ResolvedApiScopes,
  replaceAppPlaceholder,
  resolveApiScopes,
} from "./resolve";

export type ProblemSeverity = "error" | "warning";

/**
 * The stable codes of the problems (`altinn.metadata.*`, texts in `messages.ts`), for code that
 * reacts to one kind of problem and for the web, which words each in the reader's language.
 */
export type MetadataProblemCode = Extract<AltinnMessageCode, `altinn.metadata.${string}`>;

/** Values a problem's text is built from (JSON names, scopes, keys, numbers; never prose). */
export type ProblemParams = Record<string, string | number>;

/** One problem: `{code, params, detail}` (docs/i18n.md) with its severity and place. */
export interface MetadataProblem {
  code: MetadataProblemCode;
  severity: ProblemSeverity;
  /** JSON path of the value at fault: `$`, `$.apiScopes.users.read`, `$.apiScopes["Users"]`. */
  path: string;
  /** The values the text is built from, for wording it in the reader's language. */
  params: ProblemParams;
  /** The problem in English, for API clients, logs and the CLI. */
  detail: string;
  /** 1-based position in the text, when the metadata was given as text. */
  line?: number;
  column?: number;
}

export interface ValidationReport {
  /** No problem of severity error. */
  valid: boolean;
  errors: number;
  warnings: number;
  /** In the order of the file (whole-file problems first), errors and warnings mixed. */
  problems: MetadataProblem[];
  /** The concrete config, or null when the text is not JSON. */
  resolved: ResolvedApiScopes | null;
}

/** A scope known to Maskinporten: a name (taken as active) or the scope as listed. */
export type ExistingScope = string | { name: string; active?: boolean };

export interface ValidateOptions {
  /** The prefixes the organisation holds; without them prefixes are not checked. */
  prefixes?: readonly string[];
  /** The app's text resources; without them message keys are not checked. */
  textResources?: TextResources;
  /** The organisation's scopes in Maskinporten; without them existence is not checked. */
  existingScopes?: readonly ExistingScope[];
}

const GROUP_KEYS = ["read", "write", "errorMessageTextResourceKey"];
const TOP_KEYS = ["users", "serviceOwners", "errorMessageTextResourceKey"];

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

function similarKey(key: string, allowed: readonly string[]): string | undefined {
  const plain = key.toLowerCase().replace(/[^a-z]/g, "");
  return allowed.find((candidate) => candidate.toLowerCase() === plain);
}

/**
 * Checks a whole `applicationmetadata.json` (its text, or the parsed value) for everything that
 * would make `apiScopes` fail or surprise: every problem is reported, each with its JSON path.
 */
export function validateApplicationMetadata(
  json: unknown,
  options: ValidateOptions = {},
): ValidationReport {
  const problems: MetadataProblem[] = [];
  let source: JsonSource | undefined;
  let text: string | undefined;

  const add: Add = (code, severity, path, params = {}, detail) => {
    const span = source?.spans.get(path);
    const at = span ? (span.keyStart ?? span.start) : undefined;
    problems.push({
      code,
      severity,
      path,
      params,
      detail: detail ?? coded(altinnMessages, code, params).detail,
      ...(text !== undefined && at !== undefined ? lineAndColumn(text, at) : {}),
    });
  };

  let metadata: unknown = json;
  if (typeof json === "string") {
    text = json;
    try {
      // As the app reads it (AppMetadata.cs lines 17-22): trailing commas are accepted there.
      source = parseJsonSource(json, { allowTrailingCommas: true });
      metadata = source.value;
    } catch (error) {
      if (!(error instanceof JsonSyntaxError)) throw error;
      const at = { line: error.line, column: error.column };
      if (error.kind === "too-deep") {
        const params = { max: MAX_JSON_DEPTH, ...at };
        problems.push({
          code: "altinn.metadata.too-deep",
          severity: "error",
          path: "$",
          params,
          detail: coded(altinnMessages, "altinn.metadata.too-deep", params).detail,
          ...at,
        });
      } else {
        problems.push({
          code: "altinn.metadata.invalid-json",
          severity: "error",
          path: "$",
          params: at,
          // The parser's own words say what is wrong; they stay in the English detail.
          detail: `The file is not valid JSON: ${error.message}`,
          ...at,
        });
      }
      return summarise(problems, null);
    }
    for (const comma of source.trailingCommas) {
      const at = lineAndColumn(json, comma);
      problems.push({
        code: "altinn.metadata.trailing-comma",
        severity: "warning",
        path: "$",
        params: at,
        detail: coded(altinnMessages, "altinn.metadata.trailing-comma", at).detail,
        ...at,
      });
    }
    for (const path of source.duplicateKeys) {
      add("altinn.metadata.duplicate-property", "warning", path, { name: path });
    }
  }

  if (!isRecord(metadata)) {
    add("altinn.metadata.not-an-object", "error", "$");
    return summarise(problems, null);
  }

  // The app reads member names ignoring case (AppMetadata.cs line 20); so does this check.
  const scopesMember = memberIgnoringCase(metadata, "apiScopes");
  const apiScopes = scopesMember?.value;
  const apiScopesPath = childPath("$", scopesMember?.key ?? "apiScopes");
  const appId = appIdOf(metadata);
  const idMember = memberIgnoringCase(metadata, "id");
  if (!appId) {
    const id = typeof idMember?.value === "string" ? idMember.value : "";
    // AppIdentifier(id) throws without exactly one "/" (AppIdentifier.cs lines 53-70).
    add("altinn.metadata.invalid-id", "error", idMember ? childPath("$", idMember.key) : "$.id", {
      id,
    });
  }
  if (scopesMember && scopesMember.key !== "apiScopes") {
    add("altinn.metadata.property-case", "warning", apiScopesPath, {
      name: scopesMember.key,
      expected: "apiScopes",
    });
  }

  const resolveOptions = {
    ...(options.textResources ? { textResources: options.textResources } : {}),
    ...(source ? { replaced: source.replaced } : {}),
  };
  // A value the app cannot read that the checks here do not see (a wrong type in a replaced or
  // differently cased duplicate, AppMetadata.cs lines 72-75) stops the app all the same.
  const finish = (resolved: ResolvedApiScopes) => {
    const fault = resolved.loadError;
    if (fault && !problems.some((p) => p.severity === "error" && p.path === fault.path)) {
      add(fault.code, "error", fault.path, fault.params);
    }
    return summarise(problems, resolved);
  };
  if (apiScopes === undefined || apiScopes === null)
    return finish(resolveApiScopes(metadata, resolveOptions));
  if (!isRecord(apiScopes)) {
    add("altinn.metadata.wrong-type-object", "error", apiScopesPath, { name: "apiScopes" });
    return finish(resolveApiScopes(metadata, resolveOptions));
  }

  checkStructure(apiScopes, apiScopesPath, add);
  const resolved = resolveApiScopes(metadata, resolveOptions);
  checkScopes(resolved, appId?.app, options, add);
  checkCoverage(resolved, apiScopes, apiScopesPath, add);
  if (options.textResources) checkMessageKeys(apiScopes, apiScopesPath, options.textResources, add);
  return finish(resolved);
}

type Add = (
  code: MetadataProblemCode,
  severity: ProblemSeverity,
  path: string,
  params?: ProblemParams,
  /** An English detail other than the table's. */
  detail?: string,
) => void;

function checkStructure(apiScopes: Record<string, unknown>, apiScopesPath: string, add: Add): void {
  const checkString = (
    value: unknown,
    path: string,
    what: "scope" | "messageKey",
    name: string,
  ) => {
    // null is read as "not given" by System.Text.Json; anything but a string stops the app.
    if (value === null) return;
    if (typeof value !== "string") {
      add("altinn.metadata.wrong-type-string", "error", path, { name });
    } else if (isNullOrWhiteSpace(value)) {
      if (what === "scope") add("altinn.metadata.empty-scope", "error", path, { name });
      else if (value === "") add("altinn.metadata.empty-message-key", "error", path);
      else add("altinn.metadata.blank-message-key", "error", path);
    }
  };
  const checkUnknown = (
    object: Record<string, unknown>,
    path: string,
    allowed: readonly string[],
  ) => {
    // "Users" and "users" are one property to the app: the later one replaces the earlier.
    const keys = Object.keys(object);
    keys.forEach((key, i) => {
      const later = keys.slice(i + 1).find((other) => other.toLowerCase() === key.toLowerCase());
      if (later !== undefined && allowed.some((name) => name.toLowerCase() === key.toLowerCase())) {
        add("altinn.metadata.duplicate-property", "warning", childPath(path, key), {
          name: childPath(path, key),
        });
      }
    });
    for (const key of keys) {
      if (allowed.includes(key)) continue;
      const parent = path.slice(2);
      const sameIgnoringCase = allowed.find((name) => name.toLowerCase() === key.toLowerCase());
      if (sameIgnoringCase) {
        add("altinn.metadata.property-case", "warning", childPath(path, key), {
          name: key,
          expected: sameIgnoringCase,
        });
        continue;
      }
      const similar = similarKey(key, allowed);
      if (similar) {
        add("altinn.metadata.unknown-property-similar", "error", childPath(path, key), {
          name: key,
          parent,
          similar,
        });
      } else {
        add("altinn.metadata.unknown-property", "error", childPath(path, key), {
          name: key,
          parent,
          allowed: allowed.join(", "),
        });
      }
    }
  };

  checkUnknown(apiScopes, apiScopesPath, TOP_KEYS);
  const topKey = memberIgnoringCase(apiScopes, "errorMessageTextResourceKey");
  if (topKey) {
    checkString(
      topKey.value,
      childPath(apiScopesPath, topKey.key),
      "messageKey",
      "errorMessageTextResourceKey",
    );
  }
  for (const group of API_SCOPE_GROUPS) {
    const member = memberIgnoringCase(apiScopes, group);
    if (!member || member.value === null) continue;
    const path = childPath(apiScopesPath, member.key);
    const value = member.value;
    if (!isRecord(value)) {
      add("altinn.metadata.wrong-type-object", "error", path, { name: group });
      continue;
    }
    checkUnknown(value, path, GROUP_KEYS);
    for (const operation of API_SCOPE_OPERATIONS) {
      const found = memberIgnoringCase(value, operation);
      if (found) checkString(found.value, childPath(path, found.key), "scope", operation);
    }
    const key = memberIgnoringCase(value, "errorMessageTextResourceKey");
    if (key)
      checkString(key.value, childPath(path, key.key), "messageKey", "errorMessageTextResourceKey");
  }
}

function existingIndex(existing: readonly ExistingScope[]): Map<string, boolean> {
  return new Map(
    existing.map((scope) =>
      typeof scope === "string" ? [scope, true] : [scope.name, scope.active !== false],
    ),
  );
}

function checkScopes(
  resolved: ResolvedApiScopes,
  app: string | undefined,
  options: ValidateOptions,
  add: Add,
): void {
  const existing = options.existingScopes ? existingIndex(options.existingScopes) : undefined;
  for (const scope of resolved.scopes) {
    if (scope.name.includes(APP_PLACEHOLDER)) {
      add("altinn.metadata.unresolved-placeholder", "error", scope.path, {
        scope: scope.written,
      });
      continue;
    }
    const problem = scopeNameProblem(scope.name);
    if (problem) {
      // Written with a harmless stand-in for the app name, is the scope valid? Then the app
      // name is to blame, which the spec makes a warning: Digdir may accept what the strict
      // reading refuses.
      const standIn = replaceAppPlaceholder(scope.written, "app");
      if (app && scope.written.includes(APP_PLACEHOLDER) && !scopeNameProblem(standIn)) {
        add("altinn.metadata.app-name-subscope", "warning", scope.path, {
          app,
          scope: scope.name,
          reason: problem,
        });
      } else {
        const placeholderCase =
          /\[app\]/i.test(scope.written) && !scope.written.includes(APP_PLACEHOLDER);
        const orgPlaceholder = /\[org\]/i.test(scope.written);
        const hint =
          placeholderCase && orgPlaceholder
            ? "both"
            : placeholderCase
              ? "placeholderCase"
              : orgPlaceholder
                ? "orgPlaceholder"
                : "none";
        add("altinn.metadata.invalid-scope", "error", scope.path, {
          scope: scope.name,
          reason: problem,
          hint,
        });
      }
      continue;
    }
    const { prefix } = splitScopeName(scope.name);
    if (prefix === "altinn") {
      add("altinn.metadata.altinn-scope", "warning", scope.path, { scope: scope.name });
      continue;
    }
    if (options.prefixes && !options.prefixes.includes(prefix) && !prefixProblem(prefix)) {
      add("altinn.metadata.prefix-not-held", "error", scope.path, {
        prefix,
        held: options.prefixes.join(", ") || "-",
      });
      continue;
    }
    if (existing) {
      const active = existing.get(scope.name);
      if (active === undefined) {
        add("altinn.metadata.not-in-maskinporten", "warning", scope.path, { scope: scope.name });
      } else if (!active) {
        add("altinn.metadata.deactivated-in-maskinporten", "warning", scope.path, {
          scope: scope.name,
        });
      }
    }
  }
}

function checkCoverage(
  resolved: ResolvedApiScopes,
  apiScopes: Record<string, unknown>,
  apiScopesPath: string,
  add: Add,
): void {
  if (!resolved.active) {
    add("altinn.metadata.nothing-checked", "warning", apiScopesPath);
    return;
  }
  for (const group of API_SCOPE_GROUPS) {
    const { read, write } = resolved[group];
    const path = childPath(apiScopesPath, memberIgnoringCase(apiScopes, group)?.key ?? group);
    const writePath = resolved.scopes.find(
      (s) => s.group === group && s.operation === "write",
    )?.path;
    if (read !== undefined && read === write) {
      add("altinn.metadata.write-equals-read", "warning", writePath ?? `${path}.write`, {
        scope: read,
      });
    }
    if ((read === undefined) !== (write === undefined)) {
      const unset = read === undefined ? "read" : "write";
      add("altinn.metadata.half-configured", "warning", path, { group, operation: unset });
    }
  }
}

function checkMessageKeys(
  apiScopes: Record<string, unknown>,
  apiScopesPath: string,
  resources: TextResources,
  add: Add,
): void {
  const languages = textsByLanguage(resources);
  const keyAt = (object: Record<string, unknown>, parent: string): [string, unknown] => {
    const found = memberIgnoringCase(object, "errorMessageTextResourceKey");
    return [childPath(parent, found?.key ?? "errorMessageTextResourceKey"), found?.value];
  };
  const keyed: Array<[string, unknown]> = [
    keyAt(apiScopes, apiScopesPath),
    ...API_SCOPE_GROUPS.flatMap((group): Array<[string, unknown]> => {
      const member = memberIgnoringCase(apiScopes, group);
      return member && isRecord(member.value)
        ? [keyAt(member.value, childPath(apiScopesPath, member.key))]
        : [];
    }),
  ];
  for (const [path, key] of keyed) {
    if (typeof key !== "string" || isNullOrWhiteSpace(key)) continue;
    const missing = [...languages]
      // A text without a value says nothing either (TranslationService.cs line 99).
      .filter(([, texts]) => typeof texts.get(key) !== "string")
      .map(([language]) => language);
    if (languages.size === 0 || missing.length > 0) {
      if (languages.size === 0) add("altinn.metadata.missing-text-none", "warning", path, { key });
      else
        add("altinn.metadata.missing-text", "warning", path, {
          key,
          languages: missing.join(", "),
        });
    }
  }
}

function summarise(
  problems: MetadataProblem[],
  resolved: ResolvedApiScopes | null,
): ValidationReport {
  const errors = problems.filter((problem) => problem.severity === "error").length;
  const position = (problem: MetadataProblem) => (problem.line ?? 0) * 1e6 + (problem.column ?? 0);
  const ordered = [...problems].sort((a, b) => position(a) - position(b));
  return {
    valid: errors === 0,
    errors,
    warnings: problems.length - errors,
    problems: ordered,
    resolved,
  };
}

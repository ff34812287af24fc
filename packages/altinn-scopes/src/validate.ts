import { prefixProblem, scopeNameProblem, splitScopeName } from "@portvakt/contracts";
import {
  API_SCOPE_GROUPS,
  API_SCOPE_OPERATIONS,
  APP_PLACEHOLDER,
  type TextResources,
  textsByLanguage,
} from "./api-scopes";
import {
  childPath,
  type JsonSource,
  JsonSyntaxError,
  lineAndColumn,
  parseJsonSource,
} from "./json-source";
import {
  appIdOf,
  type ResolvedApiScopes,
  replaceAppPlaceholder,
  resolveApiScopes,
} from "./resolve";

export type ProblemSeverity = "error" | "warning";

/** Stable names of the rules, for code that reacts to one kind of problem. */
export type MetadataProblemCode =
  | "invalid-json"
  | "duplicate-property"
  | "not-an-object"
  | "invalid-id"
  | "unknown-property"
  | "wrong-type"
  | "empty-string"
  | "invalid-scope"
  | "app-name-subscope"
  | "unresolved-placeholder"
  | "prefix-not-held"
  | "altinn-scope"
  | "write-equals-read"
  | "half-configured"
  | "nothing-checked"
  | "missing-text"
  | "not-in-maskinporten"
  | "deactivated-in-maskinporten";

export interface MetadataProblem {
  code: MetadataProblemCode;
  severity: ProblemSeverity;
  /** JSON path of the value at fault: `$`, `$.apiScopes.users.read`, `$.apiScopes["Users"]`. */
  path: string;
  message: string;
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

  const add = (
    code: MetadataProblemCode,
    severity: ProblemSeverity,
    path: string,
    message: string,
  ) => {
    const span = source?.spans.get(path);
    const at = span ? (span.keyStart ?? span.start) : undefined;
    problems.push({
      code,
      severity,
      path,
      message,
      ...(text !== undefined && at !== undefined ? lineAndColumn(text, at) : {}),
    });
  };

  let metadata: unknown = json;
  if (typeof json === "string") {
    text = json;
    try {
      source = parseJsonSource(json);
      metadata = source.value;
    } catch (error) {
      if (!(error instanceof JsonSyntaxError)) throw error;
      problems.push({
        code: "invalid-json",
        severity: "error",
        path: "$",
        message: `The file is not valid JSON: ${error.message}`,
        line: error.line,
        column: error.column,
      });
      return summarise(problems, null);
    }
    for (const path of source.duplicateKeys) {
      add(
        "duplicate-property",
        "warning",
        path,
        "This property appears more than once; the last one wins",
      );
    }
  }

  if (!isRecord(metadata)) {
    add("not-an-object", "error", "$", "applicationmetadata.json must hold a JSON object");
    return summarise(problems, null);
  }

  const apiScopes = metadata.apiScopes;
  const appId = appIdOf(metadata);
  const usesPlaceholder = JSON.stringify(apiScopes ?? null).includes(APP_PLACEHOLDER);
  if (!appId) {
    add(
      "invalid-id",
      usesPlaceholder ? "error" : "warning",
      "$.id",
      usesPlaceholder
        ? 'The id must be "org/app" so that [app] can be replaced by the app name'
        : 'The id should be "org/app"',
    );
  }

  const resolveOptions = options.textResources ? { textResources: options.textResources } : {};
  if (apiScopes === undefined)
    return summarise(problems, resolveApiScopes(metadata, resolveOptions));
  if (!isRecord(apiScopes)) {
    add("wrong-type", "error", "$.apiScopes", "apiScopes must be an object");
    return summarise(problems, resolveApiScopes(metadata, resolveOptions));
  }

  checkStructure(apiScopes, add);
  const resolved = resolveApiScopes(metadata, resolveOptions);
  checkScopes(resolved, appId?.app, options, add);
  checkCoverage(resolved, add);
  if (options.textResources) checkMessageKeys(apiScopes, options.textResources, add);
  return summarise(problems, resolved);
}

type Add = (
  code: MetadataProblemCode,
  severity: ProblemSeverity,
  path: string,
  message: string,
) => void;

function checkStructure(apiScopes: Record<string, unknown>, add: Add): void {
  const checkString = (value: unknown, path: string, what: string) => {
    if (typeof value !== "string") {
      add("wrong-type", "error", path, `${what} must be a string`);
    } else if (value.trim() === "") {
      add(
        "empty-string",
        "error",
        path,
        `${what} is empty; the app treats it as not set${what.startsWith("The scope") ? ", so nothing is checked for it" : ""}`,
      );
    }
  };
  const checkUnknown = (
    object: Record<string, unknown>,
    path: string,
    allowed: readonly string[],
  ) => {
    for (const key of Object.keys(object)) {
      if (allowed.includes(key)) continue;
      const similar = similarKey(key, allowed);
      add(
        "unknown-property",
        "error",
        childPath(path, key),
        `"${key}" is not a property of ${path.slice(2)}${similar ? ` (did you mean "${similar}"? names are case-sensitive)` : `; allowed: ${allowed.join(", ")}`}`,
      );
    }
  };

  checkUnknown(apiScopes, "$.apiScopes", TOP_KEYS);
  if (apiScopes.errorMessageTextResourceKey !== undefined) {
    checkString(
      apiScopes.errorMessageTextResourceKey,
      "$.apiScopes.errorMessageTextResourceKey",
      "The message key",
    );
  }
  for (const group of API_SCOPE_GROUPS) {
    const value = apiScopes[group];
    const path = `$.apiScopes.${group}`;
    if (value === undefined) continue;
    if (!isRecord(value)) {
      add("wrong-type", "error", path, `${group} must be an object`);
      continue;
    }
    checkUnknown(value, path, GROUP_KEYS);
    for (const operation of API_SCOPE_OPERATIONS) {
      if (value[operation] !== undefined) {
        checkString(value[operation], `${path}.${operation}`, `The scope for ${operation}`);
      }
    }
    if (value.errorMessageTextResourceKey !== undefined) {
      checkString(
        value.errorMessageTextResourceKey,
        `${path}.errorMessageTextResourceKey`,
        "The message key",
      );
    }
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
      add(
        "unresolved-placeholder",
        "error",
        scope.path,
        "[app] cannot be replaced: the metadata has no valid id",
      );
      continue;
    }
    const problem = scopeNameProblem(scope.name);
    if (problem) {
      // Written with a harmless stand-in for the app name, is the scope valid? Then the app
      // name is to blame, which the spec makes a warning: Digdir may accept what the strict
      // reading refuses.
      const standIn = replaceAppPlaceholder(scope.written, "app");
      if (app && scope.written.includes(APP_PLACEHOLDER) && !scopeNameProblem(standIn)) {
        add(
          "app-name-subscope",
          "warning",
          scope.path,
          `[app] becomes "${app}", which makes "${scope.name}" break the scope naming rule (${problem}); Maskinporten may refuse to create it`,
        );
      } else {
        const hints = [
          /\[app\]/i.test(scope.written) && !scope.written.includes(APP_PLACEHOLDER)
            ? "the placeholder is [app], in lowercase"
            : undefined,
          /\[org\]/i.test(scope.written) ? "there is no [org] placeholder" : undefined,
        ].filter(Boolean);
        add(
          "invalid-scope",
          "error",
          scope.path,
          `"${scope.name}" is not a valid prefix:subscope: ${problem}${hints.length ? ` (${hints.join("; ")})` : ""}`,
        );
      }
      continue;
    }
    const { prefix } = splitScopeName(scope.name);
    if (prefix === "altinn") {
      add(
        "altinn-scope",
        "warning",
        scope.path,
        `"${scope.name}" is one of Altinn's own scopes: it is not app-specific and cannot be provisioned here`,
      );
      continue;
    }
    if (options.prefixes && !options.prefixes.includes(prefix) && !prefixProblem(prefix)) {
      add(
        "prefix-not-held",
        "error",
        scope.path,
        `The organisation does not hold the prefix "${prefix}" (it holds ${options.prefixes.length ? options.prefixes.join(", ") : "none"}), so the scope cannot be created`,
      );
      continue;
    }
    if (existing) {
      const active = existing.get(scope.name);
      if (active === undefined) {
        add(
          "not-in-maskinporten",
          "warning",
          scope.path,
          `"${scope.name}" does not exist in Maskinporten yet: no token can carry it until it is provisioned`,
        );
      } else if (!active) {
        add(
          "deactivated-in-maskinporten",
          "warning",
          scope.path,
          `"${scope.name}" is deactivated in Maskinporten: provisioning reactivates it`,
        );
      }
    }
  }
}

function checkCoverage(resolved: ResolvedApiScopes, add: Add): void {
  if (!resolved.active) {
    add(
      "nothing-checked",
      "warning",
      "$.apiScopes",
      "apiScopes sets no scope, so the app checks none (the built-in altinn: scopes apply)",
    );
    return;
  }
  for (const group of API_SCOPE_GROUPS) {
    const { read, write } = resolved[group];
    const path = `$.apiScopes.${group}`;
    const who = group === "users" ? "users" : "service owners";
    if (read !== undefined && read === write) {
      add(
        "write-equals-read",
        "warning",
        `${path}.write`,
        `Writing needs the same scope as reading ("${read}"): every client that may read may also change instances`,
      );
    }
    if ((read === undefined) !== (write === undefined)) {
      const unset = read === undefined ? "read" : "write";
      add(
        "half-configured",
        "warning",
        path,
        `${group}.${unset} is not set, so ${unset}s by ${who} are not checked at all`,
      );
    }
  }
}

function checkMessageKeys(
  apiScopes: Record<string, unknown>,
  resources: TextResources,
  add: Add,
): void {
  const languages = textsByLanguage(resources);
  const keyed: Array<[string, unknown]> = [
    ["$.apiScopes.errorMessageTextResourceKey", apiScopes.errorMessageTextResourceKey],
    ...API_SCOPE_GROUPS.map((group): [string, unknown] => [
      `$.apiScopes.${group}.errorMessageTextResourceKey`,
      isRecord(apiScopes[group]) ? apiScopes[group].errorMessageTextResourceKey : undefined,
    ]),
  ];
  for (const [path, key] of keyed) {
    if (typeof key !== "string" || key.trim() === "") continue;
    const missing = [...languages]
      .filter(([, texts]) => !texts.has(key))
      .map(([language]) => language);
    if (languages.size === 0 || missing.length > 0) {
      add(
        "missing-text",
        "warning",
        path,
        `The text resources ${languages.size === 0 ? "are empty" : `for ${missing.join(", ")} have no text`} with id "${key}": the 403 will say "Insufficient scope"`,
      );
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

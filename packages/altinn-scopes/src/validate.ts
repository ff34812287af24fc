import { prefixProblem, scopeNameProblem, splitScopeName } from "@portvakt/contracts";
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
import {
  appIdOf,
  memberIgnoringCase,
  type ResolvedApiScopes,
  replaceAppPlaceholder,
  resolveApiScopes,
} from "./resolve";

export type ProblemSeverity = "error" | "warning";

/**
 * Stable names of the rules, for code that reacts to one kind of problem and for the web, which
 * words each in the reader's language from `code`, `variant` and `params`.
 */
export type MetadataProblemCode =
  | "invalid-json"
  | "too-deep"
  | "trailing-comma"
  | "property-case"
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

/** Values a problem's text is built from; names as in the English `message`. */
export type ProblemParams = Record<string, string | number>;

export interface MetadataProblem {
  code: MetadataProblemCode;
  /** Which wording of the code applies, where one code has several (e.g. `scope`). */
  variant?: string;
  severity: ProblemSeverity;
  /** JSON path of the value at fault: `$`, `$.apiScopes.users.read`, `$.apiScopes["Users"]`. */
  path: string;
  /** The values the text is built from, for wording it in another language. */
  params: ProblemParams;
  /** The problem in English (the detail for logs and API clients). */
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

  const add: Add = (code, severity, path, message, params = {}, variant) => {
    const span = source?.spans.get(path);
    const at = span ? (span.keyStart ?? span.start) : undefined;
    problems.push({
      code,
      ...(variant ? { variant } : {}),
      severity,
      path,
      params,
      message,
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
      const tooDeep = error.kind === "too-deep";
      problems.push({
        code: tooDeep ? "too-deep" : "invalid-json",
        severity: "error",
        path: "$",
        params: tooDeep
          ? { max: MAX_JSON_DEPTH, line: error.line, column: error.column }
          : { reason: error.message, line: error.line, column: error.column },
        message: tooDeep
          ? `The file nests objects and arrays deeper than ${MAX_JSON_DEPTH} levels, which the app cannot read (${error.message})`
          : `The file is not valid JSON: ${error.message}`,
        line: error.line,
        column: error.column,
      });
      return summarise(problems, null);
    }
    for (const comma of source.trailingCommas) {
      problems.push({
        code: "trailing-comma",
        severity: "warning",
        path: "$",
        params: lineAndColumn(json, comma),
        message:
          "A comma before } or ] is not JSON: the app reads the file anyway, but the published schema and other tools reject it",
        ...lineAndColumn(json, comma),
      });
    }
    for (const path of source.duplicateKeys) {
      add(
        "duplicate-property",
        "warning",
        path,
        "This property appears more than once; the last one wins",
        { name: path },
      );
    }
  }

  if (!isRecord(metadata)) {
    add("not-an-object", "error", "$", "applicationmetadata.json must hold a JSON object");
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
    add(
      "invalid-id",
      "error",
      idMember ? childPath("$", idMember.key) : "$.id",
      `The id must be "org/app" with exactly one "/" (it is "${id}"); the app does not start without it, and [app] has no app name`,
      { id },
    );
  }
  if (scopesMember && scopesMember.key !== "apiScopes") {
    add(
      "property-case",
      "warning",
      apiScopesPath,
      `"${scopesMember.key}" is read by the app (names ignore case) but the published schema only allows "apiScopes"`,
      { name: scopesMember.key, expected: "apiScopes" },
    );
  }

  const resolveOptions = options.textResources ? { textResources: options.textResources } : {};
  if (apiScopes === undefined || apiScopes === null)
    return summarise(problems, resolveApiScopes(metadata, resolveOptions));
  if (!isRecord(apiScopes)) {
    add("wrong-type", "error", apiScopesPath, "apiScopes must be an object", {
      name: "apiScopes",
      expected: "object",
    });
    return summarise(problems, resolveApiScopes(metadata, resolveOptions));
  }

  checkStructure(apiScopes, apiScopesPath, add);
  const resolved = resolveApiScopes(metadata, resolveOptions);
  checkScopes(resolved, appId?.app, options, add);
  checkCoverage(resolved, apiScopes, apiScopesPath, add);
  if (options.textResources) checkMessageKeys(apiScopes, apiScopesPath, options.textResources, add);
  return summarise(problems, resolved);
}

type Add = (
  code: MetadataProblemCode,
  severity: ProblemSeverity,
  path: string,
  message: string,
  params?: ProblemParams,
  variant?: string,
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
      add(
        "wrong-type",
        "error",
        path,
        `${name} must be a string; the app cannot read the file and does not start`,
        { name, expected: "string" },
      );
    } else if (isNullOrWhiteSpace(value)) {
      add(
        "empty-string",
        "error",
        path,
        what === "scope"
          ? `The scope for ${name} is empty; the app treats it as not set, so nothing is checked for it`
          : value === ""
            ? 'The message key is empty; the app uses it as it is (it does not fall back to another key) and answers "Insufficient scope"'
            : 'The message key is blank; the app uses it as it is (it does not fall back to another key), finds no text and answers "Insufficient scope"',
        { name },
        what,
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
      const parent = path.slice(2);
      const sameIgnoringCase = allowed.find((name) => name.toLowerCase() === key.toLowerCase());
      if (sameIgnoringCase) {
        add(
          "property-case",
          "warning",
          childPath(path, key),
          `"${key}" is read by the app as "${sameIgnoringCase}" (names ignore case there), but the published schema only allows "${sameIgnoringCase}"`,
          { name: key, expected: sameIgnoringCase, parent },
        );
        continue;
      }
      const similar = similarKey(key, allowed);
      add(
        "unknown-property",
        "error",
        childPath(path, key),
        `"${key}" is not a property of ${parent}${similar ? ` (did you mean "${similar}"?)` : `; allowed: ${allowed.join(", ")}`}`,
        similar
          ? { name: key, parent, similar }
          : { name: key, parent, allowed: allowed.join(", ") },
        similar ? "similar" : undefined,
      );
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
      add(
        "wrong-type",
        "error",
        path,
        `${group} must be an object; the app cannot read the file and does not start`,
        { name: group, expected: "object" },
      );
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
      add(
        "unresolved-placeholder",
        "error",
        scope.path,
        "[app] cannot be replaced: the metadata has no valid id",
        { scope: scope.written },
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
          { app, scope: scope.name, reason: problem },
        );
      } else {
        const placeholderCase =
          /\[app\]/i.test(scope.written) && !scope.written.includes(APP_PLACEHOLDER);
        const orgPlaceholder = /\[org\]/i.test(scope.written);
        const hints = [
          placeholderCase ? "the placeholder is [app], in lowercase" : undefined,
          orgPlaceholder ? "there is no [org] placeholder" : undefined,
        ].filter(Boolean);
        add(
          "invalid-scope",
          "error",
          scope.path,
          `"${scope.name}" is not a valid prefix:subscope: ${problem}${hints.length ? ` (${hints.join("; ")})` : ""}`,
          {
            scope: scope.name,
            reason: problem,
            placeholderCase: placeholderCase ? 1 : 0,
            orgPlaceholder: orgPlaceholder ? 1 : 0,
          },
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
        { scope: scope.name },
      );
      continue;
    }
    if (options.prefixes && !options.prefixes.includes(prefix) && !prefixProblem(prefix)) {
      add(
        "prefix-not-held",
        "error",
        scope.path,
        `The organisation does not hold the prefix "${prefix}" (it holds ${options.prefixes.length ? options.prefixes.join(", ") : "none"}), so the scope cannot be created`,
        { prefix, held: options.prefixes.join(", ") },
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
          { scope: scope.name },
        );
      } else if (!active) {
        add(
          "deactivated-in-maskinporten",
          "warning",
          scope.path,
          `"${scope.name}" is deactivated in Maskinporten: provisioning reactivates it`,
          { scope: scope.name },
        );
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
    add(
      "nothing-checked",
      "warning",
      apiScopesPath,
      "apiScopes sets no scope, so the app checks none (the built-in altinn: scopes apply)",
    );
    return;
  }
  for (const group of API_SCOPE_GROUPS) {
    const { read, write } = resolved[group];
    const path = childPath(apiScopesPath, memberIgnoringCase(apiScopes, group)?.key ?? group);
    const writePath = resolved.scopes.find(
      (s) => s.group === group && s.operation === "write",
    )?.path;
    const who = group === "users" ? "users" : "service owners";
    if (read !== undefined && read === write) {
      add(
        "write-equals-read",
        "warning",
        writePath ?? `${path}.write`,
        `Writing needs the same scope as reading ("${read}"): every client that may read may also change instances`,
        { scope: read },
      );
    }
    if ((read === undefined) !== (write === undefined)) {
      const unset = read === undefined ? "read" : "write";
      add(
        "half-configured",
        "warning",
        path,
        `${group}.${unset} is not set, so ${unset}s by ${who} are not checked at all`,
        { group, operation: unset },
      );
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
      .filter(([, texts]) => !texts.has(key))
      .map(([language]) => language);
    if (languages.size === 0 || missing.length > 0) {
      add(
        "missing-text",
        "warning",
        path,
        `The text resources ${languages.size === 0 ? "are empty" : `for ${missing.join(", ")} have no text`} with id "${key}": the 403 will say "Insufficient scope"`,
        { key, languages: missing.join(", ") },
        languages.size === 0 ? "none" : undefined,
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

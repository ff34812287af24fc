import { prefixProblem } from "@portvakt/contracts";
import {
  API_SCOPE_GROUPS,
  APP_PLACEHOLDER,
  type ApiScopeGroup,
  ApiScopesConfig,
  type ApiScopesGroupConfig,
} from "./api-scopes";
import { AltinnInputError, AltinnOptionError, altinnIssuesOf } from "./errors";
import { childPath, parseJsonSource } from "./json-source";
import { APP_NAME_PATTERN } from "./requests";

export interface GenerateApiScopesOptions {
  /** A Maskinporten prefix the app owner holds, e.g. `ttd`. */
  prefix: string;
  /** The app name (the part after `/` in the metadata `id`). */
  app: string;
  /**
   * `placeholder` (default) writes `[app]`, which the app replaces at run time, so the file
   * survives a rename; `concrete` writes the app name itself.
   */
  style?: "placeholder" | "concrete";
  /** Default both groups. */
  groups?: readonly ApiScopeGroup[];
  /** Written at the top level when given; the app's default is `authorization.scopes.insufficient`. */
  errorMessageTextResourceKey?: string;
}

/**
 * The recommended `apiScopes`: users `<prefix>:[app].instances.read|write`, service owners
 * `<prefix>:[app]/serviceowner/instances.read|write` (the Altinn docs' own layout).
 * @throws AltinnOptionError (a `RangeError`) with code `altinn.generate.invalid-prefix` for a
 * prefix that breaks the naming rule, `altinn.generate.invalid-app` for an app name with `/` or
 * white space.
 */
export function generateApiScopes(options: GenerateApiScopesOptions): ApiScopesConfig {
  const problem = prefixProblem(options.prefix);
  if (problem) {
    throw new AltinnOptionError(
      "altinn.generate.invalid-prefix",
      `${problem}: "${options.prefix}"`,
      { prefix: options.prefix, reason: problem },
    );
  }
  if (!APP_NAME_PATTERN.test(options.app)) {
    throw new AltinnOptionError(
      "altinn.generate.invalid-app",
      `An app name has no "/" or spaces: "${options.app}"`,
      { app: options.app },
    );
  }
  const app = options.style === "concrete" ? options.app : APP_PLACEHOLDER;
  const groups = options.groups ?? API_SCOPE_GROUPS;
  const config: ApiScopesConfig = {};
  if (groups.includes("users")) {
    config.users = {
      read: `${options.prefix}:${app}.instances.read`,
      write: `${options.prefix}:${app}.instances.write`,
    } satisfies ApiScopesGroupConfig;
  }
  if (groups.includes("serviceOwners")) {
    config.serviceOwners = {
      read: `${options.prefix}:${app}/serviceowner/instances.read`,
      write: `${options.prefix}:${app}/serviceowner/instances.write`,
    };
  }
  if (options.errorMessageTextResourceKey) {
    config.errorMessageTextResourceKey = options.errorMessageTextResourceKey;
  }
  return config;
}

function indentOfLineAt(text: string, offset: number): string {
  const lineStart = text.lastIndexOf("\n", offset - 1) + 1;
  return /^[ \t]*/.exec(text.slice(lineStart, offset))![0];
}

/**
 * Puts `apiScopes` into the text of an `applicationmetadata.json`: replaces the existing block,
 * or appends it as the last property. Every other character of the file stays as it was; the
 * new block follows the file's indentation (spaces or tabs) and line endings.
 * @throws JsonSyntaxError when `fileText` is not JSON; AltinnInputError (a `TypeError`) with code
 * `altinn.metadata.not-an-object` when it is not a JSON object, `altinn.api-scopes.invalid` when
 * `apiScopes` breaks `ApiScopesConfig`.
 */
export function insertApiScopes(fileText: string, apiScopes: ApiScopesConfig): string {
  const checked = ApiScopesConfig.safeParse(apiScopes);
  if (!checked.success) {
    const issues = altinnIssuesOf(checked.error);
    const fields = issues.map((issue) => issue.field || "apiScopes").join(", ");
    throw new AltinnInputError(
      "altinn.api-scopes.invalid",
      `The apiScopes block is not valid at: ${fields}`,
      { fields },
      issues,
    );
  }
  const block = checked.data;
  const source = parseJsonSource(fileText);
  const root = source.value;
  if (typeof root !== "object" || root === null || Array.isArray(root)) {
    throw new AltinnInputError(
      "altinn.metadata.not-an-object",
      "applicationmetadata.json must hold a JSON object",
    );
  }
  const rootSpan = source.spans.get("$")!;
  const newline = fileText.includes("\r\n") ? "\r\n" : "\n";
  const members = Object.keys(root).map((key) => source.spans.get(childPath("$", key))!);
  const multiline = fileText.slice(rootSpan.start, rootSpan.end).includes("\n");

  if (!multiline && members.length > 0) {
    // A one-line file stays one line.
    const compact = JSON.stringify(block);
    const existing = source.spans.get("$.apiScopes");
    if (existing) {
      return fileText.slice(0, existing.start) + compact + fileText.slice(existing.end);
    }
    const last = members.reduce((a, b) => (b.end > a.end ? b : a));
    return `${fileText.slice(0, last.end)},"apiScopes":${compact}${fileText.slice(last.end)}`;
  }

  const firstKey = members.reduce<number | undefined>(
    (first, span) => (first === undefined || span.keyStart! < first ? span.keyStart : first),
    undefined,
  );
  const rootIndent = indentOfLineAt(fileText, rootSpan.start);
  const memberIndent =
    firstKey !== undefined ? indentOfLineAt(fileText, firstKey) : `${rootIndent}  `;
  // One level of indentation: what the members add to the root's own line.
  const unit = memberIndent.startsWith(rootIndent)
    ? memberIndent.slice(rootIndent.length) || "  "
    : memberIndent || "  ";
  const serialised = JSON.stringify(block, null, unit)
    .split("\n")
    .join(newline + memberIndent);

  const existing = source.spans.get("$.apiScopes");
  if (existing) {
    return fileText.slice(0, existing.start) + serialised + fileText.slice(existing.end);
  }
  const property = `"apiScopes": ${serialised}`;
  if (members.length === 0) {
    return `${fileText.slice(0, rootSpan.start)}{${newline}${memberIndent}${property}${newline}${rootIndent}}${fileText.slice(rootSpan.end)}`;
  }
  const last = members.reduce((a, b) => (b.end > a.end ? b : a));
  return `${fileText.slice(0, last.end)},${newline}${memberIndent}${property}${fileText.slice(last.end)}`;
}

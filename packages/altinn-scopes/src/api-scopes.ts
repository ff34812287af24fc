import { z } from "zod";
import { JsonSyntaxError, parseJsonSource } from "./json-source";

/** The two caller groups an app's `apiScopes` distinguishes. */
export const API_SCOPE_GROUPS = ["users", "serviceOwners"] as const;
export type ApiScopeGroup = (typeof API_SCOPE_GROUPS)[number];

export const API_SCOPE_OPERATIONS = ["read", "write"] as const;
export type ApiScopeOperation = (typeof API_SCOPE_OPERATIONS)[number];

/** The placeholder the app replaces with its name; there is no `[org]`. */
export const APP_PLACEHOLDER = "[app]";

/** Used when neither the group nor the top level names a message key. */
export const DEFAULT_MESSAGE_KEY = "authorization.scopes.insufficient";
/** The 403 `detail` when the message key has no text in the app's text resources. */
export const DEFAULT_MESSAGE_TEXT = "Insufficient scope";

/** Issued by Altinn to people signed in to the portal; the app lets users through with it. */
export const PORTAL_ENDUSER_SCOPE = "altinn:portal/enduser";

/** What the app requires when `apiScopes` configures nothing (for display; not enforced here). */
export const BUILT_IN_SCOPES: Readonly<
  Record<ApiScopeGroup, Readonly<Record<ApiScopeOperation, string>>>
> = {
  users: { read: "altinn:instances.read", write: "altinn:instances.write" },
  serviceOwners: {
    read: "altinn:serviceowner/instances.read",
    write: "altinn:serviceowner/instances.write",
  },
};

/** One group of `apiScopes`; the published schema allows no other properties. */
export const ApiScopesGroupConfig = z
  .strictObject({
    read: z.string().optional(),
    write: z.string().optional(),
    errorMessageTextResourceKey: z.string().optional(),
  })
  .meta({ id: "AltinnApiScopesGroup" });
export type ApiScopesGroupConfig = z.infer<typeof ApiScopesGroupConfig>;

/** `apiScopes` of `App/config/applicationmetadata.json`; every property optional. */
export const ApiScopesConfig = z
  .strictObject({
    users: ApiScopesGroupConfig.optional(),
    serviceOwners: ApiScopesGroupConfig.optional(),
    errorMessageTextResourceKey: z.string().optional(),
  })
  .meta({ id: "AltinnApiScopes" });
export type ApiScopesConfig = z.infer<typeof ApiScopesConfig>;

/**
 * One text of `App/config/texts/resource.{lang}.json`; other members (variables) are allowed. A
 * text may have no value, or null: the app then finds it but has nothing to say
 * (TranslationService.cs lines 99 and 255-258), so the 403 says "Insufficient scope".
 */
export const TextResource = z.looseObject({
  id: z.string(),
  value: z.string().nullable().optional(),
});

/** One `resource.{lang}.json` file, with its member names as Altinn Studio writes them. */
export const TextResourceFile = z
  .looseObject({ language: z.string().optional(), resources: z.array(TextResource) })
  .meta({ id: "AltinnTextResourceFile" });
export type TextResourceFile = z.infer<typeof TextResourceFile>;

/** The member names of a text file and its texts, as `TextResourceFile` spells them. */
const TEXT_FILE_NAMES = ["language", "resources"];
const TEXT_NAMES = ["id", "value", "variables"];
const VARIABLE_NAMES = ["key", "dataSource", "defaultValue"];

function renameIgnoringCase(value: unknown, names: readonly string[]): unknown {
  if (typeof value !== "object" || value === null || Array.isArray(value)) return value;
  const result: Record<string, unknown> = {};
  for (const [key, member] of Object.entries(value)) {
    const name = names.find((n) => n.toLowerCase() === key.toLowerCase()) ?? key;
    // A later member replaces an earlier one with the same name ignoring case.
    delete result[name];
    result[name] = member;
  }
  return result;
}

/**
 * A parsed text resource file with its member names written as `TextResourceFile` has them:
 * the app reads them ignoring case (`AppResourcesSI.cs` line 27, `PropertyNameCaseInsensitive`),
 * a later member replacing an earlier one. Values are left as they are, for the schema to check.
 */
function normalizeTextResourceFile(value: unknown): unknown {
  const file = renameIgnoringCase(value, TEXT_FILE_NAMES);
  if (typeof file !== "object" || file === null || Array.isArray(file)) return file;
  const resources = (file as Record<string, unknown>).resources;
  if (!Array.isArray(resources)) return file;
  return {
    ...file,
    resources: resources.map((text) => {
      const named = renameIgnoringCase(text, TEXT_NAMES) as Record<string, unknown>;
      return Array.isArray(named?.variables)
        ? {
            ...named,
            variables: named.variables.map((v: unknown) => renameIgnoringCase(v, VARIABLE_NAMES)),
          }
        : named;
    }),
  };
}

/**
 * Reads one `resource.{lang}.json` text as the app does (`AppResourcesSI.cs` lines 23-28 and
 * 81-84): comments skipped, trailing commas allowed, member names ignoring case. The language
 * is the file name's (`resource.en.json`: line 72 reads the file by it and line 87 overwrites
 * the file's own `language`); a name without one falls back to the file's `language`, then
 * `nb`. Refuses text that is not JSON (`JsonSyntaxError`, with line and column) and a file the
 * app cannot read into its model (`path`: the JSON path of the first value at fault).
 * @throws nothing; every refusal is returned.
 */
export function readTextResourceFile(
  fileName: string,
  text: string,
):
  | { ok: true; language: string; file: TextResourceFile }
  | { ok: false; syntax: JsonSyntaxError }
  | { ok: false; path: string } {
  let value: unknown;
  try {
    value = parseJsonSource(text, { allowTrailingCommas: true, skipComments: true }).value;
  } catch (error) {
    if (error instanceof JsonSyntaxError) return { ok: false, syntax: error };
    throw error;
  }
  const parsed = TextResourceFile.safeParse(normalizeTextResourceFile(value));
  if (!parsed.success) {
    const path = (parsed.error.issues[0]?.path ?? []).map((p) =>
      typeof p === "number" ? `[${p}]` : `.${String(p)}`,
    );
    return { ok: false, path: `$${path.join("")}` };
  }
  const fromName = /resource\.([A-Za-z-]+)\.json$/i.exec(fileName)?.[1];
  return { ok: true, language: fromName ?? parsed.data.language ?? "nb", file: parsed.data };
}

/**
 * An app's text resources: files keyed by language (`{"nb": {...}, "en": {...}}`), or a list of
 * files that each name their `language`.
 */
export const TextResources = z
  .union([z.record(z.string(), TextResourceFile), z.array(TextResourceFile)])
  .meta({ id: "AltinnTextResources" });
export type TextResources = z.infer<typeof TextResources>;

/**
 * Texts by language, then by id: the first text with an id counts (`List<T>.Find`,
 * TranslationService.cs line 255), its value null when it has none. A listed file without
 * `language` counts as `nb`.
 */
export function textsByLanguage(resources: TextResources): Map<string, Map<string, string | null>> {
  const files: Array<[string, TextResourceFile]> = Array.isArray(resources)
    ? resources.map((file) => [file.language ?? "nb", file])
    : Object.entries(resources);
  const result = new Map<string, Map<string, string | null>>();
  for (const [language, file] of files) {
    const texts = result.get(language) ?? new Map<string, string | null>();
    for (const resource of file.resources) {
      if (!texts.has(resource.id)) texts.set(resource.id, resource.value ?? null);
    }
    result.set(language, texts);
  }
  return result;
}

import { z } from "zod";

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

/** One text of `App/config/texts/resource.{lang}.json`; other members (variables) are allowed. */
export const TextResource = z.looseObject({ id: z.string(), value: z.string() });

/** One `resource.{lang}.json` file. */
export const TextResourceFile = z
  .looseObject({ language: z.string().optional(), resources: z.array(TextResource) })
  .meta({ id: "AltinnTextResourceFile" });
export type TextResourceFile = z.infer<typeof TextResourceFile>;

/**
 * An app's text resources: files keyed by language (`{"nb": {...}, "en": {...}}`), or a list of
 * files that each name their `language`.
 */
export const TextResources = z
  .union([z.record(z.string(), TextResourceFile), z.array(TextResourceFile)])
  .meta({ id: "AltinnTextResources" });
export type TextResources = z.infer<typeof TextResources>;

/** Texts by language, then by id. A listed file without `language` counts as `nb`. */
export function textsByLanguage(resources: TextResources): Map<string, Map<string, string>> {
  const files: Array<[string, TextResourceFile]> = Array.isArray(resources)
    ? resources.map((file) => [file.language ?? "nb", file])
    : Object.entries(resources);
  const result = new Map<string, Map<string, string>>();
  for (const [language, file] of files) {
    const texts = result.get(language) ?? new Map<string, string>();
    for (const resource of file.resources) texts.set(resource.id, resource.value);
    result.set(language, texts);
  }
  return result;
}

/**
 * Rule 3 of issue 19: the text of the 403, as the app finds it. Sources (Altinn/app-lib-dotnet,
 * commit 1363997d): `ScopeAuthorizationMiddleware.cs` lines 97-101 and 404-419,
 * `src/Altinn.App.Core/Internal/Texts/TranslationService.cs` lines 47-120, 246-352 and 387-395,
 * `Authenticated.cs` lines 63-79, `AppResourcesSI.cs` lines 68-90.
 */
import { DEFAULT_MESSAGE_KEY, DEFAULT_MESSAGE_TEXT, type TextResources } from "./api-scopes";
import type { CallerKind } from "./caller";

/** One text variable: `{0}`, `{1}` … in the value are replaced in order (lines 100-116). */
interface Variable {
  key: string;
  dataSource: string;
  defaultValue?: string;
}
interface Text {
  id: string;
  /** Absent when the file gives none or null: the text is found but says nothing. */
  value?: string;
  variables: Variable[];
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/** A member by name ignoring case, as the app's JSON options read text files. */
function field(record: Record<string, unknown>, name: string): unknown {
  const key = Object.keys(record).findLast((k) => k.toLowerCase() === name.toLowerCase());
  return key === undefined ? undefined : record[key];
}

/** The files by language, each the list of texts in file order (`resource.{lang}.json`). */
function filesOf(resources: TextResources | undefined): Map<string, Text[]> {
  const files = new Map<string, Text[]>();
  if (!resources) return files;
  const entries: Array<[string, unknown]> = Array.isArray(resources)
    ? resources.map((file) => [typeof file.language === "string" ? file.language : "nb", file])
    : Object.entries(resources);
  for (const [language, file] of entries) {
    const list = files.get(language) ?? [];
    const items = isRecord(file) ? field(file, "resources") : undefined;
    for (const item of Array.isArray(items) ? items : []) {
      if (!isRecord(item)) continue;
      const id = field(item, "id");
      const value = field(item, "value");
      if (typeof id !== "string") continue;
      const variables = field(item, "variables");
      list.push({
        id,
        ...(typeof value === "string" ? { value } : {}),
        variables: (Array.isArray(variables) ? variables : []).filter(isRecord).map((v) => {
          const defaultValue = field(v, "defaultValue");
          return {
            key: String(field(v, "key") ?? ""),
            dataSource: String(field(v, "dataSource") ?? ""),
            ...(typeof defaultValue === "string" ? { defaultValue } : {}),
          };
        }),
      });
    }
    files.set(language, list);
  }
  return files;
}

/**
 * The language the app uses for the 403 (`Authenticated.GetLanguage`, lines 63-79): a signed-in
 * person's profile language when set, otherwise `nb`; system users, organisations and service
 * owners always get `nb`.
 */
export function languageOf(kind: CallerKind, profileLanguage?: string): string {
  if (kind !== "user") return "nb";
  return profileLanguage ? profileLanguage : "nb";
}

/** The texts the app has built in when the app's own files lack the key (lines 287-352). */
function backendFallback(key: string, language: string): Text | undefined {
  const pick = (nb: string, nn: string, other: string) =>
    language === "nb" ? nb : language === "nn" ? nn : other;
  switch (key) {
    case "backend.validation_errors.required":
      return {
        id: key,
        value: pick("Feltet er påkrevd", "Feltet er påkravd", "Field is required"),
        variables: [],
      };
    case "backend.pdf_default_file_name":
      return {
        id: key,
        value: "{0}.pdf",
        variables: [{ key: "appName", dataSource: "text", defaultValue: "Altinn PDF" }],
      };
    case "pdfPreviewText":
      return {
        id: key,
        value:
          language === "en"
            ? "The document is a preview"
            : language === "nn"
              ? "Dokumentet er ein førehandsvisning"
              : "Dokumentet er en forhåndsvisning",
        variables: [],
      };
    case "backend.xsd_validation":
      return {
        id: key,
        value: pick(
          "Et felt bryter reglene satt av XSD. Melding: {0}",
          "Eit felt bryt reglane sette av XSD. Melding: {0}",
          "A field is in violation of the rules set by the XSD schema. Message: {0}",
        ),
        variables: [{ key: "message", dataSource: "customTextParameters", defaultValue: "" }],
      };
  }
  return undefined;
}

/** How a message was found: the trail the "try a request" page shows under rule 3. */
export interface MessageLookup {
  /** The key used: the group's, else the top level's, else the default; "" when set blank. */
  key: string;
  /** Where the key came from. */
  keyFrom: "group" | "top" | "default";
  /** The language asked for. */
  language: string;
  /** The language whose file was read: `nb` when the asked-for file does not exist. */
  fileLanguage?: string;
  /** The text, after `{0}` variables were filled; undefined when none was found. */
  text?: string;
  /** The built-in or app-name text stood in. */
  builtIn?: boolean;
  /** The 403 `detail`. */
  detail: string;
}

interface Ctx {
  files: Map<string, Text[]>;
  appName: string;
  titles?: Record<string, string>;
  depth: number;
}

/** `GetTextResourceElement` (lines 246-285). */
function element(
  ctx: Ctx,
  key: string,
  language: string,
): { text?: Text; file?: string; builtIn?: boolean } {
  let file: string | undefined = ctx.files.has(language) ? language : undefined;
  if (file === undefined && language !== "nb" && ctx.files.has("nb")) file = "nb";
  const list = file === undefined ? undefined : ctx.files.get(file);
  // List<T>.Find: the first text with the id, compared exactly.
  const found = list?.find((text) => text.id === key);
  if (found) return { text: found, ...(file ? { file } : {}) };
  if (key === "appName") {
    const serviceName = list?.find((text) => text.id === "ServiceName");
    if (serviceName) return { text: serviceName, ...(file ? { file } : {}) };
    const titles = ctx.titles && Object.keys(ctx.titles).length > 0 ? ctx.titles : undefined;
    const value = titles ? (titles[language] ?? Object.values(titles)[0]!) : ctx.appName;
    return {
      text: { id: "appName", value, variables: [] },
      builtIn: true,
      ...(file ? { file } : {}),
    };
  }
  const fallback = backendFallback(key, language);
  return fallback
    ? { text: fallback, builtIn: true, ...(file ? { file } : {}) }
    : file
      ? { file }
      : {};
}

/** `TranslateTextKey` without layout state (lines 47-56, 91-244). */
function translate(
  ctx: Ctx,
  key: string,
  language: string,
): { value?: string; file?: string; builtIn?: boolean } {
  const found = element(ctx, key, language);
  // A text without a value is still the one found (lines 255-258); it gives null (line 99).
  if (found.text?.value === undefined) return { ...(found.file ? { file: found.file } : {}) };
  let value = found.text.value;
  found.text.variables.forEach((variable, index) => {
    let replacement: string | undefined;
    if (variable.dataSource === "text" && variable.key !== found.text!.id && ctx.depth < 32) {
      // A cycle of two or more texts makes the app recurse until it fails; cut it short here.
      replacement = translate({ ...ctx, depth: ctx.depth + 1 }, variable.key, language).value;
    }
    // dataModel.*, instanceContext and applicationSettings need a layout state, which the
    // middleware does not have; customTextParameters are not given: all fall to the default.
    replacement ??= variable.defaultValue;
    value = value.replaceAll(`{${index}}`, replacement ?? variable.key);
  });
  return {
    value,
    ...(found.file ? { file: found.file } : {}),
    ...(found.builtIn ? { builtIn: true } : {}),
  };
}

/** The message keys of one group, exactly as written (null: not given). */
export interface MessageKeys {
  group?: string | null;
  top?: string | null;
}

/**
 * The 403 `detail` the app sends. The key: the group's, else the top level's, else
 * `authorization.scopes.insufficient`, falling through only when a key is missing (C# `??`,
 * lines 404-419), so a blank key is used as is. `TranslateTextKeyLenient` gives nothing for an
 * empty key (lines 387-395); the text is looked up in the caller's language, falling back to
 * `nb` only when that language has no file (lines 248-254); without a text, "Insufficient scope"
 * (line 101).
 */
export function messageFor(
  keys: MessageKeys,
  language: string,
  options: { textResources?: TextResources; appName: string; titles?: Record<string, string> },
): MessageLookup {
  const keyFrom =
    typeof keys.group === "string" ? "group" : typeof keys.top === "string" ? "top" : "default";
  const key =
    keyFrom === "group"
      ? (keys.group as string)
      : keyFrom === "top"
        ? (keys.top as string)
        : DEFAULT_MESSAGE_KEY;
  if (key === "") return { key, keyFrom, language, detail: DEFAULT_MESSAGE_TEXT };
  const ctx: Ctx = {
    files: filesOf(options.textResources),
    appName: options.appName,
    ...(options.titles ? { titles: options.titles } : {}),
    depth: 0,
  };
  const result = translate(ctx, key, language);
  return {
    key,
    keyFrom,
    language,
    ...(result.file ? { fileLanguage: result.file } : {}),
    ...(result.value !== undefined ? { text: result.value } : {}),
    ...(result.builtIn ? { builtIn: true } : {}),
    detail: result.value ?? DEFAULT_MESSAGE_TEXT,
  };
}

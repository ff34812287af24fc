import {
  browserProblemMessages,
  type Coded,
  codedFromText,
  LANGS,
  type Lang,
  type MessageTable,
  validationMessages,
} from "@portvakt/contracts";

// The code tables live in code-tables.ts, loaded as a chunk of their own once the first page is
// shown (`loadCodeTables`, called by the I18nProvider): the BFF's problems, diagnosis, Altinn and
// config texts in three languages would push the first load past 200 kB gzipped. Only the
// browser's own problems and the validation texts the forms use are here from the start; until
// the rest are in, `tc` shows a code's English `detail`.

// biome-ignore lint/suspicious/noExplicitAny: tables of different code unions share one list
const registered: MessageTable<any>[] = [];
const merged: Record<Lang, Map<string, string>> = {
  nb: new Map(),
  nn: new Map(),
  en: new Map(),
};

// biome-ignore lint/suspicious/noExplicitAny: tables of different code unions share one list
function register(tables: readonly MessageTable<any>[]) {
  for (const table of tables) {
    if (registered.includes(table)) continue;
    registered.push(table);
    for (const lang of LANGS) {
      for (const [code, text] of Object.entries(table[lang] as Record<string, string>)) {
        merged[lang].set(code, text);
      }
    }
  }
}
register([browserProblemMessages, validationMessages]);

let loading: Promise<void> | undefined;
/** Loads every code table (code-tables.ts, its own chunk) once; resolves when they are in. */
export function loadCodeTables(): Promise<void> {
  loading ??= import("./code-tables").then((module) => register(module.CODE_TABLES));
  return loading;
}

/** The template of a code in a language, if a loaded table has it. */
export function codeTemplate(code: string, lang: Lang): string | undefined {
  return merged[lang].get(code);
}

/** An English text made by a package (e.g. `orgNumberProblem`) read back into its code. */
export function codedOf(text: string): Coded | undefined {
  return codedFromText(text, registered);
}

export type { Coded };

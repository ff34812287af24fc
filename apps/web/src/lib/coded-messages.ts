import { altinnMessages } from "@portvakt/altinn-scopes/messages";
import { configMessages } from "@portvakt/config-as-code/messages";
import {
  type Coded,
  codedFromText,
  LANGS,
  type Lang,
  type MessageTable,
  problemMessages,
  validationMessages,
} from "@portvakt/contracts";
import { diagnosisMessages } from "@portvakt/diagnosis/messages";
import { maskinportenRulesMessages } from "@portvakt/maskinporten-rules/messages";
import { selfServiceMessages } from "@portvakt/maskinporten-rules/self-service-messages";

// Each table from its own module, not the package's index: the index brings the package's code
// (Altinn's routes, jose) into the first load, which must stay under 200 kB gzipped.
/**
 * Every code → text table the browser can render (docs/i18n.md). A package or BFF module that
 * emits coded texts adds its table here; `useI18n().tc` looks codes up in these, and the test
 * beside this file fails when a code lacks a valid nb, nn or en text.
 */
// biome-ignore lint/suspicious/noExplicitAny: tables of different code unions share one list
export const CODE_TABLES: MessageTable<any>[] = [
  validationMessages,
  problemMessages,
  selfServiceMessages,
  altinnMessages,
  diagnosisMessages,
  maskinportenRulesMessages,
  configMessages,
];

const merged: Record<Lang, Map<string, string>> = {
  nb: new Map(),
  nn: new Map(),
  en: new Map(),
};
for (const table of CODE_TABLES) {
  for (const lang of LANGS) {
    for (const [code, text] of Object.entries(table[lang] as Record<string, string>)) {
      merged[lang].set(code, text);
    }
  }
}

/** The template of a code in a language, if any table has it. */
export function codeTemplate(code: string, lang: Lang): string | undefined {
  return merged[lang].get(code);
}

/** An English text made by a package (e.g. `orgNumberProblem`) read back into its code. */
export function codedOf(text: string): Coded | undefined {
  return codedFromText(text, CODE_TABLES);
}

export type { Coded };

import { altinnMessages } from "@portvakt/altinn-scopes/messages";
import { configMessages } from "@portvakt/config-as-code/messages";
import {
  auditMessages,
  LANGS,
  type MessageTable,
  problemMessages,
  validationMessages,
} from "@portvakt/contracts";
import { diagnosisMessages } from "@portvakt/diagnosis/messages";
import { maskinportenRulesMessages } from "@portvakt/maskinporten-rules/messages";
import { selfServiceMessages } from "@portvakt/maskinporten-rules/self-service-messages";

// biome-ignore lint/suspicious/noExplicitAny: tables of different code unions share one list
const TABLES: MessageTable<any>[] = [
  problemMessages,
  validationMessages,
  selfServiceMessages,
  maskinportenRulesMessages,
  configMessages,
  altinnMessages,
  diagnosisMessages,
  auditMessages,
];

/** Whether `code` has a text in nb, nn and en in one of the tables the BFF's texts come from. */
export function hasTexts(code: string): boolean {
  return TABLES.some((table) => LANGS.every((lang) => typeof table[lang]?.[code] === "string"));
}

/**
 * Parameters that are quoted words of someone else (Digdir's answer, a file's own text), shown
 * as theirs ("Digdirs ord: …"), never as Portvakt's sentence; everything else is a value.
 */
const QUOTED_PARAMS = new Set([
  "words",
  // selfServiceMessages' `digdir`: Digdir's own error_description, shown as «what Digdir said».
  "digdir",
]);

// An English sentence: several words, one of them a common English function word.
const ENGLISH =
  /\b(the|is|are|not|must|cannot|can't|has|have|was|expected|should|already|differs|give|write|listed|twice|yet)\b/i;

function looksLikeEnglishSentence(value: string): boolean {
  return value.trim().split(/\s+/).length >= 3 && ENGLISH.test(value);
}

/**
 * Every text in a BFF answer that would reach a page in English (issue 14 #13): an object with
 * a `detail` or `message` (a problem, a field error, a step's error, a plan text) must carry a
 * `code` with texts in nb, nn and en, and its string parameters must be values, not English
 * sentences (except quoted words, `words`). Returns the JSON paths of the faults, with why.
 */
export function uncodedTexts(body: unknown, path = "$"): string[] {
  if (Array.isArray(body)) return body.flatMap((item, i) => uncodedTexts(item, `${path}[${i}]`));
  if (body === null || typeof body !== "object") return [];
  const record = body as Record<string, unknown>;
  const faults: string[] = [];
  const said = typeof record.detail === "string" ? record.detail : record.message;
  if (typeof said === "string") {
    const code = record.code;
    if (typeof code !== "string") faults.push(`${path}: no code for "${said}"`);
    else if (!hasTexts(code)) faults.push(`${path}: code ${code} has no nb/nn/en text`);
    const params = record.params;
    if (params && typeof params === "object") {
      for (const [name, value] of Object.entries(params)) {
        if (
          typeof value === "string" &&
          !QUOTED_PARAMS.has(name) &&
          looksLikeEnglishSentence(value)
        )
          faults.push(`${path}.params.${name}: English sentence "${value}" as a parameter`);
      }
    }
  }
  for (const [key, value] of Object.entries(record)) {
    if (key === "params") continue;
    faults.push(...uncodedTexts(value, `${path}.${key}`));
  }
  return faults;
}

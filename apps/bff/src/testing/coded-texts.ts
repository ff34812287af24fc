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
  // An Altinn app's own 403 text, looked up by its `messageKey` in the app's text resources:
  // the app's words (shown quoted), not Portvakt's.
  const quoted = typeof record.messageKey === "string" && record.detail === undefined;
  if (typeof said === "string" && !quoted) {
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
  // A text whose code travels in a sibling `<name>Code` (a diagnosis's `summary`, a check's `fix`).
  for (const [key, value] of Object.entries(record)) {
    const sibling = record[`${key}Code`];
    if (typeof value === "string" && typeof sibling === "string" && !hasTexts(sibling))
      faults.push(`${path}.${key}: code ${sibling} has no nb/nn/en text`);
  }
  for (const [key, value] of Object.entries(record)) {
    if (key === "params") continue;
    faults.push(...uncodedTexts(value, `${path}.${key}`));
  }
  return faults;
}

/**
 * Members that hold data, not Portvakt's words: names and descriptions people or Digdir wrote,
 * certificate subjects, Digdir's own error words, JSON paths. An English sentence there is theirs.
 */
const DATA_MEMBERS = new Set([
  "name",
  "description",
  "long_description",
  "client_name",
  "client_description",
  "subject",
  "issuer",
  "title",
  "words",
  "error_description",
  "value",
  "input",
]);

/**
 * English sentences anywhere in an answer that travel without a code (issue 14 #13), wherever
 * they sit, not only under `detail`/`message`: a string of three or more words with an English
 * function word, unless it is a coded `detail`/`message` (checked by `uncodedTexts`), has its
 * code beside it (`<name>Code`, `<name>Parts`, or a `texts` member for a config plan's English),
 * or is data (`DATA_MEMBERS`). Returns the JSON paths with the sentence.
 */
export function englishSentences(body: unknown, path = "$"): string[] {
  if (Array.isArray(body))
    return body.flatMap((item, i) => englishSentences(item, `${path}[${i}]`));
  if (body === null || typeof body !== "object") return [];
  const record = body as Record<string, unknown>;
  const found: string[] = [];
  for (const [key, value] of Object.entries(record)) {
    if (key === "params") continue;
    if (typeof value !== "string") {
      found.push(...englishSentences(value, `${path}.${key}`));
      continue;
    }
    const coded =
      ((key === "detail" || key === "message") && typeof record.code === "string") ||
      typeof record[`${key}Code`] === "string" ||
      record[`${key}Parts`] !== undefined ||
      (key === "message" && typeof record.messageKey === "string") ||
      record.texts !== undefined;
    if (coded || DATA_MEMBERS.has(key)) continue;
    if (looksLikeEnglishSentence(value)) found.push(`${path}.${key}: "${value.slice(0, 160)}"`);
  }
  return found;
}

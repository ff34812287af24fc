import { altinnMessages } from "@portvakt/altinn-scopes/messages";
import { configMessages } from "@portvakt/config-as-code/messages";
import {
  auditMessages,
  browserProblemMessages,
  type MessageTable,
  problemMessages,
  validationMessages,
} from "@portvakt/contracts";
import { diagnosisMessages } from "@portvakt/diagnosis/messages";
import { maskinportenRulesMessages } from "@portvakt/maskinporten-rules/messages";
import { selfServiceMessages } from "@portvakt/maskinporten-rules/self-service-messages";

// Loaded by `loadCodeTables` in coded-messages.ts as a chunk of its own, after the first page.
// Each table from its own module, not the package's index: the index brings the package's code
// (Altinn's routes, jose) into the first load, which must stay under 200 kB gzipped.
/**
 * Every code → text table the browser can render (docs/i18n.md). A package or BFF module that
 * emits coded texts adds its table here; `useI18n().tc` looks codes up in these, and the test
 * beside this file fails when a code lacks a valid nb, nn or en text.
 */
// biome-ignore lint/suspicious/noExplicitAny: tables of different code unions share one list
export const CODE_TABLES: MessageTable<any>[] = [
  browserProblemMessages,
  validationMessages,
  problemMessages,
  selfServiceMessages,
  altinnMessages,
  diagnosisMessages,
  maskinportenRulesMessages,
  configMessages,
  auditMessages,
];

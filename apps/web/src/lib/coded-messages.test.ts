import { messageTableProblems } from "@portvakt/contracts";
import { diagnosisMessages } from "@portvakt/diagnosis";
import { maskinportenRulesMessages } from "@portvakt/maskinporten-rules";
import { expect, it, vi } from "vitest";
import { CODE_TABLES } from "./code-tables";

// A fresh copy of the module (the web project runs its files without per-file isolation, so
// another file may have loaded the tables already): the BFF's tables are not in the first load.
it("knows the browser's own problems at once and the BFF's once the tables are loaded", async () => {
  vi.resetModules();
  const { codeTemplate, loadCodeTables } = await import("./coded-messages");
  expect(codeTemplate("problem.network", "nn")).toMatch(/^Fekk ikkje kontakt/);
  expect(codeTemplate("problem.own-admin-client", "nn")).toBeUndefined();
  await loadCodeTables();
  expect(codeTemplate("problem.own-admin-client", "nn")).toMatch(/låser seg sjølv/);
  expect(codeTemplate("diagnosis.input.json-invalid", "en")).toBeDefined();
});

it("every code the BFF and packages send has a valid text in nb, nn and en", () => {
  expect(CODE_TABLES.flatMap((table) => messageTableProblems(table))).toEqual([]);
});

it("the coded tables' nynorsk is nynorsk: no common bokmål-only words", () => {
  const bokmaal =
    /\b(ikke|hva|hvem|hvordan|hvilke|noe|noen|jeg|fra|bare|mye|mer|ennå|selv|uten|være|kunne ikke|henter|mangler|dere|hver|nøkler|klienter|tilganger|endringer)\b/i;
  const offenders = CODE_TABLES.flatMap((table) =>
    Object.entries(table.nn as Record<string, string>)
      .filter(([, text]) => bokmaal.test(text))
      .map(([code, text]) => `${code}: ${text}`),
  );
  expect(offenders).toEqual([]);
});

it("registers the diagnosis's and Maskinporten rules' tables, so every diagnosis code renders", () => {
  expect(CODE_TABLES).toContain(diagnosisMessages);
  expect(CODE_TABLES).toContain(maskinportenRulesMessages);
});

it("the coded tables make no plural by hand: no (er)/(s)/(ar), no count after 'all'/'alle'/'dei'", () => {
  const faked = CODE_TABLES.flatMap((table) =>
    (["nb", "nn", "en"] as const).flatMap((lang) =>
      Object.entries(table[lang] as Record<string, string>)
        .filter(([, text]) => /\w\((er|ar|s|e)\)|\b(all|alle|dei) \{\w+\}/i.test(text))
        .map(([code]) => `${lang}:${code}`),
    ),
  );
  expect(faked).toEqual([]);
});

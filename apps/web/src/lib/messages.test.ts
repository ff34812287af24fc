import { parse, TYPE } from "@formatjs/icu-messageformat-parser";
import { describe, expect, it } from "vitest";
import { createFormatter, LANGS } from "./i18n";
import { type MessageKey, nb } from "./messages";
import { en } from "./messages.en";
import { nn } from "./messages.nn";

const catalogues = { nb, nn, en };

/** The argument names a message uses (nested into plural/select branches). */
function argumentsOf(message: string): string[] {
  const names = new Set<string>();
  const walk = (elements: ReturnType<typeof parse>) => {
    for (const el of elements) {
      if (el.type === TYPE.literal || el.type === TYPE.pound) continue;
      if ("value" in el && typeof el.value === "string") names.add(el.value);
      if (el.type === TYPE.plural || el.type === TYPE.select) {
        for (const option of Object.values(el.options)) walk(option.value);
      }
      if (el.type === TYPE.tag) walk(el.children);
    }
  };
  walk(parse(message));
  return [...names].sort();
}

describe("the message catalogue", () => {
  const keys = Object.keys(nb) as MessageKey[];

  it.each(LANGS)("every %s message is valid ICU MessageFormat", (lang) => {
    const broken = keys.filter((key) => {
      try {
        parse(catalogues[lang][key]);
        return false;
      } catch {
        return true;
      }
    });
    expect(broken).toEqual([]);
  });

  it("nn and en use the same arguments as nb for every key", () => {
    const mismatched = keys.flatMap((key) =>
      (["nn", "en"] as const)
        .filter((lang) => argumentsOf(catalogues[lang][key]).join() !== argumentsOf(nb[key]).join())
        .map((lang) => `${lang}:${key}`),
    );
    expect(mismatched).toEqual([]);
  });

  it("nynorsk is nynorsk: no common bokmål-only words", () => {
    // Words that are bokmål only; their nynorsk forms are ikkje, kva, kven, korleis, noko,
    // nokon, eg, frå, berre, mykje, meir, enno, sjølv, utan, vere, hente→hentar …
    const bokmaal =
      /\b(ikke|hva|hvem|hvordan|hvilke|noe|noen|jeg|fra|bare|mye|mer|ennå|selv|uten|være|kunne ikke|henter|mangler|dere|hver|nøkler|klienter|tilganger|endringer)\b/i;
    const offenders = keys.filter((key) => bokmaal.test(nn[key])).map((k) => `${k}: ${nn[k]}`);
    expect(offenders).toEqual([]);
  });
});

describe("plurals", () => {
  it("no message fakes a plural with (er), (s) or (e)", () => {
    const faked = (["nb", "nn", "en"] as const).flatMap((lang) =>
      (Object.keys(nb) as MessageKey[])
        .filter((key) => /\w\((er|ar|s|e)\)/.test(catalogues[lang][key]))
        .map((key) => `${lang}:${key}`),
    );
    expect(faked).toEqual([]);
  });

  it("no count after 'all'/'alle'/'dei'/'de' outside a plural (one would read 'all 1 steps')", () => {
    const faked = (["nb", "nn", "en"] as const).flatMap((lang) =>
      (Object.keys(nb) as MessageKey[])
        .filter((key) => /\b(all|alle|dei|de|the) \{\w+\}/i.test(catalogues[lang][key]))
        .map((key) => `${lang}:${key}`),
    );
    expect(faked).toEqual([]);
  });

  it.each([
    ["nb", 1, "Ta med steget"],
    ["nb", 3, "Ta med alle 3 stegene"],
    ["nn", 1, "Ta med steget"],
    ["nn", 3, "Ta med alle dei 3 stega"],
    ["en", 1, "Include the step"],
    ["en", 3, "Include all 3 steps"],
  ] as const)("%s: include %d promotion steps", (lang, count, expected) => {
    expect(createFormatter(lang)(catalogues[lang]["promotion.chooseAll"], { count })).toBe(
      expected,
    );
  });

  it.each([
    ["nb", 1, "1 oppføring: 1 klar, 0 ugyldige"],
    ["nb", 2, "2 oppføringer: 2 klare, 0 ugyldige"],
    ["nn", 1, "1 oppføring: 1 klar, 0 ugyldige"],
    ["nn", 2, "2 oppføringar: 2 klare, 0 ugyldige"],
    ["en", 1, "1 entry: 1 ready, 0 invalid"],
    ["en", 2, "2 entries: 2 ready, 0 invalid"],
  ] as const)("%s with %d entries", (lang, count, expected) => {
    const format = createFormatter(lang);
    expect(
      format(catalogues[lang]["access.entriesSummary"], { total: count, ready: count, invalid: 0 }),
    ).toBe(expected);
  });
});

describe('counts of one (issue 14, defect 2: "1 oppføringer", "de 1 tilgangene")', () => {
  // Every message that shows a count next to a word that agrees with it (a noun, or in
  // nynorsk an adjective or participle: "1 steg utført", "2 steg utførte"), formatted at 1 and
  // at 2 in each language. A count beside a verb alone ("{ok} fikk tilgang") needs no plural.
  const cases: [MessageKey, Record<string, number>, Record<"nb" | "nn" | "en", string>][] = [
    [
      "config.plan.confirmed",
      { confirmed: 1, total: 1 },
      {
        nb: "1 av 1 farlig steg bekreftet",
        nn: "1 av 1 farleg steg stadfesta",
        en: "1 of 1 dangerous step confirmed",
      },
    ],
    [
      "config.plan.confirmed",
      { confirmed: 1, total: 2 },
      {
        nb: "1 av 2 farlige steg bekreftet",
        nn: "1 av 2 farlege steg stadfesta",
        en: "1 of 2 dangerous steps confirmed",
      },
    ],
    [
      "config.apply.applied",
      { done: 1 },
      {
        nb: "Planen er brukt: 1 steg utført",
        nn: "Planen er teken i bruk: 1 steg utført",
        en: "The plan has been applied: 1 step done",
      },
    ],
    [
      "config.apply.applied",
      { done: 2 },
      {
        nb: "Planen er brukt: 2 steg utført",
        nn: "Planen er teken i bruk: 2 steg utførte",
        en: "The plan has been applied: 2 steps done",
      },
    ],
    [
      "config.apply.failedStatus",
      { done: 1, notRun: 1 },
      {
        nb: "Stoppet ved et steg som feilet: 1 utført, 1 ikke kjørt",
        nn: "Stoppa ved eit steg som feila: 1 utført, 1 ikkje køyrt",
        en: "Stopped at a failed step: 1 done, 1 not run",
      },
    ],
    [
      "config.apply.failedStatus",
      { done: 2, notRun: 3 },
      {
        nb: "Stoppet ved et steg som feilet: 2 utført, 3 ikke kjørt",
        nn: "Stoppa ved eit steg som feila: 2 utførte, 3 ikkje køyrde",
        en: "Stopped at a failed step: 2 done, 3 not run",
      },
    ],
    [
      "promotion.chosen",
      { chosen: 1, total: 1 },
      { nb: "1 av 1 steg er valgt", nn: "1 av 1 steg er valt", en: "1 of 1 step chosen" },
    ],
    [
      "promotion.chosen",
      { chosen: 2, total: 3 },
      { nb: "2 av 3 steg er valgt", nn: "2 av 3 steg er valde", en: "2 of 3 steps chosen" },
    ],
    [
      "accessJob.progress",
      { done: 1, total: 3 },
      { nb: "1 av 3 ferdig", nn: "1 av 3 ferdig", en: "1 of 3 done" },
    ],
    [
      "accessJob.progress",
      { done: 2, total: 3 },
      { nb: "2 av 3 ferdig", nn: "2 av 3 ferdige", en: "2 of 3 done" },
    ],
    [
      "accessJob.counts",
      { success: 1, failure: 1, unknown: 1, waiting: 1 },
      {
        nb: "1 fullført, 1 feilet, 1 med uvisst utfall, 1 venter",
        nn: "1 fullført, 1 feila, 1 med uvisst utfall, 1 ventar",
        en: "1 completed, 1 failed, 1 with unknown outcome, 1 waiting",
      },
    ],
    [
      "accessJob.counts",
      { success: 2, failure: 0, unknown: 0, waiting: 2 },
      {
        nb: "2 fullført, 0 feilet, 0 med uvisst utfall, 2 venter",
        nn: "2 fullførte, 0 feila, 0 med uvisst utfall, 2 ventar",
        en: "2 completed, 0 failed, 0 with unknown outcome, 2 waiting",
      },
    ],
    [
      "accessJob.cancelled",
      { success: 1, total: 3, cancelled: 1 },
      {
        nb: "Jobben ble avbrutt: 1 av 3 ble gjort, 1 ble ikke sendt",
        nn: "Jobben vart avbroten: 1 av 3 vart gjort, 1 vart ikkje sendt",
        en: "The job was cancelled: 1 of 3 was done, 1 was not sent",
      },
    ],
    [
      "accessJob.cancelled",
      { success: 2, total: 5, cancelled: 3 },
      {
        nb: "Jobben ble avbrutt: 2 av 5 ble gjort, 3 ble ikke sendt",
        nn: "Jobben vart avbroten: 2 av 5 vart gjorde, 3 vart ikkje sende",
        en: "The job was cancelled: 2 of 5 were done, 3 were not sent",
      },
    ],
    [
      "access.revokedSome",
      { ok: 1, failed: 1 },
      {
        nb: "1 trukket tilbake, 1 feilet",
        nn: "1 trekt tilbake, 1 feila",
        en: "1 revoked, 1 failed",
      },
    ],
    [
      "access.revokedSome",
      { ok: 2, failed: 1 },
      {
        nb: "2 trukket tilbake, 1 feilet",
        nn: "2 trekte tilbake, 1 feila",
        en: "2 revoked, 1 failed",
      },
    ],
    [
      "clients.selectedScopes",
      { count: 1 },
      { nb: "1 scope valgt", nn: "1 scope valt", en: "1 scope selected" },
    ],
    [
      "clients.selectedScopes",
      { count: 2 },
      { nb: "2 scopes valgt", nn: "2 scope valde", en: "2 scopes selected" },
    ],
  ];
  it.each(
    cases.flatMap(([key, params, expected]) =>
      LANGS.map((lang) => [lang, key, JSON.stringify(params), expected[lang]] as const),
    ),
  )("%s: %s with %s", (lang, key, params, expected) => {
    expect(createFormatter(lang)(catalogues[lang][key], JSON.parse(params))).toBe(expected);
  });
});

it("an unknown key format without a detail reads without a stray space (issue 14, defect 8)", () => {
  expect(createFormatter("nb")(nb["keys.problem.unknownFormat"], { detail: "none" })).toBe(
    "Formatet er ukjent. Bruk JWK, PEM-offentlig nøkkel eller sertifikat.",
  );
  expect(createFormatter("en")(en["keys.problem.unknownFormat"], { detail: "DER" })).toBe(
    "Unknown format (DER). Use a JWK, a PEM public key or a certificate.",
  );
});

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

it("an unknown key format without a detail reads without a stray space (issue 14, defect 8)", () => {
  expect(createFormatter("nb")(nb["keys.problem.unknownFormat"], { detail: "none" })).toBe(
    "Formatet er ukjent. Bruk JWK, PEM-offentlig nøkkel eller sertifikat.",
  );
  expect(createFormatter("en")(en["keys.problem.unknownFormat"], { detail: "DER" })).toBe(
    "Unknown format (DER). Use a JWK, a PEM public key or a certificate.",
  );
});

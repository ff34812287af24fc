import { readdirSync, readFileSync, statSync } from "node:fs";
import { dirname, join, relative, resolve } from "node:path";
import { describe, expect, it } from "vitest";
import { LANGS, loadCatalogue } from "./i18n";
import { nb } from "./messages";

// Issue 14: first-load JS ≤ 200 kB gzip. Bokmål is in the first load; nynorsk and English are
// chunks of their own, fetched by `loadCatalogue` when chosen.

describe("loadCatalogue", () => {
  const keys = Object.keys(nb).sort();

  it.each(LANGS)("%s has exactly bokmål's keys, each a text", async (lang) => {
    const catalogue = await loadCatalogue(lang);
    expect(Object.keys(catalogue).sort()).toEqual(keys);
    const empty = Object.entries(catalogue).filter(([, text]) => typeof text !== "string" || !text);
    expect(empty).toEqual([]);
  });

  it("answers each language in its own words", async () => {
    const [nbTexts, nnTexts, enTexts] = await Promise.all([
      loadCatalogue("nb"),
      loadCatalogue("nn"),
      loadCatalogue("en"),
    ]);
    expect(nbTexts["common.loading"]).toBe("Laster …");
    expect(nnTexts["common.loading"]).toBe("Lastar …");
    expect(enTexts["common.loading"]).toBe("Loading …");
    expect(nnTexts["nav.clients"]).toBe("Klientar");
    expect(enTexts["nav.clients"]).toBe("Clients");
  });

  it("gives concurrent callers one catalogue", async () => {
    const [a, b] = await Promise.all([loadCatalogue("en"), loadCatalogue("en")]);
    expect(a).toBe(b);
    expect(await loadCatalogue("nb")).toBe(nb);
  });
});

// A component that imports `messages.en.ts` or `messages.nn.ts` (or a feature's) would put that
// language back into the first load: only the catalogues themselves and lib/i18n.tsx may.
const web = resolve(import.meta.dirname, "..");

function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return sources(path);
    return /\.(ts|tsx)$/.test(name) && !/\.test\.tsx?$/.test(name) ? [path] : [];
  });
}

/** The static imports of a module that name an nn or en catalogue file. */
function staticLanguageImports(file: string, text: string): string[] {
  return [...text.matchAll(/^\s*(?:import|export)\b[^;]*?\bfrom\s+["'](\.[^"']+)["']/gm)]
    .map((m) => m[1]!)
    .filter((spec) => /\.(nn|en)$/.test(spec))
    .map((spec) => relative(web, resolve(dirname(file), spec)));
}

/** Files outside the catalogues (and i18n.tsx, which loads them lazily) importing one. */
function offenders(files: { file: string; text: string }[]): string[] {
  return files.flatMap(({ file, text }) => {
    if (/\.(nn|en)\.ts$/.test(file)) return [];
    return staticLanguageImports(file, text).map((to) => `${relative(web, file)} → ${to}`);
  });
}

describe("nn and en stay out of the first load", () => {
  it("finds a component importing a language file (the check can fail)", () => {
    const probe = join(web, "features", "audit", "components", "probe.tsx");
    expect(
      offenders([{ file: probe, text: 'import { auditEn } from "../messages.en";\n' }]),
    ).toEqual(["features/audit/components/probe.tsx → features/audit/messages.en"]);
    expect(
      offenders([{ file: join(web, "lib", "i18n.tsx"), text: 'import("./messages.en")' }]),
    ).toEqual([]);
  });

  it("only catalogue files import nn or en texts; i18n.tsx imports them dynamically", () => {
    const files = sources(web).map((file) => ({ file, text: readFileSync(file, "utf8") }));
    expect(offenders(files)).toEqual([]);
    const i18n = readFileSync(join(web, "lib", "i18n.tsx"), "utf8");
    expect(i18n).toMatch(/import\("\.\/messages\.nn"\)/);
    expect(i18n).toMatch(/import\("\.\/messages\.en"\)/);
  });
});

import { readdirSync, readFileSync, statSync } from "node:fs";
import { dirname, join, relative, resolve, sep } from "node:path";
import { describe, expect, it } from "vitest";

// Issue 14 #12 and D2: the web app's features are independent. A feature may use lib/ and
// components/, never another feature; what two features share lives in lib/ or components/.
const web = resolve(import.meta.dirname, "..", "apps", "web", "src");
const featuresDir = join(web, "features");

function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return sources(path);
    return /\.(ts|tsx)$/.test(name) ? [path] : [];
  });
}

/** Relative import and export specifiers of a module (static and dynamic). */
function specifiers(text: string): string[] {
  return [...text.matchAll(/(?:from\s+|import\s*\(\s*|import\s+)["'](\.[^"']+)["']/g)].map(
    (m) => m[1]!,
  );
}

/** The feature a path lies in, or undefined outside apps/web/src/features. */
function featureOf(path: string): string | undefined {
  const rel = relative(featuresDir, path);
  if (rel.startsWith("..")) return undefined;
  return rel.split(sep)[0];
}

/** Every import from one feature into another, as "from → to". */
function crossFeatureImports(files: string[]): string[] {
  return files.flatMap((file) => {
    const own = featureOf(file);
    if (!own) return [];
    return specifiers(readFileSync(file, "utf8"))
      .map((spec) => resolve(dirname(file), spec))
      .filter((target) => {
        const other = featureOf(target);
        return other !== undefined && other !== own;
      })
      .map((target) => `${relative(web, file)} → ${relative(web, target)}`);
  });
}

describe("web features are independent", () => {
  it("finds a cross-feature import when there is one (the check can fail)", () => {
    const probe = join(featuresDir, "promotion", "components", "probe.tsx");
    const text = 'import { PlanView } from "../../config/components/plan-view";\n';
    expect(specifiers(text)).toEqual(["../../config/components/plan-view"]);
    expect(featureOf(resolve(dirname(probe), "../../config/components/plan-view"))).toBe("config");
    expect(featureOf(resolve(dirname(probe), "../../../lib/plan-apply"))).toBeUndefined();
  });

  it("no feature imports another", () => {
    expect(crossFeatureImports(sources(featuresDir))).toEqual([]);
  });
});

import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import { join, relative, resolve } from "node:path";
import { describe, expect, it } from "vitest";

// Every package and app documents its public surface in a README that points only at files in
// the repository, and the code cites Digdir's and Altinn's behaviour from docs/ (issue 15 #8).
const root = resolve(import.meta.dirname, "..");
const units = ["apps", "packages"].flatMap((d) =>
  readdirSync(join(root, d))
    .map((name) => join(d, name))
    .filter((dir) => existsSync(join(root, dir, "package.json"))),
);

function files(dir: string, pattern: RegExp): string[] {
  const found: string[] = [];
  for (const name of readdirSync(dir)) {
    if (["node_modules", "dist", ".data", "test-results", "fixtures"].includes(name)) continue;
    const path = join(dir, name);
    if (statSync(path).isDirectory()) found.push(...files(path, pattern));
    else if (pattern.test(name)) found.push(path);
  }
  return found;
}

/** Backticked things in a README that read as a file path (no placeholders or globs). */
function pathsIn(text: string): string[] {
  return [...text.matchAll(/`([A-Za-z0-9_.\-/]+\/[A-Za-z0-9_.-]+\.(?:ts|tsx|md|json|mjs|sh))`/g)]
    .map((m) => m[1]!)
    .filter((p) => !p.startsWith("App/") && !p.includes("app-lib-dotnet") && !p.startsWith("/"));
}

/** The names a package's `src/index.ts` exports (it re-exports by name only). */
function indexExports(text: string): string[] {
  const names: string[] = [];
  for (const m of text.matchAll(/export\s+(?:type\s+)?\{([^}]*)\}/g))
    for (const part of m[1]!.split(",")) {
      const name = part.trim().replace(/^type\s+/, "");
      if (name) names.push(name.split(/\s+as\s+/).pop()!);
    }
  for (const m of text.matchAll(
    /^export\s+(?:async\s+)?(?:const|function|class|type|interface)\s+([\w$]+)/gm,
  ))
    names.push(m[1]!);
  return names.sort();
}

/** The identifiers named in the exports column of a README's "Public surface" table. */
function documentedExports(readme: string): string[] {
  const section = readme.split(/^## Public surface[^\n]*\n/m)[1]?.split(/^## /m)[0] ?? "";
  const names = new Set<string>();
  for (const row of section.split("\n").filter((line) => line.startsWith("| `src/"))) {
    const exportsColumn = row.split("|")[2] ?? "";
    for (const m of exportsColumn.matchAll(/`([A-Za-z_$][\w$]*)`/g)) names.add(m[1]!);
  }
  return [...names].sort();
}

describe("READMEs and docs", () => {
  it("gives every package a chosen public surface: its entry points export exactly what its README's table names", () => {
    // The packages, and the simulator (imported by the other packages' and apps' tests).
    const surfaces = units.filter(
      (unit) => unit.startsWith("packages/") || unit === "apps/simulator",
    );
    expect(surfaces.length).toBeGreaterThan(5);
    for (const unit of surfaces) {
      const manifest = JSON.parse(readFileSync(join(root, unit, "package.json"), "utf8")) as {
        exports: Record<string, string>;
      };
      const exported = new Set<string>();
      // The index entry points (`.`, the simulator's `./idp`); a subpath naming one module
      // (e.g. `./messages`) is that module's own surface.
      for (const entry of Object.values(manifest.exports).filter((e) => e.endsWith("/index.ts"))) {
        const index = readFileSync(join(root, unit, entry), "utf8");
        expect(index, `${unit}/${entry}`).not.toMatch(/export\s*\*/);
        for (const name of indexExports(index)) exported.add(name);
      }
      expect(exported.size, unit).toBeGreaterThan(3);
      expect(documentedExports(readFileSync(join(root, unit, "README.md"), "utf8")), unit).toEqual(
        [...exported].sort(),
      );
    }
  });

  it("gives every package and app a README", () => {
    expect(units.length).toBeGreaterThan(5);
    for (const unit of units) expect(existsSync(join(root, unit, "README.md")), unit).toBe(true);
  });

  it("points READMEs only at files in the repository", () => {
    let checked = 0;
    for (const readme of [...units.map((u) => join(u, "README.md")), "README.md"]) {
      if (!existsSync(join(root, readme))) continue;
      const text = readFileSync(join(root, readme), "utf8");
      expect(text, readme).not.toMatch(/shared\/spec|\/work\//);
      const dir = readme === "README.md" ? "" : readme.replace(/\/README\.md$/, "");
      for (const path of pathsIn(text)) {
        checked++;
        const found = existsSync(join(root, dir, path)) || existsSync(join(root, path));
        expect(found, `${readme}: ${path}`).toBe(true);
      }
    }
    expect(checked).toBeGreaterThan(10);
  });

  it("cites docs/ sections that exist, never the old spec", () => {
    const code = ["apps", "packages"].flatMap((d) => files(join(root, d), /\.(ts|tsx|md)$/));
    const sections = new Map<string, Set<string>>();
    for (const doc of readdirSync(join(root, "docs"))) {
      const text = readFileSync(join(root, "docs", doc), "utf8");
      sections.set(doc, new Set([...text.matchAll(/^## (\d+)\./gm)].map((m) => m[1]!)));
    }
    let cited = 0;
    for (const file of code) {
      const text = readFileSync(file, "utf8");
      const where = relative(root, file);
      expect(text, where).not.toMatch(/\bspec §|shared\/spec/);
      for (const m of text.matchAll(
        /docs\/([a-z0-9-]+\.md)((?: §\d+(?:[–-]§\d+)?(?:,? (?:and )?§\d+)*)?)/g,
      )) {
        cited++;
        const doc = m[1]!;
        expect(sections.has(doc), `${where}: docs/${doc}`).toBe(true);
        for (const n of m[2]!.matchAll(/§(\d+)/g))
          expect(sections.get(doc)?.has(n[1]!), `${where}: docs/${doc} §${n[1]}`).toBe(true);
      }
    }
    expect(cited).toBeGreaterThan(30);
  });
});

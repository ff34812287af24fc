import { readdirSync, readFileSync, statSync } from "node:fs";
import { join, relative, resolve } from "node:path";
import { describe, expect, it } from "vitest";

// The README is the product's manual: what it promises is checked against the code here.
const root = resolve(import.meta.dirname, "..");
const readme = readFileSync(join(root, "README.md"), "utf8");

/** Source files the product, its tools and its tests are made of (no dependencies, no output). */
function files(dir: string, pattern: RegExp): string[] {
  const found: string[] = [];
  for (const name of readdirSync(dir)) {
    if (["node_modules", "dist", ".data", ".cache", "test-results", "fixtures"].includes(name))
      continue;
    const path = join(dir, name);
    if (statSync(path).isDirectory()) found.push(...files(path, pattern));
    else if (pattern.test(name)) found.push(path);
  }
  return found;
}
const code = [
  ...["apps", "packages", "bench", "e2e", "scripts"].flatMap((d) =>
    files(join(root, d), /\.(ts|tsx|mjs|sh)$/),
  ),
  join(root, "playwright.config.ts"),
  join(root, ".ci/run"),
  join(root, "Dockerfile"),
].filter((f) => !f.endsWith("readme.test.ts"));

/** GitHub's anchor for a heading: lower case, punctuation dropped, spaces to hyphens. */
const slug = (heading: string) =>
  heading
    .trim()
    .toLowerCase()
    .replace(/[^\p{L}\p{N}\s-]/gu, "")
    .replace(/\s/g, "-");
const headings = [...readme.matchAll(/^#{1,6} (.+)$/gm)].map((m) => m[1]!.trim());

describe("README", () => {
  it("has every section the code and the README point to", () => {
    const pointers = code.flatMap((file) =>
      [...readFileSync(file, "utf8").matchAll(/see README, ([A-Z][A-Za-z ]+[a-z])/g)].map(
        (m) => `${relative(root, file)}: ${m[1]}`,
      ),
    );
    expect(pointers.length).toBeGreaterThan(0);
    for (const pointer of pointers) {
      const section = pointer.split(": ")[1]!;
      expect(headings, pointer).toContain(section);
    }
    const anchors = [...readme.matchAll(/\]\(#([^)]+)\)/g)].map((m) => m[1]!);
    expect(anchors.length).toBeGreaterThan(0);
    const slugs = headings.map(slug);
    for (const anchor of anchors) expect(slugs, `#${anchor}`).toContain(anchor);
  });

  it("lists every environment variable the code reads", () => {
    const ignored = new Set([
      "PATH",
      "HOME",
      "PWD",
      "OLDPWD",
      "SECONDS",
      "DEBIAN_FRONTEND",
      "EXIT",
    ]);
    const read = new Map<string, string>();
    for (const file of code) {
      const text = readFileSync(file, "utf8");
      const patterns = [
        /process\.env\.([A-Z][A-Z0-9_]+)/g,
        /process\.env\[["']([A-Z][A-Z0-9_]+)["']\]/g,
        /\benv\.([A-Z][A-Z0-9_]+)\b/g,
        /\b([A-Z][A-Z0-9_]+): env\.\1/g,
        ...(/\.(sh)$|\.ci\/run$/.test(file) ? [/\$\{?([A-Z][A-Z0-9_]{2,})\b/g] : []),
      ];
      for (const pattern of patterns) {
        for (const m of text.matchAll(pattern)) {
          if (!ignored.has(m[1]!)) read.set(m[1]!, relative(root, file));
        }
      }
    }
    expect(read.size).toBeGreaterThan(20);
    for (const [name, file] of read) {
      expect(readme.includes(`\`${name}\``), `${name} (read in ${file}) is not in the README`).toBe(
        true,
      );
    }
  });

  it("says which Node.js versions are supported, as package.json's engines does", () => {
    const { engines } = JSON.parse(readFileSync(join(root, "package.json"), "utf8"));
    expect(readme).toContain(`\`${engines.node}\``);
    expect(readFileSync(join(root, "Dockerfile"), "utf8")).toMatch(/^FROM node:24-/m);
  });

  it("lists every benchmark with its target and whether the committed result meets it", () => {
    const runner = readFileSync(join(root, "bench/run.ts"), "utf8");
    const names = [...runner.matchAll(/^ {2}"([a-z-]+)": bench/gm)].map((m) => m[1]!);
    expect(names.length).toBeGreaterThan(0);
    // Each benchmark's target, evaluated on its committed result.
    type Result = Record<string, unknown>;
    const meets: Record<string, (r: Result) => boolean> = {
      "bff-vs-direct": (r) =>
        (r.bff_over_hono_proxy as number) >= 0.9 &&
        (r.bff_over_raw_proxy as number) >= 0.75 &&
        (r.added_p99_ms_over_raw_proxy as number) <= 5,
      "bff-load": (r) => {
        const audit = r.audit as { lost: number; duplicated: number };
        return r.errors === 0 && audit.lost === 0 && audit.duplicated === 0;
      },
      "web-access": (r) => Object.values(r.targets as Record<string, boolean>).every(Boolean),
      "bff-load-faults": (r) => {
        const changes = (r.faults as { changes: Record<string, number> }).changes;
        return (
          changes.lost === 0 &&
          changes.duplicated === 0 &&
          changes.mis_audited === 0 &&
          changes.unsettled === 0
        );
      },
      "bulk-grant": (r) =>
        (r.job_over_sequential_speedup as number) >= 5 && r.lost === 0 && r.duplicated === 0,
      "scope-name": (r) => {
        const perChar = r.scanNsPerCharByLength as Record<string, number>;
        return (r.regexOverScan as number) >= 1000 && perChar["1000001"]! <= 3 * perChar["10001"]!;
      },
    };
    const table = readme.slice(readme.indexOf("## Benchmarks"));
    for (const name of names) {
      expect(Object.keys(meets), `a target for ${name}`).toContain(name);
      const result = JSON.parse(
        readFileSync(join(root, `bench/results/${name}.json`), "utf8"),
      ) as Result;
      const row = table.split("\n").find((line) => line.startsWith(`| \`${name}\``));
      expect(row, `a row for ${name}`).toBeTruthy();
      const met = row!.split("|").at(-2)!.trim().replaceAll("*", "");
      expect(met, `${name}: met?`).toBe(meets[name]!(result) ? "yes" : "no");
    }
  });
});

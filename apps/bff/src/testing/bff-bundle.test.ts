import { existsSync, readFileSync } from "node:fs";
import { describe, expect, inject, it } from "vitest";
import { bffEntryArgs } from "./bff-process";

// The BFF project's global setup (vitest.config.ts): main.ts is bundled once per run, and the
// tests that start the BFF as a process of its own run that bundle, not tsx.
describe("the run's bundle of the BFF", () => {
  it("is made once per run, keeps the tests' control of a process, and is what processes run", () => {
    const bundle = inject("portvaktBffBundle");
    expect(bundle).toMatch(/[/\\]\.cache[/\\]test-bff-[^/\\]+[/\\]main\.mjs$/);
    expect(existsSync(bundle)).toBe(true);
    const text = readFileSync(bundle, "utf8");
    expect(text).toContain("Portvakt BFF listening");
    // Unlike the container image's bundle, the multi-process tests' control stays in.
    expect(text).toContain("PORTVAKT_TEST_CONTROL");
    expect(bffEntryArgs()).toEqual([bundle]);
  });
});

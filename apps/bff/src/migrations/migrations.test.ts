import { readdirSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { migrations } from "./index";

describe("audit store migrations", () => {
  it("lists every migration file of the folder, numbered in order without gaps", () => {
    const files = readdirSync(import.meta.dirname)
      .filter((f) => /^\d{4}_[a-z0-9_]+\.ts$/.test(f))
      .map((f) => f.replace(/\.ts$/, ""))
      .sort();
    expect(Object.keys(migrations)).toEqual(files);
    files.forEach((name, i) => {
      expect(name.slice(0, 4)).toBe(String(i + 1).padStart(4, "0"));
    });
    for (const migration of Object.values(migrations)) {
      expect(typeof migration.up).toBe("function");
    }
  });
});

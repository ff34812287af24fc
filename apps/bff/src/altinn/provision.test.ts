import { LANGS, problemMessages, validationMessages } from "@portvakt/contracts";
import { MaskinportenError, MaskinportenInputError } from "@portvakt/maskinporten";
import { selfServiceMessages } from "@portvakt/maskinporten-rules";
import { describe, expect, it } from "vitest";
import { OutcomeUnknownError } from "../changes/guard";
import { failureOf } from "./provision";

const TABLES = [problemMessages, validationMessages, selfServiceMessages] as const;

/** The languages in which no table has a text for `code`. */
function missingLanguages(code: string | undefined): string[] {
  if (!code) return ["(no code)"];
  return LANGS.filter(
    (lang) => !TABLES.some((table) => (table[lang] as Record<string, string>)[code]),
  );
}

describe("failureOf: a failed provisioning item's coded text (issue 14, item 13)", () => {
  it("quotes Digdir's own words no table knows as the parameter `words` of problem.upstream", () => {
    const failure = failureOf(
      new MaskinportenError({
        kind: "http",
        status: 500,
        message: "HTTP 500",
        explanation: "Noe gikk galt hos oss",
        correlationId: "corr-1",
      }),
    );
    expect(failure).toEqual({
      detail: "Noe gikk galt hos oss",
      code: "problem.upstream",
      params: { kind: "http", status: 500, words: "Noe gikk galt hos oss" },
      correlation_id: "corr-1",
    });
    expect(missingLanguages(failure.code)).toEqual([]);
  });

  it("keeps the code of an answer Digdir's table explains", () => {
    const failure = failureOf(
      new MaskinportenError({
        kind: "http",
        status: 400,
        message: "HTTP 400",
        explanation: "Explained",
        explained: { code: "problem.http", params: { status: 400 }, detail: "Explained" },
      }),
    );
    expect(failure).toMatchObject({
      detail: "Explained",
      code: "problem.http",
      params: { status: 400 },
    });
  });

  it("codes input Portvakt refused before sending by its first field's text, keeping every field in detail", () => {
    const failure = failureOf(
      new MaskinportenInputError("The scope", [
        { field: "subscope", message: "A subscope has no uppercase letters" },
        { field: "description", message: "Something no table knows" },
      ]),
    );
    expect(failure).toEqual({
      detail: "A subscope has no uppercase letters; Something no table knows",
      code: "scope.subscope.uppercase",
    });
    expect(missingLanguages(failure.code)).toEqual([]);
    const unknown = failureOf(
      new MaskinportenInputError("The scope", [{ field: "x", message: "No table knows this" }]),
    );
    expect(unknown).toEqual({ detail: "No table knows this", code: "problem.invalid-request" });
    expect(missingLanguages(unknown.code)).toEqual([]);
  });

  it("an unknown outcome is the guard's coded problem", () => {
    const failure = failureOf(
      new OutcomeUnknownError("scope:x", undefined, Date.now() + 30_000, "audit-1", null),
    );
    expect(failure.code).toBe("problem.outcome-unknown");
    expect(failure.params?.seconds).toBeGreaterThan(0);
    expect(failure.detail).toMatch(/did not confirm/);
    expect(missingLanguages(failure.code)).toEqual([]);
  });

  it("rethrows what is no failure of an item (a bug answers 500)", () => {
    expect(() => failureOf(new TypeError("boom"))).toThrow("boom");
  });
});

import { describe, expect, it } from "vitest";
import { createFormatter } from "./i18n";

describe("createFormatter", () => {
  it("writes a number in a plain argument as each language writes numbers", () => {
    const nbsp = "\u00a0";
    expect(createFormatter("nb")("Trekk tilbake valgte ({count})", { count: 10000 })).toBe(
      `Trekk tilbake valgte (10${nbsp}000)`,
    );
    expect(createFormatter("nn")("Viser {shown} av {total}", { shown: 1, total: 10000 })).toBe(
      `Viser 1 av 10${nbsp}000`,
    );
    expect(createFormatter("en")("Revoke selected ({count})", { count: 10000 })).toBe(
      "Revoke selected (10,000)",
    );
  });

  it("leaves text arguments and plurals as they are", () => {
    const format = createFormatter("nb");
    expect(format("Nøkkelen {kid}", { kid: "2024-01" })).toBe("Nøkkelen 2024-01");
    expect(format("{count, plural, one {# oppføring} other {# oppføringer}}", { count: 1 })).toBe(
      "1 oppføring",
    );
  });
});

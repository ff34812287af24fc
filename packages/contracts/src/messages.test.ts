import { describe, expect, it } from "vitest";
import { coded, defineMessages, formatMessage, messageTableProblems } from "./messages";

const table = defineMessages({
  en: { "x.count": "{count, plural, one {# entry} other {# entries}} in {scope}" },
  nb: { "x.count": "{count, plural, one {# oppføring} other {# oppføringer}} i {scope}" },
  nn: { "x.count": "{count, plural, one {# oppføring} other {# oppføringar}} i {scope}" },
});

describe("coded messages", () => {
  it("renders plurals per language and an English detail", () => {
    expect(formatMessage(table.nb["x.count"], "nb", { count: 1, scope: "s" })).toBe(
      "1 oppføring i s",
    );
    expect(formatMessage(table.nn["x.count"], "nn", { count: 3, scope: "s" })).toBe(
      "3 oppføringar i s",
    );
    expect(coded(table, "x.count", { count: 2, scope: "s" })).toEqual({
      code: "x.count",
      params: { count: 2, scope: "s" },
      detail: "2 entries in s",
    });
  });

  it("finds a code missing in a language, broken ICU and differing parameters", () => {
    expect(messageTableProblems(table)).toEqual([]);
    const broken = {
      en: { a: "A {x}", b: "B", c: "C {y}" },
      nb: { a: "A {x}", b: "B {", c: "C {z}" },
      nn: { a: "A {x}", c: "C {y}" },
    };
    const problems = messageTableProblems(broken as never);
    expect(problems).toContain("b: no nn text");
    expect(problems.some((p) => p.startsWith("b: nb is not ICU"))).toBe(true);
    expect(problems).toContain("c: nb uses parameters [z], not [y]");
    expect(problems.some((p) => p.startsWith("a:"))).toBe(false);
  });
});

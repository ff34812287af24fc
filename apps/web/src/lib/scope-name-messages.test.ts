import { formatMessage, scopeNameProblem, subscopeProblem } from "@portvakt/contracts";
import { beforeAll, describe, expect, it } from "vitest";
import { codedOf, codeTemplate, loadCodeTables } from "./coded-messages";

// The code tables are a chunk of their own in the browser (coded-messages.ts): load them first.
beforeAll(() => loadCodeTables());

/** The English text a contract made, rendered in `lang` through its code (docs/i18n.md). */
function rendered(text: string, lang: "nb" | "nn"): string | undefined {
  const known = codedOf(text);
  if (!known) return undefined;
  const template = codeTemplate(known.code, lang);
  return template === undefined ? undefined : formatMessage(template, lang, known.params);
}

describe("the scope-name rule's messages", () => {
  // One input for each way a subscope can break Digdir's reported pattern.
  const broken = ["", "Api", "my-app", "/api", "api//v1", "api.read/v1", "a", "api:v"];

  it.each(broken)("%j is explained in bokmål and nynorsk, not left in English", (subscope) => {
    const problem = subscopeProblem(subscope);
    expect(problem).not.toBeNull();
    for (const lang of ["nb", "nn"] as const) {
      const text = rendered(problem!, lang);
      expect(text).toBeDefined();
      expect(text).not.toBe(problem);
    }
  });

  it("explains a name without a colon", () => {
    const problem = scopeNameProblem("difi")!;
    expect(rendered(problem, "nn")).toBe("Eit scope-namn er prefiks:subscope");
  });

  it("keeps the character it found", () => {
    expect(rendered(subscopeProblem("my-app")!, "nb")).toBe(
      "Et subscope har bare små bokstaver, sifre og / . : (fant «-»)",
    );
  });
});

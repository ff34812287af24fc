import { scopeNameProblem, subscopeProblem } from "@portvakt/contracts";
import { describe, expect, it } from "vitest";
import { contractMessage } from "./contract-messages";

describe("the scope-name rule's messages", () => {
  // One input for each way a subscope can break Digdir's reported pattern.
  const broken = ["", "Api", "my-app", "/api", "api//v1", "api.read/v1", "a", "api:v"];

  it.each(broken)("%j is explained in bokmål and nynorsk, not left in English", (subscope) => {
    const problem = subscopeProblem(subscope);
    expect(problem).not.toBeNull();
    for (const lang of ["nb", "nn"] as const) {
      expect(contractMessage(problem!, lang)).not.toBe(problem);
    }
  });

  it("explains a name without a colon", () => {
    const problem = scopeNameProblem("difi")!;
    expect(contractMessage(problem, "nn")).toBe("Eit scope-namn er prefiks:subscope");
  });
});

import { formatMessage } from "@portvakt/contracts";
import { expect, it, vi } from "vitest";
import { z } from "zod";
import { ApiProblem, send } from "./api-client";
import { codeTemplate } from "./coded-messages";

// Issue 14, defect 2: an answer of the wrong shape was explained with zod's English sentences
// ("expected nonoptional", "Too small: expected number to be >=0") inside a Norwegian page.
it("an answer of the wrong shape names its fields in the page's language, never zod's English", async () => {
  const Plan = z.object({
    steps: z.array(z.object({ before: z.object({ name: z.string() }), count: z.number().min(0) })),
  });
  const answer = new Response(JSON.stringify({ steps: [{ count: -1 }] }), {
    status: 200,
    headers: { "Content-Type": "application/json" },
  });
  const warn = vi.spyOn(console, "warn").mockImplementation(() => {});
  const problem = await send(Promise.resolve(answer), Plan).then(
    () => undefined,
    (error: unknown) => error,
  );
  warn.mockRestore();
  expect(problem).toBeInstanceOf(ApiProblem);
  const { code, params } = problem as ApiProblem;
  expect(code).toBe("problem.unexpected-answer");
  expect(params).toEqual({ issues: "steps.0.before, steps.0.count" });
  for (const lang of ["nb", "nn", "en"] as const) {
    const text = formatMessage(codeTemplate(code!, lang)!, lang, params);
    expect(text).toContain("steps.0.before");
    expect(text).not.toMatch(/Too small|expected (object|number)|received|Invalid input|>=/i);
  }
});

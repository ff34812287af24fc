import { describe, expect, it } from "vitest";
import { isValidOrgNumber, OrgNumber, orgNumberProblem } from "./orgno";

describe("OrgNumber", () => {
  it.each(["889640782", "991825827", "974760673", "910000004"])("accepts %s", (n) => {
    expect(OrgNumber.safeParse(n).success).toBe(true);
  });

  it("refuses a wrong check digit with a reason", () => {
    expect(isValidOrgNumber("889640783")).toBe(false);
    expect(orgNumberProblem("889640783")).toMatch(/check digit/);
  });

  it.each(["88964078", "8896407820", "88964078a", "", " 889640782"])(
    "refuses %j as not 9 digits",
    (n) => {
      expect(orgNumberProblem(n)).toMatch(/9 digits/);
    },
  );

  it("refuses a number whose check digit would be 10", () => {
    let found: string | undefined;
    for (let i = 10_000_000; i < 10_000_100 && !found; i++) {
      const first8 = String(i).padStart(8, "0");
      const w = [3, 2, 7, 6, 5, 4, 3, 2];
      const sum = [...first8].reduce((s, d, j) => s + Number(d) * w[j]!, 0);
      if (11 - (sum % 11) === 10) found = first8;
    }
    expect(found).toBeDefined();
    for (let last = 0; last <= 9; last++) expect(isValidOrgNumber(`${found}${last}`)).toBe(false);
  });

  it("maps remainder 0 to check digit 0", () => {
    const w = [3, 2, 7, 6, 5, 4, 3, 2];
    let zeroCase: string | undefined;
    for (let i = 10_000_000; !zeroCase; i++) {
      const first8 = String(i);
      const sum = [...first8].reduce((s, d, j) => s + Number(d) * w[j]!, 0);
      if (sum % 11 === 0) zeroCase = first8;
    }
    expect(isValidOrgNumber(`${zeroCase}0`)).toBe(true);
  });
});

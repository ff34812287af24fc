import { describe, expect, it } from "vitest";
import {
  isValidOrgNumber,
  normalizeOrgNumber,
  OrgNumber,
  orgNumberCheckDigit,
  orgNumberProblem,
  orgNumberSequence,
} from "./orgno";

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

  // Real organisations from Enhetsregisteret (Brønnøysund), whose check digits are known to be
  // right, instead of a second implementation of mod 11 in the test.
  const REAL = {
    "991825827": "Digitaliseringsdirektoratet",
    "889640782": "Arbeids- og velferdsetaten",
    "974760673": "Registerenheten i Brønnøysund",
    "974761076": "Skatteetaten",
    "971526920": "Statistisk sentralbyrå (check digit 0: remainder 0)",
    "923609016": "Equinor ASA",
    "984851006": "DNB Bank ASA",
  };

  it.each(Object.entries(REAL))("accepts %s (%s) and no other last digit", (n) => {
    expect(isValidOrgNumber(n)).toBe(true);
    for (let last = 0; last <= 9; last++) {
      if (String(last) === n[8]) continue;
      expect(isValidOrgNumber(`${n.slice(0, 8)}${last}`), `${n.slice(0, 8)}${last}`).toBe(false);
    }
  });

  it("refuses every number whose check digit would be 10", () => {
    // 10000013: weighted sum 1·3 + 1·3 + 3·2 = 12, remainder 1, so the check digit would be 10.
    for (let last = 0; last <= 9; last++) expect(isValidOrgNumber(`10000013${last}`)).toBe(false);
  });
});

describe("organisation numbers as people write them", () => {
  it.each([
    ["889 640 782", "Brønnøysundregistrene's own spacing"],
    [" 889640782 ", "spaces around"],
    ["889\u00a0640\u00a0782", "no-break spaces (copied from a web page)"],
    ["889\u202f640\u202f782", "narrow no-break spaces"],
    ["889640782\n", "a line break after it"],
    ["0192:889640782", "ISO 6523 (0192 is Norway's register), as in Maskinporten's consumer claim"],
    ["NO889640782MVA", "the VAT number"],
    ["no 889 640 782 mva", "the VAT number, spaced and in lower case"],
  ])("%j (%s) parses to the 9 digits", (written) => {
    expect(OrgNumber.parse(written)).toBe("889640782");
    expect(normalizeOrgNumber(written)).toBe("889640782");
  });

  it.each(["889-640-782", "0192:88964078", "SE889640782", "889640783", "0192 889640782x"])(
    "still refuses %j, naming the rule",
    (written) => {
      const result = OrgNumber.safeParse(written);
      expect(result.success).toBe(false);
      expect(result.error?.issues[0]?.message).toMatch(/9 digits|check digit/);
    },
  );
});

describe("orgNumberCheckDigit and orgNumberSequence", () => {
  it("gives the check digit of real numbers, and null where the remainder gives 10", () => {
    expect(orgNumberCheckDigit("88964078")).toBe(2);
    expect(orgNumberCheckDigit("97476067")).toBe(3);
    const tens = Array.from({ length: 40 }, (_, i) => String(10_000_000 + i)).filter(
      (d) => orgNumberCheckDigit(d) === null,
    );
    expect(tens.length).toBeGreaterThan(0);
    for (const d of tens) {
      for (let c = 0; c <= 9; c++) expect(isValidOrgNumber(`${d}${c}`)).toBe(false);
    }
  });

  it("counts upwards with valid numbers only, skipping bases no number exists for, never repeating", () => {
    const next = orgNumberSequence(10_000_000);
    const first = next(30);
    const second = next(30);
    const all = [...first, ...second];
    expect(all).toHaveLength(60);
    expect(new Set(all).size).toBe(60);
    for (const n of all) expect(isValidOrgNumber(n)).toBe(true);
    // Ascending, and every base in the range either gave its number or has no valid one.
    const bases = all.map((n) => Number(n.slice(0, 8)));
    expect(bases).toEqual([...bases].sort((a, b) => a - b));
    for (let b = bases[0]!; b <= bases.at(-1)!; b++) {
      const given = bases.includes(b);
      expect(given).toBe(orgNumberCheckDigit(String(b)) !== null);
    }
    expect(orgNumberSequence(10_000_000)(1)[0]).toBe(first[0]);
  });
});

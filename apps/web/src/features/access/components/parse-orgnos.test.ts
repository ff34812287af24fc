import { describe, expect, it } from "vitest";
import { parseOrgnos } from "./parse-orgnos";

describe("parseOrgnos", () => {
  it("reads numbers separated by lines, commas and spaces", () => {
    const entries = parseOrgnos("889640782, 974760673\n991825827 889640782");
    expect(entries.map((e) => [e.orgno, e.problem])).toEqual([
      ["889640782", null],
      ["974760673", null],
      ["991825827", null],
      ["889640782", "duplicate"],
    ]);
  });

  it("keeps grouped digits together and skips header cells", () => {
    const entries = parseOrgnos("orgnr;navn\n889 640 782;NAV\n");
    expect(entries).toHaveLength(1);
    expect(entries[0]).toMatchObject({ orgno: "889640782", line: 2, problem: null });
  });

  it("gives the contracts' reason for an invalid number", () => {
    const [entry] = parseOrgnos("123456789");
    expect(entry?.problem).toBe("invalid");
    expect(entry?.reason).toMatch(/check digit/);
    expect(parseOrgnos("12345")[0]?.reason).toMatch(/9 digits/);
  });
});

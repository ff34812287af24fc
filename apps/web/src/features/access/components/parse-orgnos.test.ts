import { describe, expect, it } from "vitest";
import { parseOrgnos, readOrgnos } from "./parse-orgnos";

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

  it("reads only the org-number column of a Brønnøysund export, found by its header", () => {
    const csv = [
      "orgnr;navn;postnummer;poststed;stiftelsesdato",
      "889640782;ARBEIDS- OG VELFERDSETATEN;0661;OSLO;2006-07-01",
      "974760673;REGISTERENHETEN I BRØNNØYSUND;8900;BRØNNØYSUND;1995-02-20",
    ].join("\n");
    const { entries, column } = readOrgnos(csv);
    expect(column).toEqual({ column: 1, header: "orgnr", by: "header" });
    expect(entries.map((e) => [e.orgno, e.problem])).toEqual([
      ["889640782", null],
      ["974760673", null],
    ]);
  });

  it("finds the column by its share of valid org numbers when the header says nothing", () => {
    const csv = ["navn,nummer,postnummer", "NAV,889640782,0661", "BRREG,974760673,8900"].join("\n");
    const { entries, column } = readOrgnos(csv);
    expect(column).toMatchObject({ column: 2, by: "share" });
    expect(entries.map((e) => e.orgno)).toEqual(["889640782", "974760673"]);
    expect(entries.every((e) => e.problem === null)).toBe(true);
  });

  it("reads every number of a plain list, with no column", () => {
    const { entries, column } = readOrgnos("889640782, 974760673\n991825827, 123456789");
    expect(column).toBeUndefined();
    expect(entries).toHaveLength(4);
  });

  // The same kind of fault as defect 7 (postcodes and dates read as org numbers) in the other
  // shapes a Brønnøysund export reaches the form in.
  it("reads the export's column when a number was typed before the file (the upload appends)", () => {
    const text = [
      "910000004",
      "orgnr;navn;postnummer;poststed;stiftelsesdato",
      "889640782;ARBEIDS- OG VELFERDSETATEN;0661;OSLO;2006-07-01",
      "974760673;REGISTERENHETEN I BRØNNØYSUND;8900;BRØNNØYSUND;1995-02-20",
    ].join("\n");
    const { entries, column } = readOrgnos(text);
    expect(column).toEqual({ column: 1, header: "orgnr", by: "header" });
    expect(entries.map((e) => [e.orgno, e.problem])).toEqual([
      ["910000004", null],
      ["889640782", null],
      ["974760673", null],
    ]);
  });

  it("reads one pasted row of an export without its header (the row has names, not a list)", () => {
    const { entries, column } = readOrgnos(
      "974760673;REGISTERENHETEN I BRØNNØYSUND;8900;BRØNNØYSUND;20.02.1995",
    );
    expect(column).toMatchObject({ column: 1, by: "share" });
    expect(entries.map((e) => [e.orgno, e.problem])).toEqual([["974760673", null]]);
  });

  it("keeps a quoted cell with the delimiter inside as one cell", () => {
    const csv = [
      '"navn","organisasjonsnummer","postnummer"',
      '"ARBEIDS- OG VELFERDSETATEN, NAV","889640782","0661"',
      '"REGISTERENHETEN I BRØNNØYSUND","974760673","8900"',
    ].join("\r\n");
    const { entries, column } = readOrgnos(csv);
    expect(column).toEqual({ column: 2, header: "organisasjonsnummer", by: "header" });
    expect(entries.map((e) => [e.orgno, e.problem])).toEqual([
      ["889640782", null],
      ["974760673", null],
    ]);
  });

  it("still reads a one-line list of numbers as a list, an invalid one shown", () => {
    const { entries, column } = readOrgnos("889640782;12345678");
    expect(column).toBeUndefined();
    expect(entries.map((e) => e.problem)).toEqual([null, "invalid"]);
  });
});

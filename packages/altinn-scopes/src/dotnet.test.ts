import { describe, expect, it } from "vitest";
import { isDotnetGuid, isJsonGuid, isOrganisationNumber, parseDotnetInt } from "./dotnet";

// `OrganisationNumber.TryParse` as the Altinn app library has it, checked with real numbers from
// Enhetsregisteret (NAV 889640782, Digdir 991825827, Brønnøysundregistrene 974760673), not with
// the rule re-implemented.
describe("isOrganisationNumber", () => {
  it.each(["889640782", "991825827", "974760673", "0192:889640782"])("takes %s", (value) => {
    expect(isOrganisationNumber(value)).toBe(true);
  });

  it.each([
    ["a wrong check digit", "889640783"],
    ["a control of 10, never issued (last digit 0)", "100000130"],
    ["a control of 10, never issued (last digit 1)", "100000131"],
    ["another country's ICD", "0088:889640782"],
    ["spaces (TryParse takes none)", "889 640 782"],
    ["eight digits", "88964078"],
    ["empty", ""],
    ["null", null],
  ])("refuses %s", (_, value) => {
    expect(isOrganisationNumber(value)).toBe(false);
  });
});

// .NET's number parsing (`int.TryParse(s, CultureInfo.InvariantCulture)`, NumberStyles.Integer)
// skips only U+0009–U+000D and U+0020 around the digits (dotnet/runtime
// `src/libraries/System.Private.CoreLib/src/System/Number.Parsing.cs`, `IsWhite`), not every
// `char.IsWhiteSpace` character, and lets trailing NUL characters through (`TrailingZeros`).
// It decides `urn:altinn:authlevel`, `urn:altinn:userid` and the `{x:int}` route constraint.
describe("parseDotnetInt", () => {
  it.each([
    [" 3 ", 3],
    ["\t+3\r\n", 3],
    ["-0", 0],
    ["3\0", 3],
    ["3 \0\0", 3],
    ["2147483647", 2147483647],
  ])("reads %j as %d", (text, expected) => {
    expect(parseDotnetInt(text)).toBe(expected);
  });
  it.each([
    ["a no-break space (char.IsWhiteSpace, but not a number's white)", "\u00a03"],
    ["U+0085 after the digits", "3\u0085"],
    ["an em space", "\u20033"],
    ["a byte-order mark", "\ufeff3"],
    ["a NUL before the white", "3\0 "],
    ["a fraction", "3.0"],
    ["too large", "2147483648"],
    ["empty", ""],
  ])("refuses %s", (_, text) => {
    expect(parseDotnetInt(text)).toBeUndefined();
  });
});

// `Guid.TryParse` trims with `MemoryExtensions.Trim`, i.e. `char.IsWhiteSpace` (dotnet/runtime
// `Guid.cs`, `TryParseGuid`): U+0085 is trimmed, U+FEFF is not (JavaScript's `trim` does the
// opposite). System.Text.Json reads a Guid member only in the "D" form, without braces or
// whitespace (`Utf8JsonReader.TryGetGuid`: "only parses Guid values with hyphens and without any
// surrounding decorations"), which decides a system user's `systemuser_id`.
describe("Guids", () => {
  const D = "d111dbab-d619-4f15-bf29-58fe570a9ae6";
  it("Guid.TryParse trims .NET whitespace, not a byte-order mark", () => {
    expect(isDotnetGuid(`\u0085${D}\u2003`)).toBe(true);
    expect(isDotnetGuid(`{${D}}`)).toBe(true);
    expect(isDotnetGuid(`\ufeff${D}`)).toBe(false);
  });
  it("System.Text.Json takes only the D form", () => {
    expect(isJsonGuid(D)).toBe(true);
    expect(isJsonGuid(D.toUpperCase())).toBe(true);
    expect(isJsonGuid(`{${D}}`)).toBe(false);
    expect(isJsonGuid(D.replace(/-/g, ""))).toBe(false);
    expect(isJsonGuid(` ${D}`)).toBe(false);
  });
});

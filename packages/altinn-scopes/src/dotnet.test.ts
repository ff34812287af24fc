import { describe, expect, it } from "vitest";
import { isOrganisationNumber } from "./dotnet";

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

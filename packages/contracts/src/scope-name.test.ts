import { describe, expect, it } from "vitest";
import { ScopeName, ScopePrefix, Subscope, scopeNameProblem, splitScopeName } from "./scope-name";

describe("ScopeName (strict rule of docs/maskinporten.md §3)", () => {
  it.each([
    "nav:pensjon/v3/alderspensjon",
    "krr:global/kontaktinformasjon.read",
    "altinn:accessmanagement/authorizedparties.admin",
    "difi:api3",
    "skatteetaten:mva:melding",
    "sbb:bøker.les",
  ])("accepts %s", (name) => {
    expect(ScopeName.safeParse(name).success).toBe(true);
  });

  it.each([
    ["difi:", /empty/],
    ["difi", /prefix:subscope/],
    [":api", /prefix is empty/],
    ["difi:/api", /start or end/],
    ["difi:api/", /start or end/],
    ["difi:api//v1", /next to each other/],
    ["difi:api./v1", /next to each other/],
    ["difi:Api", /uppercase/],
    ["difi:my-app.read", /found "-"/],
    ["difi:my_app", /found "_"/],
    ["difi:a b", /found " "/],
    ["Difi:api", /lowercase/],
  ])("refuses %s", (name, reason) => {
    expect(scopeNameProblem(name)).toMatch(reason);
    expect(ScopeName.safeParse(name).success).toBe(false);
  });

  it("splits at the first colon only", () => {
    expect(splitScopeName("skatteetaten:mva:melding")).toEqual({
      prefix: "skatteetaten",
      subscope: "mva:melding",
    });
  });

  it("validates prefix and subscope on their own", () => {
    expect(ScopePrefix.safeParse("nav").success).toBe(true);
    expect(ScopePrefix.safeParse("na:v").success).toBe(false);
    expect(Subscope.safeParse("pensjon/v3/alderspensjon").success).toBe(true);
    expect(Subscope.safeParse("").success).toBe(false);
  });
});

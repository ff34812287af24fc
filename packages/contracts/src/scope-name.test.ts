import { describe, expect, it } from "vitest";
import {
  NAV_SUBSCOPE_PATTERN,
  prefixProblem,
  ScopeName,
  ScopePrefix,
  Subscope,
  scopeNameProblem,
  splitScopeName,
  subscopeLanguageProblem,
  subscopeProblem,
} from "./scope-name";

// Scope names published by their owners: Altinn/docs `content/api/rest/kom-i-gang/scopes.md`
// (Altinn 2 API scopes), felleslosninger/docs `_docs/Maskinporten/*` and `_docs/idporten/*`
// (Digdir's own and example scopes, admin scopes), nais/doc (NAV's naming), and the names the
// seed guide and spec quote. (No snapshot of the live /scopes/all catalogue is stored here.)
const PUBLISHED = [
  "altinn:serviceowner",
  "altinn:serviceowner/organizations",
  "altinn:serviceowner/reportees",
  "altinn:serviceowner/rolesandrights",
  "altinn:serviceowner/events",
  "altinn:serviceowner/srr.read",
  "altinn:serviceowner/srr.write",
  "altinn:serviceowner/consents",
  "altinn:serviceowner/delegationrequests.read",
  "altinn:serviceowner/delegationrequests.write",
  "altinn:serviceowner/notifications.read",
  "altinn:enduser",
  "altinn:endusernoconsent",
  "altinn:consenttokens.read",
  "altinn:consenttokens.write",
  "altinn:rolesandrights.read",
  "altinn:rolesandrights.write",
  "altinn:reportees",
  "altinn:profiles.read",
  "altinn:profiles.write",
  "altinn:lookup",
  "altinn:instances.meta",
  "altinn:instances.read",
  "altinn:instances.write",
  "altinn:delegations.read",
  "altinn:delegations.write",
  "altinn:brokerservice.read",
  "altinn:brokerservice.write",
  "altinn:delegationrequests.read",
  "altinn:delegationrequests.write",
  "altinn:consentrequests.read",
  "altinn:consentrequests.write",
  "altinn:roledefinitions.read",
  "altinn:roledefinitions.write",
  "altinn:enterpriseusers.read",
  "altinn:enterpriseusers.write",
  "altinn:enduser/consentrequest.read",
  "altinn:maskinporten/delegations",
  "altinn:maskinporten/delegationschemes.write",
  "altinn:accessmanagement/authorizedparties.admin",
  "altinn:systemuser",
  "difi:api3",
  "difitest:api3",
  "difitest:api4",
  "difitest:test1",
  "difitest:test2",
  "digdir:test2",
  "entur:skyporten.demo",
  "idporten:dcr.read",
  "idporten:dcr.write",
  "idporten:dcr.modify",
  "idporten:dcr.supplier",
  "idporten:dcr/onbehalfof:write",
  "idporten:scopes.read",
  "idporten:scopes.write",
  "idporten:token.introspection",
  "idporten:user.log.read",
  "krr:global/digitalpost.read",
  "krr:global/kontaktinformasjon.read",
  "krr:user/digitalpost.read",
  "krr:user/kontaktinformasjon.read",
  "krr:user/spraak.write",
  "nav:trygdeopplysninger.write",
  "nav:pensjon/v3/alderspensjon",
  "nav:arbeid:some.scope.read",
  "nav:arbeid/some.scope.read",
  "skatteetaten:skattemelding",
  "skatteetaten:mva:melding",
  "sbb:bøker.les",
];

describe("ScopeName: Digdir's reported subscope pattern, without backtracking", () => {
  it.each(PUBLISHED)("accepts the published name %s", (name) => {
    expect(scopeNameProblem(name)).toBeNull();
    expect(ScopeName.safeParse(name).success).toBe(true);
    expect(NAV_SUBSCOPE_PATTERN.test(splitScopeName(name).subscope)).toBe(true);
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
    const { prefix, subscope } = splitScopeName(name);
    if (name.includes(":") && prefixProblem(prefix) === null) {
      expect(NAV_SUBSCOPE_PATTERN.test(subscope)).toBe(false);
    }
  });

  it.each([
    ["difi:api.read/v1", /\/ parts first/],
    ["difi:api.read:v1", /\/ parts first/],
    ["difi:a", /at least two/],
    ["difi:a.read", /at least two/],
    ["difi:api:v", /at least two/],
  ])("will not create %s (the pattern's order and length), but reads the name", (name, reason) => {
    const { subscope } = splitScopeName(name);
    expect(subscopeProblem(subscope)).toMatch(reason);
    expect(Subscope.safeParse(subscope).success).toBe(false);
    expect(NAV_SUBSCOPE_PATTERN.test(subscope)).toBe(false);
    // Read leniently: a name Digdir already has, or a document names, is not refused for these.
    expect(scopeNameProblem(name)).toBeNull();
    expect(ScopeName.safeParse(name).success).toBe(true);
  });

  it("decides every string of up to 7 characters over a å / : . - exactly as the pattern does", () => {
    const alphabet = ["a", "å", "/", ":", ".", "-"];
    const differences: string[] = [];
    let checked = 0;
    const visit = (text: string) => {
      if (text.length > 0) {
        checked++;
        const ours = subscopeProblem(text) === null;
        if (ours !== NAV_SUBSCOPE_PATTERN.test(text)) differences.push(text);
      }
      if (text.length < 7) for (const ch of alphabet) visit(text + ch);
    };
    visit("");
    expect(checked).toBe(335_922);
    expect(differences).toEqual([]);
  });

  it("answers a near miss of any length (the pattern as written needs seconds at 27 characters)", () => {
    // 26 letters and "!" is the case that takes the backtracking pattern about 2.6 s.
    expect(subscopeProblem(`${"a".repeat(26)}!`)).toMatch(/found "!"/);
    // Near misses the scan can only see at the end, 100,000 characters long.
    expect(subscopeLanguageProblem(`${"ab/".repeat(33_333)}:b`)).toMatch(/at least two/);
    expect(subscopeLanguageProblem(`${"a".repeat(100_000)}/`)).toMatch(/start or end/);
    expect(subscopeLanguageProblem(`${"ab:".repeat(33_333)}cd.e`)).toBeNull();
    // Portvakt's own length limit comes first for what it sends.
    expect(subscopeProblem("a".repeat(5000))).toMatch(/at most 255/);
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

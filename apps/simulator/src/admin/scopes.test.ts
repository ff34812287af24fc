import { DigdirError, readScope, Scope } from "@portvakt/contracts";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { type RunningSimulator, startSimulator } from "../index";
import { consumerAdminToken, providerAdminToken } from "../testing/grant";
import { callSelfService, scopeQuery } from "../testing/self-service";

let sim: RunningSimulator;
let admin: string;

beforeAll(async () => {
  sim = await startSimulator({ mode: "test" });
});
afterAll(() => sim.close());
beforeEach(async () => {
  await fetch(`${sim.url}/__control/reset`, { method: "POST" });
  admin = await providerAdminToken(sim);
});

const call = (method: string, path: string, body?: unknown, token = admin) =>
  callSelfService<unknown>(sim.url, method, path, { token, body });

describe("own scopes", () => {
  it("lists the caller's active scopes, and inactive ones with ?inactive=true", async () => {
    const active = await call("GET", "/api/v1/scopes");
    expect(active.status).toBe(200);
    const scopes = Scope.array().parse(active.body);
    expect(scopes.every((scope) => scope.owner_orgno === "991825827" && scope.active)).toBe(true);
    expect(scopes.map((scope) => scope.name)).toContain("digdir:demo.read");
    expect(scopes.map((scope) => scope.name)).not.toContain("difi:gammel/v1");

    const all = Scope.array().parse((await call("GET", "/api/v1/scopes?inactive=true")).body);
    expect(all.find((scope) => scope.name === "difi:gammel/v1")?.active).toBe(false);
  });

  it("reads one scope through ?scope=, URL-encoded, with / in the name", async () => {
    const nav = await consumerAdminToken(sim);
    const name = "nav:pensjon/v3/alderspensjon";
    const answer = await call("GET", `/api/v1/scopes/scope?${scopeQuery(name)}`, undefined, nav);
    expect(answer.status).toBe(200);
    expect(Scope.parse(answer.body)).toMatchObject({
      name,
      prefix: "nav",
      subscope: "pensjon/v3/alderspensjon",
    });
  });

  it("answers 403 for another owner's scope and 404 for a missing one", async () => {
    expect(
      (await call("GET", `/api/v1/scopes/scope?${scopeQuery("nav:pensjon/v3/alderspensjon")}`))
        .status,
    ).toBe(403);
    expect(
      (await call("GET", `/api/v1/scopes/scope?${scopeQuery("digdir:finnes.ikke")}`)).status,
    ).toBe(404);
    expect((await call("GET", "/api/v1/scopes/scope")).status).toBe(400);
    expect((await call("GET", `/api/v1/scopes/scope?${scopeQuery("Digdir:Bad")}`)).status).toBe(
      400,
    );
  });

  it("creates a scope with Digdir's defaults, and a name with / round-trips", async () => {
    const created = await call("POST", "/api/v1/scopes", {
      prefix: "digdir",
      subscope: "folkeregister/v2/hendelser.read",
      description: "Hendelser",
    });
    expect(created.status, JSON.stringify(created.body)).toBe(200);
    const scope = Scope.parse(created.body);
    expect(scope).toMatchObject({
      name: "digdir:folkeregister/v2/hendelser.read",
      owner_orgno: "991825827",
      active: true,
      visibility: "PUBLIC",
      allowed_integration_types: [],
      token_type: "SELF_CONTAINED",
      accessible_for_all: false,
    });
    const read = await call("GET", `/api/v1/scopes/scope?${scopeQuery(scope.name)}`);
    expect(Scope.parse(read.body).name).toBe(scope.name);
  });

  it("keeps the language variants a create sends (description#nn/#en/#se, long_description#…)", async () => {
    const variants = {
      "description#nn": "Skildring på nynorsk",
      "description#en": "English description",
      "long_description#se": "Guhkes čilgehus",
    };
    const created = await call("POST", "/api/v1/scopes", {
      prefix: "digdir",
      subscope: "sprak.v1",
      description: "Beskrivelse",
      ...variants,
    });
    expect(created.status).toBe(200);
    expect(created.body).toMatchObject(variants);
    const read = await call("GET", `/api/v1/scopes/scope?${scopeQuery("digdir:sprak.v1")}`);
    expect(read.body).toMatchObject(variants);
  });

  it("answers 409 for a name that exists, active or deactivated", async () => {
    const again = await call("POST", "/api/v1/scopes", {
      prefix: "digdir",
      subscope: "demo.read",
      description: "x",
    });
    expect(again.status).toBe(409);
    const deactivated = await call("POST", "/api/v1/scopes", {
      prefix: "difi",
      subscope: "gammel/v1",
      description: "x",
    });
    expect(deactivated.status).toBe(409);
    expect(DigdirError.parse(deactivated.body).error_description).toMatch(/deactivated/);
  });

  it("refuses a prefix the organisation does not hold (403, field error on prefix)", async () => {
    const answer = await call("POST", "/api/v1/scopes", {
      prefix: "nav",
      subscope: "kapring",
      description: "x",
    });
    expect(answer.status).toBe(403);
    expect(DigdirError.parse(answer.body).errors?.[0]?.fieldIdentifier).toBe("prefix");
  });

  it("answers 400 with field errors for invalid input and bad JSON", async () => {
    const invalid = await call("POST", "/api/v1/scopes", {
      prefix: "digdir",
      subscope: "a//b",
      description: "",
    });
    expect(invalid.status).toBe(400);
    const error = DigdirError.parse(invalid.body);
    expect(error.errors?.map((field) => field.fieldIdentifier).sort()).toEqual([
      "description",
      "subscope",
    ]);
    expect(error.errors?.[0]).toMatchObject({ isFieldError: true, objectName: "Scope" });

    const badJson = await callSelfService(sim.url, "POST", "/api/v1/scopes", {
      token: admin,
      rawBody: "{nope",
    });
    expect(badJson.status).toBe(400);
  });

  it("updates a scope; prefix and subscope cannot change", async () => {
    const path = `/api/v1/scopes?${scopeQuery("digdir:demo.read")}`;
    const updated = await call("PUT", path, { description: "Ny beskrivelse", at_max_age: 60 });
    expect(updated.status).toBe(200);
    expect(Scope.parse(updated.body)).toMatchObject({
      description: "Ny beskrivelse",
      at_max_age: 60,
      allowed_integration_types: ["maskinporten"],
    });
    const renamed = await call("PUT", path, { subscope: "annet" });
    expect(renamed.status).toBe(400);
    expect(DigdirError.parse(renamed.body).errors?.[0]?.fieldIdentifier).toBe("subscope");
    expect((await call("PUT", path, { prefix: "difi" })).status).toBe(400);
    expect(
      (
        await call("PUT", path, {
          prefix: "digdir",
          subscope: "demo.read",
          description: "Samme navn",
        })
      ).status,
    ).toBe(200);
  });

  it("deactivates with DELETE, keeps the grants, and reactivates with PUT active:true", async () => {
    const name = "digdir:demo.read";
    const path = `/api/v1/scopes?${scopeQuery(name)}`;
    const removed = await call("DELETE", path);
    expect(removed.status).toBe(200);
    expect(Scope.parse(removed.body).active).toBe(false);
    expect((await call("GET", `/api/v1/scopes/access?${scopeQuery(name)}`)).body).toHaveLength(2);
    expect((await call("PUT", path, { description: "uten reaktivering" })).status).toBe(409);
    const again = await call("POST", "/api/v1/scopes", {
      prefix: "digdir",
      subscope: "demo.read",
      description: "x",
    });
    expect(again.status).toBe(409);
    const reactivated = await call("PUT", path, { active: true });
    expect(reactivated.status).toBe(200);
    expect(Scope.parse(reactivated.body).active).toBe(true);
  });

  it("lists the caller's prefixes as ScopePrefix objects (2025 OpenAPI), and every prefix without a token", async () => {
    const own = (await call("GET", "/api/v1/prefix")).body as Array<Record<string, unknown>>;
    expect(own.map((p) => p.prefix)).toEqual(["difi", "digdir"]);
    expect(own[0]).toMatchObject({ owner_orgno: "991825827", active: true });
    expect(typeof own[0]!.organization_name).toBe("string");
    const nav = (await call("GET", "/api/v1/prefix", undefined, await consumerAdminToken(sim)))
      .body as Array<{ prefix: string }>;
    expect(nav.map((p) => p.prefix)).toEqual(["nav"]);
    const all = await callSelfService<Array<{ prefix: string }>>(
      sim.url,
      "GET",
      "/api/v1/prefix/all",
    );
    expect(all.status).toBe(200);
    expect(all.body.map((p) => p.prefix)).toEqual(expect.arrayContaining(["brreg", "difi", "nav"]));
  });

  it("answers an empty list as Digdir does: an error that 'does not have any' (docs/maskinporten.md §8)", async () => {
    const created = await call("POST", "/api/v1/scopes", {
      prefix: "digdir",
      subscope: "uten/tilgang",
      description: "Ingen har tilgang",
    });
    expect(created.status).toBe(200);
    const none = await call("GET", "/api/v1/scopes/access?scope=digdir%3Auten%2Ftilgang");
    expect(none.status).toBe(404);
    expect((none.body as { error_description: string }).error_description).toMatch(
      /does not have any/,
    );
    const sources = await call("GET", "/api/v1/delegationsources");
    expect((sources.body as Array<{ name: string }>)[0]?.name).toBe("Altinn");
  });
});

describe("public catalogue /scopes/all", () => {
  const catalogue = async (query = "") => {
    const answer = await callSelfService<unknown>(sim.url, "GET", `/api/v1/scopes/all${query}`);
    expect(answer.status).toBe(200);
    // Read as Portvakt reads Digdir: the seeded sparse row has an empty number.
    return (answer.body as unknown[]).map((row) => readScope(row)!);
  };

  it("needs no token and lists only active PUBLIC scopes", async () => {
    const scopes = await catalogue();
    const names = scopes.map((scope) => scope.name);
    expect(
      scopes.every((scope) => (scope.visibility ?? "PUBLIC") === "PUBLIC" && scope.active),
    ).toBe(true);
    // The sparse row (only name, prefix, subscope, description, active, owner; docs/maskinporten.md §8).
    expect(names).toContain("brreg:gammel/sparsom");
    expect(names).toContain("nav:pensjon/v3/alderspensjon");
    expect(names).not.toContain("digdir:intern/statistikk");
    expect(names).not.toContain("digdir:tilsyn/intern");
    expect(names).not.toContain("difi:gammel/v1");
  });

  it("filters by prefix, integration_type, accessible_for_all and inactive", async () => {
    expect((await catalogue("?prefix=nav")).map((scope) => scope.name)).toEqual([
      "nav:pensjon/v3/alderspensjon",
    ]);
    expect((await catalogue("?accessible_for_all=true")).map((scope) => scope.name)).toEqual([
      "digdir:åpne.data",
    ]);
    const idporten = (await catalogue("?integration_type=idporten")).map((scope) => scope.name);
    expect(idporten).toContain("digdir:krr/kontaktinfo.read");
    expect(idporten).not.toContain("digdir:demo.read");
    expect((await catalogue("?inactive=true&prefix=difi")).map((scope) => scope.name)).toContain(
      "difi:gammel/v1",
    );
    expect(
      (await callSelfService(sim.url, "GET", "/api/v1/scopes/all?integration_type=fax")).status,
    ).toBe(400);
  });
});

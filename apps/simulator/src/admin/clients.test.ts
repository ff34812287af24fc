import { Client, DigdirError, OrganizationAnswer } from "@portvakt/contracts";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { type RunningSimulator, startSimulator } from "../index";
import { consumerAdminToken, providerAdminToken } from "../testing/grant";
import { callSelfService, scopeQuery } from "../testing/self-service";

let sim: RunningSimulator;
let nav: string;
let digdir: string;
const NAV = "889640782";

beforeAll(async () => {
  sim = await startSimulator({ mode: "test" });
});
afterAll(() => sim.close());
beforeEach(async () => {
  await fetch(`${sim.url}/__control/reset`, { method: "POST" });
  nav = await consumerAdminToken(sim);
  digdir = await providerAdminToken(sim);
});

const call = (method: string, path: string, token: string, body?: unknown) =>
  callSelfService<unknown>(sim.url, method, path, { token, body });

const newClient = (fields: Record<string, unknown> = {}) => ({
  client_name: "NAV ny integrasjon",
  description: "Testklient",
  integration_type: "maskinporten",
  application_type: "web",
  token_endpoint_auth_method: "private_key_jwt",
  grant_types: ["urn:ietf:params:oauth:grant-type:jwt-bearer"],
  scopes: ["digdir:demo.read"],
  ...fields,
});

describe("clients", () => {
  it("lists own clients, inactive ones with ?inactive=true", async () => {
    const active = Client.array().parse((await call("GET", "/api/v1/clients", nav)).body);
    expect(active.every((client) => client.client_orgno === NAV && client.active)).toBe(true);
    expect(active.map((client) => client.client_id)).toContain("portvakt-demo-consumer-admin");
    const all = Client.array().parse(
      (await call("GET", "/api/v1/clients?inactive=true", nav)).body,
    );
    expect(all.some((client) => !client.active)).toBe(true);
  });

  it("creates a client: 200, a UUID client_id, defaults filled in", async () => {
    const answer = await call("POST", "/api/v1/clients", nav, newClient());
    expect(answer.status, JSON.stringify(answer.body)).toBe(200);
    const client = Client.parse(answer.body);
    expect(client.client_id).toMatch(
      /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/,
    );
    expect(client).toMatchObject({
      client_orgno: NAV,
      active: true,
      access_token_lifetime: 120,
      scopes: ["digdir:demo.read"],
    });
    expect(client.supplier_orgno).toBeUndefined();
    const read = await call("GET", `/api/v1/clients/${client.client_id}`, nav);
    expect(read.body).toEqual(answer.body);
  });

  it("refuses client_orgno of another org without dcr.supplier (403)", async () => {
    const answer = await call(
      "POST",
      "/api/v1/clients",
      nav,
      newClient({ client_orgno: "991825827", scopes: [] }),
    );
    expect(answer.status).toBe(403);
  });

  it("lets a supplier register a client for another org, with supplier_orgno = caller", async () => {
    const answer = await call("POST", "/api/v1/clients", digdir, newClient({ client_orgno: NAV }));
    expect(answer.status, JSON.stringify(answer.body)).toBe(200);
    const client = Client.parse(answer.body);
    expect(client).toMatchObject({ client_orgno: NAV, supplier_orgno: "991825827" });
    const supplied = Client.array().parse((await call("GET", "/api/v1/clients", digdir)).body);
    expect(supplied.map((entry) => entry.client_id)).toContain(client.client_id);
    expect(
      (await call("PUT", `/api/v1/clients/${client.client_id}`, digdir, { description: "endret" }))
        .status,
    ).toBe(200);
    const withoutSupplier = await providerAdminToken(sim, [
      "idporten:dcr.write",
      "idporten:dcr.read",
    ]);
    expect(
      (
        await call("PUT", `/api/v1/clients/${client.client_id}`, withoutSupplier, {
          description: "x",
        })
      ).status,
    ).toBe(403);
  });

  it("puts a scope on a client only if the client's org may use it (400 naming the scope)", async () => {
    const notGranted = await call(
      "POST",
      "/api/v1/clients",
      nav,
      newClient({ scopes: ["digdir:intern/statistikk"] }),
    );
    expect(notGranted.status).toBe(400);
    const error = DigdirError.parse(notGranted.body);
    expect(error.error_description).toContain("digdir:intern/statistikk");
    expect(error.errors?.[0]?.fieldIdentifier).toBe("scopes");

    expect(
      (
        await call(
          "POST",
          "/api/v1/clients",
          nav,
          newClient({ scopes: ["digdir:demo/v1/hendelser"] }),
        )
      ).status,
    ).toBe(400);
    expect(
      (await call("POST", "/api/v1/clients", nav, newClient({ scopes: ["digdir:finnes.ikke"] })))
        .status,
    ).toBe(400);
    expect(
      (await call("POST", "/api/v1/clients", nav, newClient({ scopes: ["difi:gammel/v1"] })))
        .status,
    ).toBe(400);
    const own = await call(
      "POST",
      "/api/v1/clients",
      nav,
      newClient({ scopes: ["nav:arbeidsforhold.read", "digdir:åpne.data"] }),
    );
    expect(own.status, JSON.stringify(own.body)).toBe(200);
  });

  it("refuses a scope whose allowed_integration_types exclude the client's type", async () => {
    const answer = await call(
      "POST",
      "/api/v1/clients",
      digdir,
      newClient({ client_orgno: undefined, scopes: ["digdir:krr/kontaktinfo.read"] }),
    );
    expect(answer.status).toBe(400);
    expect(DigdirError.parse(answer.body).error_description).toContain(
      "digdir:krr/kontaktinfo.read",
    );
    const idporten = await call(
      "POST",
      "/api/v1/clients",
      digdir,
      newClient({ integration_type: "idporten", scopes: ["digdir:krr/kontaktinfo.read"] }),
    );
    expect(idporten.status, JSON.stringify(idporten.body)).toBe(200);
  });

  it("updates a client; integration_type cannot change; new scopes are checked", async () => {
    const id = sim.demo.keyedClients[0]!.clientId;
    const updated = await call("PUT", `/api/v1/clients/${id}`, nav, {
      client_name: "Nytt navn",
      scopes: ["digdir:demo.read"],
    });
    expect(updated.status).toBe(200);
    expect(Client.parse(updated.body)).toMatchObject({
      client_name: "Nytt navn",
      scopes: ["digdir:demo.read"],
    });
    expect(
      (await call("PUT", `/api/v1/clients/${id}`, nav, { integration_type: "idporten" })).status,
    ).toBe(400);
    expect(
      (await call("PUT", `/api/v1/clients/${id}`, nav, { integration_type: "maskinporten" }))
        .status,
    ).toBe(200);
    expect(
      (await call("PUT", `/api/v1/clients/${id}`, nav, { scopes: ["digdir:intern/statistikk"] }))
        .status,
    ).toBe(400);
  });

  it("keeps scopes already on a client even when they would not be accepted anew", async () => {
    await call("DELETE", `/api/v1/scopes/access/${NAV}?${scopeQuery("difi:api3")}`, digdir);
    const id = sim.demo.keyedClients[0]!.clientId;
    const answer = await call("PUT", `/api/v1/clients/${id}`, nav, {
      description: "uendrede scopes",
    });
    expect(answer.status).toBe(200);
    expect(Client.parse(answer.body).scopes).toContain("difi:api3");
  });

  it("deletes with 200, leaving an inactive client that no longer gets tokens", async () => {
    const created = Client.parse((await call("POST", "/api/v1/clients", nav, newClient())).body);
    const removed = await call("DELETE", `/api/v1/clients/${created.client_id}`, nav);
    expect(removed.status).toBe(200);
    expect(Client.parse(removed.body).active).toBe(false);
    const listed = Client.array().parse((await call("GET", "/api/v1/clients", nav)).body);
    expect(listed.map((client) => client.client_id)).not.toContain(created.client_id);
  });

  it("answers 403 for another org's client and 404 for an unknown one", async () => {
    expect((await call("GET", "/api/v1/clients/portvakt-demo-admin", nav)).status).toBe(403);
    expect(
      (await call("GET", "/api/v1/clients/00000000-0000-4000-8000-000000000000", nav)).status,
    ).toBe(404);
  });

  it("answers 400 with field errors for an invalid client", async () => {
    const answer = await call("POST", "/api/v1/clients", nav, {
      client_name: "",
      scopes: ["Not A Scope"],
    });
    expect(answer.status).toBe(400);
    const fields = DigdirError.parse(answer.body).errors?.map((error) => error.fieldIdentifier);
    expect(fields).toEqual(expect.arrayContaining(["client_name", "description", "scopes[0]"]));
  });
});

describe("organisations", () => {
  it("answers {orgnr, name} as the 2025 OpenAPI: the register's name, or a synthetic one", async () => {
    expect((await call("GET", "/api/v1/organizations/991825827", nav)).body).toEqual({
      orgnr: "991825827",
      name: "DIGITALISERINGSDIREKTORATET",
    });
    expect(
      OrganizationAnswer.parse((await call("GET", "/api/v1/organizations/974760673", nav)).body),
    ).toEqual({ orgno: "974760673", name: "REGISTERENHETEN I BRØNNØYSUND" });
    expect((await call("GET", "/api/v1/organizations/123456785", nav)).body).toEqual({
      orgnr: "123456785",
      name: "Organisasjon 123456785",
    });
  });

  it("answers 400 for an invalid org number, and needs no token ('Krever ingen autentisering')", async () => {
    expect((await call("GET", "/api/v1/organizations/123456789", nav)).status).toBe(400);
    expect((await callSelfService(sim.url, "GET", "/api/v1/organizations/991825827")).status).toBe(
      200,
    );
  });
});

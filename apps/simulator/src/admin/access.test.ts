import { DigdirError, ScopeAccess } from "@portvakt/contracts";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { type RunningSimulator, startSimulator } from "../index";
import {
  consumerAdminToken,
  keyedClientGrant,
  providerAdminToken,
  requestToken,
  signGrant,
} from "../testing/grant";
import { callSelfService, scopeQuery } from "../testing/self-service";

let sim: RunningSimulator;
let admin: string;
const NAV = "889640782";

beforeAll(async () => {
  sim = await startSimulator({ mode: "test" });
});
afterAll(() => sim.close());
beforeEach(async () => {
  await fetch(`${sim.url}/__control/reset`, { method: "POST" });
  admin = await providerAdminToken(sim);
});

const call = (method: string, path: string, token = admin) =>
  callSelfService<unknown>(sim.url, method, path, { token });

describe("access grants", () => {
  it("lists the consumers of a scope with names from the register", async () => {
    const answer = await call(
      "GET",
      `/api/v1/scopes/access?${scopeQuery("digdir:demo.read")}&inactive=true`,
    );
    expect(answer.status).toBe(200);
    const grants = ScopeAccess.array().parse(answer.body);
    expect(grants.find((grant) => grant.consumer_orgno === NAV)).toMatchObject({
      state: "APPROVED",
      consumer_organization_name: "ARBEIDS- OG VELFERDSETATEN",
      owner_orgno: "991825827",
      owner_organization_name: "DIGITALISERINGSDIREKTORATET",
    });
  });

  it("has seeded grants in all three states", async () => {
    const byConsumer = ScopeAccess.array().parse(
      (await call("GET", `/api/v1/scopes/access?consumer_orgno=${NAV}&inactive=true`)).body,
    );
    expect(new Set(byConsumer.map((grant) => grant.state))).toEqual(
      new Set(["APPROVED", "REQUESTED", "DENIED"]),
    );
    expect(byConsumer.every((grant) => grant.owner_orgno === "991825827")).toBe(true);
  });

  it("grants with PUT (idempotent) and answers the ScopeAccess", async () => {
    const path = `/api/v1/scopes/access/974761076?${scopeQuery("difi:api3")}`;
    const first = await call("PUT", path);
    expect(first.status).toBe(200);
    expect(ScopeAccess.parse(first.body)).toMatchObject({
      scope: "difi:api3",
      state: "APPROVED",
      consumer_orgno: "974761076",
      consumer_organization_name: "SKATTEETATEN",
    });
    const second = await call("PUT", path);
    expect(second.body).toEqual(first.body);
  });

  it("approves a REQUESTED grant", async () => {
    const answer = await call(
      "PUT",
      `/api/v1/scopes/access/${NAV}?${scopeQuery("digdir:demo/v1/hendelser")}`,
    );
    expect(ScopeAccess.parse(answer.body).state).toBe("APPROVED");
  });

  it("revokes with DELETE keeping a DENIED row; PUT approves it again", async () => {
    const path = `/api/v1/scopes/access/${NAV}?${scopeQuery("difi:api3")}`;
    const revoked = await call("DELETE", path);
    expect(revoked.status).toBe(200);
    expect(ScopeAccess.parse(revoked.body).state).toBe("DENIED");
    expect((await call("DELETE", path)).status).toBe(200);
    const rows = ScopeAccess.array().parse(
      (await call("GET", `/api/v1/scopes/access?${scopeQuery("difi:api3")}&inactive=true`)).body,
    );
    expect(rows.find((row) => row.consumer_orgno === NAV)?.state).toBe("DENIED");
    const again = await call("PUT", path);
    expect(ScopeAccess.parse(again.body)).toMatchObject({
      state: "APPROVED",
      created: ScopeAccess.parse(revoked.body).created,
    });
  });

  it("makes the consumer's token request fail with MP-250 after revoke", async () => {
    const client = sim.demo.keyedClients[0]!.clientId;
    const ask = async () =>
      requestToken(sim.tokenEndpoint, await signGrant(keyedClientGrant(sim, client, "difi:api3")));
    expect((await ask()).status).toBe(200);
    await call("DELETE", `/api/v1/scopes/access/${NAV}?${scopeQuery("difi:api3")}`);
    const refused = await ask();
    expect(refused.status).toBe(403);
    expect(refused.body).toMatchObject({
      error: "forbidden",
      error_description: expect.stringMatching(
        /^Consumer has not been granted access to the scope difi:api3/,
      ),
    });
  });

  it("shows a consumer what was granted to it (/scopes/access/all)", async () => {
    const nav = await consumerAdminToken(sim);
    const answer = await call("GET", "/api/v1/scopes/access/all", nav);
    const grants = ScopeAccess.array().parse(answer.body);
    expect(grants.every((grant) => grant.consumer_orgno === NAV)).toBe(true);
    expect(grants.map((grant) => grant.scope)).toContain("brreg:enhetsregisteret/v2");
  });

  it("answers 400 for an invalid org number, 404 for revoking what was never granted", async () => {
    const invalid = await call("PUT", `/api/v1/scopes/access/123456789?${scopeQuery("difi:api3")}`);
    expect(invalid.status).toBe(400);
    expect(DigdirError.parse(invalid.body).errors?.[0]?.fieldIdentifier).toBe("consumer_orgno");
    expect((await call("GET", "/api/v1/scopes/access?consumer_orgno=12345")).status).toBe(400);
    expect(
      (await call("DELETE", `/api/v1/scopes/access/974761076?${scopeQuery("difi:api3")}`)).status,
    ).toBe(404);
    expect((await call("GET", "/api/v1/scopes/access")).status).toBe(400);
  });

  it("answers 403 for another owner's scope and 409 for granting a deactivated scope", async () => {
    expect(
      (
        await call(
          "PUT",
          `/api/v1/scopes/access/974761076?${scopeQuery("nav:arbeidsforhold.read")}`,
        )
      ).status,
    ).toBe(403);
    expect(
      (await call("GET", `/api/v1/scopes/access?${scopeQuery("nav:arbeidsforhold.read")}`)).status,
    ).toBe(403);
    expect(
      (await call("PUT", `/api/v1/scopes/access/974761076?${scopeQuery("difi:gammel/v1")}`)).status,
    ).toBe(409);
  });

  it("addresses scopes with / through the query string", async () => {
    const nav = await consumerAdminToken(sim, ["idporten:scopes.read", "idporten:dcr.read"]);
    const answer = await call(
      "GET",
      `/api/v1/scopes/access?${scopeQuery("nav:pensjon/v3/alderspensjon")}`,
      nav,
    );
    expect(answer.status).toBe(200);
    expect(
      ScopeAccess.array()
        .parse(answer.body)
        .map((grant) => grant.scope),
    ).toEqual(["nav:pensjon/v3/alderspensjon", "nav:pensjon/v3/alderspensjon"]);
  });

  it("answers a changed consumer list after every grant change (the list is cached per scope)", async () => {
    const path = `/api/v1/scopes/access?${scopeQuery("difi:api3")}&inactive=true`;
    const before = ScopeAccess.array().parse((await call("GET", path)).body);
    await call("PUT", `/api/v1/scopes/access/974761076?${scopeQuery("difi:api3")}`);
    const after = ScopeAccess.array().parse((await call("GET", path)).body);
    expect(after).toHaveLength(before.length + 1);
    await call("DELETE", `/api/v1/scopes/access/974761076?${scopeQuery("difi:api3")}`);
    const revoked = ScopeAccess.array().parse((await call("GET", path)).body);
    expect(revoked.find((grant) => grant.consumer_orgno === "974761076")?.state).toBe("DENIED");
  });
});

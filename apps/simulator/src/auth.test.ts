import { DigdirError } from "@portvakt/contracts";
import { generateKeyPair, SignJWT } from "jose";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { type RunningSimulator, startSimulator } from "./index";
import {
  consumerAdminToken,
  fetchAccessToken,
  keyedClientGrant,
  providerAdminToken,
} from "./testing/grant";
import { callSelfService } from "./testing/self-service";

let sim: RunningSimulator;

beforeAll(async () => {
  sim = await startSimulator({ mode: "test" });
});
afterAll(() => sim.close());
beforeEach(async () => {
  await fetch(`${sim.url}/__control/reset`, { method: "POST" });
});

async function expectDigdirError(
  answer: { status: number; body: unknown; headers: Headers },
  status: number,
) {
  expect(answer.status, JSON.stringify(answer.body)).toBe(status);
  const error = DigdirError.parse(answer.body);
  expect(error.status).toBe(status);
  expect(error.correlation_id).toMatch(/^[0-9a-f-]{36}$/);
  expect(answer.headers.get("x-correlation-id")).toBe(error.correlation_id);
  expect(Number.isNaN(Date.parse(error.timestamp ?? ""))).toBe(false);
  return error;
}

describe("admin authentication (401) and authorisation (403)", () => {
  it("answers 401 without a token, with WWW-Authenticate", async () => {
    const answer = await callSelfService(sim.url, "GET", "/api/v1/scopes");
    await expectDigdirError(answer, 401);
    expect(answer.headers.get("www-authenticate")).toMatch(/^Bearer/);
  });

  it("answers 401 for a garbled token", async () => {
    await expectDigdirError(
      await callSelfService(sim.url, "GET", "/api/v1/scopes", { token: "abc.def.ghi" }),
      401,
    );
  });

  it("answers 401 for a token signed by someone else", async () => {
    const { privateKey } = await generateKeyPair("RS256");
    const foreign = await new SignJWT({
      client_id: "portvakt-demo-admin",
      consumer: { authority: "iso6523-actorid-upis", ID: "0192:991825827" },
      scope: "idporten:scopes.read",
    })
      .setProtectedHeader({ alg: "RS256" })
      .setIssuer(sim.issuer)
      .setIssuedAt()
      .setExpirationTime("2m")
      .sign(privateKey);
    await expectDigdirError(
      await callSelfService(sim.url, "GET", "/api/v1/scopes", { token: foreign }),
      401,
    );
  });

  it("answers 401 for a token from another simulator (other environment)", async () => {
    const other = await startSimulator({ mode: "test" });
    try {
      const token = await providerAdminToken(other);
      const error = await expectDigdirError(
        await callSelfService(sim.url, "GET", "/api/v1/scopes", { token }),
        401,
      );
      expect(error.error_description).toMatch(/environment/);
    } finally {
      await other.close();
    }
  });

  it("answers 401 once the token has expired (clock moved past exp)", async () => {
    const token = await providerAdminToken(sim);
    expect((await callSelfService(sim.url, "GET", "/api/v1/scopes", { token })).status).toBe(200);
    await fetch(`${sim.url}/__control/clock`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ offsetSeconds: 121 }),
    });
    const error = await expectDigdirError(
      await callSelfService(sim.url, "GET", "/api/v1/scopes", { token }),
      401,
    );
    expect(error.error_description).toMatch(/expired/);
  });

  it("answers 401 for every token issued before POST /__control/expire-tokens", async () => {
    const token = await providerAdminToken(sim);
    await fetch(`${sim.url}/__control/expire-tokens`, { method: "POST" });
    await expectDigdirError(
      await callSelfService(sim.url, "GET", "/api/v1/scopes", { token }),
      401,
    );
    const fresh = await providerAdminToken(sim);
    expect((await callSelfService(sim.url, "GET", "/api/v1/scopes", { token: fresh })).status).toBe(
      200,
    );
  });

  it("answers 401 for a token of a client that is no admin client", async () => {
    const token = await fetchAccessToken(
      sim,
      keyedClientGrant(sim, sim.demo.keyedClients[0]!.clientId, "difi:api3"),
    );
    const error = await expectDigdirError(
      await callSelfService(sim.url, "GET", "/api/v1/scopes", { token }),
      401,
    );
    expect(error.error_description).toMatch(/not an admin client/);
  });

  it("answers 403 when the admin token lacks the scope the call needs", async () => {
    const readOnly = await providerAdminToken(sim, "idporten:scopes.read");
    const error = await expectDigdirError(
      await callSelfService(sim.url, "POST", "/api/v1/scopes", {
        token: readOnly,
        body: { prefix: "digdir", subscope: "ny", description: "x" },
      }),
      403,
    );
    expect(error.error_description).toMatch(/idporten:scopes.write/);
    await expectDigdirError(
      await callSelfService(sim.url, "GET", "/api/v1/clients", { token: readOnly }),
      403,
    );
    const consumer = await consumerAdminToken(sim);
    await expectDigdirError(
      await callSelfService(
        sim.url,
        "PUT",
        "/api/v1/scopes/access/991825827?scope=nav%3Aarbeidsforhold.read",
        { token: consumer },
      ),
      403,
    );
  });

  it("refuses dcr.modify on PUT, POST and DELETE of a client (the 2025 OpenAPI names dcr.write)", async () => {
    const modify = await providerAdminToken(sim, "idporten:dcr.modify");
    const clientId = "5d6e7f80-9a0b-4c1d-8e2f-3a4b5c6d7e8f";
    const put = await callSelfService(sim.url, "PUT", `/api/v1/clients/${clientId}`, {
      token: modify,
      body: { description: "Endret med dcr.modify" },
    });
    await expectDigdirError(put, 403);
    const write = await providerAdminToken(sim, "idporten:dcr.write");
    const allowed = await callSelfService(sim.url, "PUT", `/api/v1/clients/${clientId}`, {
      token: write,
      body: { description: "Endret med dcr.write" },
    });
    expect(allowed.status).toBe(200);
    const post = await callSelfService(sim.url, "POST", "/api/v1/clients", {
      token: modify,
      body: { client_name: "Ny", description: "Ny klient" },
    });
    await expectDigdirError(post, 403);
    const remove = await callSelfService(sim.url, "DELETE", `/api/v1/clients/${clientId}`, {
      token: modify,
    });
    await expectDigdirError(remove, 403);
  });

  it("answers unknown routes with 404 in Digdir's shape", async () => {
    await expectDigdirError(await callSelfService(sim.url, "GET", "/api/v1/nothing-here"), 404);
  });
});

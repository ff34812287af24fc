import { randomBytes } from "node:crypto";
import { Client, JwksResponse, Scope } from "@portvakt/contracts";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { type RunningSimulator, startSimulator } from "../index";
import { providerAdminToken } from "../testing/grant";
import { callSelfService, scopeQuery } from "../testing/self-service";

// Digdir's self-service API is a Spring Boot service: its bodies are read by Jackson with its
// default coercions (docs/maskinporten.md §8). A value Portvakt read leniently and sends back
// as Digdir had it (`"authorization_max_lifetime": ""`, `"120"`, `null`) is taken there, so the
// simulator takes it too; what Jackson refuses ("abc" for a number) stays a 400.
let sim: RunningSimulator;
let admin: string;
const DEMO = "digdir:demo.read";

beforeAll(async () => {
  sim = await startSimulator({ mode: "test" });
}, 60_000);
afterAll(() => sim?.close());
beforeEach(async () => {
  await fetch(`${sim.url}/__control/reset`, { method: "POST" });
  admin = await providerAdminToken(sim);
});

const call = (method: string, path: string, body?: unknown) =>
  callSelfService<unknown>(sim.url, method, path, { token: admin, body });

function madeUpKey(kid: string): Record<string, unknown> {
  const modulus = randomBytes(256);
  modulus[0]! |= 0x80;
  return { kty: "RSA", use: "sig", alg: "RS256", kid, e: "AQAB", n: modulus.toString("base64url") };
}

async function ownClientId(): Promise<string> {
  const created = await call("POST", "/api/v1/clients", {
    client_name: "Jackson",
    description: "x",
    scopes: [],
  });
  return Client.parse(created.body).client_id;
}

describe("bodies read as Jackson reads them", () => {
  it('scope update: "" and null leave a number as it was, numbers and booleans as text are read', async () => {
    const before = Scope.parse(
      (await call("GET", `/api/v1/scopes/scope?${scopeQuery(DEMO)}`)).body,
    );
    for (const odd of [
      { authorization_max_lifetime: "" },
      { at_max_age: "  " },
      { at_max_age: null, long_description: null },
    ]) {
      const answer = await call("PUT", `/api/v1/scopes?${scopeQuery(DEMO)}`, {
        description: "Ny",
        ...odd,
      });
      expect(answer.status, `${JSON.stringify(odd)}: ${JSON.stringify(answer.body)}`).toBe(200);
      const after = Scope.parse(answer.body);
      expect(after.at_max_age).toBe(before.at_max_age);
      expect(after.authorization_max_lifetime).toBe(before.authorization_max_lifetime);
      expect(after.long_description).toBe(before.long_description);
    }
    const text = await call("PUT", `/api/v1/scopes?${scopeQuery(DEMO)}`, {
      at_max_age: " 300 ",
      requires_user_consent: "false",
      active: "TRUE",
    });
    expect(text.status, JSON.stringify(text.body)).toBe(200);
    expect(Scope.parse(text.body)).toMatchObject({ at_max_age: 300, active: true });
  });

  it('scope create: "" for a number gets Digdir\'s default', async () => {
    const answer = await call("POST", "/api/v1/scopes", {
      prefix: "digdir",
      subscope: "jackson.tom",
      description: "x",
      at_max_age: "",
      authorization_max_lifetime: "",
    });
    expect(answer.status, JSON.stringify(answer.body)).toBe(200);
    expect(Scope.parse(answer.body)).toMatchObject({
      at_max_age: 0,
      authorization_max_lifetime: 0,
    });
  });

  it('client create and update: access_token_lifetime as "" or text', async () => {
    const created = await call("POST", "/api/v1/clients", {
      client_name: "Tom levetid",
      description: "x",
      access_token_lifetime: "",
      scopes: [],
    });
    expect(created.status, JSON.stringify(created.body)).toBe(200);
    const client = Client.parse(created.body);
    expect(client.access_token_lifetime).toBe(120);
    const path = `/api/v1/clients/${client.client_id}`;
    const text = await call("PUT", path, { access_token_lifetime: "60", active: "true" });
    expect(text.status, JSON.stringify(text.body)).toBe(200);
    expect(Client.parse(text.body).access_token_lifetime).toBe(60);
    const empty = await call("PUT", path, { access_token_lifetime: "", description: null });
    expect(empty.status, JSON.stringify(empty.body)).toBe(200);
    expect(Client.parse(empty.body)).toMatchObject({ access_token_lifetime: 60, description: "x" });
  });

  it('keys: exp as text is kept, as "" gets a year, as a fraction is cut to whole seconds', async () => {
    const clientId = await ownClientId();
    const jwks = `/api/v1/clients/${clientId}/jwks`;
    const asText = await call("PUT", `${jwks}/k-text`, {
      ...madeUpKey("k-text"),
      exp: "1893456000",
    });
    expect(asText.status, JSON.stringify(asText.body)).toBe(200);
    const empty = await call("PUT", `${jwks}/k-empty`, { ...madeUpKey("k-empty"), exp: "" });
    expect(empty.status, JSON.stringify(empty.body)).toBe(200);
    const fraction = await call("PUT", `${jwks}/k-frac`, {
      ...madeUpKey("k-frac"),
      exp: 1893456000.75,
    });
    expect(fraction.status, JSON.stringify(fraction.body)).toBe(200);
    const set = JwksResponse.parse((await call("GET", jwks)).body);
    const exp = (kid: string) => set.keys.find((key) => key.kid === kid)?.exp;
    expect(exp("k-text")).toBe(1893456000);
    expect(exp("k-frac")).toBe(1893456000);
    const year = 365 * 86_400;
    expect(
      Math.abs(exp("k-empty")! - (Math.floor(sim.store.clock.now() / 1000) + year)),
    ).toBeLessThan(86_400 + 60);
    const whole = await call("POST", jwks, {
      keys: [{ ...madeUpKey("k-set"), exp: "", created: 1700000000000 }],
    });
    expect(whole.status, JSON.stringify(whole.body)).toBe(200);
  });

  it("what Jackson refuses stays refused", async () => {
    const clientId = await ownClientId();
    for (const [path, method, body] of [
      [`/api/v1/scopes?${scopeQuery(DEMO)}`, "PUT", { at_max_age: "abc" }],
      [`/api/v1/scopes?${scopeQuery(DEMO)}`, "PUT", { active: "yes" }],
      [`/api/v1/scopes?${scopeQuery(DEMO)}`, "PUT", { at_max_age: "1e400" }],
      [`/api/v1/clients/${clientId}`, "PUT", { access_token_lifetime: [120] }],
      [`/api/v1/clients/${clientId}/jwks/k1`, "PUT", { ...madeUpKey("k1"), exp: "soon" }],
    ] as const) {
      const answer = await call(method, path, body);
      expect(answer.status, `${JSON.stringify(body)}: ${JSON.stringify(answer.body)}`).toBe(400);
    }
  });
});

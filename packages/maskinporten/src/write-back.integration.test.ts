import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { KeySetEditor } from "./key-set-editor";
import type { SelfServiceClient } from "./self-service";
import { replayClient } from "./test-support/replay-client";
import {
  type RecordedAnswer,
  type RunningReplayServer,
  recordedAnswers,
  recordedModulus,
  startReplayServer,
} from "./test-support/replay-server";

// A write-back never drops or changes what Portvakt did not understand: rows in the shapes of
// Digdir's OpenAPI (`Scope_ScopeExternal`, `JsonWebKey`) with odd values, served by the
// recording server, written back through the client library; the bodies sent are checked.
const oddScope = {
  name: "digdir:ny",
  prefix: "digdir",
  subscope: "ny",
  description: "Gammel tekst",
  active: "true",
  visibility: "RESTRICTED",
  allowed_integration_types: ["maskinporten", "brand_new_type"],
  token_type: "SELF_CONTAINED",
  at_max_age: "120",
  authorization_max_lifetime: "",
  owner_orgno: "991825827",
};
const answers: RecordedAnswer[] = [
  ...recordedAnswers().filter((answer) => answer.path === "/token"),
  // GET /api/v1/scopes/scope?scope= and PUT /api/v1/scopes?scope= (2025 OpenAPI)
  { method: "GET", path: "/api/v1/scopes/scope", status: 200, body: oddScope },
  // Read-only fields in shapes Portvakt sets aside: never sent back.
  {
    method: "GET",
    path: "/api/v1/clients/odd-dates",
    status: 200,
    body: {
      ...fullClient(),
      client_id: "odd-dates",
      created: { epochSecond: 1709287200, nano: 0 },
      last_updated: [2024, 13, 1],
    },
  },
  { method: "PUT", path: "/api/v1/clients/odd-dates", status: 200, body: fullClient() },
  { method: "PUT", path: "/api/v1/scopes", status: 200, body: oddScope },
  // GET and POST /api/v1/clients/{clientId}/jwks (2025 OpenAPI `JsonWebKeyWrapper`)
  {
    method: "GET",
    path: "/api/v1/clients/text-exp/jwks",
    status: 200,
    body: {
      keys: [
        {
          kty: "RSA",
          use: "sig",
          alg: "RS256",
          kid: "text-exp",
          e: "AQAB",
          n: "{{MODULUS}}",
          exp: "1767225600",
        },
      ],
    },
  },
  { method: "POST", path: "/api/v1/clients/text-exp/jwks", status: 200, body: { keys: [] } },
  // GET and PUT /api/v1/clients/{id} (2025 OpenAPI `ClientResponse`, `UpdateClientRequest`)
  { method: "GET", path: "/api/v1/clients/full-client", status: 200, body: fullClient() },
  { method: "PUT", path: "/api/v1/clients/full-client", status: 200, body: fullClient() },
  // A `ClientResponse` with the members `UpdateClientRequest` does not have (2025 OpenAPI).
  {
    method: "GET",
    path: "/api/v1/clients/read-only",
    status: 200,
    body: {
      ...fullClient(),
      client_id: "read-only",
      jwks: { keys: [{ kty: "RSA", kid: "k1", use: "sig", alg: "RS256", e: "AQAB", n: "AQAB" }] },
      jwks_uri: "https://api.samarbeid.digdir.no/clients/read-only/jwks",
      onbehalfof: [{ onbehalfof: "kunde", name: "Kunde AS", orgno: "991825827" }],
      client_secret: "never-sent-back",
      future_field: { kept: true },
    },
  },
  { method: "PUT", path: "/api/v1/clients/read-only", status: 200, body: fullClient() },
];

function fullClient() {
  return {
    client_id: "full-client",
    client_name: "Fagsystem",
    description: "Gammel beskrivelse",
    client_orgno: "991825827",
    integration_type: "maskinporten",
    application_type: "web",
    token_endpoint_auth_method: "private_key_jwt",
    grant_types: ["urn:ietf:params:oauth:grant-type:jwt-bearer"],
    scopes: ["digdir:demo.read", "nav:aap/afpoffentlig.read"],
    refresh_token_lifetime: 0,
    refresh_token_usage: "ONETIME",
    redirect_uris: [],
    code_challenge_method: "S256",
    sso_disabled: false,
    access_token_lifetime: "120",
    active: true,
    created: "2024-03-01T10:00:00Z",
    last_updated: "2025-05-22T10:00:00Z",
  };
}

let replay: RunningReplayServer;
let api: SelfServiceClient;

beforeAll(async () => {
  const modulus = recordedModulus();
  replay = await startReplayServer({
    answers: JSON.parse(JSON.stringify(answers).replaceAll("{{MODULUS}}", modulus)),
  });
  api = await replayClient(replay.url, {
    adminScopes: [
      "idporten:scopes.read",
      "idporten:scopes.write",
      "idporten:dcr.read",
      "idporten:dcr.write",
    ],
    retries: 0,
  });
});
afterAll(() => replay?.close());

function sent(request: string): Record<string, unknown> {
  const found = replay.bodies.findLast((body) => body.request === request);
  expect(found, request).toBeDefined();
  return JSON.parse(found!.text) as Record<string, unknown>;
}

describe("write-backs keep what Portvakt did not understand", () => {
  it("a scope update sends unseen enum values and odd fields back as Digdir had them", async () => {
    await api.updateScope("digdir:ny", { description: "Ny tekst" });
    const body = sent("PUT /api/v1/scopes");
    expect(body).toMatchObject({
      description: "Ny tekst",
      visibility: "RESTRICTED",
      allowed_integration_types: ["maskinporten", "brand_new_type"],
      token_type: "SELF_CONTAINED",
      authorization_max_lifetime: "",
      // Numbers and booleans sent as text go back as what they stand for.
      at_max_age: 120,
      active: true,
    });
    expect(body).not.toHaveProperty("portvakt_warnings");
  });

  it("an update that sets a field the read set aside sends the new value", async () => {
    await api.updateScope("digdir:ny", { visibility: "PUBLIC" });
    expect(sent("PUT /api/v1/scopes").visibility).toBe("PUBLIC");
  });

  it("a client update sends the whole client, as Digdir's own web client does", async () => {
    await api.updateClient("full-client", { description: "Ny beskrivelse" });
    const body = sent("PUT /api/v1/clients/full-client");
    expect(body).toMatchObject({
      client_id: "full-client",
      description: "Ny beskrivelse",
      // A partial PUT would leave these out, and Digdir's PUT replaces the client.
      scopes: ["digdir:demo.read", "nav:aap/afpoffentlig.read"],
      client_name: "Fagsystem",
      refresh_token_usage: "ONETIME",
      code_challenge_method: "S256",
      sso_disabled: false,
      access_token_lifetime: 120,
    });
    expect(body).not.toHaveProperty("created");
    expect(body).not.toHaveProperty("portvakt_warnings");
  });

  it("read-only fields the read set aside (dates in shapes it could not read) are not sent back", async () => {
    replay.answers.unshift({
      method: "GET",
      path: "/api/v1/scopes/scope",
      status: 200,
      body: { ...oddScope, created: { epochSecond: 1709287200 }, last_updated: [2024, 13, 1] },
    });
    try {
      await api.updateScope("digdir:ny", { description: "Ny tekst" });
    } finally {
      replay.answers.shift();
    }
    const scope = sent("PUT /api/v1/scopes");
    expect(scope).not.toHaveProperty("created");
    expect(scope).not.toHaveProperty("last_updated");
    expect(scope.authorization_max_lifetime).toBe("");
    await api.updateClient("odd-dates", { description: "Ny beskrivelse" });
    const client = sent("PUT /api/v1/clients/odd-dates");
    expect(client).not.toHaveProperty("created");
    expect(client).not.toHaveProperty("last_updated");
    expect(client.description).toBe("Ny beskrivelse");
  });

  it("a client update leaves out what UpdateClientRequest does not have, and keeps the unknown", async () => {
    // ClientResponse's jwks, jwks_uri ("kan kun leses ut, ikke settes"), client_secret ("kan ikke
    // settes direkte") and onbehalfof have their own endpoints; the PUT's body has no such member.
    await api.updateClient("read-only", { description: "Ny beskrivelse" });
    const body = sent("PUT /api/v1/clients/read-only");
    for (const field of ["jwks", "jwks_uri", "client_secret", "onbehalfof"]) {
      expect(body).not.toHaveProperty(field);
    }
    expect(body).toMatchObject({
      description: "Ny beskrivelse",
      redirect_uris: [],
      future_field: { kept: true },
    });
  });

  it("a key whose exp came as text keeps that expiry when the set is written back", async () => {
    const editor = new KeySetEditor({ api });
    const current = await editor.read("text-exp");
    await editor.replaceAll("text-exp", current.keys);
    const body = sent("POST /api/v1/clients/text-exp/jwks") as { keys: Array<{ exp?: number }> };
    expect(body.keys[0]?.exp).toBe(1767225600);
  });
});

// SelfServiceClient's own logic (encoding, retries, 401 renewal, validation, error mapping) with
// the upstream answered by an injected fetch; the integration tests run it against the simulator.
import type { Scope } from "@portvakt/contracts";
import { exportJWK, UnsecuredJWT } from "jose";
import { afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { type AdminCredential, loadPrivateJwk } from "./credentials";
import { MaskinportenError, MaskinportenInputError } from "./errors";
import { SelfServiceClient } from "./self-service";
import { type FakeTokenEndpoint, startFakeTokenEndpoint } from "./test-support/fake-token-endpoint";
import { generateRsaKeys } from "./test-support/pki";
import { TokenClient } from "./token";

const BASE = "https://api.test.samarbeid.digdir.no";
const ADMIN = ["idporten:scopes.read", "idporten:scopes.write"];

const scope = {
  prefix: "nav",
  subscope: "pensjon/v3/alderspensjon",
  name: "nav:pensjon/v3/alderspensjon",
  description: "Alderspensjon",
  active: true,
  visibility: "PUBLIC",
  allowed_integration_types: ["maskinporten"],
  token_type: "SELF_CONTAINED",
  at_max_age: 0,
  authorization_max_lifetime: 0,
  requires_user_consent: false,
  requires_user_authentication: false,
  requires_pseudonymous_tokens: false,
  accessible_for_all: false,
  owner_orgno: "991825827",
  created: "2025-07-02T08:30:00Z",
  last_updated: "2025-07-02T08:30:00Z",
} satisfies Scope;

interface Seen {
  method: string;
  url: string;
  authorization: string | null;
  body: string | null;
}

type Answer = Response | Error | "hang";

let credential: AdminCredential;
let endpoint: FakeTokenEndpoint;
let seen: Seen[];
let answers: Answer[];

const fakeFetch: typeof fetch = async (input, init) => {
  const headers = new Headers(init?.headers);
  seen.push({
    method: init?.method ?? "GET",
    url: String(input),
    authorization: headers.get("authorization"),
    body: typeof init?.body === "string" ? init.body : null,
  });
  const answer = answers.shift() ?? json(200, scope);
  if (answer === "hang") {
    return new Promise((_resolve, reject) => {
      init?.signal?.addEventListener("abort", () => reject(init.signal?.reason));
    });
  }
  if (answer instanceof Error) throw answer;
  return answer;
};

function json(status: number, body: unknown, headers: Record<string, string> = {}): Response {
  return new Response(JSON.stringify(body), {
    status,
    headers: { "content-type": "application/json", ...headers },
  });
}

function accessToken(index: number, scopes: string): string {
  return new UnsecuredJWT({ scope: scopes, n: index })
    .setIssuer("https://test.maskinporten.no/")
    .setExpirationTime("2m")
    .encode();
}

function api(options: { retries?: number; timeoutMs?: number; adminScopes?: string[] } = {}) {
  const tokens = new TokenClient({ issuer: endpoint.issuer, clientId: "admin", credential });
  return {
    tokens,
    api: new SelfServiceClient({
      baseUrl: `${BASE}/`,
      tokens,
      adminScopes: options.adminScopes ?? ADMIN,
      fetch: fakeFetch,
      retryBaseDelayMs: 1,
      ...options,
    }),
  };
}

async function failure(promise: Promise<unknown>): Promise<MaskinportenError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(MaskinportenError);
  return error as MaskinportenError;
}

beforeAll(async () => {
  const keys = await generateRsaKeys();
  credential = await loadPrivateJwk({ ...(await exportJWK(keys.privateKey)), kid: "k1" });
});
beforeEach(async () => {
  seen = [];
  answers = [];
  endpoint = await startFakeTokenEndpoint();
  endpoint.reply = (_request, index) => ({
    status: 200,
    body: {
      access_token: accessToken(index, ADMIN.join(" ")),
      token_type: "Bearer",
      expires_in: 120,
      scope: ADMIN.join(" "),
    },
  });
});
afterEach(async () => {
  await endpoint.close();
});

describe("SelfServiceClient requests", () => {
  it("sends the scope as an encoded query parameter, with a Bearer token", async () => {
    const { api: client } = api();
    const result = await client.getScope("nav:pensjon/v3/alderspensjon");
    expect(result.name).toBe("nav:pensjon/v3/alderspensjon");
    expect(seen[0]!.url).toBe(
      `${BASE}/api/v1/scopes/scope?scope=nav%3Apensjon%2Fv3%2Falderspensjon`,
    );
    expect(new URL(seen[0]!.url).searchParams.get("scope")).toBe("nav:pensjon/v3/alderspensjon");
    expect(seen[0]!.authorization).toMatch(/^Bearer ey/);
  });

  it("encodes path segments and puts scope in the query for grants", async () => {
    const { api: client } = api();
    answers.push(
      json(200, {
        scope: "nav:a/b",
        state: "APPROVED",
        consumer_orgno: "889640782",
        owner_orgno: "991825827",
        created: "2025-07-02T08:30:00Z",
        last_updated: "2025-07-02T08:30:00Z",
      }),
      json(200, { kty: "RSA" }),
    );
    await client.grantAccess("nav:a/b", "889640782");
    expect(seen[0]).toMatchObject({
      method: "PUT",
      url: `${BASE}/api/v1/scopes/access/889640782?scope=nav%3Aa%2Fb`,
      body: null,
    });
    // A key is read leniently: a sparse one (only kty) is answered, not refused.
    expect((await client.getJwk("id/../x", "k 1")).kty).toBe("RSA");
    expect(seen[1]!.url).toBe(`${BASE}/api/v1/clients/id%2F..%2Fx/jwks/k%201`);
  });

  it("fills Maskinporten defaults on createClient; an update keeps unknown fields and strips read-only ones", async () => {
    const { api: client } = api();
    answers.push(json(500, {}));
    await failure(client.createClient({ client_name: "n", description: "d", scopes: [] }));
    expect(JSON.parse(seen[0]!.body!)).toMatchObject({
      integration_type: "maskinporten",
      application_type: "web",
      token_endpoint_auth_method: "private_key_jwt",
      grant_types: ["urn:ietf:params:oauth:grant-type:jwt-bearer"],
    });
    answers.push(
      json(200, { ...scope, protected: true, "description#se": "sámegiella", delegations: {} }),
      json(500, {}),
    );
    await failure(client.updateScope(scope.name, { description: "ny" }));
    expect(seen[1]!.method).toBe("GET");
    expect(seen[2]!.method).toBe("PUT");
    const sent = JSON.parse(seen[2]!.body!);
    expect(sent.description).toBe("ny");
    expect(sent.protected).toBe(true);
    expect(sent["description#se"]).toBe("sámegiella");
    expect(sent.delegations).toEqual({});
    expect(sent.visibility).toBe(scope.visibility);
    expect(sent).not.toHaveProperty("name");
    expect(sent).not.toHaveProperty("owner_orgno");
    expect(sent).not.toHaveProperty("portvakt_warnings");
  });

  it("never sends a JWK with private members", async () => {
    const { api: client } = api();
    const keys = await generateRsaKeys();
    const privateJwk = { ...(await exportJWK(keys.privateKey)), kid: "k", use: "sig" };
    await expect(client.replaceJwks("c1", { keys: [privateJwk as never] })).rejects.toThrow(
      /private/,
    );
    expect(seen).toHaveLength(0);
  });

  it("refuses bad input with its own coded error (never zod's), sending nothing", async () => {
    const { api: client } = api();
    const keys = await generateRsaKeys();
    const privateJwk = { ...(await exportJWK(keys.privateKey)), kid: "k", use: "sig" };
    const attempts: Array<[string, () => Promise<unknown>, string]> = [
      [
        "createScope",
        () => client.createScope({ prefix: "nav", subscope: "" } as never),
        "subscope",
      ],
      ["createClient", () => client.createClient({ client_name: 42 } as never), "client_name"],
      ["putJwk", () => client.putJwk("c1", privateJwk as never), ""],
      ["replaceJwks", () => client.replaceJwks("c1", { keys: "none" } as never), "keys"],
    ];
    for (const [name, attempt, field] of attempts) {
      const error = await attempt().then(
        () => undefined,
        (thrown: unknown) => thrown,
      );
      expect(error, name).toBeInstanceOf(MaskinportenInputError);
      if (!(error instanceof MaskinportenInputError)) continue;
      expect(error.code).toBe("INVALID_INPUT");
      expect(error.issues.length, name).toBeGreaterThan(0);
      if (field)
        expect(
          error.issues.map((issue) => issue.field),
          name,
        ).toContain(field);
      expect(error).not.toHaveProperty("format");
    }
    expect(seen).toHaveLength(0);
  });

  it("reads the public catalogue without a token", async () => {
    const { api: client, tokens } = api();
    answers.push(json(200, [scope]));
    await client.listScopeCatalogue({ prefix: "nav", accessible_for_all: "true" });
    expect(seen[0]!.url).toBe(`${BASE}/api/v1/scopes/all?prefix=nav&accessible_for_all=true`);
    expect(seen[0]!.authorization).toBeNull();
    expect(tokens.stats.requests).toBe(0);
  });

  it("sends a prefix filter typed in capitals or with spaces as the prefix, and refuses a bad one unsent", async () => {
    const { api: client } = api();
    answers.push(json(200, [scope]), json(200, [scope]));
    await client.listScopeCatalogue({ prefix: " NAV " });
    await client.listScopeCatalogue({ prefix: "Nav" });
    expect(seen.map((request) => request.url)).toEqual([
      `${BASE}/api/v1/scopes/all?prefix=nav`,
      `${BASE}/api/v1/scopes/all?prefix=nav`,
    ]);
    await expect(client.listScopeCatalogue({ prefix: "na v" })).rejects.toBeInstanceOf(
      MaskinportenInputError,
    );
    expect(seen).toHaveLength(2);
  });
});

describe("SelfServiceClient resilience", () => {
  it("renews the token once after a 401 and repeats the call", async () => {
    const { api: client, tokens } = api();
    answers.push(json(401, { status: 401, error: "invalid_token" }));
    await client.getScope(scope.name);
    expect(seen).toHaveLength(2);
    expect(seen[0]!.authorization).not.toBe(seen[1]!.authorization);
    expect(tokens.stats.requests).toBe(2);
    expect(client.stats).toEqual({ calls: 1, retries: 1 });
  });

  it("gives up after the second 401 and explains it", async () => {
    const { api: client, tokens } = api();
    answers.push(json(401, { status: 401 }), json(401, { status: 401 }));
    const error = await failure(client.createScope({ ...scope, subscope: "xx" }));
    expect(error).toMatchObject({
      kind: "http",
      status: 401,
      method: "POST",
      path: "/api/v1/scopes",
    });
    expect(error.explanation).toMatch(/repeated once with a freshly fetched token/);
    expect(tokens.stats.requests).toBe(2);
  });

  it("explains a 401 for a token from the other environment", async () => {
    const { tokens } = api();
    const prod = new SelfServiceClient({
      baseUrl: "https://api.samarbeid.digdir.no",
      tokens,
      adminScopes: ADMIN,
      fetch: fakeFetch,
    });
    answers.push(json(401, { status: 401 }), json(401, { status: 401 }));
    const error = await failure(prod.listScopes());
    expect(error.explanation).toMatch(/test environment .* prod self-service API/);
  });

  it("explains a 403 by the admin scope the token lacks", async () => {
    const { api: client } = api();
    answers.push(json(403, { status: 403, error: "access_denied" }));
    const error = await failure(client.createClient({ client_name: "n", description: "d" }));
    expect(error.status).toBe(403);
    expect(error.explanation).toContain("idporten:dcr.write");
    expect(error.explanation).toMatch(/does not carry/);
  });

  it("retries a GET on 503 and succeeds", async () => {
    const { api: client } = api();
    answers.push(json(503, {}), json(502, {}), json(200, [scope]));
    const scopes = await client.listScopes({ inactive: true });
    expect(scopes).toHaveLength(1);
    expect(seen.map((s) => s.url)).toEqual(Array(3).fill(`${BASE}/api/v1/scopes?inactive=true`));
    expect(client.stats).toEqual({ calls: 1, retries: 2 });
  });

  it("stops after the configured retries", async () => {
    const { api: client } = api({ retries: 1 });
    answers.push(json(504, {}), json(504, {}), json(200, [scope]));
    expect(await failure(client.listScopes())).toMatchObject({ kind: "http", status: 504 });
    expect(seen).toHaveLength(2);
  });

  it("never retries a POST", async () => {
    const { api: client } = api();
    answers.push(json(503, {}));
    const error = await failure(client.createScope({ ...scope, subscope: "yy" }));
    expect(error.status).toBe(503);
    expect(seen).toHaveLength(1);
    answers.push(new TypeError("fetch failed"));
    expect((await failure(client.createScope({ ...scope, subscope: "yy" }))).kind).toBe("network");
    expect(seen).toHaveLength(2);
  });

  it("never repeats a PUT or DELETE whose answer was lost or failed (no blind write retries)", async () => {
    const { api: client } = api({ timeoutMs: 50 });
    answers.push(new TypeError("fetch failed"));
    expect((await failure(client.deactivateScope(scope.name))).kind).toBe("network");
    expect(seen).toHaveLength(1);
    answers.push("hang");
    expect((await failure(client.grantAccess(scope.name, "974761076"))).kind).toBe("timeout");
    expect(seen).toHaveLength(2);
    answers.push(json(503, {}));
    expect((await failure(client.revokeAccess(scope.name, "974761076"))).status).toBe(503);
    expect(seen).toHaveLength(3);
  });

  it("retries a GET's network errors and reports a timeout", async () => {
    const { api: client } = api({ timeoutMs: 50 });
    answers.push(new TypeError("fetch failed"));
    await client.getScope(scope.name);
    expect(seen).toHaveLength(2);
    seen.length = 0;
    answers.push("hang", "hang", "hang");
    const error = await failure(client.getScope(scope.name));
    expect(error.kind).toBe("timeout");
    expect(error.message).toContain("3 attempts");
    expect(seen).toHaveLength(3);
  });

  it("maps Digdir's error body to code, correlation id and field errors", async () => {
    const { api: client } = api();
    answers.push(
      json(400, {
        status: 400,
        timestamp: "2025-07-02T08:30:00.000Z",
        correlation_id: "b496e785",
        error: "invalid_request",
        error_description: "Invalid subscope",
        errors: [
          {
            errorMessage: "must match",
            isFieldError: true,
            objectName: "Scope",
            fieldIdentifier: "subscope",
          },
        ],
      }),
    );
    const error = await failure(client.createScope({ ...scope, subscope: "zz" }));
    expect(error).toMatchObject({
      kind: "http",
      status: 400,
      code: "invalid_request",
      correlationId: "b496e785",
      fieldErrors: [{ field: "subscope", message: "must match" }],
    });
    expect(error.explanation).toContain("Invalid subscope");
    expect(JSON.stringify(error)).not.toMatch(/Bearer|eyJ/);
  });

  it("takes the correlation id from the header when the body has none", async () => {
    const { api: client } = api();
    answers.push(new Response("oops", { status: 500, headers: { "x-correlation-id": "c-9" } }));
    expect(await failure(client.getClient("c"))).toMatchObject({
      status: 500,
      correlationId: "c-9",
    });
  });

  it("keeps an odd row of a list and flags it; refuses an answer that is no list at all", async () => {
    const { api: client } = api();
    answers.push(json(200, [{ ...scope, at_max_age: "" }, "not a row"]));
    const rows = await client.listScopes();
    expect(rows).toHaveLength(1);
    expect(rows[0]!.portvakt_warnings?.[0]).toMatchObject({ field: "at_max_age" });
    answers.push(json(200, { content: [] }));
    const error = await failure(client.listScopes());
    expect(error.kind).toBe("invalid-response");
  });

  it("returns nothing for deletes, whatever the body", async () => {
    const { api: client } = api();
    answers.push(json(200, { client_id: "x" }), new Response(null, { status: 200 }));
    await expect(client.deleteClient("x")).resolves.toBeUndefined();
    await expect(client.deleteJwk("x", "k")).resolves.toBeUndefined();
    expect(seen.map((s) => s.method)).toEqual(["DELETE", "DELETE"]);
  });
});

describe("SelfServiceClient never sends text that is not well-formed Unicode", () => {
  it("refuses a lone surrogate in a body or the query with a 400-like error, sending nothing", async () => {
    const { api: client } = api();
    const inBody = await failure(
      client.createClient({ client_name: "a\ud800", description: "d", scopes: [] }),
    );
    expect(inBody.status).toBe(400);
    expect(inBody.fieldErrors).toEqual([
      { field: "client_name", message: "Not well-formed Unicode text" },
    ]);
    const inQuery = await failure(client.getScope("digdir:\udc00"));
    expect(inQuery.fieldErrors[0]?.field).toBe("scope");
    expect(seen).toEqual([]);
  });
});

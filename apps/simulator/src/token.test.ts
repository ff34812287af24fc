import { TokenError, TokenResponse } from "@portvakt/contracts";
import { explainTokenError } from "@portvakt/maskinporten-rules";
import { createLocalJWKSet, decodeJwt, decodeProtectedHeader, jwtVerify } from "jose";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import tokenErrorFixtures from "./fixtures/token-errors.json";
import { type RunningSimulator, startSimulator } from "./index";
import { createCa, issueBusinessCertificate } from "./pki";
import { sharedDemoMaterial } from "./seed";
import {
  certificateGrant,
  consumerAdminToken,
  keyedClientGrant,
  providerAdminToken,
  requestToken,
  type SignGrantOptions,
  signGrant,
} from "./testing/grant";
import { callSelfService, scopeQuery } from "./testing/self-service";

let sim: RunningSimulator;
const PROVIDER = "991825827";
const CONSUMER = "889640782";
const BRREG = "974760673";

beforeAll(async () => {
  sim = await startSimulator({ mode: "test" });
});
afterAll(() => sim.close());
beforeEach(async () => {
  await fetch(`${sim.url}/__control/reset`, { method: "POST" });
});

function adminGrant(overrides: Partial<SignGrantOptions> = {}): SignGrantOptions {
  return {
    ...certificateGrant(sim, PROVIDER, sim.demo.adminClientId, "idporten:scopes.read"),
    ...overrides,
  };
}

async function token(grant: SignGrantOptions) {
  return requestToken(sim.tokenEndpoint, await signGrant(grant));
}

/**
 * The answer is Digdir's documented body for `code` (the fixture, plus a trace id, without
 * error_uri), and Portvakt's rules explain that wording as `code`: the explanation is compared
 * with what Digdir says, not with itself.
 */
function expectMp(
  answer: { status: number; body: Record<string, unknown>; detail?: string },
  code: string,
  status = 400,
  fixture: keyof typeof tokenErrorFixtures.errors = code as keyof typeof tokenErrorFixtures.errors,
) {
  expect(answer.status, JSON.stringify(answer)).toBe(status);
  const error = TokenError.parse(answer.body);
  const documented = tokenErrorFixtures.errors[fixture];
  expect(error.error).toBe(documented.error);
  expect(error.error_uri).toBeUndefined();
  const wording = documented.error_description.split("{")[0]!;
  expect(error.error_description?.startsWith(wording), error.error_description).toBe(true);
  expect(error.error_description).toMatch(/\(trace_id: [0-9a-f]{32}\)$/);
  expect(explainTokenError(error)?.rule.mpCode ?? explainTokenError(error)?.rule.id).toBe(code);
  return { ...error, detail: answer.detail ?? "" };
}

describe("authorization-server metadata and keys", () => {
  it("publishes RFC 8414 metadata for the issuer", async () => {
    const response = await fetch(`${sim.issuer}.well-known/oauth-authorization-server`);
    expect(await response.json()).toEqual({
      issuer: sim.issuer,
      token_endpoint: `${sim.issuer}token`,
      jwks_uri: `${sim.issuer}jwk`,
      grant_types_supported: ["urn:ietf:params:oauth:grant-type:jwt-bearer"],
      token_endpoint_auth_methods_supported: ["private_key_jwt"],
      token_endpoint_auth_signing_alg_values_supported: ["RS256", "RS384", "RS512"],
    });
    expect(sim.issuer).toBe(`${sim.url}/`);
  });

  it("publishes the public token-signing key at /jwk, without private members", async () => {
    const jwks = (await (await fetch(`${sim.issuer}jwk`)).json()) as {
      keys: Record<string, unknown>[];
    };
    expect(jwks.keys).toHaveLength(1);
    expect(jwks.keys[0]).toMatchObject({ kty: "RSA", use: "sig", alg: "RS256" });
    expect(jwks.keys[0]).not.toHaveProperty("d");
  });
});

describe("JWT-bearer grant with a business certificate (x5c)", () => {
  it("issues a signed access token with Maskinporten's claims", async () => {
    const answer = await token(
      adminGrant({ scope: ["idporten:scopes.read", "idporten:dcr.read"] }),
    );
    expect(answer.status).toBe(200);
    const body = TokenResponse.parse(answer.body);
    expect(body).toMatchObject({
      token_type: "Bearer",
      expires_in: 120,
      scope: "idporten:scopes.read idporten:dcr.read",
    });

    const jwks = await (await fetch(`${sim.issuer}jwk`)).json();
    const { payload } = await jwtVerify(body.access_token, createLocalJWKSet(jwks), {
      issuer: sim.issuer,
    });
    expect(payload).toMatchObject({
      iss: sim.issuer,
      client_id: "portvakt-demo-admin",
      client_amr: "virksomhetssertifikat",
      consumer: { authority: "iso6523-actorid-upis", ID: `0192:${PROVIDER}` },
      scope: "idporten:scopes.read idporten:dcr.read",
      token_type: "Bearer",
    });
    expect(payload.exp! - payload.iat!).toBe(120);
    expect(typeof payload.jti).toBe("string");
    expect(decodeProtectedHeader(body.access_token).kid).toBe(
      (jwks as { keys: { kid: string }[] }).keys[0]!.kid,
    );
  });

  it("reads the org number from organizationIdentifier (NTRNO-) as well as serialNumber", async () => {
    const answer = await token(
      certificateGrant(sim, CONSUMER, sim.demo.consumerAdminClientId, "idporten:dcr.read"),
    );
    expect(answer.status).toBe(200);
  });

  it("accepts RS384 and RS512 grants", async () => {
    expect((await token(adminGrant({ alg: "RS384" }))).status).toBe(200);
    expect((await token(adminGrant({ alg: "RS512" }))).status).toBe(200);
  });

  it("accepts a chain of just the leaf", async () => {
    const leafOnly = sim.demo.orgs[PROVIDER]!.x5c.slice(0, 1);
    expect((await token(adminGrant({ x5c: leafOnly }))).status).toBe(200);
  });

  it("refuses an aud that is the token endpoint (MP-110)", async () => {
    expectMp(await token(adminGrant({ claims: { aud: sim.tokenEndpoint } })), "MP-110");
    expectMp(await token(adminGrant({ claims: { aud: [sim.issuer] } })), "MP-110");
  });

  it("refuses x5c given as a string (MP-123)", async () => {
    const error = expectMp(
      await token(adminGrant({ x5c: sim.demo.orgs[PROVIDER]!.x5c[0] })),
      "MP-123",
    );
    expect(error.error).toBe("invalid_grant");
    expect(error.detail).toMatch(/array/);
  });

  it("refuses x5c holding garbage (MP-123) and a grant with neither x5c nor kid", async () => {
    expectMp(await token(adminGrant({ x5c: ["not a certificate"] })), "MP-123");
    expectMp(await token(adminGrant({ x5c: undefined })), "MP-123");
  });

  it("refuses a certificate from another CA (MP-120)", async () => {
    const otherCa = await createCa({ name: "Some Other CA" });
    const cert = await issueBusinessCertificate({
      ca: otherCa,
      orgno: PROVIDER,
      name: "DIGITALISERINGSDIREKTORATET",
    });
    const error = expectMp(
      await token(adminGrant({ x5c: cert.x5c, privateKeyPem: cert.keyPem })),
      "MP-120",
    );
    expect(error.detail).toMatch(/trust/);
  });

  it("refuses an expired certificate (MP-120)", async () => {
    const { ca } = await sharedDemoMaterial();
    const day = 86_400_000;
    const cert = await issueBusinessCertificate({
      ca,
      orgno: PROVIDER,
      name: "DIGITALISERINGSDIREKTORATET",
      notBefore: new Date(Date.now() - 400 * day),
      notAfter: new Date(Date.now() - day),
    });
    const error = expectMp(
      await token(adminGrant({ x5c: cert.x5c, privateKeyPem: cert.keyPem })),
      "MP-120",
    );
    expect(error.detail).toMatch(/expired/);
  });

  it("refuses a certificate of another organisation than the client's (MP-122)", async () => {
    const brreg = sim.demo.orgs[BRREG]!;
    expectMp(await token(adminGrant({ x5c: brreg.x5c, privateKeyPem: brreg.keyPem })), "MP-122");
  });

  it("refuses a grant not signed by the certificate's key (MP-124)", async () => {
    const brreg = sim.demo.orgs[BRREG]!;
    expectMp(await token(adminGrant({ privateKeyPem: brreg.keyPem })), "MP-124");
  });

  it("refuses an unknown client (MP-100)", async () => {
    const error = expectMp(await token(adminGrant({ clientId: "no-such-client" })), "MP-100");
    // The docs list "Client authentication failed" under invalid_grant, not invalid_client.
    expect(error.error).toBe("invalid_grant");
  });

  it("refuses a grant living 121 seconds, accepts 120 (MP-130)", async () => {
    expectMp(await token(adminGrant({ lifetimeSeconds: 121 })), "MP-130");
    expect((await token(adminGrant({ lifetimeSeconds: 120 }))).status).toBe(200);
  });

  it("refuses an iat more than 10 s ahead ('Issue time is after now') and an expired grant (MP-130)", async () => {
    const now = Math.floor(Date.now() / 1000);
    const ahead = expectMp(
      await token(adminGrant({ iat: now + 30 })),
      "MP-130",
      400,
      "MP-130-iat-ahead",
    );
    expect(ahead.error_description).toMatch(/^Issue time is after now/);
    expect((await token(adminGrant({ iat: now + 5 }))).status).toBe(200);
    expectMp(await token(adminGrant({ claims: { exp: now - 1 } })), "MP-130");
  });

  it("accepts an iat in the past while exp has not passed (a clock behind)", async () => {
    const now = Math.floor(Date.now() / 1000);
    expect((await token(adminGrant({ iat: now - 90, lifetimeSeconds: 100 }))).status).toBe(200);
    expectMp(await token(adminGrant({ iat: now - 90, lifetimeSeconds: 80 })), "MP-130");
  });

  it("refuses a reused jti (MP-012)", async () => {
    expect((await token(adminGrant({ jti: "once-only" }))).status).toBe(200);
    expectMp(await token(adminGrant({ jti: "once-only" })), "MP-012");
  });

  it("refuses unknown and missing claims with Invalid assertion (MP-011)", async () => {
    const unknown = expectMp(await token(adminGrant({ claims: { sub: "someone" } })), "MP-011");
    expect(unknown.detail).toMatch(/Unknown claim.*sub/);
    expectMp(await token(adminGrant({ claims: { scope: undefined } })), "MP-011");
    expectMp(await token(adminGrant({ claims: { consumer_org: 889640782 } })), "MP-011");
  });

  it("accepts a grant without jti (recommended, not required) and with pid", async () => {
    expect((await token(adminGrant({ claims: { jti: undefined } }))).status).toBe(200);
    expect((await token(adminGrant({ claims: { jti: undefined } }))).status).toBe(200);
    expect((await token(adminGrant({ claims: { pid: "12345678901" } }))).status).toBe(200);
  });

  it("makes resource the access token's aud, and aud 'unspecified' without it", async () => {
    const restricted = await token(
      adminGrant({ claims: { resource: ["https://api.example.no/"] } }),
    );
    expect(restricted.status).toBe(200);
    const jwks = createLocalJWKSet(await (await fetch(`${sim.issuer}jwk`)).json());
    const { payload } = await jwtVerify(String(restricted.body.access_token), jwks, {
      audience: "https://api.example.no/",
    });
    expect(payload.aud).toEqual(["https://api.example.no/"]);
    const plain = await token(adminGrant());
    expect(decodeJwt(String(plain.body.access_token)).aud).toBe("unspecified");
  });

  it("refuses a wrong grant type and a garbled assertion", async () => {
    const response = await fetch(sim.tokenEndpoint, {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded" },
      body: "grant_type=client_credentials",
    });
    expect(response.status).toBe(400);
    expect(((await response.json()) as { error: string }).error).toBe("unsupported_grant_type");
    expectMp(await requestToken(sim.tokenEndpoint, "garbage"), "MP-011");
    expectMp(await requestToken(sim.tokenEndpoint, "e30.e30.e30"), "MP-011");
  });

  it("refuses a scope the client does not have with invalid_scope (MP-200)", async () => {
    const error = expectMp(await token(adminGrant({ scope: "digdir:demo.read" })), "MP-200");
    expect(error.error).toBe("invalid_scope");
  });
});

describe("JWT-bearer grant with a registered key (kid)", () => {
  const pensjon = "3f1c2a90-5b7e-4c1d-9a2e-6d8f0b1c2e3a";

  it("issues a token with client_amr private_key_jwt for granted and own scopes", async () => {
    const answer = await token(keyedClientGrant(sim, pensjon, ["digdir:demo.read", "difi:api3"]));
    expect(answer.status, JSON.stringify(answer.body)).toBe(200);
    const jwks = await (await fetch(`${sim.issuer}jwk`)).json();
    const { payload } = await jwtVerify(String(answer.body.access_token), createLocalJWKSet(jwks));
    expect(payload).toMatchObject({
      client_amr: "private_key_jwt",
      consumer: { ID: `0192:${CONSUMER}` },
    });
  });

  it("uses accessible_for_all scopes without a grant", async () => {
    const statistikk = "7b2d4e6f-8a1c-4e3b-9d5f-1a2b3c4d5e6f";
    expect((await token(keyedClientGrant(sim, statistikk, "digdir:åpne.data"))).status).toBe(200);
  });

  it("requires kid once a client has registered keys (x5c refused)", async () => {
    const nav = sim.demo.orgs[CONSUMER]!;
    const grant = {
      ...keyedClientGrant(sim, pensjon, "difi:api3"),
      kid: undefined,
      x5c: nav.x5c,
      privateKeyPem: nav.keyPem,
    };
    expectMp(await token(grant), "MP-123");
  });

  it("refuses an unknown kid and a wrong key (MP-124)", async () => {
    expectMp(
      await token({ ...keyedClientGrant(sim, pensjon, "difi:api3"), kid: "nav-unknown" }),
      "MP-124",
    );
    const other = sim.demo.keyedClients[1]!;
    expectMp(
      await token({
        ...keyedClientGrant(sim, pensjon, "difi:api3"),
        privateKeyPem: other.privateKeyPem,
      }),
      "MP-124",
    );
  });

  it("refuses an expired key (MP-121) once the clock passes a year", async () => {
    const clock = await fetch(`${sim.url}/__control/clock`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ offsetSeconds: 366 * 86_400 }),
    });
    expect(clock.status).toBe(200);
    const iat = Math.floor(Date.now() / 1000) + 366 * 86_400;
    expectMp(await token({ ...keyedClientGrant(sim, pensjon, "difi:api3"), iat }), "MP-121");
  });

  it("refuses a scope whose grant is not APPROVED with forbidden (MP-250, 403)", async () => {
    const admin = await providerAdminToken(sim);
    const revoke = await callSelfService(
      sim.url,
      "DELETE",
      `/api/v1/scopes/access/${CONSUMER}?${scopeQuery("difi:api3")}`,
      { token: admin },
    );
    expect(revoke.status).toBe(200);
    const error = expectMp(await token(keyedClientGrant(sim, pensjon, "difi:api3")), "MP-250", 403);
    expect(error.error).toBe("forbidden");
    expect(error.error_description).toMatch(
      /^Consumer has not been granted access to the scope difi:api3 \(trace_id: /,
    );
  });

  it("refuses a scope that no longer admits the client's integration type (MP-201)", async () => {
    const admin = await providerAdminToken(sim);
    const change = await callSelfService(
      sim.url,
      "PUT",
      `/api/v1/scopes?${scopeQuery("digdir:demo.read")}`,
      {
        token: admin,
        body: { allowed_integration_types: ["idporten"] },
      },
    );
    expect(change.status).toBe(200);
    expectMp(await token(keyedClientGrant(sim, pensjon, "digdir:demo.read")), "MP-201");
  });

  it("answers expires_in from the client's access_token_lifetime", async () => {
    const client = "5d6e7f80-9a0b-4c1d-8e2f-3a4b5c6d7e8f";
    const answer = await token(
      certificateGrant(sim, PROVIDER, client, "nav:pensjon/v3/alderspensjon"),
    );
    expect(answer.status, JSON.stringify(answer.body)).toBe(200);
    expect(answer.body.expires_in).toBe(300);
  });

  it("refuses inactive clients (MP-100)", async () => {
    const inactive = "c0ffee00-1234-4abc-8def-0123456789ab";
    expectMp(await token(certificateGrant(sim, CONSUMER, inactive, "difi:api3")), "MP-100");
  });
});

describe("what the simulator answers is what Digdir documents", () => {
  it.each(Object.entries(tokenErrorFixtures.errors))(
    "Portvakt explains Digdir's %s body as that error",
    (key, documented) => {
      const body = {
        error: documented.error,
        error_description: `${documented.error_description.replace("{scope}", "nav:x").replace("{consumer}", "910753614").replace("{supplier}", "991825827")} (trace_id: 0123456789abcdef)`,
      };
      const explained = explainTokenError(body);
      expect(explained?.matchedBy).toBe("error_description");
      expect(explained?.rule.mpCode ?? explained?.rule.id).toBe(key.replace("-iat-ahead", ""));
    },
  );
});

describe("at_max_age and delegation (consumer_org)", () => {
  const pensjon = "3f1c2a90-5b7e-4c1d-9a2e-6d8f0b1c2e3a";
  const DELEGATED = "digdir:altinn/delegert.read";

  it("caps expires_in at the requested scopes' smallest at_max_age", async () => {
    const admin = await providerAdminToken(sim);
    const scope = await callSelfService<Record<string, unknown>>(
      sim.url,
      "GET",
      `/api/v1/scopes/scope?${scopeQuery("difi:api3")}`,
      { token: admin },
    );
    const { name: _n, owner_orgno: _o, created: _c, last_updated: _l, ...rest } = scope.body;
    const put = await callSelfService(sim.url, "PUT", `/api/v1/scopes?${scopeQuery("difi:api3")}`, {
      token: admin,
      body: { ...rest, at_max_age: 45 },
    });
    expect(put.status, JSON.stringify(put.body)).toBe(200);
    const answer = await token(keyedClientGrant(sim, pensjon, "difi:api3"));
    expect(answer.status, JSON.stringify(answer.body)).toBe(200);
    expect(answer.body.expires_in).toBe(45);
    const claims = decodeJwt(String(answer.body.access_token));
    expect((claims.exp as number) - (claims.iat as number)).toBe(45);
  });

  async function setUpDelegation() {
    const provider = await providerAdminToken(sim);
    for (const orgno of [CONSUMER, BRREG]) {
      const grant = await callSelfService(
        sim.url,
        "PUT",
        `/api/v1/scopes/access/${orgno}?${scopeQuery(DELEGATED)}`,
        { token: provider },
      );
      expect(grant.status).toBe(200);
    }
    const nav = await consumerAdminToken(sim);
    const client = await callSelfService<{ scopes: string[] }>(
      sim.url,
      "GET",
      `/api/v1/clients/${pensjon}`,
      { token: nav },
    );
    const updated = await callSelfService(sim.url, "PUT", `/api/v1/clients/${pensjon}`, {
      token: nav,
      body: { scopes: [...client.body.scopes, DELEGATED] },
    });
    expect(updated.status, JSON.stringify(updated.body)).toBe(200);
  }

  it("answers MP-251 when the consumer has not delegated the scope to the supplier", async () => {
    await setUpDelegation();
    const error = expectMp(
      await token({
        ...keyedClientGrant(sim, pensjon, DELEGATED),
        claims: { consumer_org: BRREG },
      }),
      "MP-251",
      403,
    );
    expect(error.error_description).toMatch(
      new RegExp(
        `^Consumer ${BRREG} has not delegated access to the scope ${DELEGATED} to supplier ${CONSUMER}`,
      ),
    );
  });

  it("issues a token whose consumer is the delegating org, with the supplier claim", async () => {
    await setUpDelegation();
    const delegated = await fetch(`${sim.url}/__control/delegations`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ consumer: BRREG, supplier: CONSUMER, scope: DELEGATED }),
    });
    expect(delegated.status).toBe(200);
    const answer = await token({
      ...keyedClientGrant(sim, pensjon, DELEGATED),
      claims: { consumer_org: BRREG },
    });
    expect(answer.status, JSON.stringify(answer)).toBe(200);
    const claims = decodeJwt(String(answer.body.access_token));
    expect(claims).toMatchObject({
      consumer: { authority: "iso6523-actorid-upis", ID: `0192:${BRREG}` },
      supplier: { authority: "iso6523-actorid-upis", ID: `0192:${CONSUMER}` },
      delegation_source: expect.stringMatching(/^https:\/\//),
    });
  });

  it("refuses consumer_org naming the client's own organisation (the docs' invalid_request)", async () => {
    await setUpDelegation();
    expectMp(
      await token({
        ...keyedClientGrant(sim, pensjon, DELEGATED),
        claims: { consumer_org: CONSUMER },
      }),
      "consumer-org-own",
    );
  });
});

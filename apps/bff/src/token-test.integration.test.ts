import { generateKeyPairSync } from "node:crypto";
import { keyedClientGrant, signGrant } from "@portvakt/simulator";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestStack, type TestStack } from "./testing/stack";

let stack: TestStack;
const env = "/api/envs/demo";

async function json<T = Record<string, unknown>>(response: Response): Promise<T> {
  return (await response.json()) as T;
}

/**
 * Gives every environment of the BFF a fresh token of its own, so the BFF sends no token request
 * of its own for the next ~90 s (a 120 s token, refreshed 30 s before it expires). The simulator
 * counts every token request, the BFF's own too: its readiness check (every 15 s) refreshing the
 * admin token between two counts once made "sends nothing" fail on a loaded machine.
 */
async function freshAdminTokens(): Promise<void> {
  for (const environment of stack.bff.environments) {
    environment.tokens.invalidate();
    await environment.tokens.getToken(environment.config.adminScopes);
  }
}

async function tokenRequests(): Promise<number> {
  const stats = await json<{ tokenRequests: { total: number } }>(await stack.control("/stats"));
  return stats.tokenRequests.total;
}

function pensjonGrant(overrides: Partial<Parameters<typeof signGrant>[0]> = {}) {
  const client = stack.simulator.demo.keyedClients[0]!;
  return signGrant({
    ...keyedClientGrant(stack.simulator, client.clientId, "digdir:demo.read"),
    ...overrides,
  });
}

const testToken = (assertion: string, caller = stack.api) =>
  caller(`${env}/token-test`, { method: "POST", body: JSON.stringify({ assertion }) });

beforeAll(async () => {
  stack = await startTestStack();
});
afterAll(() => stack?.close());

describe("token test", () => {
  it("tells the page the issuer (aud) and token endpoint of the environment", async () => {
    const response = await stack.api(`${env}/token-test`);
    expect(response.status).toBe(200);
    expect(await json(response)).toEqual({
      issuer: stack.simulator.issuer,
      token_endpoint: `${stack.simulator.issuer}token`,
      allowed: true,
    });
  });

  it("gets a token for a grant signed with a seeded client's key, and answers it decoded only", async () => {
    const viewer = await stack.as("demo-viewer");
    const response = await testToken(await pensjonGrant(), viewer);
    expect(response.status).toBe(200);
    const text = await response.text();
    const body = JSON.parse(text) as Record<string, unknown>;
    expect(body).toMatchObject({
      ok: true,
      status: 200,
      token_type: "Bearer",
      scope: "digdir:demo.read",
      token: {
        header: { alg: expect.any(String) },
        claims: {
          client_id: stack.simulator.demo.keyedClients[0]!.clientId,
          client_amr: "private_key_jwt",
          consumer: { ID: "0192:889640782" },
          scope: "digdir:demo.read",
        },
      },
    });
    expect(body).not.toHaveProperty("access_token");
    // The raw token (three base64url parts starting eyJ) never reaches the browser.
    expect(text).not.toMatch(/eyJ[A-Za-z0-9_-]+\.eyJ[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+/);
  });

  it("explains Maskinporten's refusal with the MP code", async () => {
    const wrongAud = await json(
      await testToken(await pensjonGrant({ claims: { aud: `${stack.simulator.issuer}token` } })),
    );
    expect(wrongAud).toMatchObject({
      ok: false,
      status: 400,
      error: "invalid_grant",
      mp_code: "MP-110",
      // Digdir's body has no error_uri: the code is recognised from its wording.
      explanation: {
        id: "MP-110",
        cause: expect.stringMatching(/aud/),
        fix: expect.any(String),
        matched_by: "error_description",
      },
    });
    expect(String(wrongAud.error_description)).toMatch(
      /^Invalid assertion\. Client authentication failed\. Invalid JWT claim aud \(trace_id: /,
    );
    const unknownKid = await json(await testToken(await pensjonGrant({ kid: "removed-kid" })));
    expect(unknownKid).toMatchObject({ ok: false, mp_code: "MP-124" });
    expect(String(unknownKid.error_description)).toMatch(/^Invalid JWT signature/);
    const notGranted = await json(
      await testToken(await pensjonGrant({ scope: "nav:arbeidsforhold.read" })),
    );
    expect(notGranted).toMatchObject({ ok: false, mp_code: "MP-200" });
  });

  it("refuses private key material with 400 and sends nothing", async () => {
    await freshAdminTokens();
    const before = await tokenRequests();
    const { privateKey } = generateKeyPairSync("rsa", { modulusLength: 2048 });
    const pem = privateKey.export({ type: "pkcs8", format: "pem" }).toString();
    const asPem = await testToken(pem);
    expect(asPem.status).toBe(400);
    expect(await json(asPem)).toMatchObject({
      type: "urn:portvakt:problem:private-key",
      detail: expect.stringMatching(/private key/),
    });
    const jwk = privateKey.export({ format: "jwk" });
    const alongside = await stack.api(`${env}/token-test`, {
      method: "POST",
      body: JSON.stringify({ assertion: await pensjonGrant(), key: jwk }),
    });
    expect(alongside.status).toBe(400);
    const inside = await testToken(await pensjonGrant({ header: { jwk } }));
    expect(inside.status).toBe(400);
    expect(await tokenRequests()).toBe(before);
  });

  it("refuses a body that is not a JWT", async () => {
    const response = await testToken("not-a-jwt");
    expect(response.status).toBe(400);
  });

  it("refuses in a production environment with 403 saying why", async () => {
    const config = stack.bff.environments[0]!.config as { kind: string };
    config.kind = "prod";
    try {
      const info = await json(await stack.api(`${env}/token-test`));
      expect(info).toMatchObject({ allowed: false });
      await freshAdminTokens();
      const before = await tokenRequests();
      const response = await testToken(await pensjonGrant());
      expect(response.status).toBe(403);
      expect(await json(response)).toMatchObject({
        type: "urn:portvakt:problem:token-test-prod",
        detail: expect.stringMatching(/production/),
      });
      expect(await tokenRequests()).toBe(before);
    } finally {
      config.kind = "demo";
    }
  });
});

describe("diagnose", () => {
  let clientId: string;
  let privatePem: string;
  const kid = `portvakt-it-${Date.now().toString(36)}`;

  beforeAll(async () => {
    const created = await stack.api(`${env}/clients`, {
      method: "POST",
      body: JSON.stringify({
        client_name: "Diagnose-test",
        description: "Integrasjonstest av diagnosen",
        scopes: ["digdir:demo.read"],
      }),
    });
    expect(created.status).toBe(200);
    clientId = (await json<{ client_id: string }>(created)).client_id;
    const { publicKey, privateKey } = generateKeyPairSync("rsa", { modulusLength: 2048 });
    privatePem = privateKey.export({ type: "pkcs8", format: "pem" }).toString();
    const jwks = await stack.api(`${env}/clients/${clientId}/jwks`);
    const added = await stack.api(`${env}/clients/${clientId}/keys`, {
      method: "POST",
      headers: { "If-Match": jwks.headers.get("ETag")! },
      body: JSON.stringify({
        jwk: { ...publicKey.export({ format: "jwk" }), kid, use: "sig", alg: "RS256" },
      }),
    });
    expect(added.status).toBe(200);
  });

  const diagnoseInput = (input: string, extra: Record<string, unknown> = {}) =>
    stack.api(`${env}/diagnose`, { method: "POST", body: JSON.stringify({ input, ...extra }) });

  const grantFor = (overrides: Partial<Parameters<typeof signGrant>[0]> = {}) =>
    signGrant({
      issuer: stack.simulator.issuer,
      clientId,
      scope: "digdir:demo.read",
      privateKeyPem: privatePem,
      kid,
      ...overrides,
    });

  it("checks a good grant against the client's keys and scopes and the org's grants", async () => {
    const response = await diagnoseInput(await grantFor());
    expect(response.status).toBe(200);
    const body = await json<{
      kind: string;
      checks: Array<{ rule: string; ok: boolean; severity: string }>;
      context: Record<string, unknown>;
    }>(response);
    expect(body.kind).toBe("grant");
    expect(body.checks.filter((c) => !c.ok && c.severity === "error")).toEqual([]);
    expect(body.checks.map((c) => c.rule)).toEqual(
      expect.arrayContaining(["header.kid.known", "scope.client", "scope.granted", "claims.aud"]),
    );
    expect(body.context).toMatchObject({
      issuer: stack.simulator.issuer,
      client: { client_id: clientId, client_name: "Diagnose-test" },
      grantedScopesKnown: true,
    });
  });

  it("checks the signature with the client's registered key read through the BFF (MP-124), as the token endpoint does", async () => {
    const good = await json<{ checks: Array<{ rule: string; code: string; ok: boolean }> }>(
      await diagnoseInput(await grantFor()),
    );
    expect(good.checks).toContainEqual(
      expect.objectContaining({ rule: "signature", code: "diagnosis.signature.ok-kid", ok: true }),
    );
    // Signed with another private key under the registered kid: every other rule passes.
    const { privateKey: other } = generateKeyPairSync("rsa", { modulusLength: 2048 });
    const forged = await grantFor({
      privateKeyPem: other.export({ type: "pkcs8", format: "pem" }).toString(),
    });
    const diagnosis = await json<{
      mpCode: string;
      summaryCode: string;
      checks: Array<{ rule: string; code: string; ok: boolean; severity: string }>;
    }>(await diagnoseInput(forged));
    expect(diagnosis.mpCode).toBe("MP-124");
    expect(diagnosis.summaryCode).toBe("diagnosis.summary.grant.fails-mp");
    expect(diagnosis.checks.filter((c) => !c.ok && c.severity === "error")).toEqual([
      expect.objectContaining({ rule: "signature", code: "diagnosis.signature.kid-mismatch" }),
    ]);
    const tested = await json(await testToken(forged));
    expect(tested).toMatchObject({ ok: false, mp_code: "MP-124" });
  });

  it("reads a grant pasted with a line break and says to remove it, not 'bad signature'", async () => {
    const grant = await grantFor();
    const broken = `${grant.slice(0, 50)}\n${grant.slice(50)}`;
    const diagnosis = await json<{
      mpCode: string;
      context: { client?: { client_id: string } };
      checks: Array<{ rule: string; ok: boolean; severity: string; fix?: string }>;
    }>(await diagnoseInput(broken));
    expect(diagnosis.context.client?.client_id).toBe(clientId);
    expect(diagnosis.checks.filter((c) => !c.ok && c.severity === "error")).toEqual([
      expect.objectContaining({
        rule: "input.linebreak",
        fix: expect.stringMatching(/^Remove the line break/),
      }),
    ]);
    expect(diagnosis.mpCode).toBe("MP-011");
  });

  it("names an unknown kid (MP-124), a scope not on the client (MP-200) and one not granted (MP-250)", async () => {
    const unknownKid = await json<{ mpCode: string; checks: Array<{ rule: string; ok: boolean }> }>(
      await diagnoseInput(await grantFor({ kid: "old-key" })),
    );
    expect(unknownKid.mpCode).toBe("MP-124");
    expect(unknownKid.checks).toContainEqual(
      expect.objectContaining({ rule: "header.kid.known", ok: false }),
    );
    const scopes = await json<{ checks: Array<{ rule: string; ok: boolean; mpCode?: string }> }>(
      await diagnoseInput(await grantFor({ scope: "brreg:enhetsregisteret/v2" })),
    );
    const failing = scopes.checks.filter((c) => !c.ok).map((c) => [c.rule, c.mpCode]);
    expect(failing).toEqual([
      ["scope.client", "MP-200"],
      ["scope.granted", "MP-250"],
    ]);
  });

  it("uses the chosen client, and says when a grant's client is not this org's", async () => {
    const seeded = stack.simulator.demo.keyedClients[0]!;
    const foreign = await json<{
      context: { clientNote?: { code: string; params: { clientId: string }; detail: string } };
    }>(await diagnoseInput(await pensjonGrant()));
    expect(foreign.context).not.toHaveProperty("client");
    expect(foreign.context.clientNote).toMatchObject({
      code: "diagnosis.context.client-unreadable",
      params: { clientId: seeded.clientId },
      detail: expect.stringContaining(seeded.clientId),
    });
    const chosen = await json<{ checks: Array<{ rule: string; ok: boolean }> }>(
      await diagnoseInput(await pensjonGrant(), { clientId }),
    );
    expect(chosen.checks).toContainEqual(
      expect.objectContaining({ rule: "claims.iss", ok: false }),
    );
  });

  it("explains a token error pasted from the token tester", async () => {
    const error = await json<{ kind: string; mpCode: string }>(
      await diagnoseInput(
        JSON.stringify({
          error: "invalid_grant",
          error_description: "Invalid JWT signature (trace_id: 5d5d5d5d5d5d5d5d)",
        }),
      ),
    );
    expect(error).toMatchObject({ kind: "token-error", mpCode: "MP-124" });
  });

  it("refuses a pasted private key", async () => {
    const { privateKey } = generateKeyPairSync("rsa", { modulusLength: 2048 });
    const response = await diagnoseInput(
      privateKey.export({ type: "pkcs8", format: "pem" }).toString(),
    );
    expect(response.status).toBe(400);
    // The refusal names the field it was found in, so the diagnose form shows it there.
    expect(await json(response)).toMatchObject({
      code: "problem.token-test.private-key",
      errors: [{ field: "input", code: "problem.field.private-key" }],
    });
    // A JWK's private member in a pasted key set is refused the same way.
    const jwk = privateKey.export({ format: "jwk" });
    const asJwk = await diagnoseInput(JSON.stringify({ keys: [jwk] }));
    expect(asJwk.status).toBe(400);
  });

  it("refuses an input of only white space on its field", async () => {
    const response = await diagnoseInput("  \n ");
    expect(response.status).toBe(400);
    const problem = await json<{ errors: { field?: string }[] }>(response);
    expect(problem.errors.map((e) => e.field)).toContain("input");
  });
});

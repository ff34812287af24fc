import { decodeJwt, decodeProtectedHeader, exportJWK } from "jose";
import { afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { type AdminCredential, loadPrivateJwk } from "./credentials";
import { MaskinportenConfigError, MaskinportenError } from "./errors";
import { type FakeTokenEndpoint, startFakeTokenEndpoint } from "./test-support/fake-token-endpoint";
import { generateRsaKeys } from "./test-support/pki";
import { TokenClient, type TokenClientOptions } from "./token";

let credential: AdminCredential;
let endpoint: FakeTokenEndpoint;

beforeAll(async () => {
  const keys = await generateRsaKeys();
  credential = await loadPrivateJwk({ ...(await exportJWK(keys.privateKey)), kid: "k1" });
});
beforeEach(async () => {
  endpoint = await startFakeTokenEndpoint();
});
afterEach(async () => {
  await endpoint.close();
});

function client(options: Partial<TokenClientOptions> = {}): TokenClient {
  return new TokenClient({ issuer: endpoint.issuer, clientId: "admin", credential, ...options });
}

async function failure(promise: Promise<unknown>): Promise<MaskinportenError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(MaskinportenError);
  return error as MaskinportenError;
}

describe("TokenClient", () => {
  it("posts a JWT-bearer grant to issuer + token and returns the token", async () => {
    let now = 1_750_000_000_000;
    const tokens = client({ now: () => now });
    const token = await tokens.getToken(["b:two", "a:one"]);
    expect(token).toEqual({ accessToken: "token-0", expiresAt: now + 120_000, scope: "a:b" });
    const [request] = endpoint.requests;
    expect(request!.grantType).toBe("urn:ietf:params:oauth:grant-type:jwt-bearer");
    expect(request!.contentType).toBe("application/x-www-form-urlencoded");
    expect(decodeProtectedHeader(request!.assertion!)).toEqual({ alg: "RS256", kid: "k1" });
    expect(decodeJwt(request!.assertion!)).toMatchObject({
      aud: endpoint.issuer,
      iss: "admin",
      scope: "a:one b:two",
      iat: now / 1000,
    });
    now += 1;
  });

  it("caches per scope set, in any order, until expiry minus the skew", async () => {
    let now = 1_750_000_000_000;
    const tokens = client({ now: () => now, refreshSkewSeconds: 30 });
    await tokens.getToken(["a:one", "b:two"]);
    now += 89_000;
    expect((await tokens.getToken(["b:two", "a:one", "a:one"])).accessToken).toBe("token-0");
    expect(tokens.stats).toEqual({ requests: 1, cacheHits: 1 });
    expect((await tokens.getToken(["a:one"])).accessToken).toBe("token-1");
    now += 2_000; // 91 s: within 30 s of expiry
    expect((await tokens.getToken(["a:one", "b:two"])).accessToken).toBe("token-2");
    expect(tokens.stats).toEqual({ requests: 3, cacheHits: 1 });
  });

  it("reuses a token shorter-lived than twice the skew for half its life", async () => {
    endpoint.reply = (_request, index) => ({
      status: 200,
      body: { access_token: `t${index}`, token_type: "Bearer", expires_in: 20 },
    });
    let now = 1_750_000_000_000;
    const tokens = client({ now: () => now, refreshSkewSeconds: 30 });
    await tokens.getToken(["a:b"]);
    now += 9_000;
    expect((await tokens.getToken(["a:b"])).accessToken).toBe("t0");
    now += 2_000;
    expect((await tokens.getToken(["a:b"])).accessToken).toBe("t1");
  });

  it("shares one request among concurrent callers (single-flight)", async () => {
    endpoint.reply = (_request, index) => ({
      status: 200,
      delayMs: 50,
      body: { access_token: `t${index}`, token_type: "Bearer", expires_in: 120 },
    });
    const tokens = client();
    const results = await Promise.all(Array.from({ length: 200 }, () => tokens.getToken(["a:b"])));
    expect(new Set(results.map((token) => token.accessToken))).toEqual(new Set(["t0"]));
    expect(endpoint.requests).toHaveLength(1);
    expect(tokens.stats).toEqual({ requests: 1, cacheHits: 199 });
    expect(results[0]!.scope).toBe("a:b");
  });

  it("does not cache a failure, and gives every waiter the same explained MP error", async () => {
    endpoint.reply = (_request, index) =>
      index === 0
        ? {
            status: 400,
            delayMs: 20,
            headers: { "x-correlation-id": "corr-1" },
            body: {
              error: "invalid_scope",
              error_description: "Invalid scope: a:b",
              error_uri: `${endpoint.issuer}errors/MP-200`,
            },
          }
        : { status: 200, body: { access_token: "ok", token_type: "Bearer", expires_in: 120 } };
    const tokens = client();
    const errors = await Promise.all([
      failure(tokens.getToken(["a:b"])),
      failure(tokens.getToken(["a:b"])),
    ]);
    expect(errors[0]).toBe(errors[1]);
    const error = errors[0]!;
    expect(error).toMatchObject({
      kind: "token",
      status: 400,
      code: "MP-200",
      correlationId: "corr-1",
      method: "POST",
      path: "/token",
    });
    expect(error.explanation).toMatch(/^MP-200: A requested scope is not registered on the client/);
    expect(error.explanation).toContain("Invalid scope: a:b");
    const assertion = endpoint.requests[0]!.assertion!;
    expect(JSON.stringify(error)).not.toContain(assertion);
    expect(error.message).not.toContain(assertion);

    expect((await tokens.getToken(["a:b"])).accessToken).toBe("ok");
    expect(tokens.stats.requests).toBe(2);
  });

  it("explains MP-250 forbidden", async () => {
    endpoint.reply = () => ({
      status: 403,
      body: {
        error: "forbidden",
        error_description: "Consumer has not been granted access to the scope nav:x",
        error_uri: `${endpoint.issuer}errors/MP-250`,
      },
    });
    const error = await failure(client().getToken(["nav:x"]));
    expect(error.code).toBe("MP-250");
    expect(error.explanation).toMatch(/not been granted access/);
  });

  it("explains Digdir's real body without error_uri from its wording (an expired key is MP-121)", async () => {
    endpoint.reply = () => ({
      status: 400,
      body: {
        error: "invalid_grant",
        error_description:
          "Invalid assertion. Client authentication failed. Expired key (trace_id: 0a1b2c3d4e5f)",
      },
    });
    const error = await failure(client().getToken(["a:b"]));
    expect(error.code).toBe("MP-121");
    expect(error.explanation).toMatch(/^MP-121: The key registered on the client .* has expired/);
    expect(error.explanation).toContain('Maskinporten said: "Invalid assertion.');
  });

  it("keeps the OAuth error as the code when Digdir's wording is unknown", async () => {
    endpoint.reply = () => ({
      status: 400,
      body: { error: "invalid_grant", error_description: "Something new" },
    });
    const error = await failure(client().getToken(["a:b"]));
    expect(error.code).toBe("invalid_grant");
    expect(error.explanation).toMatch(/^Maskinporten refused the token request \(invalid_grant\)/);
  });

  it("times out (kind timeout) and reports an unreachable endpoint (kind network)", async () => {
    endpoint.reply = () => ({ hang: true });
    const slow = await failure(client({ timeoutMs: 100 }).getToken(["a:b"]));
    expect(slow.kind).toBe("timeout");
    expect(slow.message).toContain("100 ms");

    const issuer = endpoint.issuer;
    await endpoint.close();
    endpoint = await startFakeTokenEndpoint();
    const down = await failure(
      new TokenClient({ issuer, clientId: "admin", credential }).getToken(["a:b"]),
    );
    expect(down.kind).toBe("network");
  });

  it("refuses answers that are not token responses", async () => {
    endpoint.reply = (_request, index) =>
      index === 0
        ? { status: 200, body: { hello: 1 } }
        : { status: 502, body: "<html>bad gateway" };
    const tokens = client();
    expect((await failure(tokens.getToken(["a:b"]))).kind).toBe("invalid-response");
    const gateway = await failure(tokens.getToken(["a:b"]));
    expect(gateway).toMatchObject({ kind: "http", status: 502 });
  });

  it("reads a gateway's page for its words, and a token error with null members for its code", async () => {
    endpoint.reply = (_request, index) =>
      index === 0
        ? {
            status: 502,
            headers: { "content-type": "text/html" },
            body: "<html><head><title>502 Bad Gateway</title></head><body><h1>502 Bad Gateway</h1><hr>nginx</body></html>",
          }
        : index === 1
          ? {
              status: 400,
              body: { error: "invalid_grant", error_description: null, error_uri: null },
            }
          : {
              status: 503,
              headers: { "content-type": "text/plain" },
              body: "upstream connect error",
            };
    const tokens = client();
    const gateway = await failure(tokens.getToken(["a:b"]));
    expect(gateway).toMatchObject({ kind: "http", status: 502 });
    expect(gateway.explanation).toContain('It said: "502 Bad Gateway".');
    expect(gateway.explanation).not.toContain("<");
    const refused = await failure(tokens.getToken(["a:b"]));
    expect(refused).toMatchObject({ kind: "token", status: 400, code: "invalid_grant" });
    const text = await failure(tokens.getToken(["a:b"]));
    expect(text.message).toContain("upstream connect error");
  });

  it("never quotes the signed assertion or a token that a gateway echoes back", async () => {
    // A WAF or proxy that answers with the request it refused (text, HTML, JSON, an OAuth error).
    endpoint.reply = (request, index) => {
      const echo = `Request blocked: grant_type=${request.grantType}&assertion=${request.assertion} (Authorization: Bearer abcdefgh.ijklmnop)`;
      const bare = `Rejected ${request.assertion}`;
      return [
        { status: 403, headers: { "content-type": "text/plain" }, body: echo },
        {
          status: 403,
          headers: { "content-type": "text/html" },
          body: `<html><title>${bare}</title></html>`,
        },
        { status: 400, body: { message: echo, request: { body: echo } } },
        { status: 400, body: { error: "invalid_request", error_description: bare } },
      ][index % 4]!;
    };
    const tokens = client();
    for (let i = 0; i < 4; i++) {
      const error = await failure(tokens.getToken(["a:b"]));
      const assertion = endpoint.requests[i]!.assertion!;
      expect(assertion.startsWith("eyJ")).toBe(true);
      const said = JSON.stringify({
        ...error,
        message: error.message,
        explanation: error.explanation,
      });
      expect(said).not.toContain(assertion.split(".")[1]!);
      expect(said).not.toContain("abcdefgh.ijklmnop");
      expect(said).toMatch(/\[redacted( JWT)?\]/);
    }
  });

  it("invalidates all, by scope set, or only a given token", async () => {
    const tokens = client();
    await tokens.getToken(["a:b"]);
    await tokens.getToken(["c:d"]);
    tokens.invalidate(["a:b"], "some-other-token");
    expect((await tokens.getToken(["a:b"])).accessToken).toBe("token-0");
    tokens.invalidate(["a:b"], "token-0");
    expect((await tokens.getToken(["a:b"])).accessToken).toBe("token-2");
    tokens.invalidate();
    expect((await tokens.getToken(["c:d"])).accessToken).toBe("token-3");
    expect(tokens.stats.requests).toBe(4);
  });

  it("honours an explicit token endpoint", async () => {
    const tokens = new TokenClient({
      issuer: "https://test.maskinporten.no/",
      tokenEndpoint: `${endpoint.issuer}token`,
      clientId: "admin",
      credential,
    });
    await tokens.getToken(["a:b"]);
    expect(decodeJwt(endpoint.requests[0]!.assertion!).aud).toBe("https://test.maskinporten.no/");
  });

  it.each([
    ["https://test.maskinporten.no", "issuer.slash", 'write "https://test.maskinporten.no/"'],
    ["http://maskinporten.no/", "issuer.http", 'write "https://maskinporten.no/"'],
    [
      "https://test.maskinporten.no/token",
      "issuer.token-endpoint",
      '"https://test.maskinporten.no/"',
    ],
    ["test.maskinporten.no/", "issuer.url", "https://test.maskinporten.no/"],
  ])("refuses the issuer %s at construction (%s) and says what to write", (issuer, code, hint) => {
    let thrown: unknown;
    try {
      new TokenClient({ issuer, clientId: "admin", credential });
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(MaskinportenConfigError);
    expect(thrown).toMatchObject({ code });
    expect((thrown as Error).message).toContain(hint);
    expect(endpoint.requests).toHaveLength(0);
  });

  it("accepts plain http on loopback, and elsewhere only with allowInsecureHttp", () => {
    expect(
      () => new TokenClient({ issuer: "http://127.0.0.1:1/", clientId: "a", credential }),
    ).not.toThrow();
    expect(
      () => new TokenClient({ issuer: "http://sim:7300/", clientId: "a", credential }),
    ).toThrow(MaskinportenConfigError);
    expect(
      () =>
        new TokenClient({
          issuer: "http://sim:7300/",
          clientId: "a",
          credential,
          allowInsecureHttp: true,
        }),
    ).not.toThrow();
    expect(
      () =>
        new TokenClient({
          issuer: "https://a.example/",
          tokenEndpoint: "nope",
          clientId: "a",
          credential,
        }),
    ).toThrow(/not a URL/);
  });
});

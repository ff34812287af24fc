import { LANGS, messageTableProblems } from "@portvakt/contracts";
import { decodeJwt, decodeProtectedHeader, generateKeyPair, jwtVerify } from "jose";
import { describe, expect, it } from "vitest";
import { issuerProblem } from "./issuer";
import { daysUntilKeyExpiry, keyNeedsRotation } from "./limits";
import { maskinportenRulesMessages } from "./messages";
import { readPrivateJwk } from "./private-jwk";
import { GrantInputError, signGrant } from "./sign-grant";
import { TOKEN_ERROR_IDS } from "./token-errors";
import { forbiddenCause, unauthorizedCause } from "./unauthorized";

const ISSUER = "https://test.maskinporten.no/";

describe("issuerProblem", () => {
  it.each([
    ["https://test.maskinporten.no", "issuer.slash", 'write "https://test.maskinporten.no/"'],
    ["http://maskinporten.no/", "issuer.http", 'write "https://maskinporten.no/"'],
    [
      "https://test.maskinporten.no/token",
      "issuer.token-endpoint",
      "https://test.maskinporten.no/",
    ],
    ["maskinporten.no", "issuer.url", "https://test.maskinporten.no/"],
  ])("%s: %s, says what to write", (issuer, code, hint) => {
    const problem = issuerProblem(issuer);
    expect(problem?.code).toBe(code);
    expect(problem?.message).toContain(hint);
  });

  it("accepts https, and plain http on loopback or when allowed", () => {
    expect(issuerProblem(ISSUER)).toBeNull();
    expect(issuerProblem("http://127.0.0.1:7300/")).toBeNull();
    expect(issuerProblem("http://localhost:7300/")).toBeNull();
    expect(issuerProblem("http://simulator:7300/", { allowInsecureHttp: true })).toBeNull();
  });
});

describe("signGrant", () => {
  const keys = generateKeyPair("RS256");
  it("signs exactly the allowed claims, verifiable with the public key", async () => {
    const { privateKey, publicKey } = await keys;
    const jwt = await signGrant({
      key: privateKey,
      alg: "RS256",
      keyRef: { kid: "k1" },
      audience: ISSUER,
      clientId: "c1",
      scopes: ["a:b", "c:d"],
      now: () => 1_700_000_000_000,
      lifetimeSeconds: 60,
      consumerOrg: "910753614",
    });
    expect(decodeProtectedHeader(jwt)).toEqual({ alg: "RS256", kid: "k1" });
    const claims = decodeJwt(jwt);
    expect(Object.keys(claims).sort()).toEqual(
      ["aud", "consumer_org", "exp", "iat", "iss", "jti", "scope"].sort(),
    );
    expect(claims).toMatchObject({ iat: 1_700_000_000, exp: 1_700_000_060, scope: "a:b c:d" });
    await expect(
      jwtVerify(jwt, publicKey, { currentDate: new Date(1_700_000_010_000) }),
    ).resolves.toBeTruthy();
  });

  it.each([
    [{ lifetimeSeconds: 121 }, "grant.lifetime"],
    [{ lifetimeSeconds: 0 }, "grant.lifetime"],
    [{ scopes: [] }, "grant.scope"],
    [{ scopes: ["a b"] }, "grant.scope"],
    [{ clientId: " " }, "grant.client-id"],
    [{ keyRef: { kid: "" } }, "grant.key-ref"],
    [{ keyRef: { x5c: ["-----BEGIN CERTIFICATE-----"] } }, "grant.key-ref"],
    [{ audience: "https://test.maskinporten.no/token" }, "grant.audience"],
    [{ audience: "https://test.maskinporten.no" }, "grant.audience"],
    [{ alg: "HS256" }, "grant.alg"],
    [{ consumerOrg: "91075361" }, "grant.consumer-org"],
  ])("refuses %j with %s", async (change, code) => {
    const { privateKey } = await keys;
    const input = {
      key: privateKey,
      alg: "RS256" as const,
      keyRef: { kid: "k1" },
      audience: ISSUER,
      clientId: "c1",
      scopes: ["a:b"],
      ...change,
    } as Parameters<typeof signGrant>[0];
    const error = await signGrant(input).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(GrantInputError);
    expect((error as GrantInputError).code).toBe(code);
  });
});

describe("key expiry", () => {
  it("counts days and warns 30 days ahead", () => {
    const now = Date.UTC(2026, 0, 1);
    const in30 = now / 1000 + 30 * 86_400;
    expect(daysUntilKeyExpiry(in30, now)).toBe(30);
    expect(keyNeedsRotation(in30, now)).toBe(true);
    expect(keyNeedsRotation(in30 + 86_399, now)).toBe(true);
    expect(keyNeedsRotation(in30 + 86_400, now)).toBe(false);
    expect(daysUntilKeyExpiry(now / 1000 - 1, now)).toBe(-1);
  });
});

describe("readPrivateJwk", () => {
  const privateJwk = { kty: "RSA", kid: "k", n: "n", e: "AQAB", d: "d", p: "p", q: "q" };
  const publicJwk = { kty: "RSA", kid: "p", n: "n", e: "AQAB" };
  const b64 = (value: unknown) => btoa(JSON.stringify(value));

  it.each([
    ["a bare JWK", JSON.stringify(privateJwk), "jwk"],
    ["base64 of a JWK", b64(privateJwk), "base64"],
    [
      "base64 with a line break",
      `${b64(privateJwk).slice(0, 20)}\n${b64(privateJwk).slice(20)}`,
      "base64",
    ],
    ["a key set of one", JSON.stringify({ keys: [privateJwk] }), "jwks"],
    ["an array of one", JSON.stringify([privateJwk]), "array"],
    [
      "a key set with one private and one public",
      JSON.stringify({ keys: [publicJwk, privateJwk] }),
      "jwks",
    ],
  ])("accepts %s", (_name, text, shape) => {
    const read = readPrivateJwk(text);
    expect(read).toMatchObject({ ok: true, shape, jwk: { kid: "k" } });
  });

  it.each([
    [
      JSON.stringify({ keys: [privateJwk, { ...privateJwk, kid: "k2" }] }),
      "several-private-keys",
      "jwks",
    ],
    [JSON.stringify([publicJwk]), "no-private-key", "array"],
    [b64(publicJwk), "no-private-key", "base64"],
    [JSON.stringify({ ...privateJwk, kty: "EC" }), "not-rsa", "jwk"],
    ["-----BEGIN PRIVATE KEY-----", "unreadable", undefined],
  ])("names the shape of %s: %s", (text, problem, shape) => {
    const read = readPrivateJwk(text);
    expect(read.ok).toBe(false);
    if (!read.ok) {
      expect(read.problem).toBe(problem);
      expect(read.shape).toBe(shape);
    }
  });
});

describe("the 401/403 FAQ", () => {
  it("names each cause of a 401 from what is known", () => {
    expect(unauthorizedCause({ token: null }).cause).toBe("token-missing");
    expect(unauthorizedCause({ token: { expiresAt: 10 }, now: () => 20_000 }).cause).toBe(
      "token-expired",
    );
    expect(
      unauthorizedCause({
        token: { issuer: "https://test.maskinporten.no/", scopes: ["idporten:scopes.read"] },
        apiBaseUrl: "https://api.samarbeid.digdir.no",
      }),
    ).toMatchObject({
      cause: "token-environment",
      params: { tokenEnvironment: "test", apiEnvironment: "prod" },
    });
    expect(unauthorizedCause({ token: { scopes: ["nav:x"] } }).cause).toBe("not-admin-client");
    expect(unauthorizedCause({ description: "The access token has expired" }).cause).toBe(
      "token-expired",
    );
    expect(unauthorizedCause({}).cause).toBe("unknown");
  });

  it("names the admin scope a 403 lacks, or the resource", () => {
    expect(forbiddenCause({ description: "Forbidden: needs idporten:scopes.write" })).toMatchObject(
      {
        cause: "admin-scope-missing",
        params: { scope: "idporten:scopes.write" },
      },
    );
    expect(
      forbiddenCause({
        requiredScopes: ["idporten:dcr.write"],
        token: { scopes: ["idporten:dcr.write"] },
      }).cause,
    ).toBe("other-organisation");
    expect(
      forbiddenCause({
        requiredScopes: ["idporten:dcr.write"],
        token: { scopes: ["idporten:dcr.read"] },
        adminScopes: ["idporten:dcr.write"],
      }).cause,
    ).toBe("admin-scope-not-issued");
  });
});

describe("the rules' texts", () => {
  it("exist in nb, nn and en as valid ICU with the same parameters", () => {
    expect(messageTableProblems(maskinportenRulesMessages)).toEqual([]);
  });

  it("name every token error's cause and fix", () => {
    for (const id of TOKEN_ERROR_IDS) {
      const lower = id.toLowerCase();
      for (const lang of LANGS) {
        expect(maskinportenRulesMessages[lang]).toHaveProperty([`token-error.${lower}.cause`]);
        expect(maskinportenRulesMessages[lang]).toHaveProperty([`token-error.${lower}.fix`]);
      }
    }
  });
});

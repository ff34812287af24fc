import { decodeJwt, decodeProtectedHeader, exportJWK, exportPKCS8, generateKeyPair } from "jose";
import { beforeAll, describe, expect, it } from "vitest";
import { KeyLoadError, loadPrivateKey, signGrant } from "./sign-grant";

let jwk: Record<string, unknown>;
let publicJwk: Record<string, unknown>;
let pem: string;

beforeAll(async () => {
  const { privateKey, publicKey } = await generateKeyPair("RS256", { extractable: true });
  jwk = { ...(await exportJWK(privateKey)), kid: "nav-2026" };
  publicJwk = { ...(await exportJWK(publicKey)), kid: "public" };
  pem = await exportPKCS8(privateKey);
});

const b64 = (value: unknown) => btoa(JSON.stringify(value));

describe("loadPrivateKey: the shapes people hand a private JWK over in", () => {
  it.each([
    ["a bare JWK", () => JSON.stringify(jwk), "jwk"],
    [
      "base64 of a JWK (as a vault or NAV's MASKINPORTEN_CLIENT_JWK holds it)",
      () => b64(jwk),
      "base64",
    ],
    ['{"keys":[one]}', () => JSON.stringify({ keys: [jwk] }), "jwks"],
    ["[one]", () => JSON.stringify([jwk]), "array"],
    [
      "a key set with the public half beside it",
      () => JSON.stringify({ keys: [publicJwk, jwk] }),
      "jwks",
    ],
  ])("accepts %s, keeping its kid", async (_name, text, shape) => {
    const loaded = await loadPrivateKey(text(), "RS256");
    expect(loaded).toMatchObject({ source: "jwk", shape, kid: "nav-2026" });
    const grant = await signGrant({
      key: loaded.key,
      alg: "RS256",
      kid: loaded.kid!,
      issuer: "http://127.0.0.1:7300/",
      clientId: "c",
      scopes: ["a:b"],
    });
    expect(decodeProtectedHeader(grant)).toEqual({ alg: "RS256", kid: "nav-2026" });
  });

  it.each([
    [
      "two private keys",
      () => JSON.stringify({ keys: [jwk, { ...jwk, kid: "other" }] }),
      "jwk.several-private-keys",
      { shape: "jwks", keys: 2 },
    ],
    [
      "only public keys",
      () => JSON.stringify([publicJwk]),
      "jwk.no-private-key",
      { shape: "array", keys: 1 },
    ],
    [
      "base64 of a public key",
      () => b64(publicJwk),
      "jwk.no-private-key",
      { shape: "base64", keys: 1 },
    ],
  ])("names the shape when it holds %s", async (_name, text, code, params) => {
    const error = await loadPrivateKey(text(), "RS256").catch((e: unknown) => e);
    expect(error).toBeInstanceOf(KeyLoadError);
    expect((error as KeyLoadError).coded).toMatchObject({ code, params });
  });

  it("still reads a PKCS#8 PEM and refuses a PKCS#1 one", async () => {
    expect((await loadPrivateKey(pem, "RS256")).source).toBe("pem");
    const pkcs1 = await loadPrivateKey("-----BEGIN RSA PRIVATE KEY-----\nMII\n", "RS256").catch(
      (e: unknown) => e,
    );
    expect((pkcs1 as KeyLoadError).problem).toBe("pkcs1");
  });
});

describe("signGrant in the browser", () => {
  it("uses the rules' limits: 120 s, exactly the allowed claims", async () => {
    const { key } = await loadPrivateKey(JSON.stringify(jwk), "RS256");
    const grant = await signGrant({
      key,
      alg: "RS256",
      kid: "nav-2026",
      issuer: "https://test.maskinporten.no/",
      clientId: "c",
      scopes: ["a:b"],
      now: () => 1_700_000_000_000,
    });
    const claims = decodeJwt(grant);
    expect(Object.keys(claims).sort()).toEqual(["aud", "exp", "iat", "iss", "jti", "scope"]);
    expect((claims.exp as number) - (claims.iat as number)).toBe(120);
  });

  it("checks its input instead of signing anything (the old copy checked nothing)", async () => {
    const { key } = await loadPrivateKey(JSON.stringify(jwk), "RS256");
    const base = { key, alg: "RS256" as const, kid: "k", clientId: "c", scopes: ["a:b"] };
    await expect(
      signGrant({ ...base, issuer: "https://test.maskinporten.no/token" }),
    ).rejects.toThrow(/token endpoint, not the issuer/);
    await expect(
      signGrant({ ...base, issuer: "https://test.maskinporten.no/", scopes: [] }),
    ).rejects.toThrow(/at least one scope/);
    await expect(
      signGrant({ ...base, issuer: "https://test.maskinporten.no/", kid: "" }),
    ).rejects.toThrow(/kid/);
  });
});

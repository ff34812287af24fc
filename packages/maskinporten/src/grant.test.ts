import {
  compactVerify,
  decodeJwt,
  decodeProtectedHeader,
  exportJWK,
  importJWK,
  importX509,
} from "jose";
import { beforeAll, describe, expect, it } from "vitest";
import { type AdminCredential, loadPem, loadPrivateJwk } from "./credentials";
import { signGrant } from "./grant";
import { createTestCa, generateRsaKeys, issueTestCertificate } from "./test-support/pki";

const ISSUER = "https://test.maskinporten.no/";
let certificate: AdminCredential;
let leafPem: string;
let jwkCredential: AdminCredential;
let jwkPublic: CryptoKey;

beforeAll(async () => {
  const ca = await createTestCa();
  const leaf = await issueTestCertificate({ ca });
  leafPem = leaf.certPem;
  certificate = await loadPem({ keyPem: leaf.keyPem, certChainPem: leaf.chainPem });
  const keys = await generateRsaKeys();
  jwkPublic = (await importJWK(await exportJWK(keys.publicKey), "RS512")) as CryptoKey;
  jwkCredential = await loadPrivateJwk({
    ...(await exportJWK(keys.privateKey)),
    kid: "k1",
    alg: "RS512",
  });
});

describe("signGrant", () => {
  it("signs a certificate grant with x5c and exactly the six claims", async () => {
    const now = new Date("2025-07-02T08:30:00Z");
    const jwt = await signGrant({
      credential: certificate,
      clientId: "client-1",
      audience: ISSUER,
      scopes: ["idporten:scopes.write", "idporten:dcr.read"],
      now: () => now.getTime(),
    });
    const header = decodeProtectedHeader(jwt);
    expect(Object.keys(header).sort()).toEqual(["alg", "x5c"]);
    expect(header.alg).toBe("RS256");
    expect(Array.isArray(header.x5c)).toBe(true);
    expect(header.x5c).toEqual(certificate.kind === "certificate" ? certificate.x5c : []);

    const claims = decodeJwt(jwt);
    expect(Object.keys(claims).sort()).toEqual(["aud", "exp", "iat", "iss", "jti", "scope"]);
    expect(claims).toMatchObject({
      aud: ISSUER,
      iss: "client-1",
      scope: "idporten:scopes.write idporten:dcr.read",
      iat: now.getTime() / 1000,
      exp: now.getTime() / 1000 + 120,
    });
    expect(claims.jti).toMatch(/^[0-9a-f-]{36}$/);

    // The signature verifies with the certificate's public key.
    await expect(compactVerify(jwt, await importX509(leafPem, "RS256"))).resolves.toBeDefined();
  });

  it("signs a JWK grant with kid and the key's alg", async () => {
    const jwt = await signGrant({
      credential: jwkCredential,
      clientId: "c",
      audience: ISSUER,
      scopes: ["a:b"],
      lifetimeSeconds: 60,
    });
    expect(decodeProtectedHeader(jwt)).toEqual({ alg: "RS512", kid: "k1" });
    const claims = decodeJwt(jwt);
    expect(claims.exp! - claims.iat!).toBe(60);
    await expect(compactVerify(jwt, jwkPublic)).resolves.toBeDefined();
  });

  it("uses a fresh jti every time", async () => {
    const input = { credential: jwkCredential, clientId: "c", audience: ISSUER, scopes: ["a:b"] };
    const a = decodeJwt(await signGrant(input));
    const b = decodeJwt(await signGrant(input));
    expect(a.jti).not.toBe(b.jti);
  });

  it("refuses lifetimes above 120 s and grants without scopes", async () => {
    const input = { credential: jwkCredential, clientId: "c", audience: ISSUER, scopes: ["a:b"] };
    await expect(signGrant({ ...input, lifetimeSeconds: 121 })).rejects.toThrow(RangeError);
    await expect(signGrant({ ...input, lifetimeSeconds: 0 })).rejects.toThrow(RangeError);
    await expect(signGrant({ ...input, scopes: [] })).rejects.toThrow(RangeError);
    await expect(signGrant({ ...input, scopes: ["a b"] })).rejects.toThrow(RangeError);
  });
});

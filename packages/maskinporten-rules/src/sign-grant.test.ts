import { decodeJwt, decodeProtectedHeader, generateKeyPair, jwtVerify } from "jose";
import { describe, expect, it } from "vitest";
import { GrantInputError, localGrantSigner, signGrant, signGrantWith } from "./sign-grant";

// The signer abstraction (issue 18 #5): a grant signed through a `GrantSigner` is the grant
// `signGrant` makes with the key itself, and verifies with the public key.

const NOW = 1_800_000_000_000;
const base = {
  alg: "RS256" as const,
  keyRef: { kid: "portvakt-admin-1" },
  audience: "https://test.maskinporten.no/",
  clientId: "portvakt-admin",
  scopes: ["idporten:scopes.read", "idporten:dcr.read"],
  now: () => NOW,
  jti: "4b0c7f0e-7f5e-4a43-9d86-2b1e1d5b2a10",
};

describe("signGrantWith", () => {
  it("makes the grant signGrant makes, verifiable with the public key", async () => {
    const { privateKey, publicKey } = await generateKeyPair("RS256");
    const viaSigner = await signGrantWith({
      ...base,
      signer: localGrantSigner(privateKey, "RS256"),
    });
    const viaKey = await signGrant({ ...base, key: privateKey });
    expect(decodeProtectedHeader(viaSigner)).toEqual({ alg: "RS256", kid: "portvakt-admin-1" });
    expect(decodeJwt(viaSigner)).toEqual(decodeJwt(viaKey));
    expect(decodeJwt(viaSigner)).toEqual({
      aud: base.audience,
      iss: base.clientId,
      scope: "idporten:scopes.read idporten:dcr.read",
      iat: 1_800_000_000,
      exp: 1_800_000_120,
      jti: base.jti,
    });
    // RSASSA-PKCS1-v1_5 is deterministic: the same input gives the same signature.
    expect(viaSigner.split(".")[2]).toBe(viaKey.split(".")[2]);
    await expect(
      jwtVerify(viaSigner, publicKey, { currentDate: new Date(NOW) }),
    ).resolves.toBeDefined();
  });

  it("names the certificate chain in x5c and signs RS512 with SHA-512", async () => {
    const { privateKey, publicKey } = await generateKeyPair("RS512");
    const grant = await signGrantWith({
      ...base,
      alg: "RS512",
      keyRef: { x5c: ["MIIBAA==", "MIIBAQ=="] },
      signer: localGrantSigner(privateKey, "RS512"),
    });
    expect(decodeProtectedHeader(grant)).toEqual({ alg: "RS512", x5c: ["MIIBAA==", "MIIBAQ=="] });
    await expect(
      jwtVerify(grant, publicKey, { currentDate: new Date(NOW) }),
    ).resolves.toBeDefined();
  });

  it("checks the input before asking the signer, and passes the signer's failure on", async () => {
    let asked = 0;
    const signer = {
      sign: async () => {
        asked++;
        throw new Error("AccessDeniedException: not allowed to use the key");
      },
    };
    await expect(signGrantWith({ ...base, scopes: [], signer })).rejects.toBeInstanceOf(
      GrantInputError,
    );
    expect(asked).toBe(0);
    await expect(signGrantWith({ ...base, signer })).rejects.toThrow(/AccessDeniedException/);
    expect(asked).toBe(1);
  });
});

import { Jwk } from "@portvakt/contracts";
import { describe, expect, it } from "vitest";
import { generateRsaKey, proposeKid, slugOf } from "./generate-key";

describe("kid proposal", () => {
  it("says what the key is: client name and date, kid-safe", () => {
    expect(slugOf("NAV pensjon-integrasjon")).toBe("nav-pensjon-integrasjon");
    expect(slugOf("Søknad for Åse & Ærlig")).toBe("soknad-for-ase-aerlig");
    expect(slugOf("!!!")).toBe("klient");
    const day = new Date("2025-07-02T10:00:00Z");
    expect(proposeKid("NAV pensjon", [], day)).toBe("nav-pensjon-2025-07-02");
  });

  it("is unique among the client's keys", () => {
    const day = new Date("2025-07-02T10:00:00Z");
    expect(proposeKid("NAV pensjon", ["nav-pensjon-2025-07-02"], day)).toBe(
      "nav-pensjon-2025-07-02-2",
    );
    expect(
      proposeKid("NAV pensjon", ["nav-pensjon-2025-07-02", "nav-pensjon-2025-07-02-2"], day),
    ).toBe("nav-pensjon-2025-07-02-3");
  });
});

describe("key generation", () => {
  it("makes a 2048-bit pair whose public JWK passes the contract and has no private member", async () => {
    const key = await generateRsaKey(2048, "test-2025-07-02");
    expect(Jwk.parse(key.publicJwk)).toMatchObject({
      kid: "test-2025-07-02",
      use: "sig",
      alg: "RS256",
    });
    expect(JSON.stringify(key.publicJwk)).not.toMatch(/"(d|p|q|dp|dq|qi)":/);
    expect(key.privatePem).toMatch(
      /^-----BEGIN PRIVATE KEY-----\n[A-Za-z0-9+/=\n]+-----END PRIVATE KEY-----\n$/,
    );
    expect(key.privateJwk).toMatchObject({
      kty: "RSA",
      kid: "test-2025-07-02",
      d: expect.any(String),
    });
  });

  it("refuses a kid Maskinporten would refuse", async () => {
    await expect(generateRsaKey(2048, "has space")).rejects.toThrow();
  });
});

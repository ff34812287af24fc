import { describe, expect, it } from "vitest";
import { containsPrivateKey, DiagnoseRequest, TokenTestRequest } from "./token-test";

describe("containsPrivateKey", () => {
  it("finds PEM private keys (PKCS#8 and PKCS#1) and JWK private members", () => {
    expect(containsPrivateKey("-----BEGIN PRIVATE KEY-----\nMII…")).toBe(true);
    expect(containsPrivateKey("x -----BEGIN RSA PRIVATE KEY----- y")).toBe(true);
    for (const member of ["d", "p", "q", "dp", "dq", "qi"]) {
      expect(containsPrivateKey(`{"kty":"RSA","${member}" : "abc"}`)).toBe(true);
    }
  });

  it("lets public keys, grants and error bodies through", () => {
    expect(containsPrivateKey("-----BEGIN PUBLIC KEY-----\nMII…")).toBe(false);
    expect(containsPrivateKey('{"kty":"RSA","n":"abc","e":"AQAB","kid":"d"}')).toBe(false);
    expect(containsPrivateKey('{"error":"invalid_grant"}')).toBe(false);
  });
});

describe("DiagnoseRequest", () => {
  it("drops surrounding white space and refuses an empty input on its field", () => {
    expect(DiagnoseRequest.parse({ input: "  eyJ.x.y \n" })).toEqual({ input: "eyJ.x.y" });
    const refused = DiagnoseRequest.safeParse({ input: " \n " });
    expect(refused.success).toBe(false);
    expect(refused.error?.issues[0]?.path).toEqual(["input"]);
  });

  it("refuses an empty client id (the form sends none instead)", () => {
    expect(DiagnoseRequest.safeParse({ input: "x", clientId: "" }).success).toBe(false);
  });
});

describe("TokenTestRequest", () => {
  it("keeps unknown members and refuses an empty or overlong assertion", () => {
    expect(TokenTestRequest.parse({ assertion: "a.b.c", extra: 1 })).toEqual({
      assertion: "a.b.c",
      extra: 1,
    });
    expect(TokenTestRequest.safeParse({ assertion: "" }).success).toBe(false);
    expect(TokenTestRequest.safeParse({ assertion: "x".repeat(20_001) }).success).toBe(false);
  });
});

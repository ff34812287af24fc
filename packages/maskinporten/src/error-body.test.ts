import { describe, expect, it } from "vitest";
import { readDigdirError, redactCredentials } from "./error-body";

// Error bodies are quoted to people, logs, the audit and the readiness answer: a gateway that
// echoes the request must not put the admin token or the signed assertion there (review finding 7).
const jwt = "eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJ4In0.c2lnbmF0dXJl";

describe("redactCredentials", () => {
  it("replaces JWTs, credential parameters, Authorization values and PEM private keys", () => {
    const text = [
      `grant_type=urn:ietf:params:oauth:grant-type:jwt-bearer&assertion=${jwt}`,
      `Authorization: Bearer ${jwt}`,
      "Authorization: Basic dXNlcjpwYXNzd29yZA==",
      "client_secret=s3cr3t-value&scope=a:b",
      "-----BEGIN PRIVATE KEY-----\nMIIE\n-----END PRIVATE KEY-----",
      "-----BEGIN RSA PRIVATE KEY-----\nMIIE cut off",
    ].join("\n");
    const redacted = redactCredentials(text);
    for (const secret of ["eyJzdWIiOiJ4In0", "dXNlcjpwYXNzd29yZA", "s3cr3t-value", "MIIE"]) {
      expect(redacted).not.toContain(secret);
    }
    expect(redacted).toContain("assertion=[redacted]");
    expect(redacted).toContain("scope=a:b");
    expect(redacted).toContain("[redacted private key]");
  });

  it("leaves ordinary words alone", () => {
    const words =
      "Scope digdir:demo.read is not allowed for 889640782 (code 400, eyJ is not a token)";
    expect(redactCredentials(words)).toBe(words);
  });
});

describe("readDigdirError", () => {
  it("redacts credentials in the words it reads and in members it keeps", () => {
    const read = readDigdirError(
      JSON.stringify({
        message: `Denied: Authorization: Bearer ${jwt}`,
        echo: { headers: [`Bearer ${jwt}`], body: `assertion=${jwt}` },
        count: 3,
      }),
      "application/json",
    );
    const text = JSON.stringify(read);
    expect(text).not.toContain("eyJzdWIiOiJ4In0");
    expect(read).toMatchObject({ count: 3, echo: { body: "assertion=[redacted]" } });
  });
});

import { describe, expect, it } from "vitest";
import { explainTokenError, TOKEN_ERROR_IDS, TOKEN_ERRORS, withoutTraceId } from "./token-errors";

// Digdir's wording as felleslosninger/docs `_docs/Maskinporten/maskinporten_feilsoking.md` shows it
// (headings "MP-xxx: <text>"), each with the code the page puts beside it.
const DOCUMENTED: Array<[string, string, string]> = [
  ["invalid_grant", "Invalid assertion. Client authentication failed.", "MP-100"],
  [
    "invalid_grant",
    "Invalid assertion. Client authentication failed. Invalid JWT claim aud",
    "MP-110",
  ],
  [
    "invalid_grant",
    "Invalid assertion. Client authentication failed. The JWT is signed with an invalid certificate.",
    "MP-120",
  ],
  ["invalid_grant", "Invalid assertion. Client authentication failed. Expired key", "MP-121"],
  ["invalid_request", "Invalid assertion. Invalid parameter value", "MP-011"],
  ["invalid_scope", "Token request contains invalid scopes for client", "MP-200"],
  ["invalid_scope", "Token request contains scopes not allowed for maskinporten", "MP-201"],
  ["invalid_grant", "Grant is used before", "MP-012"],
  ["invalid_grant", "Client not found", "MP-100"],
  ["invalid_grant", "JWT is expired", "MP-130"],
  [
    "invalid_grant",
    "Invalid JWT. Invalid organization number for client. Does not match certificate orgno",
    "MP-122",
  ],
  ["invalid_grant", "Invalid JWT header x5c", "MP-123"],
  ["invalid_grant", "Invalid JWT signature", "MP-124"],
  ["invalid_request", "Unknown authorization details type", "MP-301"],
  ["invalid_request", "Unknown fields in the authorization details", "MP-302"],
  ["invalid_request", "Invalid authorization details values", "MP-303"],
  ["invalid_grant", "Issue time is after now", "MP-130"],
  ["forbidden", "Consumer has not been granted access to the scope nav:pensjon", "MP-250"],
  [
    "forbidden",
    "Consumer 910753614 has not delegated access to the scope difitest:test2 to supplier 991825827",
    "MP-251",
  ],
  // Older wording of the same page.
  ["invalid_grant", "Failed to extract certificate from jwt", "MP-123"],
  ["invalid_grant", "Could not validate JWT Signature", "MP-124"],
  [
    "invalid_scope",
    "Token request contains scopes with integration types only allowed for user login",
    "MP-201",
  ],
];

describe("explainTokenError", () => {
  it.each(DOCUMENTED)("%s %j is %s without error_uri", (error, description, code) => {
    const explained = explainTokenError({ error, error_description: description });
    expect(explained?.rule.mpCode).toBe(code);
    expect(explained?.matchedBy).toBe("error_description");
  });

  it("reads Digdir's body with a trace id and a line break (docs: Skyporten on GCP)", () => {
    const explained = explainTokenError({
      error: "invalid_grant",
      error_description:
        "Invalid assertion. Client authentication failed.\nInvalid JWT claim aud. (trace_id: 5d5d5d5d5d5d5d5d5d5d5d5d5d5d5d)",
    });
    expect(explained?.rule.id).toBe("MP-110");
  });

  it("explains the issue's example as an expired registered key, not generically", () => {
    const explained = explainTokenError({
      error: "invalid_grant",
      error_description: "Invalid assertion. Client authentication failed. Expired key",
    });
    expect(explained?.rule.id).toBe("MP-121");
    expect(explained?.rule.cause).toMatch(/registered on the client .* expired/);
  });

  it("names the consumer_org error the docs show without a code", () => {
    const explained = explainTokenError({
      error: "invalid_request",
      error_description:
        "Validation of JWT claim failed: The combination consumer_org in claim and delegation scope on client is invalid",
    });
    expect(explained?.rule.id).toBe("consumer-org-own");
    expect(explained?.rule.mpCode).toBeUndefined();
  });

  it("trusts error_uri first, and keeps an unknown code it names", () => {
    expect(
      explainTokenError({
        error: "invalid_grant",
        error_description: "Expired key",
        error_uri: "https://test.maskinporten.no/errors/MP-124",
      })?.rule.id,
    ).toBe("MP-124");
    const unknown = explainTokenError({
      error: "invalid_grant",
      error_description: "Something new",
      error_uri: "https://maskinporten.no/errors/MP-999",
    });
    expect(unknown).toBeUndefined();
  });

  it("falls back on the OAuth error, and gives up on a bare invalid_grant", () => {
    expect(explainTokenError({ error: "invalid_client" })).toMatchObject({
      matchedBy: "error",
      rule: { id: "MP-100" },
    });
    expect(explainTokenError({ error: "invalid_grant", error_description: "Huh" })).toBeUndefined();
    expect(explainTokenError({ error: 42, error_description: null })).toBeUndefined();
  });

  it("has one rule per id, each with a cause and a fix", () => {
    expect(TOKEN_ERRORS.map((r) => r.id).sort()).toEqual([...TOKEN_ERROR_IDS].sort());
    for (const r of TOKEN_ERRORS) {
      expect(r.cause.length).toBeGreaterThan(20);
      expect(r.fix.length).toBeGreaterThan(10);
    }
  });

  it("strips the trace id", () => {
    expect(withoutTraceId("Grant is used before (trace_id: abc123)")).toBe("Grant is used before");
  });
});

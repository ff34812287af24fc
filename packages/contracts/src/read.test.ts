import { describe, expect, it } from "vitest";
import {
  answeredText,
  Client,
  readJwk,
  readRow,
  readScope,
  ScopeAccess,
  setAsideFields,
  writableKey,
} from "./index";

// Digdir's answers as they come in practice (docs/maskinporten.md §8: "numbers may come as empty
// strings in old rows"): numbers and booleans as text, enum values Portvakt has not seen.
const MODULUS = `${"u".repeat(341)}w`; // 2,048 bits of base64url

describe("numbers and booleans sent as text are read as what they stand for", () => {
  it("a key's exp as text keeps its expiry, also when the set is written back", () => {
    const key = readJwk({
      kty: "RSA",
      use: "sig",
      alg: "RS256",
      kid: "k1",
      e: "AQAB",
      n: MODULUS,
      exp: "1767225600",
    })!;
    expect(key.exp).toBe(1767225600);
    expect(key.portvakt_warnings).toEqual([
      expect.objectContaining({ kind: "number-as-text", field: "exp" }),
    ]);
    // Dropping exp here would make Digdir give the key a fresh year (§8, "Writing keys").
    expect(writableKey(key).exp).toBe(1767225600);
  });

  it("scope numbers and booleans, client numbers", () => {
    const scope = readScope({
      name: "digdir:tekst",
      active: "false",
      at_max_age: " 120 ",
      requires_user_consent: "true",
      authorization_max_lifetime: "",
    })!;
    expect(scope).toMatchObject({ active: false, at_max_age: 120, requires_user_consent: true });
    expect(scope).not.toHaveProperty("authorization_max_lifetime");
    expect(scope.portvakt_warnings?.map((w) => w.kind).sort()).toEqual([
      "boolean-as-text",
      "boolean-as-text",
      "invalid-field",
      "number-as-text",
    ]);
    const client = readRow(Client, {
      client_id: "c",
      access_token_lifetime: "3600",
      active: "TRUE",
    })!;
    expect(client.access_token_lifetime).toBe(3600);
    // Only "true" and "false" are booleans; anything else stays odd and is set aside.
    expect(client).not.toHaveProperty("active");
  });

  it("text that is not a number stays odd", () => {
    for (const text of ["12abc", "0x10", "1e3", "", "  ", "99999999999999999999"]) {
      const scope = readScope({ name: "a:b", at_max_age: text })!;
      expect(scope, text).not.toHaveProperty("at_max_age");
      expect(scope.portvakt_warnings?.[0]).toMatchObject({ kind: "invalid-field", value: text });
    }
  });
});

describe("a field set aside is kept for the write-back", () => {
  it("an enum value not seen before, a list holding one, an empty number", () => {
    const scope = readScope({
      name: "digdir:ny",
      visibility: "RESTRICTED",
      allowed_integration_types: ["maskinporten", "brand_new_type"],
      token_type: "JWT",
      authorization_max_lifetime: "",
      description: "kept",
    })!;
    expect(scope.description).toBe("kept");
    expect(setAsideFields(scope)).toEqual({
      visibility: "RESTRICTED",
      allowed_integration_types: ["maskinporten", "brand_new_type"],
      token_type: "JWT",
      authorization_max_lifetime: "",
    });
    expect(setAsideFields(readScope({ name: "a:b" })!)).toEqual({});
  });
});

describe("dates sent as numbers (Jackson's timestamps) are read as dates", () => {
  it("epoch seconds, with a fraction, epoch milliseconds and a LocalDateTime array", () => {
    const scope = readScope({
      name: "digdir:datoer",
      created: 1709287200,
      // Jackson writes nanoseconds (1709287200.123456789); JSON.parse keeps what a double holds.
      last_updated: JSON.parse("1709287200.123456789") as number,
    })!;
    expect(scope.created).toBe("2024-03-01T10:00:00.000Z");
    expect(scope.last_updated).toBe("2024-03-01T10:00:00.123Z");
    expect(scope.portvakt_warnings).toEqual([
      expect.objectContaining({
        kind: "date-as-number",
        field: "created",
        code: "read.date-as-number",
      }),
      expect.objectContaining({ kind: "date-as-number", field: "last_updated" }),
    ]);
    const key = readJwk({
      kty: "RSA",
      use: "sig",
      alg: "RS256",
      kid: "k1",
      e: "AQAB",
      n: MODULUS,
      created: 1709287200000,
      last_updated: [2024, 3, 1, 10, 0, 5, 120000000],
    })!;
    expect(key.created).toBe("2024-03-01T10:00:00.000Z");
    expect(key.last_updated).toBe("2024-03-01T10:00:05.120");
  });

  it("what is not a date stays set aside with its value", () => {
    const scope = readScope({
      name: "digdir:datoer",
      created: [2024, 13, 1],
      last_updated: { epochSecond: 1709287200 },
    })!;
    expect(scope).not.toHaveProperty("created");
    expect(scope).not.toHaveProperty("last_updated");
    expect(setAsideFields(scope)).toEqual({
      created: [2024, 13, 1],
      last_updated: { epochSecond: 1709287200 },
    });
  });
});

describe("a value Portvakt does not know is shown as Digdir answered it", () => {
  // Digdir's 2025 OpenAPI closes these enums, but a value added later reaches Portvakt first:
  // the read sets it aside (and keeps it for the write-back); the pages show it as it came.
  it("answeredText gives the read value, else the set-aside one", () => {
    const scope = readScope({
      name: "digdir:x",
      visibility: "SECRET",
      allowed_integration_types: ["maskinporten", "brand_new_type"],
      token_type: "OPAQUE",
    });
    if (!scope) throw new Error("readable");
    expect(scope.visibility).toBeUndefined();
    expect(answeredText(scope, "visibility")).toBe("SECRET");
    expect(answeredText(scope, "allowed_integration_types")).toBe("maskinporten, brand_new_type");
    expect(answeredText(scope, "token_type")).toBe("OPAQUE");
    expect(answeredText(scope, "at_max_age")).toBeUndefined();
    const row = readRow(ScopeAccess, {
      scope: "digdir:x",
      consumer_orgno: "910000004",
      state: "REVOKED",
    });
    expect(row && answeredText(row, "state")).toBe("REVOKED");
  });
});

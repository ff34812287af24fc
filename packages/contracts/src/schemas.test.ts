import { describe, expect, it } from "vitest";
import {
  ClientInput,
  DigdirError,
  mpCodeOf,
  OrganizationAnswer,
  Problem,
  readRow,
  readScope,
  Scope,
  ScopeAccess,
  ScopeInput,
} from "./index";

describe("ScopeInput", () => {
  it("accepts the seed guide's scope", () => {
    const input = ScopeInput.parse({
      prefix: "difi",
      subscope: "api3",
      description: "Test API",
      allowed_integration_types: ["maskinporten"],
      visibility: "PUBLIC",
    });
    expect(input.subscope).toBe("api3");
  });

  it("names the field of each problem", () => {
    const result = ScopeInput.safeParse({ prefix: "difi", subscope: "Api//x", description: "" });
    const paths = result.error!.issues.map((i) => i.path.join("."));
    expect(paths).toEqual(expect.arrayContaining(["subscope", "description"]));
  });

  it("refuses an unknown integration type and negative max age", () => {
    expect(
      ScopeInput.safeParse({
        prefix: "a",
        subscope: "b",
        description: "x",
        allowed_integration_types: ["soap"],
      }).success,
    ).toBe(false);
    expect(
      ScopeInput.safeParse({ prefix: "a", subscope: "b", description: "x", at_max_age: -1 })
        .success,
    ).toBe(false);
  });
});

describe("Scope and ScopeAccess", () => {
  const now = "2025-07-02T08:30:00.000Z";
  it("parses an API scope with all read-only fields", () => {
    const scope = Scope.parse({
      prefix: "nav",
      subscope: "pensjon/v3/alderspensjon",
      name: "nav:pensjon/v3/alderspensjon",
      description: "Alderspensjon",
      active: true,
      visibility: "PRIVATE",
      allowed_integration_types: [],
      token_type: "SELF_CONTAINED",
      at_max_age: 0,
      authorization_max_lifetime: 0,
      requires_user_consent: false,
      requires_user_authentication: false,
      requires_pseudonymous_tokens: false,
      accessible_for_all: false,
      owner_orgno: "889640782",
      created: now,
      last_updated: now,
    });
    expect(scope.name).toBe("nav:pensjon/v3/alderspensjon");
  });

  it("reads an access row with an unknown state: the row is kept, the state set aside and flagged", () => {
    const row = {
      scope: "difi:api3",
      state: "APPROVED",
      consumer_orgno: "889640782",
      owner_orgno: "991825827",
      created: now,
      last_updated: now,
    };
    expect(ScopeAccess.safeParse(row).success).toBe(true);
    const odd = readRow(ScopeAccess, { ...row, state: "REVOKED", extra: 1 })!;
    expect(odd.state).toBeUndefined();
    expect(odd.extra).toBe(1);
    expect(odd.portvakt_warnings).toEqual([
      expect.objectContaining({ kind: "invalid-field", field: "state" }),
    ]);
    // A row without the pair that names it cannot be kept.
    expect(readRow(ScopeAccess, { state: "APPROVED" })).toBeUndefined();
  });

  it("reads a sparse catalogue row and one with an empty number (docs/maskinporten.md §8)", () => {
    const sparse = readScope({
      name: "nav:gammel",
      prefix: "nav",
      subscope: "gammel",
      description: "x",
      active: true,
      owner_orgno: "889640782",
    })!;
    expect(sparse.portvakt_warnings).toBeUndefined();
    const odd = readScope({ prefix: "a", subscope: "b", authorization_max_lifetime: "" })!;
    expect(odd.name).toBe("a:b");
    expect(odd).not.toHaveProperty("authorization_max_lifetime");
    expect(odd.portvakt_warnings?.map((w) => w.kind).sort()).toEqual([
      "invalid-field",
      "scope-without-name",
    ]);
    expect(readScope(null)).toBeUndefined();
    expect(readScope({ description: "no name, no prefix" })).toBeUndefined();
  });

  it("reads {orgnr, name} as an Organization", () => {
    expect(OrganizationAnswer.parse({ orgnr: "991825827", name: "DIGDIR" })).toEqual({
      orgno: "991825827",
      name: "DIGDIR",
    });
    expect(OrganizationAnswer.safeParse({ name: "x" }).success).toBe(false);
  });
});

describe("ClientInput", () => {
  it("fills Maskinporten defaults", () => {
    const client = ClientInput.parse({ client_name: "Min klient", description: "Henter data" });
    expect(client).toMatchObject({
      integration_type: "maskinporten",
      application_type: "web",
      token_endpoint_auth_method: "private_key_jwt",
      grant_types: ["urn:ietf:params:oauth:grant-type:jwt-bearer"],
      scopes: [],
    });
  });

  it("refuses a client_orgno with a bad check digit", () => {
    expect(
      ClientInput.safeParse({ client_name: "a", description: "b", client_orgno: "889640783" })
        .success,
    ).toBe(false);
  });
});

describe("errors", () => {
  it("parses Digdir's error body of docs/maskinporten.md §7", () => {
    const body = DigdirError.parse({
      status: 400,
      timestamp: "2025-07-02T08:30:00.000Z",
      correlation_id: "b496e785-0000",
      error: "invalid_request",
      error_description: "Invalid subscope",
      errors: [
        {
          errorMessage: "bad",
          isFieldError: true,
          objectName: "Scope",
          fieldIdentifier: "subscope",
        },
      ],
    });
    expect(body.errors?.[0]?.fieldIdentifier).toBe("subscope");
  });

  it("reads the MP code from error_uri", () => {
    expect(
      mpCodeOf({ error: "forbidden", error_uri: "https://test.maskinporten.no/errors/MP-250" }),
    ).toBe("MP-250");
    expect(mpCodeOf({ error: "invalid_grant" })).toBeUndefined();
  });

  it("requires a title and an error status on a problem", () => {
    expect(Problem.parse({ title: "Bad Request", status: 400 }).type).toBe("about:blank");
    expect(Problem.safeParse({ title: "OK", status: 200 }).success).toBe(false);
  });
});

describe("a scope's address fields (issue 14, defect 8)", () => {
  const base = { prefix: "digdir", subscope: "url.test", description: "x" };
  it.each([
    "ftp://x",
    "x",
    "javascript:alert(1)",
    "http://example.test/",
    "https://",
    "mailto:a@b",
  ])("refuses delegation_source %j", (value) => {
    const result = ScopeInput.safeParse({ ...base, delegation_source: value });
    expect(result.success).toBe(false);
    expect(result.error?.issues[0]?.message).toBe(
      "Give a full https:// address (or http:// for a local test)",
    );
  });
  it.each(["https://platform.tt02.altinn.no/", "http://localhost:8080/x"])(
    "accepts delegation_source %j",
    (value) => {
      expect(ScopeInput.safeParse({ ...base, delegation_source: value }).success).toBe(true);
    },
  );
});

import { coded, messageTableProblems } from "@portvakt/contracts";
import { describe, expect, it } from "vitest";
import { generateApiScopes, insertApiScopes } from "./generate";
import { altinnMessages } from "./messages";
import { validateApplicationMetadata } from "./validate";

function metadata(apiScopes: unknown, id = "ttd/skjema"): string {
  return JSON.stringify({ id, org: "ttd", apiScopes }, null, 2);
}
/** The code without its `altinn.metadata.` area. */
function short(code: string): string {
  return code.replace(/^altinn\.metadata\./, "");
}
function codes(text: unknown, options = {}) {
  return validateApplicationMetadata(text, options).problems.map((p) => [
    short(p.code),
    p.severity,
    p.path,
  ]);
}

describe("validateApplicationMetadata", () => {
  it("passes the generated config with no problem at all", () => {
    const file = insertApiScopes(
      `{\n  "id": "ttd/skjema"\n}\n`,
      generateApiScopes({ prefix: "ttd", app: "skjema" }),
    );
    const report = validateApplicationMetadata(file, {
      prefixes: ["ttd"],
      existingScopes: [
        "ttd:skjema.instances.read",
        "ttd:skjema.instances.write",
        "ttd:skjema/serviceowner/instances.read",
        "ttd:skjema/serviceowner/instances.write",
      ],
    });
    expect(report).toMatchObject({ valid: true, errors: 0, warnings: 0, problems: [] });
    expect(report.resolved?.scopes).toHaveLength(4);
  });

  it("reports invalid JSON with line and column", () => {
    const report = validateApplicationMetadata(`{\n  "id": "ttd/skjema",\n  "apiScopes": {,\n}`);
    expect(report.valid).toBe(false);
    expect(report.resolved).toBeNull();
    expect(report.problems).toEqual([
      expect.objectContaining({
        code: "altinn.metadata.invalid-json",
        severity: "error",
        path: "$",
        line: 3,
        column: 17,
      }),
    ]);
  });

  it("reports every problem at once, each with its path, line and column", () => {
    const text = `{
  "id": "ttd/skjema",
  "apiScopes": {
    "Users": {},
    "users": { "read": "", "write": "ttd:[App].write", "delete": "x" },
    "serviceOwners": { "read": 7 },
    "errorMessageTextResourceKey": ""
  }
}`;
    const report = validateApplicationMetadata(text);
    expect(report.problems.map((p) => [short(p.code), p.path, p.line, p.column])).toEqual(
      [
        // The app reads both as "users"; the later one wins.
        ["duplicate-property", "$.apiScopes.Users", 4, 5],
        ["property-case", "$.apiScopes.Users", 4, 5],
        ["empty-scope", "$.apiScopes.users.read", 5, 16],
        ["invalid-scope", "$.apiScopes.users.write", 5, 28],
        ["unknown-property", "$.apiScopes.users.delete", 5, 56],
        ["wrong-type-string", "$.apiScopes.serviceOwners.read", 6, 24],
        ["empty-message-key", "$.apiScopes.errorMessageTextResourceKey", 7, 5],
        ["half-configured", "$.apiScopes.users", 5, 5],
      ].sort((a, b) => (a[2] as number) - (b[2] as number) || (a[3] as number) - (b[3] as number)),
    );
    expect(report.errors).toBe(5);
    expect(report.warnings).toBe(3);
    const byPath = Object.fromEntries(report.problems.map((p) => [p.path, p.detail]));
    // The app reads "Users" as "users" (names ignore case); only the schema refuses it.
    expect(byPath["$.apiScopes.Users"]).toMatch(/read by the app as "users"/);
    expect(byPath["$.apiScopes.users.write"]).toMatch(/\[app\], in lowercase/);
    expect(byPath["$.apiScopes.users.read"]).toMatch(/treats it as not set/);
  });

  it("uses bracket paths for property names that are not identifiers", () => {
    expect(codes(metadata({ "read scope": "x" }))).toContainEqual([
      "unknown-property",
      "error",
      '$.apiScopes["read scope"]',
    ]);
  });

  it("refuses a scope that is not prefix:subscope", () => {
    expect(codes(metadata({ users: { read: "skjema.read", write: "ttd:Skjema" } }))).toEqual([
      ["invalid-scope", "error", "$.apiScopes.users.read"],
      ["invalid-scope", "error", "$.apiScopes.users.write"],
    ]);
  });

  it("warns when the app name makes an invalid subscope", () => {
    const report = validateApplicationMetadata(
      metadata(
        { users: { read: "ttd:[app].instances.read", write: "ttd:[app].instances.write" } },
        "ttd/mitt-skjema",
      ),
    );
    expect(report.valid).toBe(true);
    expect(report.problems).toEqual([
      expect.objectContaining({
        code: "altinn.metadata.app-name-subscope",
        severity: "warning",
        path: "$.apiScopes.users.read",
      }),
      expect.objectContaining({
        code: "altinn.metadata.app-name-subscope",
        severity: "warning",
        path: "$.apiScopes.users.write",
      }),
    ]);
    expect(report.problems[0]!.detail).toContain('"mitt-skjema"');
  });

  it("needs an org/app id to replace [app]", () => {
    expect(codes(metadata({ users: { read: "ttd:[app].read" } }, "skjema"))).toEqual([
      ["invalid-id", "error", "$.id"],
      ["half-configured", "warning", "$.apiScopes.users"],
      ["unresolved-placeholder", "error", "$.apiScopes.users.read"],
    ]);
  });

  it("checks the prefixes the organisation holds, when given", () => {
    const text = metadata({ users: { read: "ttd:a.read", write: "nav:a.write" } });
    expect(codes(text)).toEqual([]);
    expect(codes(text, { prefixes: ["ttd"] })).toEqual([
      ["prefix-not-held", "error", "$.apiScopes.users.write"],
    ]);
  });

  it("warns about Altinn's own scopes", () => {
    expect(
      codes(metadata({ users: { read: "altinn:instances.read", write: "ttd:a" } }), {
        prefixes: ["ttd"],
      }),
    ).toEqual([["altinn-scope", "warning", "$.apiScopes.users.read"]]);
  });

  it("warns when write equals read and when a group is half configured", () => {
    expect(
      codes(
        metadata({ users: { read: "ttd:a", write: "ttd:a" }, serviceOwners: { write: "ttd:b" } }),
      ),
    ).toEqual([
      ["write-equals-read", "warning", "$.apiScopes.users.write"],
      ["half-configured", "warning", "$.apiScopes.serviceOwners"],
    ]);
  });

  it("warns when no scope is set at all", () => {
    expect(codes(metadata({ errorMessageTextResourceKey: "k" }))).toEqual([
      ["nothing-checked", "warning", "$.apiScopes"],
    ]);
  });

  it("checks message keys against the text resources, when given", () => {
    const text = metadata({
      users: { read: "ttd:a", write: "ttd:b", errorMessageTextResourceKey: "users.key" },
      errorMessageTextResourceKey: "top.key",
    });
    const textResources = {
      nb: {
        resources: [
          { id: "users.key", value: "Brukere" },
          { id: "top.key", value: "Topp" },
        ],
      },
      en: { resources: [{ id: "top.key", value: "Top" }] },
    };
    expect(codes(text)).toEqual([]);
    const report = validateApplicationMetadata(text, { textResources });
    expect(report.problems).toEqual([
      expect.objectContaining({
        code: "altinn.metadata.missing-text",
        path: "$.apiScopes.users.errorMessageTextResourceKey",
      }),
    ]);
    expect(report.problems[0]!.detail).toMatch(/for en have no text with id "users.key"/);
    expect(report.resolved?.users.message).toBe("Brukere");
  });

  it("tells which scopes Maskinporten lacks or has deactivated, when given", () => {
    const text = metadata({
      users: { read: "ttd:a", write: "ttd:b" },
      serviceOwners: { read: "ttd:c", write: "ttd:d" },
    });
    expect(
      codes(text, {
        existingScopes: [
          "ttd:a",
          { name: "ttd:b", active: false },
          { name: "ttd:c", active: true },
        ],
      }),
    ).toEqual([
      ["deactivated-in-maskinporten", "warning", "$.apiScopes.users.write"],
      ["not-in-maskinporten", "warning", "$.apiScopes.serviceOwners.write"],
    ]);
  });

  it("reports wrong shapes: not an object, apiScopes or a group not an object, duplicate keys", () => {
    expect(codes("[1]")).toEqual([["not-an-object", "error", "$"]]);
    expect(codes(metadata("x"))).toEqual([["wrong-type-object", "error", "$.apiScopes"]]);
    expect(codes(metadata({ users: [] }))).toContainEqual([
      "wrong-type-object",
      "error",
      "$.apiScopes.users",
    ]);
    expect(
      codes(`{"id":"ttd/x","apiScopes":{},"apiScopes":{"users":{"read":"ttd:a","write":"ttd:b"}}}`),
    ).toEqual([["duplicate-property", "warning", "$.apiScopes"]]);
  });

  it("accepts the parsed value as well as the text (without positions)", () => {
    const report = validateApplicationMetadata({ id: "ttd/x", apiScopes: { users: { read: "" } } });
    expect(report.problems[0]).toEqual({
      code: "altinn.metadata.empty-scope",
      severity: "error",
      path: "$.apiScopes.users.read",
      params: { name: "read" },
      detail:
        "The scope for read is empty; the app treats it as not set, so nothing is checked for it",
    });
  });
});

describe("problems travel as stable codes with parameters (the web words them)", () => {
  it("gives every problem its params, and a variant where one code has several wordings", () => {
    const text = metadata({
      Users: { read: "ttd:[App].r", write: "ttd:w", errorMessageTextResourceKey: " " },
      serviceOwners: { read: 1 },
    });
    const report = validateApplicationMetadata(text, { prefixes: ["ttd"], existingScopes: [] });
    const byCode = Object.fromEntries(
      report.problems.map((p) => [`${short(p.code)}:${p.path}`, p]),
    );
    expect(byCode["property-case:$.apiScopes.Users"]).toMatchObject({
      severity: "warning",
      params: { name: "Users", expected: "users" },
    });
    expect(byCode["invalid-scope:$.apiScopes.Users.read"]).toMatchObject({
      params: { scope: "ttd:[App].r", hint: "placeholderCase" },
    });
    expect(byCode["blank-message-key:$.apiScopes.Users.errorMessageTextResourceKey"]).toBeDefined();
    expect(byCode["wrong-type-string:$.apiScopes.serviceOwners.read"]).toMatchObject({
      params: { name: "read" },
    });
    expect(byCode["not-in-maskinporten:$.apiScopes.Users.write"]).toMatchObject({
      params: { scope: "ttd:w" },
    });
    for (const problem of report.problems) {
      expect(problem.params).toBeTypeOf("object");
      expect(problem.code).toMatch(/^altinn\.metadata\.[a-z-]+$/);
      // The English detail is the table's English text with the params filled in.
      expect(problem.detail).toBe(coded(altinnMessages, problem.code, problem.params).detail);
    }
    expect(messageTableProblems(altinnMessages)).toEqual([]);
  });
});

describe("rule 5: the file is checked as the app reads it", () => {
  it("warns about trailing commas, which the app accepts, with their position", () => {
    const report = validateApplicationMetadata(
      `{"id": "ttd/x", "apiScopes": {"users": {"read": "ttd:a", "write": "ttd:b",}},}`,
    );
    expect(report.valid).toBe(true);
    expect(report.problems.map((p) => [short(p.code), p.severity, p.column])).toEqual([
      ["trailing-comma", "warning", 74],
      ["trailing-comma", "warning", 77],
    ]);
    expect(report.resolved?.users.write).toBe("ttd:b");
  });

  it("reads ApiScopes in any case, warning that the schema wants apiScopes", () => {
    const report = validateApplicationMetadata(
      `{"id": "ttd/x", "APISCOPES": {"users": {"read": "ttd:a", "write": "ttd:b"}}}`,
    );
    expect(report.problems.map((p) => [short(p.code), p.path])).toEqual([
      ["property-case", "$.APISCOPES"],
    ]);
    expect(report.resolved?.active).toBe(true);
  });

  it("refuses nesting deeper than the app's JSON reader allows (64), without a stack overflow", () => {
    const deep = `{"id": "ttd/x", "x": ${"[".repeat(4000)}${"]".repeat(4000)}}`;
    expect(validateApplicationMetadata(deep).problems).toEqual([
      expect.objectContaining({
        code: "altinn.metadata.too-deep",
        severity: "error",
        params: expect.objectContaining({ max: 64 }),
      }),
    ]);
    const ok = `{"id": "ttd/x", "x": ${"[".repeat(63)}${"]".repeat(63)}}`;
    expect(validateApplicationMetadata(ok).valid).toBe(true);
    const over = `{"id": "ttd/x", "x": ${"[".repeat(64)}${"]".repeat(64)}}`;
    expect(validateApplicationMetadata(over).problems[0]?.code).toBe("altinn.metadata.too-deep");
  });

  it("an id that is not org/app is an error: the app does not start", () => {
    expect(codes(metadata({ users: { read: "ttd:a", write: "ttd:b" } }, "a/b/c"))).toEqual([
      ["invalid-id", "error", "$.id"],
    ]);
  });
});

describe("a duplicate member of the wrong type stops the app, though a later one is right", () => {
  // AppMetadata.cs lines 72-75: System.Text.Json reads every occurrence of a member.
  it("is an error, not only a duplicate warning", () => {
    const report = validateApplicationMetadata(
      `{"id":"ttd/skjema","apiScopes":{"users":{"read":5,"read":"ttd:skjema.read"}}}`,
    );
    expect(report.valid).toBe(false);
    expect(
      report.problems.filter((p) => p.severity === "error").map((p) => [short(p.code), p.path]),
    ).toEqual([["wrong-type-string", "$.apiScopes.users.read"]]);
  });
});

describe("message keys whose text has no value", () => {
  // TranslationService.cs lines 99 and 255-258: a text without a value is found but gives
  // nothing, so the 403 says "Insufficient scope" in that language.
  it("warns as for a missing text", () => {
    const problems = codes(
      metadata({ users: { read: "ttd:skjema.read", errorMessageTextResourceKey: "k" } }),
      {
        textResources: {
          nb: { resources: [{ id: "k", value: null }] },
          en: { resources: [{ id: "k", value: "K" }] },
        },
      },
    );
    expect(problems).toContainEqual([
      "missing-text",
      "warning",
      "$.apiScopes.users.errorMessageTextResourceKey",
    ]);
  });
});

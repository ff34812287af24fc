import { formatMessage } from "@portvakt/contracts";
import { describe, expect, it } from "vitest";
import { ZodError } from "zod";
import { AltinnInputError, AltinnOptionError } from "./errors";
import { generateApiScopes, insertApiScopes } from "./generate";
import { JsonSyntaxError } from "./json-source";
import { altinnMessages } from "./messages";

const generated = generateApiScopes({ prefix: "ttd", app: "skjema" });

describe("generateApiScopes", () => {
  it("writes the recommended layout with [app]", () => {
    expect(generated).toEqual({
      users: { read: "ttd:[app].instances.read", write: "ttd:[app].instances.write" },
      serviceOwners: {
        read: "ttd:[app]/serviceowner/instances.read",
        write: "ttd:[app]/serviceowner/instances.write",
      },
    });
  });
  it("can write the app name itself, one group, and a message key", () => {
    expect(
      generateApiScopes({
        prefix: "ttd",
        app: "skjema",
        style: "concrete",
        groups: ["users"],
        errorMessageTextResourceKey: "scope.missing",
      }),
    ).toEqual({
      users: { read: "ttd:skjema.instances.read", write: "ttd:skjema.instances.write" },
      errorMessageTextResourceKey: "scope.missing",
    });
  });
  it("refuses a bad prefix or app name", () => {
    expect(() => generateApiScopes({ prefix: "TTD", app: "x" })).toThrow(RangeError);
    expect(() => generateApiScopes({ prefix: "ttd", app: "a/b" })).toThrow(RangeError);
  });
});

const BLOCK_2 = `  "apiScopes": {
    "users": {
      "read": "ttd:[app].instances.read",
      "write": "ttd:[app].instances.write"
    },
    "serviceOwners": {
      "read": "ttd:[app]/serviceowner/instances.read",
      "write": "ttd:[app]/serviceowner/instances.write"
    }
  }`;

describe("insertApiScopes", () => {
  it("appends the block to a 2-space file, keeping everything else and the trailing newline", () => {
    const file = `{
  "id": "ttd/skjema",
  "org": "ttd",
  "title": { "nb": "Skjema" },
  "dataTypes": [ {"id": "ref-data-as-pdf", "allowedContentTypes": ["application/pdf"]} ]
}
`;
    const result = insertApiScopes(file, generated);
    expect(result).toBe(`{
  "id": "ttd/skjema",
  "org": "ttd",
  "title": { "nb": "Skjema" },
  "dataTypes": [ {"id": "ref-data-as-pdf", "allowedContentTypes": ["application/pdf"]} ],
${BLOCK_2}
}
`);
    expect(Object.keys(JSON.parse(result))).toEqual([
      "id",
      "org",
      "title",
      "dataTypes",
      "apiScopes",
    ]);
  });

  it("follows a 4-space file", () => {
    const file = `{\n    "id": "ttd/skjema",\n    "partyTypesAllowed": {\n        "person": false\n    }\n}\n`;
    const result = insertApiScopes(file, { users: { read: "ttd:[app].instances.read" } });
    expect(result).toBe(
      `{\n    "id": "ttd/skjema",\n    "partyTypesAllowed": {\n        "person": false\n    },\n    "apiScopes": {\n        "users": {\n            "read": "ttd:[app].instances.read"\n        }\n    }\n}\n`,
    );
  });

  it("follows a tab-indented file without a trailing newline", () => {
    const file = `{\n\t"id": "ttd/skjema",\n\t"org": "ttd"\n}`;
    const result = insertApiScopes(file, { users: { write: "ttd:x" } });
    expect(result).toBe(
      `{\n\t"id": "ttd/skjema",\n\t"org": "ttd",\n\t"apiScopes": {\n\t\t"users": {\n\t\t\t"write": "ttd:x"\n\t\t}\n\t}\n}`,
    );
  });

  it("replaces an existing block in place, keeping the key order and the rest byte for byte", () => {
    const file = `{\r\n  "id": "ttd/skjema",\r\n  "apiScopes": {\r\n    "users": { "read": "old:x" },\r\n    "extra": 1\r\n  },\r\n  "org": "ttd"\r\n}\r\n`;
    const result = insertApiScopes(file, { users: { read: "ttd:new" } });
    expect(result).toBe(
      `{\r\n  "id": "ttd/skjema",\r\n  "apiScopes": {\r\n    "users": {\r\n      "read": "ttd:new"\r\n    }\r\n  },\r\n  "org": "ttd"\r\n}\r\n`,
    );
  });

  it("fills an empty object and keeps a one-line file on one line", () => {
    expect(insertApiScopes("{}\n", { errorMessageTextResourceKey: "k" })).toBe(
      `{\n  "apiScopes": {\n    "errorMessageTextResourceKey": "k"\n  }\n}\n`,
    );
    expect(insertApiScopes(`{"id":"ttd/x"}`, { users: { read: "ttd:a" } })).toBe(
      `{"id":"ttd/x","apiScopes":{"users":{"read":"ttd:a"}}}`,
    );
  });

  it("refuses text that is not a JSON object, and a config with unknown properties", () => {
    expect(() => insertApiScopes("{ nope", {})).toThrow(JsonSyntaxError);
    expect(() => insertApiScopes("[]", {})).toThrow(TypeError);
    expect(() => insertApiScopes("{}", { users: { delete: "x" } } as never)).toThrow();
  });
});

/** What `fn` threw, when it is a `kind`; anything else it threw (zod's error) fails the test. */
function thrownAs<T extends Error>(kind: new (...args: never[]) => T, fn: () => unknown): T {
  try {
    fn();
  } catch (error) {
    if (error instanceof kind) return error;
    throw error;
  }
  throw new Error("expected a throw");
}

describe("coded errors (never zod's own)", () => {
  it.each([
    ["an unknown operation", { users: { delete: "x" } }, "users"],
    ["a non-string scope", { users: { read: 42 } }, "users.read"],
    ["an unknown group", { admins: { read: "ttd:x" } }, ""],
    ["not an object", "users", ""],
  ])("insertApiScopes refuses %s with altinn.api-scopes.invalid", (_, apiScopes, field) => {
    const coded = thrownAs(AltinnInputError, () => insertApiScopes("{}", apiScopes as never));
    expect(coded).not.toBeInstanceOf(ZodError);
    expect(coded.code).toBe("altinn.api-scopes.invalid");
    expect(coded.issues.map((issue) => issue.field)).toContain(field);
    expect(formatMessage(altinnMessages.nn[coded.code], "nn", coded.params)).toBe(
      `apiScopes-blokka er ikkje gyldig ved: ${field || "apiScopes"}`,
    );
  });

  it.each(["[]", "42", '"text"', "null"])(
    "insertApiScopes refuses %s (JSON, not an object) with altinn.metadata.not-an-object",
    (file) => {
      const error = thrownAs(AltinnInputError, () => insertApiScopes(file, {}));
      expect(error.code).toBe("altinn.metadata.not-an-object");
    },
  );

  it.each([
    [{ prefix: "TTD", app: "x" }, "altinn.generate.invalid-prefix", { prefix: "TTD" }],
    [{ prefix: "", app: "x" }, "altinn.generate.invalid-prefix", { prefix: "" }],
    [{ prefix: "ttd", app: "a/b" }, "altinn.generate.invalid-app", { app: "a/b" }],
    [{ prefix: "ttd", app: "a b" }, "altinn.generate.invalid-app", { app: "a b" }],
  ])("generateApiScopes refuses %o with %s", (options, code, params) => {
    const error = thrownAs(AltinnOptionError, () => generateApiScopes(options));
    expect(error.code).toBe(code);
    expect(error.params).toMatchObject(params);
  });
});

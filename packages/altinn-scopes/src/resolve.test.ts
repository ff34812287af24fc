import { describe, expect, it } from "vitest";
import { ApiScopesConfig } from "./api-scopes";
import { appIdOf, replaceAppPlaceholder, resolveApiScopes } from "./resolve";

const texts = {
  nb: {
    resources: [
      { id: "authorization.scopes.insufficient", value: "Standardtekst" },
      { id: "top.key", value: "Toppnivå" },
      { id: "users.key", value: "Brukere" },
    ],
  },
  en: { resources: [{ id: "users.key", value: "Users" }] },
};

describe("the apiScopes model", () => {
  it("allows every property to be left out and no other property", () => {
    expect(ApiScopesConfig.safeParse({}).success).toBe(true);
    expect(ApiScopesConfig.safeParse({ users: {} }).success).toBe(true);
    expect(ApiScopesConfig.safeParse({ org: {} }).success).toBe(false);
    expect(ApiScopesConfig.safeParse({ users: { read: "a:b", delete: "a:c" } }).success).toBe(
      false,
    );
    expect(ApiScopesConfig.safeParse({ users: { read: 1 } }).success).toBe(false);
  });
});

describe("resolveApiScopes", () => {
  it("replaces [app] everywhere and case-sensitively from the metadata id", () => {
    expect(replaceAppPlaceholder("ttd:[app]/[app].read", "skjema")).toBe("ttd:skjema/skjema.read");
    expect(replaceAppPlaceholder("ttd:[App].read", "skjema")).toBe("ttd:[App].read");
    expect(replaceAppPlaceholder("ttd:[APP].[app]", "skjema")).toBe("ttd:[APP].skjema");
    const resolved = resolveApiScopes({
      id: "ttd/skjema",
      apiScopes: { users: { read: "ttd:[app].[app].read", write: "ttd:[App].write" } },
    });
    expect(resolved.users.read).toBe("ttd:skjema.skjema.read");
    expect(resolved.users.write).toBe("ttd:[App].write");
    expect(resolved).toMatchObject({ org: "ttd", app: "skjema", id: "ttd/skjema", active: true });
  });

  it("has no [org] placeholder", () => {
    const resolved = resolveApiScopes({
      id: "ttd/skjema",
      apiScopes: { users: { read: "[org]:[app]" } },
    });
    expect(resolved.users.read).toBe("[org]:skjema");
  });

  it("reads the app name after the slash of the id only", () => {
    expect(appIdOf({ id: "ttd/skjema" })).toEqual({ org: "ttd", app: "skjema" });
    expect(appIdOf({ id: "skjema" })).toBeUndefined();
    expect(appIdOf({ id: "a/b/c" })).toBeUndefined();
    expect(appIdOf({})).toBeUndefined();
  });

  it("lists the set scopes with where they are written and skips blank ones", () => {
    const resolved = resolveApiScopes(
      JSON.stringify({
        id: "ttd/skjema",
        apiScopes: {
          users: { read: "ttd:[app].instances.read", write: " " },
          serviceOwners: { write: "ttd:[app]/serviceowner/instances.write" },
        },
      }),
    );
    expect(resolved.scopes).toEqual([
      {
        name: "ttd:skjema.instances.read",
        written: "ttd:[app].instances.read",
        group: "users",
        operation: "read",
        path: "$.apiScopes.users.read",
      },
      {
        name: "ttd:skjema/serviceowner/instances.write",
        written: "ttd:[app]/serviceowner/instances.write",
        group: "serviceOwners",
        operation: "write",
        path: "$.apiScopes.serviceOwners.write",
      },
    ]);
    expect(resolved.users.write).toBeUndefined();
    expect(resolved.serviceOwners.read).toBeUndefined();
  });

  it("is not active when no scope is set", () => {
    expect(resolveApiScopes({ id: "ttd/skjema" }).active).toBe(false);
    expect(resolveApiScopes({ id: "ttd/skjema", apiScopes: { users: {} } }).active).toBe(false);
  });

  describe("message key precedence: group, then top level, then the default", () => {
    const apiScopes = {
      users: { read: "ttd:a", errorMessageTextResourceKey: "users.key" },
      serviceOwners: { read: "ttd:b" },
      errorMessageTextResourceKey: "top.key",
    };
    it("uses the group's key before the top-level key", () => {
      const resolved = resolveApiScopes({ id: "ttd/x", apiScopes }, { textResources: texts });
      expect(resolved.users).toMatchObject({
        messageKey: "users.key",
        message: "Brukere",
        messageFound: true,
      });
      expect(resolved.serviceOwners).toMatchObject({ messageKey: "top.key", message: "Toppnivå" });
    });
    it("falls back to authorization.scopes.insufficient", () => {
      const resolved = resolveApiScopes(
        { id: "ttd/x", apiScopes: { users: { read: "ttd:a" } } },
        { textResources: texts },
      );
      expect(resolved.users).toMatchObject({
        messageKey: "authorization.scopes.insufficient",
        message: "Standardtekst",
      });
    });
    it('says "Insufficient scope" when the key has no text', () => {
      const resolved = resolveApiScopes(
        { id: "ttd/x", apiScopes },
        { textResources: texts, language: "en" },
      );
      expect(resolved.users).toMatchObject({ message: "Users", messageFound: true });
      expect(resolved.serviceOwners).toMatchObject({
        messageKey: "top.key",
        message: "Insufficient scope",
        messageFound: false,
      });
      const noTexts = resolveApiScopes({ id: "ttd/x", apiScopes });
      expect(noTexts.users).toMatchObject({ message: "Insufficient scope", messageFound: false });
    });
    it("accepts text resources as a list of files naming their language", () => {
      const resolved = resolveApiScopes(
        { id: "ttd/x", apiScopes },
        {
          textResources: [{ language: "nb", resources: [{ id: "users.key", value: "Fra liste" }] }],
        },
      );
      expect(resolved.users.message).toBe("Fra liste");
    });
  });
});

// System.Text.Json deserialises every occurrence of a member, also one a later duplicate
// replaces (AppMetadata.cs lines 72-75; names compared ignoring case, line 20): a value of the
// wrong type stops the app even when a later duplicate has the right type.
describe("duplicate members are each read, as the app reads them", () => {
  it.each([
    [
      "a number before a string",
      `{"id":"ttd/x","apiScopes":{"users":{"read":5,"read":"ttd:a"}}}`,
      "$.apiScopes.users.read",
    ],
    [
      "a differently cased earlier name",
      `{"id":"ttd/x","apiScopes":{"users":{"Write":["ttd:w"],"write":"ttd:w"}}}`,
      "$.apiScopes.users.Write",
    ],
    [
      "a wrong type inside an object a duplicate replaces",
      `{"id":"ttd/x","apiScopes":{"serviceOwners":{"read":true}},"ApiScopes":{"users":{"read":"ttd:a"}}}`,
      "$.apiScopes.serviceOwners.read",
    ],
    [
      "an apiScopes that is a string, then an object",
      `{"id":"ttd/x","apiScopes":"none","apiScopes":{"users":{"read":"ttd:a"}}}`,
      "$.apiScopes",
    ],
    ["an id that is a number, then a string", `{"id":5,"Id":"ttd/x"}`, "$.id"],
  ])("%s", (_name, text, path) => {
    const resolved = resolveApiScopes(text);
    expect(resolved.loadError).toMatchObject({ kind: "wrong-type", path });
  });
  it("a duplicate of the right type is only overwritten: the last one counts", () => {
    const resolved = resolveApiScopes(
      `{"id":"ttd/x","apiScopes":{"users":{"read":"ttd:a","READ":"ttd:b","read":null}}}`,
    );
    expect(resolved.loadError).toBeUndefined();
    expect(resolved.users.read).toBeUndefined();
    const later = resolveApiScopes(
      `{"id":"ttd/x","apiScopes":{"users":{"read":"ttd:a","READ":"ttd:b"}}}`,
    );
    expect(later.users.read).toBe("ttd:b");
  });
});

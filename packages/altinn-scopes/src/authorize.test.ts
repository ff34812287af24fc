import { describe, expect, it } from "vitest";
import { authorize, concernsInstances, decodeTokenClaims, operationOf } from "./authorize";
import { resolveApiScopes } from "./resolve";

const INSTANCE = "/ttd/skjema/instances/50001337/0fc98a23-fe80-4d7b-b4e6-9f4a1b3c2d10";
const full = resolveApiScopes({
  id: "ttd/skjema",
  apiScopes: {
    users: { read: "ttd:[app].instances.read", write: "ttd:[app].instances.write" },
    serviceOwners: {
      read: "ttd:[app]/serviceowner/instances.read",
      write: "ttd:[app]/serviceowner/instances.write",
    },
  },
});

function base64url(value: unknown): string {
  return Buffer.from(JSON.stringify(value)).toString("base64url");
}
function jwt(payload: unknown): string {
  return `${base64url({ alg: "RS256" })}.${base64url(payload)}.c2lnbmF0dXJl`;
}

describe("operationOf", () => {
  it("reads are GET, HEAD and OPTIONS, in any case; everything else writes", () => {
    expect(["GET", "head", "Options"].map(operationOf)).toEqual(["read", "read", "read"]);
    expect(["POST", "PUT", "PATCH", "DELETE"].map(operationOf)).toEqual([
      "write",
      "write",
      "write",
      "write",
    ]);
  });
});

describe("concernsInstances", () => {
  it("is true for the instances controller and instance routes", () => {
    expect(concernsInstances("/ttd/skjema/instances")).toBe(true);
    expect(concernsInstances("/ttd/skjema/instances/create")).toBe(true);
    expect(concernsInstances(`${INSTANCE}/data/abc`)).toBe(true);
    expect(concernsInstances("/ttd/skjema/Instances/50001337/active")).toBe(true);
    expect(concernsInstances("/instances/50001337/x?x=1")).toBe(true);
  });
  it("is false elsewhere", () => {
    expect(concernsInstances("/ttd/skjema/api/v1/applicationmetadata")).toBe(false);
    expect(concernsInstances("/ttd/skjema/v1/data?dataType=model")).toBe(false);
    expect(concernsInstances("/ttd/skjema/api/instances")).toBe(false);
  });
});

describe("authorize", () => {
  it("lets a user through with the configured scope", () => {
    const decision = authorize({
      method: "GET",
      path: INSTANCE,
      tokenScopes: "openid ttd:skjema.instances.read",
      config: full,
    });
    expect(decision).toMatchObject({
      allowed: true,
      checked: true,
      operation: "read",
      matchedScope: "ttd:skjema.instances.read",
      acceptedScopes: ["ttd:skjema.instances.read", "altinn:portal/enduser"],
    });
  });

  it("refuses a token with only the built-in altinn:instances.read once custom scopes are set", () => {
    const decision = authorize({
      method: "GET",
      path: INSTANCE,
      tokenScopes: "altinn:instances.read altinn:instances.write",
      config: full,
    });
    expect(decision.allowed).toBe(false);
    if (decision.allowed) return;
    expect(decision.status).toBe(403);
    expect(decision.body).toEqual({
      title: "Forbidden",
      status: 403,
      detail: "Insufficient scope",
      instance: INSTANCE,
    });
    expect(Object.keys(decision.body)).toEqual(["title", "status", "detail", "instance"]);
  });

  it("accepts altinn:portal/enduser for users but not for service owners", () => {
    const user = authorize({
      method: "POST",
      path: INSTANCE,
      tokenScopes: ["altinn:portal/enduser"],
      config: full,
    });
    expect(user).toMatchObject({ allowed: true, matchedScope: "altinn:portal/enduser" });
    const owner = authorize({
      method: "POST",
      path: INSTANCE,
      callerType: "serviceOwner",
      tokenScopes: ["altinn:portal/enduser", "altinn:serviceowner/instances.write"],
      config: full,
    });
    expect(owner).toMatchObject({
      allowed: false,
      acceptedScopes: ["ttd:skjema/serviceowner/instances.write"],
    });
  });

  it("a read scope does not allow a write, and HEAD and OPTIONS are reads", () => {
    const scopes = "ttd:skjema.instances.read";
    expect(
      authorize({ method: "PUT", path: INSTANCE, tokenScopes: scopes, config: full }).allowed,
    ).toBe(false);
    expect(
      authorize({ method: "DELETE", path: INSTANCE, tokenScopes: scopes, config: full }).allowed,
    ).toBe(false);
    expect(
      authorize({ method: "HEAD", path: INSTANCE, tokenScopes: scopes, config: full }).allowed,
    ).toBe(true);
    expect(
      authorize({ method: "OPTIONS", path: INSTANCE, tokenScopes: scopes, config: full }).allowed,
    ).toBe(true);
    const writeOnly = "ttd:skjema.instances.write";
    expect(
      authorize({ method: "HEAD", path: INSTANCE, tokenScopes: writeOnly, config: full }).allowed,
    ).toBe(false);
  });

  it("leaves the other group unchecked when only one group is configured", () => {
    const usersOnly = resolveApiScopes({
      id: "ttd/skjema",
      apiScopes: {
        users: { read: "ttd:[app].instances.read", write: "ttd:[app].instances.write" },
      },
    });
    const owner = authorize({
      method: "POST",
      path: INSTANCE,
      callerType: "serviceOwner",
      tokenScopes: "",
      config: usersOnly,
    });
    expect(owner).toMatchObject({ allowed: true, checked: false });
    const user = authorize({ method: "POST", path: INSTANCE, tokenScopes: "", config: usersOnly });
    expect(user.allowed).toBe(false);
  });

  it("leaves an unset operation unchecked (a half-configured group)", () => {
    const readOnly = resolveApiScopes({
      id: "ttd/skjema",
      apiScopes: { users: { read: "ttd:[app].instances.read" } },
    });
    expect(
      authorize({ method: "POST", path: INSTANCE, tokenScopes: "", config: readOnly }),
    ).toMatchObject({
      allowed: true,
      checked: false,
      reason: expect.stringContaining("users.write is not set"),
    });
    expect(
      authorize({ method: "GET", path: INSTANCE, tokenScopes: "", config: readOnly }).allowed,
    ).toBe(false);
  });

  it("checks nothing when none of the four scopes is set, even with message keys", () => {
    const none = resolveApiScopes({
      id: "ttd/skjema",
      apiScopes: { errorMessageTextResourceKey: "x", users: { errorMessageTextResourceKey: "y" } },
    });
    expect(none.active).toBe(false);
    expect(
      authorize({ method: "POST", path: INSTANCE, tokenScopes: "", config: none }),
    ).toMatchObject({
      allowed: true,
      checked: false,
    });
  });

  it("treats blank configured scopes as unset", () => {
    const blank = resolveApiScopes({ id: "ttd/skjema", apiScopes: { users: { read: "  " } } });
    expect(
      authorize({ method: "GET", path: INSTANCE, tokenScopes: "", config: blank }).allowed,
    ).toBe(true);
  });

  it("never checks endpoints that do not concern instances, nor anonymous ones", () => {
    expect(
      authorize({
        method: "GET",
        path: "/ttd/skjema/api/v1/texts/nb",
        tokenScopes: "",
        config: full,
      }),
    ).toMatchObject({ allowed: true, checked: false });
    expect(
      authorize({
        method: "GET",
        path: INSTANCE,
        tokenScopes: "",
        config: full,
        endpoint: { anonymous: true },
      }),
    ).toMatchObject({
      allowed: true,
      checked: false,
      reason: expect.stringContaining("Anonymous"),
    });
    expect(
      authorize({
        method: "GET",
        path: "/ttd/skjema/custom/thing",
        tokenScopes: "",
        config: full,
        endpoint: { concernsInstances: true },
      }).allowed,
    ).toBe(false);
  });

  it("matches exactly and case-sensitively, splitting on any whitespace", () => {
    const check = (tokenScopes: string) =>
      authorize({ method: "GET", path: INSTANCE, tokenScopes, config: full }).allowed;
    expect(check("TTD:skjema.instances.read")).toBe(false);
    expect(check("ttd:skjema.instances.read.extra")).toBe(false);
    expect(check("ttd:skjema.instances")).toBe(false);
    expect(check("openid\tttd:skjema.instances.read\n")).toBe(true);
    expect(check("a  b\r\nttd:skjema.instances.read")).toBe(true);
  });

  it("reads urn:altinn:scope before scope, and urn:altinn:org makes a service owner", () => {
    const claims = {
      "urn:altinn:scope": "altinn:instances.read",
      scope: "ttd:skjema.instances.read",
    };
    expect(authorize({ method: "GET", path: INSTANCE, claims, config: full })).toMatchObject({
      allowed: false,
      scopeClaim: "urn:altinn:scope",
      tokenScopes: ["altinn:instances.read"],
    });
    expect(
      authorize({
        method: "GET",
        path: INSTANCE,
        claims: { scope: "ttd:skjema.instances.read" },
        config: full,
      }),
    ).toMatchObject({ allowed: true, scopeClaim: "scope", callerType: "user" });
    const owner = authorize({
      method: "GET",
      path: INSTANCE,
      claims: { "urn:altinn:org": "ttd", scope: "ttd:skjema/serviceowner/instances.read" },
      config: full,
    });
    expect(owner).toMatchObject({ allowed: true, callerType: "serviceOwner" });
    expect(authorize({ method: "GET", path: INSTANCE, claims: {}, config: full })).toMatchObject({
      allowed: false,
      tokenScopes: [],
    });
  });

  it("puts the resolved message in detail and the path without query in instance", () => {
    const withText = resolveApiScopes(
      {
        id: "ttd/skjema",
        apiScopes: {
          users: { read: "ttd:[app].instances.read", errorMessageTextResourceKey: "scope.users" },
        },
      },
      { textResources: { nb: { resources: [{ id: "scope.users", value: "Mangler scope" }] } } },
    );
    const decision = authorize({
      method: "GET",
      path: `${INSTANCE}/data?x=1`,
      tokenScopes: "",
      config: withText,
    });
    expect(decision.allowed === false && decision.body).toEqual({
      title: "Forbidden",
      status: 403,
      detail: "Mangler scope",
      instance: `${INSTANCE}/data`,
    });
  });
});

describe("decodeTokenClaims", () => {
  it("decodes a pasted JWT (with or without Bearer) without verifying it", () => {
    const claims = {
      scope: "ttd:skjema.instances.read",
      "urn:altinn:org": "ttd",
      name: "Ærlig Øst",
    };
    expect(decodeTokenClaims(jwt(claims))).toEqual(claims);
    expect(decodeTokenClaims(`Bearer ${jwt(claims)}\n`)).toEqual(claims);
  });
  it("says what is wrong with something that is not a JWT", () => {
    expect(() => decodeTokenClaims("abc")).toThrow(/three parts/);
    expect(() => decodeTokenClaims(`a.${Buffer.from("nope").toString("base64url")}.c`)).toThrow(
      /not JSON/,
    );
    expect(() => decodeTokenClaims(`a.${base64url([1])}.c`)).toThrow(/JSON object/);
  });
});

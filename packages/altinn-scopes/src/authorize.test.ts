import { describe, expect, it } from "vitest";
import { type AuthorizeRequest, authorize, decodeTokenClaims, TokenDecodeError } from "./authorize";
import { resolveApiScopes } from "./resolve";
import { APP_LIB_ENDPOINTS, operationOf, parseEndpointList } from "./routes";

const GUID = "0fc98a23-fe80-4d7b-b4e6-9f4a1b3c2d10";
const INSTANCE = `/ttd/skjema/instances/50001337/${GUID}`;
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

const decide = (request: Partial<AuthorizeRequest>) =>
  authorize({ method: "GET", path: INSTANCE, config: full, ...request });

function base64url(value: unknown): string {
  return Buffer.from(JSON.stringify(value)).toString("base64url");
}
function jwt(payload: unknown): string {
  return `${base64url({ alg: "RS256" })}.${base64url(payload)}.c2lnbmF0dXJl`;
}

/** Claims of a signed-in person as Altinn issues them (AuthenticatedTests' real tokens). */
const person = (extra: Record<string, unknown> = {}) => ({
  "urn:altinn:userid": "1337",
  "urn:altinn:partyid": 501337,
  "urn:altinn:authlevel": 2,
  "urn:altinn:authenticatemethod": "BankID",
  ...extra,
});
const serviceOwner = (extra: Record<string, unknown> = {}) => ({
  "urn:altinn:org": "ttd",
  "urn:altinn:orgNumber": "405003309",
  "urn:altinn:authlevel": 3,
  "urn:altinn:authenticatemethod": "maskinporten",
  ...extra,
});
const systemUser = (extra: Record<string, unknown> = {}) => ({
  "urn:altinn:orgNumber": "913312465",
  "urn:altinn:authlevel": "3",
  "urn:altinn:authenticatemethod": "maskinporten",
  authorization_details: {
    type: "urn:altinn:systemuser",
    systemuser_id: ["d111dbab-d619-4f15-bf29-58fe570a9ae6"],
    system_id: "913312465_sbs",
    systemuser_org: { authority: "iso6523-actorid-upis", ID: "0192:950474084" },
  },
  consumer: { authority: "iso6523-actorid-upis", ID: "0192:913312465" },
  ...extra,
});

describe("the basic check", () => {
  it("reads are GET, HEAD and OPTIONS, in any case; everything else writes", () => {
    expect(["GET", "head", "Options"].map(operationOf)).toEqual(["read", "read", "read"]);
    expect(["POST", "PUT", "PATCH", "DELETE"].map(operationOf)).toEqual([
      "write",
      "write",
      "write",
      "write",
    ]);
  });

  it("lets a user through with the configured scope", () => {
    expect(decide({ tokenScopes: "openid ttd:skjema.instances.read" })).toMatchObject({
      code: "scope-matched",
      allowed: true,
      checked: true,
      operation: "read",
      matchedScope: "ttd:skjema.instances.read",
      acceptedScopes: ["ttd:skjema.instances.read", "altinn:portal/enduser"],
    });
  });

  it("refuses the built-in altinn:instances.read once custom scopes are set", () => {
    const decision = decide({ tokenScopes: "altinn:instances.read altinn:instances.write" });
    expect(decision).toMatchObject({ code: "scope-missing", allowed: false, rule: 4 });
    expect(decision.response).toMatchObject({ status: 403 });
  });

  it("accepts altinn:portal/enduser for users but not for service owners", () => {
    expect(decide({ method: "DELETE", tokenScopes: ["altinn:portal/enduser"] })).toMatchObject({
      allowed: true,
      matchedScope: "altinn:portal/enduser",
    });
    expect(
      decide({
        method: "DELETE",
        claims: serviceOwner({
          scope: "altinn:portal/enduser altinn:serviceowner/instances.write",
        }),
      }),
    ).toMatchObject({
      allowed: false,
      acceptedScopes: ["ttd:skjema/serviceowner/instances.write"],
    });
  });

  it("a read scope does not allow a write", () => {
    const scopes = "ttd:skjema.instances.read";
    expect(decide({ method: "DELETE", tokenScopes: scopes }).allowed).toBe(false);
    expect(decide({ method: "GET", tokenScopes: scopes }).allowed).toBe(true);
    expect(decide({ method: "GET", tokenScopes: "ttd:skjema.instances.write" }).allowed).toBe(
      false,
    );
  });

  it("leaves the other group unchecked when only one group is configured", () => {
    const usersOnly = resolveApiScopes({
      id: "ttd/skjema",
      apiScopes: {
        users: { read: "ttd:[app].instances.read", write: "ttd:[app].instances.write" },
      },
    });
    expect(
      decide({ method: "DELETE", caller: "serviceOwner", tokenScopes: "", config: usersOnly }),
    ).toMatchObject({ allowed: true, checked: false, code: "group-not-configured" });
    expect(decide({ method: "DELETE", tokenScopes: "", config: usersOnly }).allowed).toBe(false);
  });

  it("leaves an unset operation unchecked (a half-configured group)", () => {
    const readOnly = resolveApiScopes({
      id: "ttd/skjema",
      apiScopes: { users: { read: "ttd:[app].instances.read" } },
    });
    expect(decide({ method: "DELETE", tokenScopes: "", config: readOnly })).toMatchObject({
      allowed: true,
      checked: false,
      code: "group-not-configured",
      group: "users",
      operation: "write",
    });
    expect(decide({ tokenScopes: "", config: readOnly }).allowed).toBe(false);
  });

  it("checks nothing when none of the four scopes is set, even with message keys", () => {
    const none = resolveApiScopes({
      id: "ttd/skjema",
      apiScopes: { errorMessageTextResourceKey: "x", users: { errorMessageTextResourceKey: "y" } },
    });
    expect(none.active).toBe(false);
    expect(decide({ method: "POST", tokenScopes: "", config: none })).toMatchObject({
      allowed: true,
      checked: false,
      code: "no-custom-scopes",
    });
  });

  it("matches exactly and case-sensitively", () => {
    const check = (tokenScopes: string) => decide({ tokenScopes }).allowed;
    expect(check("TTD:skjema.instances.read")).toBe(false);
    expect(check("ttd:skjema.instances.read.extra")).toBe(false);
    expect(check("ttd:skjema.instances")).toBe(false);
    expect(check("openid\tttd:skjema.instances.read\n")).toBe(true);
    expect(check("a  b\r\nttd:skjema.instances.read")).toBe(true);
  });
});

describe("rule 1: which endpoints are checked is decided by route parameter names", () => {
  it("checks GET /ttd/basic/api/testing/authorization/{guid} (an instanceGuid parameter)", () => {
    const decision = decide({
      path: `/ttd/basic/api/testing/authorization/${GUID}`,
      tokenScopes: "",
    });
    expect(decision).toMatchObject({
      code: "scope-missing",
      endpointRule: { checked: true, because: "instance-parameter", parameter: "instanceGuid" },
    });
    expect(decision.endpoint?.route).toBe(
      "/{org}/{app}/api/testing/authorization/{instanceGuid:guid}",
    );
  });

  it("checks GET /ttd/basic/legacy/instances/501337/{guid}/copy, outside /{org}/{app}/instances", () => {
    expect(
      decide({ path: `/ttd/basic/legacy/instances/501337/${GUID}/copy`, tokenScopes: "" }),
    ).toMatchObject({ code: "scope-missing", allowed: false });
  });

  it("does not check POST …/instances/501337/{guid}/payment/nets-webhook-listener (anonymous)", () => {
    expect(
      decide({
        method: "POST",
        path: `/ttd/basic/instances/501337/${GUID}/payment/nets-webhook-listener`,
        tokenScopes: "",
      }),
    ).toMatchObject({ code: "anonymous-endpoint", rule: 1, allowed: true, checked: false });
    // The same kind: an anonymous endpoint with instance parameters.
    expect(
      decide({
        path: `/ttd/basic/api/v1/notification-webhook-listener/501337/${GUID}`,
        tokenScopes: "",
      }),
    ).toMatchObject({ code: "anonymous-endpoint" });
  });

  it("checks the stateless data endpoint, GET and POST both as reads", () => {
    for (const method of ["GET", "POST"]) {
      expect(
        decide({
          method,
          path: "/ttd/skjema/v1/data?dataType=model",
          tokenScopes: "ttd:skjema.instances.read",
        }),
      ).toMatchObject({
        code: "scope-matched",
        operation: "read",
        endpointRule: { because: "manually-included" },
      });
      expect(
        decide({
          method,
          path: "/ttd/skjema/v1/data?dataType=model",
          tokenScopes: "ttd:skjema.instances.write",
        }),
      ).toMatchObject({ code: "scope-missing" });
    }
    expect(
      decide({ method: "POST", path: "/ttd/skjema/v1/data/anonymous", tokenScopes: "" }),
    ).toMatchObject({ code: "anonymous-endpoint" });
  });

  it("checks the whole instances controller, also without instance parameters", () => {
    expect(
      decide({ method: "POST", path: "/ttd/skjema/instances/create", tokenScopes: "" }),
    ).toMatchObject({ code: "scope-missing", endpointRule: { because: "instances-controller" } });
  });

  it("does not check endpoints without instance parameters", () => {
    expect(decide({ path: "/ttd/skjema/api/v1/texts/nb", tokenScopes: "" })).toMatchObject({
      code: "not-instance-endpoint",
      allowed: true,
    });
  });

  it("compares parameter names ignoring case, in the app's own routes too", () => {
    const endpoints = [
      ...APP_LIB_ENDPOINTS,
      { method: "GET", route: "{org}/{app}/api/custom/{INSTANCEid}" },
      { method: "GET", route: "{org}/{app}/api/other/{id}" },
    ];
    expect(
      decide({ path: "/ttd/skjema/api/custom/abc", tokenScopes: "", endpoints }),
    ).toMatchObject({ code: "scope-missing", endpointRule: { parameter: "INSTANCEid" } });
    expect(decide({ path: "/ttd/skjema/api/other/abc", tokenScopes: "", endpoints })).toMatchObject(
      { code: "not-instance-endpoint" },
    );
  });

  it("routes as ASP.NET does: literals ignoring case, int and guid constraints, 404 and 405", () => {
    expect(decide({ path: `/ttd/skjema/INSTANCES/50001337/${GUID}`, tokenScopes: "" }).code).toBe(
      "scope-missing",
    );
    // Guid.TryParse takes 32 hex digits without dashes too.
    expect(
      decide({
        path: `/ttd/skjema/instances/50001337/${GUID.replaceAll("-", "")}`,
        tokenScopes: "",
      }).code,
    ).toBe("scope-missing");
    // Not an int: no route, so the request never reaches the check (404).
    expect(decide({ path: `/ttd/skjema/instances/abc/${GUID}`, tokenScopes: "" })).toMatchObject({
      code: "no-route",
      routeStatus: 404,
      allowed: true,
    });
    // HEAD is not GET in endpoint routing: 405 before any check.
    expect(decide({ method: "HEAD", tokenScopes: "" })).toMatchObject({
      code: "no-route",
      routeStatus: 405,
    });
    expect(decide({ method: "PATCH", tokenScopes: "" })).toMatchObject({
      code: "no-route",
      routeStatus: 405,
    });
  });
});

describe("rule 2: who the caller is", () => {
  it("a token with authorization_details is a system user even with urn:altinn:org", () => {
    const claims = systemUser({ "urn:altinn:org": "ttd", scope: "ttd:skjema.instances.read" });
    expect(decide({ claims })).toMatchObject({
      caller: "systemUser",
      group: "users",
      allowed: true,
    });
    const asOwner = systemUser({
      "urn:altinn:org": "ttd",
      scope: "ttd:skjema/serviceowner/instances.read",
    });
    expect(decide({ claims: asOwner })).toMatchObject({ caller: "systemUser", allowed: false });
  });

  it("does not check a token with none of userid, orgNumber, org, authorization_details", () => {
    const claims = { iss: "https://my-own-idp.example", scope: "something" };
    expect(decide({ claims })).toMatchObject({ code: "unknown-caller", rule: 2, allowed: true });
    // Formerly `claims: {}` was refused with 403; the app places no such token and checks nothing.
    expect(decide({ claims: {} })).toMatchObject({ code: "unknown-caller", allowed: true });
  });

  it("matches claim names ignoring case (URN:ALTINN:ORG is a service owner)", () => {
    const claims = {
      "URN:ALTINN:ORG": "ttd",
      "Urn:Altinn:OrgNumber": "405003309",
      "URN:ALTINN:AUTHLEVEL": 3,
      "urn:altinn:AUTHENTICATEMETHOD": "maskinporten",
      SCOPE: "ttd:skjema/serviceowner/instances.read",
    };
    expect(decide({ claims })).toMatchObject({
      caller: "serviceOwner",
      code: "scope-matched",
      scopeClaim: "SCOPE",
    });
  });

  it("never checks a request without a token", () => {
    expect(decide({ caller: "none", tokenScopes: "" })).toMatchObject({
      code: "no-token",
      allowed: true,
    });
  });

  it("models the token errors that end the request with 500 instead of a 403", () => {
    const noOrgNumber = decide({ claims: { "urn:altinn:org": "ttd", scope: "x" } });
    expect(noOrgNumber).toMatchObject({
      code: "token-error",
      allowed: false,
      response: { status: 500, reason: "Missing org number claim for service owner token" },
    });
    // A raw Maskinporten token with Altinn's instance scopes must be exchanged first.
    const raw = decide({
      claims: {
        iss: "https://test.maskinporten.no/",
        scope: "altinn:instances.read",
        client_id: "x",
      },
    });
    expect(raw.code).toBe("token-error");
    expect(raw.callerError).toMatch(/must be exchanged/);
    expect(decide({ claims: person({ "urn:altinn:partyid": undefined }) }).code).toBe(
      "token-error",
    );
    expect(decide({ claims: person({ "urn:altinn:authlevel": 7 }) }).code).toBe("token-error");
    // The caller is parsed before the endpoint is looked at: also where nothing is checked …
    expect(
      decide({ claims: { "urn:altinn:org": "ttd" }, path: "/ttd/skjema/api/v1/texts/nb" }).code,
    ).toBe("token-error");
    // … but only when the app has custom scopes at all.
    const none = resolveApiScopes({ id: "ttd/skjema" });
    expect(decide({ claims: { "urn:altinn:org": "ttd" }, config: none }).code).toBe(
      "no-custom-scopes",
    );
  });

  it("reads urn:altinn:scope before scope, each name ignoring case", () => {
    const claims = person({
      "urn:altinn:scope": "altinn:instances.read",
      scope: "ttd:skjema.instances.read",
    });
    expect(decide({ claims })).toMatchObject({
      allowed: false,
      scopeClaim: "urn:altinn:scope",
      tokenScopes: ["altinn:instances.read"],
    });
    expect(decide({ claims: person({ Scope: "ttd:skjema.instances.read" }) })).toMatchObject({
      allowed: true,
      scopeClaim: "Scope",
      caller: "user",
    });
  });
});

describe("rule 3: message keys and languages", () => {
  const texts = {
    nb: {
      resources: [
        { id: "authorization.scopes.insufficient", value: "Standard" },
        { id: "top.key", value: "Toppnivå" },
        {
          id: "users.key",
          value: "Brukere mangler {0} i {1}",
          variables: [
            { key: "appName", dataSource: "text" },
            { key: "some.field", dataSource: "dataModel.default", defaultValue: "skjemaet" },
          ],
        },
      ],
    },
    en: { resources: [{ id: "top.key", value: "Top level" }] },
  };
  const withKeys = (users: Record<string, unknown>, top?: string) =>
    resolveApiScopes({
      id: "ttd/skjema",
      title: { nb: "Søknadsskjema" },
      apiScopes: {
        users: { read: "ttd:a", write: "ttd:b", ...users },
        serviceOwners: { read: "ttd:c" },
        ...(top !== undefined ? { errorMessageTextResourceKey: top } : {}),
      },
    });
  const detail = (request: Partial<AuthorizeRequest>) => {
    const d = decide({ tokenScopes: "", textResources: texts, ...request });
    return d.response?.status === 403 ? d.response.body.detail : undefined;
  };

  it("uses the group key, else the top-level key, else the default, only when a key is missing", () => {
    expect(
      detail({ config: withKeys({ errorMessageTextResourceKey: "users.key" }, "top.key") }),
    ).toBe("Brukere mangler Søknadsskjema i skjemaet");
    expect(detail({ config: withKeys({}, "top.key") })).toBe("Toppnivå");
    expect(detail({ config: withKeys({}) })).toBe("Standard");
    // A blank key is used as is: "" has no text, so "Insufficient scope", not the top-level text.
    expect(detail({ config: withKeys({ errorMessageTextResourceKey: "" }, "top.key") })).toBe(
      "Insufficient scope",
    );
    expect(detail({ config: withKeys({ errorMessageTextResourceKey: "  " }, "top.key") })).toBe(
      "Insufficient scope",
    );
    const decision = decide({
      tokenScopes: "",
      config: withKeys({ errorMessageTextResourceKey: "" }, "top.key"),
    });
    expect(decision.response?.status === 403 && decision.response.message).toMatchObject({
      key: "",
      keyFrom: "group",
    });
  });

  it("falls back to nb only when the language has no file; only a signed-in person gets their own", () => {
    const config = withKeys({}, "top.key");
    expect(detail({ config, claims: person(), profileLanguage: "en" })).toBe("Top level");
    expect(detail({ config, claims: person(), profileLanguage: "nn" })).toBe("Toppnivå");
    // en has a file, but not this key: no fallback to nb.
    expect(detail({ config: withKeys({}), claims: person(), profileLanguage: "en" })).toBe(
      "Insufficient scope",
    );
    // System users, organisations and service owners get nb whatever they prefer.
    expect(detail({ config, claims: systemUser(), profileLanguage: "en" })).toBe("Toppnivå");
    expect(detail({ config, caller: "serviceOwner", profileLanguage: "en" })).toBe("Toppnivå");
  });
});

describe("rule 4: whitespace as .NET defines it", () => {
  it("splits scopes on U+0085 but not on U+FEFF", () => {
    expect(decide({ tokenScopes: "openid\u0085ttd:skjema.instances.read" }).allowed).toBe(true);
    expect(decide({ tokenScopes: "openid\uFEFFttd:skjema.instances.read" }).allowed).toBe(false);
    expect(decide({ tokenScopes: "openid\u00A0ttd:skjema.instances.read" }).allowed).toBe(true);
  });
  it("treats a scope of only U+0085 as unset, one of U+FEFF as set", () => {
    const nel = resolveApiScopes({ id: "ttd/skjema", apiScopes: { users: { read: "\u0085" } } });
    expect(nel.active).toBe(false);
    const bom = resolveApiScopes({ id: "ttd/skjema", apiScopes: { users: { read: "\uFEFF" } } });
    expect(bom.active).toBe(true);
    expect(decide({ tokenScopes: "", config: bom }).code).toBe("scope-missing");
  });
});

describe("rule 5: the metadata is read as the app reads it", () => {
  it("reads property names ignoring case and allows trailing commas", () => {
    const text = `{"ID": "ttd/skjema", "ApiScopes": {"Users": {"READ": "ttd:[app].r",},},}`;
    const config = resolveApiScopes(text);
    expect(config.users.read).toBe("ttd:skjema.r");
    expect(decide({ config, tokenScopes: "ttd:skjema.r" }).allowed).toBe(true);
  });
  it("replaces [app] also when the app name has a space", () => {
    const config = resolveApiScopes({
      id: "ttd/my app",
      apiScopes: { users: { read: "ttd:[app].read" } },
    });
    expect(config.users.read).toBe("ttd:my app.read");
  });
  it("says the app does not start when a value has the wrong type or the id is not org/app", () => {
    const wrong = resolveApiScopes({
      id: "ttd/skjema",
      apiScopes: { users: { read: 5, write: "ttd:w" } },
    });
    expect(wrong.loadError).toMatchObject({
      kind: "wrong-type",
      code: "altinn.metadata.wrong-type-string",
      path: "$.apiScopes.users.read",
    });
    expect(decide({ config: wrong, tokenScopes: "ttd:w" })).toMatchObject({
      code: "app-does-not-start",
      rule: 5,
      allowed: false,
    });
    expect(resolveApiScopes({ id: "a/b/c" }).loadError).toMatchObject({
      kind: "invalid-id",
      code: "altinn.metadata.invalid-id",
      params: { id: "a/b/c" },
    });
  });
});

describe("rule 6: the refusal as the app sends it", () => {
  it("is a 403 application/json (not problem+json) ProblemDetails; the query is not in instance", () => {
    const decision = decide({ path: `${INSTANCE}?x=1`, tokenScopes: "" });
    expect(decision.response).toMatchObject({
      status: 403,
      contentType: "application/json; charset=utf-8",
      body: { title: "Forbidden", status: 403, detail: "Insufficient scope", instance: INSTANCE },
    });
    expect(decision.response?.status === 403 && Object.keys(decision.response.body)).toEqual([
      "title",
      "status",
      "detail",
      "instance",
    ]);
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
  it("finds the token in text as people copy it", () => {
    const claims = {
      scope: "altinn:instances.read ttd:skjema.instances.read",
      "urn:altinn:org": "ttd",
    };
    const token = jwt(claims);
    for (const pasted of [
      // The whole answer of Maskinporten's (or Altinn's exchange) token endpoint.
      JSON.stringify({
        access_token: token,
        token_type: "Bearer",
        expires_in: 119,
        scope: claims.scope,
      }),
      JSON.stringify({ access_token: token, token_type: "Bearer", expires_in: 119 }, null, 2),
      `Authorization: Bearer ${token}`,
      `authorization:bearer ${token}`,
      `"${token}"`,
      `  '${token}'  `,
    ]) {
      expect(decodeTokenClaims(pasted), pasted).toEqual(claims);
    }
    expect(() => decodeTokenClaims('{"error":"invalid_grant"}')).toThrow(TokenDecodeError);
  });
  it("says what is wrong with something that is not a JWT", () => {
    expect(() => decodeTokenClaims("abc")).toThrow(/three parts/);
    expect(() => decodeTokenClaims(`a.${Buffer.from("nope").toString("base64url")}.c`)).toThrow(
      /not JSON/,
    );
    expect(() => decodeTokenClaims(`a.${base64url([1])}.c`)).toThrow(/JSON object/);
  });
});

describe("the app's own endpoints", () => {
  it("are read one per line and decided by rule 1 like the library's", () => {
    const { endpoints, invalid } = parseEndpointList(
      "# own controllers\nGET {org}/{app}/api/case/{instanceGuid}\npost {org}/{app}/api/hook/{instanceId} anonymous\n\nnonsense\n",
    );
    expect(invalid).toEqual([5]);
    expect(endpoints).toEqual([
      { method: "GET", route: "{org}/{app}/api/case/{instanceGuid}" },
      { method: "POST", route: "{org}/{app}/api/hook/{instanceId}", anonymous: true },
    ]);
    const all = [...APP_LIB_ENDPOINTS, ...endpoints];
    expect(decide({ path: "/ttd/skjema/api/case/x", tokenScopes: "", endpoints: all }).code).toBe(
      "scope-missing",
    );
    expect(
      decide({ method: "POST", path: "/ttd/skjema/api/hook/x", tokenScopes: "", endpoints: all })
        .code,
    ).toBe("anonymous-endpoint");
  });
});

describe("decodeTokenClaims errors carry codes the page words", () => {
  it("names each failure with a code", () => {
    const codeOf = (text: string) => {
      try {
        decodeTokenClaims(text);
      } catch (error) {
        return error instanceof TokenDecodeError ? error.code : "other";
      }
      return "none";
    };
    expect(codeOf("abc")).toBe("altinn.token.not-jwt");
    expect(codeOf("a.!!!.c")).toBe("altinn.token.not-base64url");
    expect(codeOf(`a.${Buffer.from("nope").toString("base64url")}.c`)).toBe(
      "altinn.token.not-json",
    );
    expect(codeOf(`a.${base64url([1])}.c`)).toBe("altinn.token.not-object");
  });
});

describe("rule 2: a consumer claim the app cannot read ends the request, whoever the caller", () => {
  // Authenticated.cs line 796 deserialises any JSON `consumer` into OrgClaim while reading the
  // claims, before the caller kind is known: a number or object where a string belongs, or an
  // array, is a JsonException, so the request ends with 500, not a 403 or a pass.
  const orgToken = (consumer: unknown) => ({
    "urn:altinn:orgNumber": "913312465",
    "urn:altinn:authlevel": 3,
    "urn:altinn:authenticatemethod": "maskinporten",
    scope: "ttd:skjema.instances.read",
    consumer,
  });
  it.each([
    ["a number ID", { authority: "iso6523-actorid-upis", ID: 913312465 }],
    ["an object authority", { authority: { name: "x" }, ID: "0192:913312465" }],
    ["an array", [{ authority: "iso6523-actorid-upis", ID: "0192:913312465" }]],
  ])("%s", (_name, consumer) => {
    for (const claims of [
      orgToken(consumer),
      person({ consumer }),
      serviceOwner({ Consumer: consumer }),
    ]) {
      const answer = decide({ claims });
      expect(answer).toMatchObject({
        code: "token-error",
        allowed: false,
        response: { status: 500 },
      });
      expect(answer.callerError).toMatch(/consumer/);
    }
  });
  it("a readable consumer, null members or a plain string are read as before", () => {
    for (const consumer of [
      { authority: "iso6523-actorid-upis", ID: "0192:913312465" },
      { authority: null, ID: null },
      {},
      "0192:913312465",
      42,
    ]) {
      expect(decide({ claims: orgToken(consumer) })).toMatchObject({
        caller: "org",
        code: "scope-matched",
      });
    }
  });
});

describe("rule 2: numbers and Guids in the token are read as .NET reads them", () => {
  it("an authentication level with a no-break space is no int: the request ends with 500", () => {
    // Authenticated.cs lines 1072 and 1022-1024: int.TryParse skips only ASCII white.
    const nbsp = decide({ claims: person({ "urn:altinn:authlevel": "\u00a02", scope: "x" }) });
    expect(nbsp).toMatchObject({ code: "token-error", response: { status: 500 } });
    expect(nbsp.callerError).toMatch(/authentication level/);
    const ascii = decide({ claims: person({ "urn:altinn:authlevel": " 2\t", scope: "x" }) });
    expect(ascii).toMatchObject({ caller: "user", code: "scope-missing" });
  });
  it.each([
    ["in braces", "{d111dbab-d619-4f15-bf29-58fe570a9ae6}"],
    ["without hyphens", "d111dbabd6194f15bf2958fe570a9ae6"],
    ["with a space", " d111dbab-d619-4f15-bf29-58fe570a9ae6"],
  ])("a systemuser_id %s cannot be deserialised: 500", (_name, id) => {
    // Authenticated.cs lines 1104 and 1116: System.Text.Json reads Guid members in the D form only.
    const claims = systemUser();
    (claims.authorization_details as { systemuser_id: string[] }).systemuser_id = [id];
    expect(decide({ claims: { ...claims, scope: "ttd:skjema.instances.read" } })).toMatchObject({
      code: "token-error",
      response: { status: 500 },
    });
  });
});

describe("rule 3: a text without a value", () => {
  // TranslationService.cs lines 255-258 return the text found, lines 99-119 give its null value,
  // and the middleware's `?? "Insufficient scope"` (line 101) stands in; the text found also
  // ends the search, so `appName` does not fall back to the title.
  const config = resolveApiScopes({
    id: "ttd/skjema",
    title: { nb: "Søknadsskjema" },
    apiScopes: { users: { read: "ttd:a", errorMessageTextResourceKey: "appName" } },
  });
  it.each([
    ["null", { id: "appName", value: null }],
    ["missing", { id: "appName" }],
  ])("a value that is %s gives Insufficient scope", (_name, text) => {
    const answer = decide({
      config,
      tokenScopes: "",
      textResources: { nb: { resources: [text] } },
    });
    expect(answer.response).toMatchObject({ status: 403, body: { detail: "Insufficient scope" } });
  });
  it("the first text with the id counts, even when it has no value", () => {
    const answer = decide({
      config,
      tokenScopes: "",
      textResources: {
        nb: {
          resources: [
            { id: "appName", value: null },
            { id: "appName", value: "B" },
          ],
        },
      },
    });
    expect(answer.response).toMatchObject({ body: { detail: "Insufficient scope" } });
  });
});

describe("rules 1 and 6: the path as Kestrel hands it to routing and to the 403", () => {
  // Kestrel decodes %XX in the path except %2F and removes "." and ".." segments before routing
  // (ASP.NET Core `UrlDecoder.DecodeInPlace`, `PathNormalizer.RemoveDotSegments`); the middleware
  // routes that path and writes it as the 403's `instance` (line 112, `context.Request.Path`).
  it.each([
    ["a dot segment", `/ttd/skjema/instances/50001337/./${GUID}`],
    ["a dot-dot segment", `/ttd/skjema/data/../instances/50001337/${GUID}`],
    ["an encoded dot-dot segment", `/ttd/skjema/data/%2E%2E/instances/50001337/${GUID}`],
  ])("%s is removed before routing", (_name, path) => {
    const answer = decide({ path, tokenScopes: "" });
    expect(answer).toMatchObject({ code: "scope-missing", checked: true });
    expect(answer.response).toMatchObject({ body: { instance: INSTANCE } });
  });
  it("the instance is the decoded path; %2F stays encoded", () => {
    const answer = decide({
      path: `/ttd/sk%6Aema/instances/50001337/${GUID}?a=%20`,
      tokenScopes: "",
    });
    expect(answer.response).toMatchObject({ body: { instance: INSTANCE } });
    const slash = decide({ path: `/ttd/skjema/instances/50001337%2F${GUID}`, tokenScopes: "" });
    expect(slash).toMatchObject({ code: "no-route", allowed: true });
  });
  it("an empty first segment matches no route", () => {
    expect(decide({ path: `/${INSTANCE}`, tokenScopes: "" })).toMatchObject({ code: "no-route" });
  });
});

import { describe, expect, it } from "vitest";
import { authorize } from "./authorize";
import { resolveApiScopes } from "./resolve";
import {
  APP_LIB_ENDPOINTS,
  endpointRule,
  matchRoute,
  parseEndpointList,
  routeParameters,
} from "./routes";

// An app's own controllers use every part of ASP.NET Core's route template language: optional
// parameters (`{x?}`), defaults (`{x=nb}`) and catch-alls (`{*x}`, `{**x}`). The app's routing
// reaches those endpoints, so the middleware checks them (ScopeAuthorizationMiddleware.cs lines
// 66-72, 448-450); "try a request" must too, not answer "no route, let through".
const GUID = "0fc98a23-fe80-4d7b-b4e6-9f4a1b3c2d10";
const config = resolveApiScopes({
  id: "ttd/skjema",
  apiScopes: { users: { read: "ttd:skjema.read", write: "ttd:skjema.write" } },
});
const own = parseEndpointList(
  [
    "GET {org}/{app}/api/case/{instanceGuid?}",
    "GET {org}/{app}/api/texts/{instanceId}/{lang=nb}",
    "GET {org}/{app}/instances/{instanceOwnerPartyId:int}/{instanceGuid:guid}/files/{*path}",
    "GET {org}/{app}/api/files/{**path}",
    "GET {org}/{app}/api/{**rest}",
    "GET {org}/{app}/api/export/{**instanceId}",
    "GET {org}/{app}/api/by-party/{instanceOwnerPartyId:int?}",
  ].join("\n"),
);
const endpoints = [...APP_LIB_ENDPOINTS, ...own.endpoints];
const decide = (path: string) =>
  authorize({ method: "GET", path, config, tokenScopes: "", endpoints });

describe("route templates as ASP.NET Core reads them", () => {
  it("reads the names of optional, default and catch-all parameters", () => {
    expect(own.invalid).toEqual([]);
    expect(routeParameters("{org}/{app}/api/case/{instanceGuid?}")).toEqual([
      "org",
      "app",
      "instanceGuid",
    ]);
    expect(routeParameters("{org}/{app}/x/{lang=nb}")).toContain("lang");
    expect(routeParameters("{org}/{app}/x/{*instanceId}")).toContain("instanceId");
    expect(routeParameters("{org}/{app}/x/{**instanceId}")).toContain("instanceId");
    expect(routeParameters("{org}/{app}/x/{id:regex(^a:b$)}")).toContain("id");
    expect(
      endpointRule({ method: "GET", route: "{org}/{app}/api/export/{**instanceId}" }),
    ).toMatchObject({ checked: true, parameter: "instanceId" });
  });

  it("an optional instance parameter left out still reaches the endpoint, which is checked", () => {
    expect(decide("/ttd/skjema/api/case")).toMatchObject({ code: "scope-missing" });
    expect(decide("/ttd/skjema/api/case/x")).toMatchObject({ code: "scope-missing" });
    expect(decide("/ttd/skjema/api/by-party")).toMatchObject({ code: "scope-missing" });
    // A constraint is not checked on an absent value, but is on a present one.
    expect(decide("/ttd/skjema/api/by-party/abc").endpoint?.route).toBe("{org}/{app}/api/{**rest}");
  });

  it("a parameter with a default may be left out", () => {
    const answer = decide("/ttd/skjema/api/texts/1234");
    expect(answer.code).toBe("scope-missing");
    expect(answer.endpoint?.route).toBe("{org}/{app}/api/texts/{instanceId}/{lang=nb}");
  });

  it("a catch-all takes the rest of the path, or none of it", () => {
    const deep = decide(`/ttd/skjema/instances/501337/${GUID}/files/a/b/c.pdf`);
    expect(deep).toMatchObject({ code: "scope-missing" });
    expect(
      matchRoute("GET", `/ttd/skjema/instances/501337/${GUID}/files/a/b/c.pdf`, endpoints),
    ).toMatchObject({
      matched: true,
      values: { path: "a/b/c.pdf" },
    });
    expect(decide(`/ttd/skjema/instances/501337/${GUID}/files`).code).toBe("scope-missing");
    expect(decide("/ttd/skjema/api/files/a/b").code).toBe("not-instance-endpoint");
    expect(decide("/ttd/skjema/api/export/1/2").code).toBe("scope-missing");
  });

  it("the most specific template wins over a catch-all", () => {
    expect(decide("/ttd/skjema/api/case/x").endpoint?.route).toBe(
      "{org}/{app}/api/case/{instanceGuid?}",
    );
    expect(decide("/ttd/skjema/api/anything/else").endpoint?.route).toBe(
      "{org}/{app}/api/{**rest}",
    );
  });

  it("a path longer than a template without a catch-all does not match it", () => {
    expect(matchRoute("GET", "/ttd/skjema/api/case/x/y", own.endpoints)).toMatchObject({
      matched: true,
      endpoint: { route: "{org}/{app}/api/{**rest}" },
    });
    expect(matchRoute("GET", "/ttd/skjema/api/case/x/y", [own.endpoints[0]!])).toMatchObject({
      matched: false,
      status: 404,
    });
  });
});
